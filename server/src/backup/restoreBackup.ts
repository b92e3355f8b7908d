/**
 * Restores a backup into an empty or an existing database in ONE transaction: either everything
 * in the file is written or nothing is. Workshops (or boards) that exist already are a conflict
 * unless `replace` is set, which deletes them first. Facilitator accounts that exist already are
 * kept as they are. A backup from a newer schema is refused.
 */
import * as Y from 'yjs'
import type { Db, Queryable } from '../storage/Db.ts'
import { loadMigrations, type Migration } from '../storage/migrate.ts'
import { quote } from './createBackup.ts'
import type { BackupContent, BackupRow } from './format.ts'
import { EXCLUDED_TABLES, parentsFirst, readTables, SHARED_TABLES } from './tables.ts'

const LOCK = 'ideenwand:restore'
const BATCH = 500

/** The backup does not fit the target database; nothing was written. */
export class RestoreError extends Error {
  override name = 'RestoreError'
}

export interface RestoreResult {
  workshops: { id: string; title: string; replaced: boolean }[]
  rows: number
}

/**
 * Checks that this release can read a backup made with `migrations`: every one of them must be
 * known with the same checksum. Older backups are fine (missing columns get their defaults).
 */
export function checkBackupSchema(
  content: BackupContent,
  known: Migration[] = loadMigrations(),
): void {
  const byVersion = new Map(known.map((m) => [m.version, m]))
  for (const m of content.header.migrations) {
    const ours = byVersion.get(m.version)
    if (!ours) {
      throw new RestoreError(
        `the backup was made by a newer Ideenwand (its database has migration ` +
          `${String(m.version).padStart(3, '0')}_${m.name}, this release stops at ` +
          `${String(known.at(-1)?.version ?? 0).padStart(3, '0')}); restore it with that release`,
      )
    }
    if (ours.name !== m.name || (m.checksum !== null && m.checksum !== ours.checksum)) {
      throw new RestoreError(
        `the backup's migration ${String(m.version).padStart(3, '0')}_${m.name} differs from ` +
          `this release's ${String(ours.version).padStart(3, '0')}_${ours.name}.sql`,
      )
    }
  }
}

/** Writes `content` into `db` (migrated to this release). */
export async function restoreBackup(
  db: Db,
  content: BackupContent,
  options: { replace?: boolean } = {},
): Promise<RestoreResult> {
  checkBackupSchema(content)
  const workshops = content.rows.get('workshops') ?? []
  const boards = content.rows.get('boards') ?? []
  validateBoards(content.rows.get('board_snapshots') ?? [])
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock(hashtext($1))', [LOCK])
    const tables = await readTables(tx)
    for (const name of content.rows.keys()) {
      if (name in EXCLUDED_TABLES || !tables.has(name)) {
        throw new RestoreError(`the backup holds table ${name}, which this database does not have`)
      }
    }

    // Conflicts: workshops and boards that exist already.
    const workshopIds = workshops.map((w) => String(w.id))
    const boardIds = boards.map((b) => String(b.id))
    const existing = await tx.query<{ id: string; title: string; board_id: string }>(
      'select id, title, board_id from workshops where id = any($1) or board_id = any($2)',
      [workshopIds, boardIds],
    )
    const existingBoards = await tx.query<{ id: string }>(
      'select id from boards where id = any($1)',
      [boardIds],
    )
    if ((existing.length > 0 || existingBoards.length > 0) && !options.replace) {
      const names = existing.map((w) => `"${w.title}" (${w.id})`)
      const loose = existingBoards.filter((b) => !existing.some((w) => w.board_id === b.id))
      throw new RestoreError(
        `the target database already has ${[
          ...names.map((n) => `workshop ${n}`),
          ...loose.map((b) => `board ${b.id}`),
        ].join(
          ', ',
        )}; restore with --replace to replace ${names.length + loose.length > 1 ? 'them' : 'it'}`,
      )
    }
    await checkAccounts(tx, content.rows.get('facilitators') ?? [])
    for (const w of existing) {
      // Tables that name the workshop without a foreign key (e.g. retention_log) first.
      for (const table of tables.values()) {
        if (table.name !== 'workshops' && table.columns.includes('workshop_id')) {
          await tx.query(`delete from ${quote(table.name)} where workshop_id = $1`, [w.id])
        }
      }
      await tx.query('delete from workshops where id = $1', [w.id])
      await tx.query('delete from boards where id = $1', [w.board_id])
    }
    for (const b of existingBoards) {
      const used = await tx.query('select 1 from workshops where board_id = $1', [b.id])
      if (used.length > 0) {
        throw new RestoreError(`board ${b.id} belongs to another workshop in the target database`)
      }
      await tx.query('delete from boards where id = $1', [b.id])
    }

    let count = 0
    for (const name of parentsFirst(tables, content.rows.keys())) {
      const table = tables.get(name)
      const rows = content.rows.get(name) ?? []
      if (!table || rows.length === 0) continue
      const keys = Object.keys(rows[0] ?? {}).filter((k) => !table.serialColumns.has(k))
      const unknown = keys.find((k) => !table.columns.includes(k))
      if (unknown) {
        throw new RestoreError(
          `the backup's table ${name} has a column ${unknown} this database lacks`,
        )
      }
      const cols = keys.map(quote).join(', ')
      const onConflict = SHARED_TABLES.has(name) ? 'on conflict do nothing' : ''
      for (let i = 0; i < rows.length; i += BATCH) {
        const batch = rows.slice(i, i + BATCH)
        try {
          await tx.query(
            `insert into ${quote(name)} (${cols})
             select ${cols} from jsonb_populate_recordset(null::${quote(name)}, $1::text::jsonb) ${onConflict}`,
            [JSON.stringify(batch)],
          )
        } catch (err) {
          throw translate(err, name)
        }
        count += batch.length
      }
    }
    return {
      workshops: workshops.map((w) => ({
        id: String(w.id),
        title: String(w.title),
        replaced: existing.some((e) => e.id === w.id),
      })),
      rows: count,
    }
  })
}

/** Every board snapshot must be a Yjs update, so a damaged one is refused before writing. */
function validateBoards(snapshots: BackupRow[]): void {
  for (const row of snapshots) {
    const hex = typeof row.data === 'string' ? row.data : ''
    try {
      if (!/^\\x([0-9a-f]{2})*$/.test(hex)) throw new Error('not hex')
      Y.applyUpdate(new Y.Doc(), Buffer.from(hex.slice(2), 'hex'))
    } catch {
      throw new RestoreError(`the board ${String(row.board_id)} in the backup is damaged`)
    }
  }
}

/** An account in the backup whose e-mail belongs to a different account here is a conflict. */
async function checkAccounts(tx: Queryable, accounts: BackupRow[]): Promise<void> {
  for (const a of accounts) {
    const other = await tx.query(
      'select 1 from facilitators where lower(email) = lower($1) and id <> $2',
      [String(a.email), String(a.id)],
    )
    if (other.length > 0) {
      throw new RestoreError(
        `the facilitator e-mail ${String(a.email)} belongs to a different account in the target ` +
          'database; rename or delete that account first',
      )
    }
  }
}

function translate(err: unknown, table: string): Error {
  const e = err as { code?: string; detail?: string; message?: string }
  if (e.code === '23505') {
    return new RestoreError(
      `conflict in table ${table}: ${e.detail ?? e.message ?? 'a row exists already'}`,
    )
  }
  if (typeof e.code === 'string' && /^2[23]/.test(e.code)) {
    return new RestoreError(`the backup's rows for ${table} do not fit: ${e.message ?? e.code}`)
  }
  return err instanceof Error ? err : new Error(String(err))
}
