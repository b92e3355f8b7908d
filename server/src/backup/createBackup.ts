/**
 * Takes a backup of one or more workshops, or of everything, in one consistent read: a
 * repeatable-read, read-only transaction on Postgres (safe while the server runs), the only
 * connection on PGlite. Each board is compacted into one Yjs snapshot on the way out.
 */
import * as Y from 'yjs'
import { applyStored } from '../storage/applyStored.ts'
import type { Db, Queryable } from '../storage/Db.ts'
import { appliedMigrations } from '../storage/migrate.ts'
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  type BackupContent,
  type BackupRow,
  type BackupScope,
} from './format.ts'
import { EXCLUDED_TABLES, parentsFirst, readTables, workshopFilter } from './tables.ts'

/** A backup was asked for something that does not exist. */
export class BackupError extends Error {
  override name = 'BackupError'
}

export async function createBackup(db: Db, scope: BackupScope): Promise<BackupContent> {
  return db.transaction(async (tx) => {
    // Must be the transaction's first statement; PGlite has one connection, so it is a no-op there.
    await tx.query('set transaction isolation level repeatable read, read only')
    const migrations = await appliedMigrations(tx)
    if (migrations.length === 0) {
      throw new BackupError('the database is empty: it has never been started with Ideenwand')
    }
    const tables = await readTables(tx)
    const ids = scope.kind === 'workshops' ? scope.ids : []
    if (scope.kind === 'workshops') {
      const found = await tx.query<{ id: string }>('select id from workshops where id = any($1)', [
        ids,
      ])
      const missing = ids.filter((id) => !found.some((f) => f.id === id))
      if (missing.length > 0) throw new BackupError(`no workshop with id ${missing.join(', ')}`)
    }
    const names = [...tables.keys()].filter((n) => !(n in EXCLUDED_TABLES))
    const rows = new Map<string, BackupRow[]>()
    const skipped: string[] = []
    for (const name of parentsFirst(tables, names)) {
      const table = tables.get(name)
      if (!table) continue
      if (name === 'board_snapshots') {
        rows.set(name, await compactBoards(tx, rows.get('boards') ?? [], skipped))
        continue
      }
      let where = ''
      if (scope.kind === 'workshops') {
        const filter = workshopFilter(table)
        if (filter === null) continue
        where = `where ${filter}`
      }
      const order = table.columns.includes('id') ? 'order by t.id' : ''
      const result = await tx.query<{ j: string }>(
        `select row_to_json(t)::text as j from ${quote(name)} t ${where} ${order}`,
        scope.kind === 'workshops' ? [ids] : [],
      )
      rows.set(
        name,
        result.map((r) => JSON.parse(r.j) as BackupRow),
      )
    }
    return {
      header: {
        type: 'header',
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        createdAt: new Date().toISOString(),
        engine: db.engine,
        scope,
        migrations,
        tables: Object.fromEntries([...rows].map(([name, list]) => [name, list.length])),
        excluded: { ...EXCLUDED_TABLES },
        ...(skipped.length > 0 ? { skippedBoardRows: skipped } : {}),
      },
      rows,
    }
  })
}

/** One `board_snapshots` row per board: its snapshot and update log merged into one update. */
async function compactBoards(
  tx: Queryable,
  boards: BackupRow[],
  skipped: string[],
): Promise<BackupRow[]> {
  const out: BackupRow[] = []
  for (const board of boards) {
    const id = String(board.id)
    const snap = await tx.query<{ data: Uint8Array }>(
      'select data from board_snapshots where board_id = $1',
      [id],
    )
    const updates = await tx.query<{ data: Uint8Array }>(
      'select data from board_updates where board_id = $1 and restore_point_id is null order by id',
      [id],
    )
    const doc = new Y.Doc({ gc: true })
    applyStored(
      doc,
      [...snap, ...updates].map((row) => row.data),
      { onSkip: () => skipped.push(id) },
    )
    const state = Y.encodeStateAsUpdate(doc)
    doc.destroy()
    out.push({
      board_id: id,
      data: `\\x${Buffer.from(state).toString('hex')}`,
      covers_update_id: 0,
      updated_at: new Date().toISOString(),
    })
  }
  return out
}

export function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`
}
