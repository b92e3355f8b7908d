/**
 * The minimal SQL surface the storage layer needs, with one implementation per engine:
 * Postgres through postgres.js when `DATABASE_URL` is set, embedded PGlite otherwise.
 * Queries use `$n` placeholders; both engines accept the same SQL.
 */
import { mkdirSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import postgres from 'postgres'

export type Engine = 'postgres' | 'pglite'

export type Row = Record<string, unknown>

export interface Queryable {
  query<T extends Row = Row>(text: string, params?: unknown[]): Promise<T[]>
}

export interface Db extends Queryable {
  readonly engine: Engine
  /** Runs several statements without parameters (migrations). */
  exec(text: string): Promise<void>
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>
  close(): Promise<void>
}

export type DbOptions =
  | { engine: 'postgres'; url: string; schema?: string; max?: number }
  | { engine: 'pglite'; dataDir: string | null }

export async function openDb(options: DbOptions): Promise<Db> {
  return options.engine === 'postgres' ? openPostgres(options) : openPglite(options.dataDir)
}

function openPostgres(options: { url: string; schema?: string; max?: number }): Db {
  const sql = postgres(options.url, {
    max: options.max ?? 10,
    onnotice: () => {},
    connection: options.schema ? { search_path: options.schema } : {},
  })
  const wrap = (q: postgres.Sql | postgres.TransactionSql): Queryable => ({
    async query<T extends Row>(text: string, params: unknown[] = []) {
      return (await q.unsafe(text, params as postgres.ParameterOrJSON<never>[])) as unknown as T[]
    },
  })
  return {
    engine: 'postgres',
    ...wrap(sql),
    async exec(text) {
      await sql.unsafe(text)
    },
    async transaction(fn) {
      return (await sql.begin((tx) => fn(wrap(tx)))) as Awaited<ReturnType<typeof fn>>
    },
    async close() {
      await sql.end({ timeout: 5 })
    },
  }
}

async function openPglite(dataDir: string | null): Promise<Db> {
  if (dataDir) mkdirSync(dataDir, { recursive: true })
  const db = await PGlite.create(dataDir ?? 'memory://')
  const wrap = (q: Pick<PGlite, 'query'>): Queryable => ({
    async query<T extends Row>(text: string, params: unknown[] = []) {
      return (await q.query<T>(text, params)).rows
    },
  })
  return {
    engine: 'pglite',
    ...wrap(db),
    async exec(text) {
      await db.exec(text)
    },
    transaction: (fn) => db.transaction((tx) => fn(wrap(tx))),
    close: () => db.close(),
  }
}
