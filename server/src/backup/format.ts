/**
 * The backup file: gzip-compressed JSON lines, self-describing.
 *
 * ```
 * {"type":"header","format":"ideenwand-backup","version":1,"createdAt":…,"scope":…,"migrations":[…],…}
 * {"type":"row","table":"workshops","row":{…}}          one line per row, parents before children
 * …
 * {"type":"end","rows":123}                             row count: a cut-off file is detected
 * ```
 *
 * Rows are the tables' columns as Postgres' `row_to_json` writes them (timestamps ISO 8601,
 * `bytea` as `\x` hex), so both engines read and write the same text. Boards appear as one
 * compacted Yjs snapshot each (`board_snapshots`), never as their raw update log.
 */
import { gunzipSync, gzipSync } from 'node:zlib'
import type { AppliedMigration } from '../storage/migrate.ts'

export const BACKUP_FORMAT = 'ideenwand-backup'
export const BACKUP_VERSION = 1

export type BackupScope = { kind: 'all' } | { kind: 'workshops'; ids: string[] }

export interface BackupHeader {
  type: 'header'
  format: typeof BACKUP_FORMAT
  version: typeof BACKUP_VERSION
  createdAt: string
  /** Engine the backup was taken from (informational; restore works across engines). */
  engine: string
  scope: BackupScope
  /** The database's applied migrations when the backup was taken. */
  migrations: AppliedMigration[]
  /** Rows per table in this file. */
  tables: Record<string, number>
  /** Tables deliberately left out, with the reason. */
  excluded: Record<string, string>
  /** Boards with stored rows that did not apply (corrupt) and were left out, once per row. */
  skippedBoardRows?: string[]
}

export type BackupRow = Record<string, unknown>

export interface BackupContent {
  header: BackupHeader
  /** Rows grouped by table, in file order. */
  rows: Map<string, BackupRow[]>
}

/** The file cannot be used; nothing was written. */
export class BackupFileError extends Error {
  override name = 'BackupFileError'
}

export function encodeBackup(content: BackupContent): Uint8Array {
  const lines: string[] = [JSON.stringify(content.header)]
  let count = 0
  for (const [table, rows] of content.rows) {
    for (const row of rows) {
      lines.push(JSON.stringify({ type: 'row', table, row }))
      count++
    }
  }
  lines.push(JSON.stringify({ type: 'end', rows: count }))
  return gzipSync(`${lines.join('\n')}\n`)
}

/** Parses and checks a whole file; throws {@link BackupFileError} with what is wrong. */
export function decodeBackup(bytes: Uint8Array): BackupContent {
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) {
    throw new BackupFileError('not an Ideenwand backup: the file is not gzip-compressed')
  }
  let text: string
  try {
    text = gunzipSync(bytes).toString('utf8')
  } catch (err) {
    throw new BackupFileError(
      `the backup file is damaged or cut off (${(err as Error).message}); nothing was restored`,
    )
  }
  const lines = text.split('\n')
  if (lines.at(-1) === '') lines.pop()
  const parsed = lines.map((line, i) => {
    try {
      return JSON.parse(line) as Record<string, unknown>
    } catch {
      throw new BackupFileError(`the backup file is damaged: line ${i + 1} is not JSON`)
    }
  })
  const header = parseHeader(parsed[0])
  const end = parsed.at(-1)
  if (parsed.length < 2 || end?.type !== 'end') {
    throw new BackupFileError('the backup file is cut off: its end marker is missing')
  }
  const rows = new Map<string, BackupRow[]>()
  let count = 0
  for (let i = 1; i < parsed.length - 1; i++) {
    const line = parsed[i]
    const table = line?.table
    const row = line?.row
    if (line?.type !== 'row' || typeof table !== 'string' || !isObject(row)) {
      throw new BackupFileError(`the backup file is damaged: line ${i + 1} is not a row`)
    }
    if (!/^[a-z_][a-z0-9_]*$/.test(table)) {
      throw new BackupFileError(`the backup file names an invalid table "${table}"`)
    }
    const list = rows.get(table) ?? []
    if (list.length === 0) rows.set(table, list)
    list.push(row)
    count++
  }
  if (end.rows !== count) {
    throw new BackupFileError(
      `the backup file is damaged: it should hold ${String(end.rows)} rows but holds ${count}`,
    )
  }
  for (const [table, n] of Object.entries(header.tables)) {
    if ((rows.get(table)?.length ?? 0) !== n) {
      throw new BackupFileError(`the backup file is damaged: table ${table} is incomplete`)
    }
  }
  return { header, rows }
}

function parseHeader(value: Record<string, unknown> | undefined): BackupHeader {
  if (value?.type !== 'header' || value.format !== BACKUP_FORMAT) {
    throw new BackupFileError('not an Ideenwand backup: the header is missing')
  }
  if (value.version !== BACKUP_VERSION) {
    throw new BackupFileError(
      `backup format version ${String(value.version)} is not supported (this release reads ` +
        `version ${BACKUP_VERSION}); restore it with the release that made it or a newer one`,
    )
  }
  const migrations = value.migrations
  const scope = value.scope
  const tables = value.tables
  if (
    !Array.isArray(migrations) ||
    !migrations.every(
      (m) =>
        isObject(m) &&
        Number.isInteger(m.version) &&
        typeof m.name === 'string' &&
        (m.checksum === null || typeof m.checksum === 'string'),
    ) ||
    !isObject(scope) ||
    !(
      scope.kind === 'all' ||
      (scope.kind === 'workshops' &&
        Array.isArray(scope.ids) &&
        scope.ids.every((id) => typeof id === 'string'))
    ) ||
    !isObject(tables) ||
    !Object.values(tables).every((n) => Number.isInteger(n))
  ) {
    throw new BackupFileError('the backup header is damaged')
  }
  return value as unknown as BackupHeader
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
