/**
 * Creates one migrated PGlite data directory per test run; tests copy it instead of running
 * initdb (~2 s) each time.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { migrate, openDb } from '@ideenwand/server'
import postgres from 'postgres'
import type { TestProject } from 'vitest/node'

export default async function setup(project: TestProject) {
  const root = mkdtempSync(join(tmpdir(), 'ideenwand-template-'))
  const dataDir = join(root, 'data')
  const db = await openDb({ engine: 'pglite', dataDir })
  await migrate(db)
  await db.close()
  project.provide('pgliteTemplate', dataDir)
  const prefix = `t_${Date.now().toString(36)}_`
  project.provide('schemaPrefix', prefix)
  return async () => {
    rmSync(root, { recursive: true, force: true })
    const url = process.env.DATABASE_URL
    if (!url) return
    const sql = postgres(url, { max: 1, onnotice: () => {} })
    const schemas = await sql<{ name: string }[]>`
      select nspname as name from pg_namespace where nspname like ${`${prefix}%`}`
    for (const { name } of schemas) await sql.unsafe(`drop schema "${name}" cascade`)
    await sql.end()
  }
}
