/**
 * Creates one migrated PGlite data directory per test run; tests copy it instead of running
 * initdb (~2 s) each time.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { migrate, openDb } from '@ideenwand/server'
import type { TestProject } from 'vitest/node'

export default async function setup(project: TestProject) {
  const root = mkdtempSync(join(tmpdir(), 'ideenwand-template-'))
  const dataDir = join(root, 'data')
  const db = await openDb({ engine: 'pglite', dataDir })
  await migrate(db)
  await db.close()
  project.provide('pgliteTemplate', dataDir)
  return () => rmSync(root, { recursive: true, force: true })
}
