/**
 * Storage engines under test: PGlite always, Postgres whenever DATABASE_URL is set (as in CI).
 * Each test gets an isolated database: a copy of a pre-initialised PGlite directory, or a fresh
 * Postgres schema.
 */
import { cpSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import postgres from 'postgres'
import { inject } from 'vitest'

export type Engine = 'pglite' | 'postgres'

export const ENGINES: Engine[] = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite']

/** Environment variables that point a server at a fresh, isolated database of `engine`. */
export async function freshDatabaseEnv(engine: Engine): Promise<Record<string, string>> {
  if (engine === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'ideenwand-test-'))
    const dataDir = join(dir, 'data')
    cpSync(inject('pgliteTemplate'), dataDir, { recursive: true })
    return { DATA_DIR: dataDir, DATABASE_URL: '' }
  }
  const url = process.env.DATABASE_URL
  if (!url) throw new Error('DATABASE_URL is required for the postgres engine')
  const schema = `${inject('schemaPrefix')}${Math.random().toString(36).slice(2, 10)}`
  const sql = postgres(url, { max: 1, onnotice: () => {} })
  await sql.unsafe(`create schema ${schema}`)
  await sql.end()
  return { DATABASE_URL: url, DATABASE_SCHEMA: schema }
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string
    /** Postgres schemas made by this run start with it; dropped when the run ends. */
    schemaPrefix: string
  }
}
