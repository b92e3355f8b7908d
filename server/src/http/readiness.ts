/**
 * `GET /readyz`: may this instance get traffic? Ready when the database answers and every
 * migration in server/migrations is applied; not while shutting down. A load balancer or
 * orchestrator polls it (`/healthz` only says the process is alive). 503 bodies name the check
 * that failed: `{ "status": "not_ready", "failing": "database", "checks": {…} }`.
 */
import type { Handler } from 'hono'
import type { Queryable } from '../storage/Db.ts'
import { loadMigrations } from '../storage/migrate.ts'

const CHECK_TIMEOUT_MS = 2_000

type CheckResult = 'ok' | string

export function readiness(deps: { db: Queryable; isShuttingDown: () => boolean }): Handler {
  const expected = loadMigrations().map((m) => m.version)
  return async (c) => {
    c.header('Cache-Control', 'no-store')
    const checks: Record<string, CheckResult> = {}
    if (deps.isShuttingDown()) {
      checks.shutdown = 'the server is shutting down'
      return c.json({ status: 'not_ready', failing: 'shutdown', checks }, 503)
    }
    let applied: Set<number>
    try {
      const rows = await withTimeout(
        deps.db.query<{ version: number | string }>('select version from schema_migrations'),
      )
      applied = new Set(rows.map((r) => Number(r.version)))
      checks.database = 'ok'
    } catch (err) {
      checks.database = `no answer: ${err instanceof Error ? err.message : String(err)}`
      return c.json({ status: 'not_ready', failing: 'database', checks }, 503)
    }
    const missing = expected.filter((v) => !applied.has(v))
    checks.migrations = missing.length === 0 ? 'ok' : `not applied: ${missing.join(', ')}`
    if (missing.length > 0) {
      return c.json({ status: 'not_ready', failing: 'migrations', checks }, 503)
    }
    return c.json({ status: 'ready', checks })
  }
}

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`timed out after ${CHECK_TIMEOUT_MS} ms`)),
      CHECK_TIMEOUT_MS,
    )
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}
