/**
 * Forward-only, tamper-evident SQL migrations from server/migrations (`NNN_name.sql`), applied at
 * start-up in order, each in its own transaction, under an advisory lock so two instances starting
 * together do not race.
 *
 * Every applied migration is recorded with the SHA-256 of its file. Before anything is applied the
 * database is checked against the files this release ships; start-up is refused with a
 * {@link MigrationError} when
 * - a migration recorded in the database is not among the files (a newer release ran against this
 *   database: downgrades are refused),
 * - an applied migration's file changed since it was applied (edit the schema in a new migration
 *   instead),
 * - a pending migration is numbered below one already applied (it would run out of order).
 *
 * Databases from releases that did not record checksums get them filled in from the current files
 * the first time this code runs (their rows say `checksum is null`); from then on they are checked.
 */
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { SERVER_DIR } from '../serverDir.ts'
import type { Db, Queryable } from './Db.ts'

const MIGRATIONS_DIR = fileURLToPath(new URL('migrations/', SERVER_DIR))
const LOCK_ID = 4_711_2026
const FILE_PATTERN = /^(\d{3})_([a-z0-9_]+)\.sql$/

export interface Migration {
  version: number
  name: string
  sql: string
  /** SHA-256 (hex) of the file with line endings normalised to LF. */
  checksum: string
}

/** A migration recorded in the database's `schema_migrations` table. */
export interface AppliedMigration {
  version: number
  name: string
  /** Null for rows written by releases that did not record checksums yet. */
  checksum: string | null
}

/** The database and this release's migration files do not fit together; start-up must stop. */
export class MigrationError extends Error {
  override name = 'MigrationError'
}

export function migrationChecksum(sql: string): string {
  return createHash('sha256').update(sql.replace(/\r\n/g, '\n'), 'utf8').digest('hex')
}

/** Reads the migration files; refuses two files with one number (a merge of parallel work). */
export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const migrations = readdirSync(dir)
    .filter((f) => FILE_PATTERN.test(f))
    .sort()
    .map((file) => {
      const sql = readFileSync(dir + file, 'utf8')
      return {
        version: Number(file.slice(0, 3)),
        name: file.slice(4, -4),
        sql,
        checksum: migrationChecksum(sql),
      }
    })
  for (let i = 1; i < migrations.length; i++) {
    const [a, b] = [migrations[i - 1], migrations[i]]
    if (a && b && a.version === b.version) {
      throw new MigrationError(
        `Two migrations share number ${a.version}: ${fileName(a)} and ${fileName(b)}. ` +
          'Renumber the newer one.',
      )
    }
  }
  return migrations
}

/** Applies pending migrations; returns the versions applied now. */
export async function migrate(db: Db, migrations = loadMigrations()): Promise<number[]> {
  const applied: number[] = []
  for (;;) {
    const version = await db.transaction(async (tx) => {
      // Under the lock: instances starting together on a new database would otherwise race in
      // `create table if not exists` (Postgres answers the loser with a duplicate pg_type key).
      await tx.query('select pg_advisory_xact_lock($1)', [LOCK_ID])
      await ensureTable(tx)
      const recorded = await readApplied(tx)
      const pending = await verify(tx, recorded, migrations)
      const next = pending[0]
      if (!next) return null
      for (const statement of splitStatements(next.sql)) await tx.query(statement)
      await tx.query(
        'insert into schema_migrations (version, name, checksum) values ($1, $2, $3)',
        [next.version, next.name, next.checksum],
      )
      return next.version
    })
    if (version === null) return applied
    applied.push(version)
  }
}

/** The migrations recorded in the database, in order (empty for a new database). */
export async function appliedMigrations(db: Queryable): Promise<AppliedMigration[]> {
  const table = await db.query(`select to_regclass('schema_migrations') is not null as present`)
  if (table[0]?.present !== true) return []
  const hasChecksum = await db.query(
    `select 1 from information_schema.columns
     where table_schema = current_schema() and table_name = 'schema_migrations' and column_name = 'checksum'`,
  )
  return readApplied(db, hasChecksum.length > 0)
}

/**
 * Checks the recorded migrations against `migrations` (see the module comment) and returns the
 * pending ones in order. Fills in missing checksums of rows written by older releases.
 */
async function verify(
  tx: Queryable,
  recorded: AppliedMigration[],
  migrations: Migration[],
): Promise<Migration[]> {
  const known = new Map(migrations.map((m) => [m.version, m]))
  const newest = migrations.at(-1)?.version ?? 0
  for (const row of recorded) {
    const file = known.get(row.version)
    if (!file) {
      throw new MigrationError(
        `The database has migration ${pad(row.version)}_${row.name}, which this release does not ` +
          `know (its newest is ${pad(newest)}). A newer Ideenwand has upgraded this database; ` +
          'downgrades are not supported. Run the newer release, or restore a backup made with ' +
          'this one.',
      )
    }
    if (row.checksum === null) {
      await tx.query('update schema_migrations set checksum = $1 where version = $2', [
        file.checksum,
        row.version,
      ])
    } else if (row.checksum !== file.checksum || row.name !== file.name) {
      throw new MigrationError(
        `Migration ${fileName(file)} was changed after it was applied to this database ` +
          `(recorded ${pad(row.version)}_${row.name} sha256 ${row.checksum.slice(0, 12)}…, ` +
          `file sha256 ${file.checksum.slice(0, 12)}…). Migrations are forward-only: restore the ` +
          'original file and put the change into a new migration.',
      )
    }
  }
  const done = new Set(recorded.map((r) => r.version))
  const highest = Math.max(0, ...done)
  const pending = migrations.filter((m) => !done.has(m.version))
  const early = pending.find((m) => m.version < highest)
  if (early) {
    throw new MigrationError(
      `Migration ${fileName(early)} is pending but migration ${pad(highest)} is already applied; ` +
        'it would run out of order. Renumber it above the newest applied migration.',
    )
  }
  return pending
}

async function ensureTable(db: Queryable): Promise<void> {
  await db.query(`create table if not exists schema_migrations (
    version integer primary key,
    name text not null,
    applied_at timestamptz not null default now(),
    checksum text
  )`)
  await db.query('alter table schema_migrations add column if not exists checksum text')
}

async function readApplied(db: Queryable, withChecksum = true): Promise<AppliedMigration[]> {
  const rows = await db.query<{ version: number; name: string; checksum: string | null }>(
    `select version, name, ${withChecksum ? 'checksum' : 'null as checksum'}
     from schema_migrations order by version`,
  )
  return rows.map((r) => ({ version: Number(r.version), name: r.name, checksum: r.checksum }))
}

function pad(version: number): string {
  return String(version).padStart(3, '0')
}

function fileName(m: { version: number; name: string }): string {
  return `${pad(m.version)}_${m.name}.sql`
}

/** Splits a migration file on semicolons at line ends; migrations avoid semicolons elsewhere. */
function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*$/m)
    .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
    .filter((s) => s.length > 0)
}
