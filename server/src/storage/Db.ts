/**
 * The minimal SQL surface the storage layer needs, with one implementation per engine:
 * Postgres through postgres.js when `DATABASE_URL` is set, embedded PGlite otherwise.
 * Queries use `$n` placeholders; both engines accept the same SQL.
 */
import { mkdirSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import postgres from 'postgres'
import { lockPgliteDir } from './pgliteLock.ts'

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

/**
 * A JS array as a Postgres array literal (`{"a","b"}`), sent as text; the statement's context
 * (`id = any($1)`) gives it its array type. Needed because postgres.js only serialises arrays
 * after it has fetched the server's array types, which it is told not to do (see below).
 */
export function pgArrayLiteral(values: readonly unknown[]): string {
  const items = values.map((v) => {
    if (v === null || v === undefined) return 'NULL'
    if (Array.isArray(v)) return pgArrayLiteral(v)
    return `"${String(v).replace(/[\\"]/g, (c) => `\\${c}`)}"`
  })
  return `{${items.join(',')}}`
}

function openPostgres(options: { url: string; schema?: string; max?: number }): Db {
  const sql = postgres(options.url, {
    max: options.max ?? 10,
    onnotice: () => {},
    connection: options.schema ? { search_path: options.schema } : {},
    // postgres.js fetches the array types on each new connection from a promise nobody awaits:
    // a connection reset during that query (Postgres restarting, a proxy dropping the link)
    // became an unhandled rejection, which ends a Node process. No column of ours is an array;
    // array parameters are sent as literals (pgArrayLiteral).
    fetch_types: false,
    // postgres.js waits before reconnecting, by failures counted across the pool:
    // 3^n / 100 s with a random half off, up to 20 s. After an outage of half a minute a
    // connection could so sit out up to 20 s more while the database is back (acks, board loads
    // and access checks waiting on it). Capped at 2 s: once the database is back, the server is
    // within 2 s.
    backoff: (retries: number) => Math.min(0.1 * 2 ** retries, 2),
  })
  const wrap = (q: postgres.Sql | postgres.TransactionSql): Queryable => ({
    async query<T extends Row>(text: string, params: unknown[] = []) {
      const values = params.map((p) => (Array.isArray(p) ? pgArrayLiteral(p) : p))
      return (await q.unsafe(text, values as postgres.ParameterOrJSON<never>[])) as unknown as T[]
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

const BYTEA_OID = 17

/**
 * bytea arrives as text in hex format (`\x0a1b…`). PGlite's own parser decodes it in a JS loop,
 * 40× slower than Node's native hex decoder: 1.6 MB took 120–260 ms instead of 6 ms, most of a
 * large board's cold load (issue 7).
 */
function parseBytea(text: string): Uint8Array {
  if (!text.startsWith('\\x')) throw new Error('bytea not in hex format (bytea_output)')
  const buf = Buffer.from(text.slice(2), 'hex')
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.length)
}

async function openPglite(dataDir: string | null): Promise<Db> {
  if (dataDir) mkdirSync(dataDir, { recursive: true })
  // One process per data directory (see pgliteLock.ts).
  const unlock = dataDir ? lockPgliteDir(dataDir) : () => {}
  let db: PGlite
  try {
    db = await PGlite.create(dataDir ?? 'memory://', { parsers: { [BYTEA_OID]: parseBytea } })
  } catch (err) {
    unlock()
    throw err
  }
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
    async close() {
      try {
        await db.close()
      } finally {
        unlock()
      }
    },
  }
}
