/**
 * What the benchmark's scenarios share: the options of the run (parsed in main.ts and passed in),
 * the results table (`rows`) and the log, fresh databases and freshly started servers with a
 * board, and the scaffolding of one measurement — a failure logged as one line and the run going
 * on, the cleanup always done, a row recorded and its summary line printed.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { migrate, openDb } from '@ideenwand/server'
import postgres from 'postgres'
import { type DbTarget, ideenwandBoard } from './board.ts'
import type { Row } from './report.ts'
import type { Measured } from './run.ts'
import { baseKind, ServerProcess, variantEnv } from './servers.ts'

/** A measurement window: a warm-up that is discarded, then the part that counts. */
export interface Window {
  warmupMs: number
  measureMs: number
}

/** The options of a run (main.ts, from the command line and BENCH_* variables). */
export interface BenchOptions {
  quick: boolean
  /** The `--servers` names to compare. */
  servers: string[]
  /** The window of (a), (b) and (e). */
  window: Window
  /** How many generator processes the fan-out receivers are spread over (`--generators`). */
  generators: number
}

export const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? null

/** Every row measured; main.ts writes them to results/ at the end. */
export const rows: Row[] = []

export function log(msg: string): void {
  process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${msg}\n`)
}

const tmp = mkdtempSync(join(tmpdir(), 'ideenwand-bench-'))
let template = ''

/** Removes the run's temporary directory (PGlite template and copies). */
export function removeTmp(): void {
  rmSync(tmp, { recursive: true, force: true })
}

async function pgliteTemplate(): Promise<string> {
  if (template) return template
  template = join(tmp, 'template')
  const db = await openDb({ engine: 'pglite', dataDir: template })
  await migrate(db)
  await db.close()
  return template
}

/** A fresh, migrated database: a copy of the PGlite template, or a new schema in Postgres. */
export async function freshDb(
  engine: 'pglite' | 'postgres',
): Promise<{ env: Record<string, string>; target: DbTarget; drop(): Promise<void> }> {
  if (engine === 'pglite') {
    const dataDir = join(tmp, `db-${Math.random().toString(36).slice(2)}`)
    cpSync(await pgliteTemplate(), dataDir, { recursive: true })
    return {
      env: { DATA_DIR: dataDir, DATABASE_URL: '' },
      target: { engine: 'pglite', dataDir },
      drop: async () => rmSync(dataDir, { recursive: true, force: true }),
    }
  }
  if (!DATABASE_URL) throw new Error('postgres needs DATABASE_URL')
  const schema = `bench_${Math.random().toString(36).slice(2, 10)}`
  const sql = postgres(DATABASE_URL, { max: 1, onnotice: () => {} })
  await sql.unsafe(`create schema ${schema}`)
  await sql.end()
  return {
    env: { DATABASE_URL, DATABASE_SCHEMA: schema },
    target: { engine: 'postgres', url: DATABASE_URL, schema },
    drop: async () => {
      const s = postgres(DATABASE_URL, { max: 1, onnotice: () => {} })
      await s.unsafe(`drop schema ${schema} cascade`)
      await s.end()
    },
  }
}

export const IDEENWAND_ENV = {
  RATE_LIMIT_JOIN_PER_MINUTE: '100000',
  RATE_LIMIT_JOIN_PER_WORKSHOP: '100000',
  // With REDIS_URL the counters live in Redis and outlast one run.
  RATE_LIMIT_SETUP_PER_HOUR: '100000',
  // All bench clients of a board share one session, from one address.
  SYNC_CONNECTIONS_PER_SESSION: '100000',
  SYNC_CONNECTIONS_PER_IP: '100000',
  LOG_LEVEL: 'info',
}

/** Starts one server of `kind` with a board; returns how clients reach it. */
export async function startTarget(name: string, extraEnv: Record<string, string> = {}) {
  const kind = baseKind(name)
  if (kind === 'ideenwand') {
    const db = await freshDb('pglite')
    const server = await ServerProcess.start(kind, {
      ...IDEENWAND_ENV,
      ...db.env,
      ...variantEnv(name),
      ...extraEnv,
    })
    const access = await ideenwandBoard(server.httpUrl)
    const headers: Record<string, string> = { cookie: access.cookie }
    return {
      server,
      docName: access.boardId,
      headers,
      writerHeaders: { cookie: access.writerCookie } as Record<string, string>,
      workshopId: access.workshopId,
      participantCode: access.participantCode,
      stop: async () => {
        await server.stop()
        await db.drop()
      },
    }
  }
  const server = await ServerProcess.start(kind)
  const headers: Record<string, string> = {}
  return {
    server,
    docName: 'bench-board',
    headers,
    writerHeaders: headers,
    stop: () => server.stop(),
  }
}

export type Target = Awaited<ReturnType<typeof startTarget>>

/** Each entry's servers in an order that rotates with `i`, so no server always goes first. */
export function rotated(servers: string[], i: number): string[] {
  return servers.map((_, j) => servers[(i + j) % servers.length]!)
}

/**
 * Runs one measurement step: if it fails, logs `  failed: <first line>` and the benchmark goes on
 * with the next; `cleanup` (stopping servers, dropping databases) always runs.
 */
export async function attempt(step: () => Promise<void>, cleanup: () => Promise<void>) {
  try {
    await step()
  } catch (err) {
    log(`  failed: ${(err as Error).message.split('\n')[0]}`)
  } finally {
    await cleanup()
  }
}

/** Adds a row to the results and logs its summary line. */
export function record(row: Row): void {
  rows.push(row)
  log(summary(row))
}

/**
 * A fan-out row ((a), (e)): delivered and expected updates as the generators counted them, and
 * the server's CPU time per delivered update.
 */
export function fanoutRow(
  fields: Pick<Row, 'scenario' | 'label' | 'server' | 'n' | 'rate'>,
  m: Measured,
): Row {
  const delivered = m.totals.delivered ?? 0
  return {
    ...fields,
    m,
    delivered,
    expected: m.totals.expected ?? 0,
    cpuPerDeliveryUs: (m.serverCpuSeconds * 1e6) / Math.max(1, delivered),
  }
}

/** A row's summary line (latency, server CPU and memory, generator load, flags). */
function summary(r: Row): string {
  const m = r.m
  if (!m) return ''
  const l = m.latency
  return `  ${r.server}: delivered ${r.delivered}/${r.expected} p50 ${l.p50.toFixed(1)} p99 ${l.p99.toFixed(1)} max ${l.max.toFixed(1)} ms, server ${m.serverCpuCores.toFixed(2)} cores (${(m.serverSystemShare * 100).toFixed(0)} % kernel)${Number.isFinite(r.cpuPerDeliveryUs) ? ` (${r.cpuPerDeliveryUs.toFixed(2)} µs/delivery)` : ''}, rss ${m.rssMiB.toFixed(0)} MiB, eld p99 ${m.eventLoop.p99} ms, generator ${(m.generatorCore * 100).toFixed(0)} %${m.generatorEventLoop ? ` (its event loop p99 ${m.generatorEventLoop.p99.toFixed(1)} max ${m.generatorEventLoop.max.toFixed(1)} ms)` : ''}${m.perBeacon ? `; per beacon p99: first receiver ${m.perBeacon.first.p99.toFixed(1)}, last ${m.perBeacon.last.p99.toFixed(1)}, spread ${m.perBeacon.spread.p99.toFixed(1)} ms` : ''}${m.perCursor ? `; each cursor at each observer: min ${m.perCursor.hzMin.toFixed(1)} Hz, p1 ${m.perCursor.hzP1.toFixed(1)}, p50 ${m.perCursor.hzP50.toFixed(1)}, longest gap p99 ${m.perCursor.gapMs.p99.toFixed(0)} max ${m.perCursor.gapMs.max.toFixed(0)} ms` : ''}${m.valid ? '' : ' INVALID'}${m.converged === false ? ' NOT CONVERGED' : ''}`
}
