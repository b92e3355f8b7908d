/**
 * `pnpm bench [--quick] [--only=a,b,c,d,e,f] [--servers=ideenwand,reference,hocuspocus]`: the
 * benchmark program. Runs the scenarios of issue 7 against Ideenwand and, for (a), (b) and (d),
 * side by side with the y-websocket reference server and Hocuspocus (alternating order), then
 * writes results/<profile>.md, .json and -chart.svg. Servers run pinned to core 0, load
 * generators to core 1.
 */
import { execFileSync } from 'node:child_process'
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { migrate, openDb } from '@ideenwand/server'
import postgres from 'postgres'
import WebSocket from 'ws'
import { coldBoardUpdates, type DbTarget, ideenwandBoard, seedBoard } from './board.ts'
import { idleScenario } from './idle.ts'
import { MIX_DEFAULT, type MixResult, runMixOn, sizingMix } from './mixScenario.ts'
import { type Row, renderChart, renderMarkdown } from './report.ts'
import { type Measured, measure } from './run.ts'
import { baseKind, DIALECT, HAS_TASKSET, ROOT, ServerProcess, variantEnv } from './servers.ts'
import { Framer } from './wire.ts'

const args = new Map(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, '').split('=')
    return [k ?? '', v ?? 'true'] as const
  }),
)
const QUICK = args.has('quick')
/** `--tag=before` writes results/<profile>-before.* (e.g. with BENCH_IDEENWAND_ROOT set). */
const TAG = args.get('tag')
const PROFILE = `${QUICK ? 'quick' : 'full'}${TAG ? `-${TAG}` : ''}`
const ONLY = new Set((args.get('only') ?? 'a,b,c,d,e,f,g').split(','))
/**
 * The servers to compare. `ideenwand-t50` is Ideenwand with `SYNC_UPDATE_TICK_MS=50`: a setting's
 * trade-off, measured side by side with the default.
 */
const SERVERS = (args.get('servers') ?? 'ideenwand,reference,hocuspocus').split(',')
for (const name of SERVERS) baseKind(name)
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? null
const RESULTS = fileURLToPath(new URL('../results/', import.meta.url))
/** `--generators=K` spreads the fan-out receivers over K generator processes (all on core 1). */
const GENERATORS = Math.max(1, Number(args.get('generators') ?? 1) || 1)
/** `BENCH_WARMUP_MS` / `BENCH_MEASURE_MS` override the window (e.g. a longer warm-up for JIT tiering). */
const WINDOW = {
  warmupMs: Number(process.env.BENCH_WARMUP_MS ?? (QUICK ? 1000 : 2000)),
  measureMs: Number(process.env.BENCH_MEASURE_MS ?? (QUICK ? 3000 : 6000)),
}

if (HAS_TASKSET) execFileSync('taskset', ['-pc', '1', String(process.pid)], { stdio: 'ignore' })

const rows: Row[] = []
const tmp = mkdtempSync(join(tmpdir(), 'ideenwand-bench-'))
let template = ''

function log(msg: string): void {
  process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${msg}\n`)
}

async function pgliteTemplate(): Promise<string> {
  if (template) return template
  template = join(tmp, 'template')
  const db = await openDb({ engine: 'pglite', dataDir: template })
  await migrate(db)
  await db.close()
  return template
}

async function freshDb(
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

const IDEENWAND_ENV = {
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
async function startTarget(name: string, extraEnv: Record<string, string> = {}) {
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

/** Each entry's servers in an order that rotates with `i`, so no server always goes first. */
function rotated(i: number): string[] {
  return SERVERS.map((_, j) => SERVERS[(i + j) % SERVERS.length]!)
}

async function fanout(configs: { n: number; rate: number }[]) {
  for (const [i, { n, rate }] of configs.entries()) {
    for (const kind of rotated(i)) {
      log(`(a) fan-out ${kind} N=${n} ${rate}/s`)
      const t = await startTarget(kind)
      try {
        const m = await measure(
          [t.server],
          {
            url: t.server.wsBase,
            docName: t.docName,
            dialect: DIALECT[baseKind(kind)],
            headers: t.headers,
            writerHeaders: t.writerHeaders,
            receivers: n,
            writers: 4,
            probes: 0,
            fullClients: baseKind(kind) === 'hocuspocus' ? 0 : 2,
            generators: GENERATORS,
          },
          { cmd: 'fanout', ratePerSecond: rate, ...WINDOW },
          WINDOW,
        )
        const delivered = m.totals.delivered ?? 0
        rows.push({
          scenario: 'a',
          label: `fan-out N=${n} @ ${rate}/s`,
          server: kind,
          n,
          rate,
          m,
          delivered,
          expected: m.totals.expected ?? 0,
          cpuPerDeliveryUs: (m.serverCpuSeconds * 1e6) / Math.max(1, delivered),
        })
        log(summary(rows.at(-1)!))
      } catch (err) {
        log(`  failed: ${(err as Error).message.split('\n')[0]}`)
      } finally {
        await t.stop()
      }
    }
  }
}

async function cursor(configs: { n: number; hz: number }[]) {
  for (const [i, { n, hz }] of configs.entries()) {
    for (const kind of rotated(i)) {
      log(`(b) cursor storm ${kind} N=${n} × ${hz} Hz`)
      const t = await startTarget(kind)
      try {
        const probes = Math.min(n, 20)
        const m = await measure(
          [t.server],
          {
            url: t.server.wsBase,
            docName: t.docName,
            dialect: DIALECT[baseKind(kind)],
            headers: t.headers,
            receivers: n,
            writers: 0,
            probes,
            fullClients: 0,
          },
          { cmd: 'cursor', hz, ...WINDOW },
          WINDOW,
        )
        const offered = (m.totals.sentInWindow ?? 0) * ((probes * (n - 1)) / n)
        rows.push({
          scenario: 'b',
          label: `cursors N=${n} × ${hz} Hz`,
          server: kind,
          n,
          rate: hz,
          m,
          delivered: m.totals.delivered ?? 0,
          expected: Math.round(offered),
          cpuPerDeliveryUs: Number.NaN,
        })
        log(summary(rows.at(-1)!))
      } catch (err) {
        log(`  failed: ${(err as Error).message.split('\n')[0]}`)
      } finally {
        await t.stop()
      }
    }
  }
}

/**
 * (g) The workshop mix (mix.ts). Ideenwand with phases and dots; Hocuspocus with the same sync and
 * presence load (it has no phases or dots); the reference server is left out (it falls behind on
 * cursors alone, see (b)).
 */
async function workshopMix() {
  const settings = { ...MIX_DEFAULT, ...(QUICK ? { phaseEveryMs: 10_000 } : {}) }
  const window = {
    warmupMs: 5000,
    measureMs: Number(process.env.BENCH_MIX_MS ?? (QUICK ? 30_000 : 90_000)),
  }
  for (const kind of SERVERS.filter((k) => baseKind(k) !== 'reference')) {
    log(
      `(g) workshop mix ${kind}: ${settings.n} participants, ${settings.typers} typing, ${settings.movers} dragging, cursors ${settings.cursorHz} Hz${baseKind(kind) === 'ideenwand' ? `, phase every ${settings.phaseEveryMs / 1000} s, ${settings.votesPerSecond} dots/s while voting` : ''}`,
    )
    // The crowd shares one participant session, so its ideas come from one person's budget.
    const t = await startTarget(kind, { SYNC_IDEAS_PER_MINUTE: '100000' })
    try {
      const { m, mix } = await runMixOn(kind, t, settings, window)
      const kinds = Object.values(mix.kinds)
      rows.push({
        scenario: 'g',
        label: `workshop mix N=${settings.n}`,
        server: kind,
        n: settings.n,
        rate: 0,
        m,
        delivered: kinds.reduce((sum, k) => sum + k.delivered, 0),
        expected: kinds.reduce((sum, k) => sum + k.sent, 0),
        cpuPerDeliveryUs: Number.NaN,
        mix,
      })
      logMix(m, mix)
    } catch (err) {
      log(`  failed: ${(err as Error).message.split('\n')[0]}`)
    } finally {
      await t.stop()
    }
  }
}

/**
 * (h) Sizing: the workshop mix of a town meeting (`sizingMix`) for N participants on K instances,
 * all on this machine, Postgres and Redis as in production. Two ways to run it:
 * - `NxK` (`--sizing=1000x1,1000x2`): every instance gets its share, all on core 0 (K instances
 *   on one core stand for K machines' work on one);
 * - `N/K` (`--sizing=5000/5`): one instance of K measured in full — on core 0, its N/K share of
 *   the crowd, every change of all N people reaching it (its own clients' directly, the others'
 *   through Redis) — while the other K−1 shares' people who type, drag or move a cursor (not
 *   their viewers) are served by `FEEDER_INSTANCES` processes on core 1 with the load generator.
 *   The instances
 *   are alike, so the one measured shows what each of K machines must carry; this machine cannot
 *   hold N viewers' sockets on every instance at once.
 */
/**
 * Sizing `N/K`: how many processes carry the other K−1 shares' senders (`BENCH_FEEDERS`, default
 * 1). Each applies every change of the board, as every instance does; on this machine's second
 * core one of them leaves room for the load generator. The measured instance sees the same
 * changes either way (remote changes are paced into its own ticks), from fewer publishers.
 */
const FEEDER_INSTANCES = Math.max(1, Number(process.env.BENCH_FEEDERS ?? 1))

async function sizing(configs: { n: number; k: number; oneMeasured: boolean }[]) {
  if (!DATABASE_URL) {
    log('(h) skipped: several instances need Postgres (set DATABASE_URL) and Redis on 6379')
    return
  }
  const window = { warmupMs: 8000, measureMs: Number(process.env.BENCH_MIX_MS ?? 90_000) }
  for (const { n, k, oneMeasured } of configs) {
    const settings = sizingMix(n)
    log(
      `(h) sizing N=${n} on ${k} instance(s)${oneMeasured ? ', one measured in full' : ''}: ${settings.cursorClients} on the whiteboard (cursor ${settings.cursorHz} Hz), ${n - settings.cursorClients} phones, ${settings.typers} typing, ${settings.movers} dragging`,
    )
    const db = await freshDb('postgres')
    const env = {
      ...IDEENWAND_ENV,
      ...db.env,
      REDIS_URL: 'redis://127.0.0.1:6379',
      SYNC_IDEAS_PER_MINUTE: '100000',
    }
    const instances: ServerProcess[] = []
    try {
      // One measured: the K−1 other shares' senders on FEEDER_INSTANCES processes (core 1).
      const processes = oneMeasured ? 1 + Math.min(k - 1, FEEDER_INSTANCES) : k
      for (let i = 0; i < processes; i++) {
        instances.push(
          await ServerProcess.start('ideenwand', env, [], i > 0 && oneMeasured ? 1 : 0),
        )
      }
      const first = instances[0]!
      const access = await ideenwandBoard(first.httpUrl)
      const others = instances.slice(1)
      const othersCpu = others.map((i) => i.cpuSeconds())
      const othersFrom = performance.now()
      const { m, mix } = await runMixOn(
        'ideenwand',
        {
          server: first,
          docName: access.boardId,
          headers: { cookie: access.cookie },
          writerHeaders: { cookie: access.writerCookie },
          workshopId: access.workshopId,
          participantCode: access.participantCode,
        },
        settings,
        window,
        // Client i goes to share i mod K; the other shares cycle through the feeder processes.
        Array.from({ length: k }, (_, i) =>
          i === 0 ? first : instances[1 + ((i - 1) % (instances.length - 1))]!,
        ),
        oneMeasured,
      )
      const kinds = Object.values(mix.kinds)
      rows.push({
        scenario: 'h',
        label: `sizing N=${n} on ${k} instance${k > 1 ? 's' : ''}${oneMeasured ? ', one measured' : ''}`,
        server: 'ideenwand',
        n,
        rate: k,
        m,
        delivered: kinds.reduce((sum, x) => sum + x.delivered, 0),
        expected: kinds.reduce((sum, x) => sum + x.sent, 0),
        cpuPerDeliveryUs: Number.NaN,
        mix,
      })
      logMix(m, mix)
      if (oneMeasured) {
        const seconds = (performance.now() - othersFrom) / 1000
        const cores = others.map((i, j) => (i.cpuSeconds() - othersCpu[j]!) / seconds)
        log(`  the other instances (whole run): ${cores.map((c) => c.toFixed(2)).join(', ')} cores`)
      }
    } catch (err) {
      log(`  failed: ${(err as Error).message.split('\n')[0]}`)
    } finally {
      // BENCH_DIAG: the instances' logs (why a client was closed) next to the results.
      if (process.env.BENCH_DIAG) {
        for (const [j, i] of instances.entries()) {
          writeFileSync(join(tmpdir(), `bench-sizing-${n}-${k}-${j}.log`), i.output)
        }
      }
      for (const i of instances) await i.stop()
      await db.drop()
    }
  }
}

function logMix(m: Measured, mix: MixResult): void {
  for (const [name, k] of Object.entries(mix.kinds)) {
    if (k.sent === 0 && k.delivered === 0) continue
    log(
      `  ${name}: delivered ${k.delivered}/${k.sent} p50 ${k.latency.p50.toFixed(1)} p99 ${k.latency.p99.toFixed(1)} max ${k.latency.max.toFixed(1)} ms`,
    )
  }
  log(
    `  server ${m.serverCpuCores.toFixed(2)} cores, rss ${m.rssMiB.toFixed(0)} MiB, eld p99 ${m.eventLoop.p99} ms, generator ${(m.generatorCore * 100).toFixed(0)} %, each phone received ${mix.viewerKBps.phone.toFixed(1)} KiB/s, each whiteboard ${mix.viewerKBps.whiteboard.toFixed(1)} KiB/s, closed by the server: ${mix.closed}${mix.errors.length ? `, errors: ${mix.errors.join('; ')}` : ''}`,
  )
}

async function reconnect(configs: { n: number }[]) {
  for (const [i, { n }] of configs.entries()) {
    for (const kind of rotated(i)) {
      log(`(d) reconnect storm ${kind} N=${n}`)
      const t = await startTarget(kind)
      try {
        const m = await measure(
          [t.server],
          {
            url: t.server.wsBase,
            docName: t.docName,
            dialect: DIALECT[baseKind(kind)],
            headers: t.headers,
            receivers: n,
            writers: 0,
            probes: 0,
            fullClients: baseKind(kind) === 'hocuspocus' ? 0 : 1,
          },
          { cmd: 'reconnect', windowMs: 2000, timeoutMs: 20_000 },
          null,
        )
        rows.push({
          scenario: 'd',
          label: `reconnect N=${n} in 2 s`,
          server: kind,
          n,
          rate: 0,
          m,
          delivered: n - (m.totals.failed ?? 0),
          expected: n,
          cpuPerDeliveryUs: Number.NaN,
        })
        log(summary(rows.at(-1)!))
      } catch (err) {
        log(`  failed: ${(err as Error).message.split('\n')[0]}`)
      } finally {
        await t.stop()
      }
    }
  }
}

/** Time from opening the socket to the server's complete sync step 2. */
async function timeToSync(
  url: string,
  headers: Record<string, string>,
): Promise<{ ms: number; bytes: number }> {
  const framer = new Framer('y', '')
  return new Promise((resolve, reject) => {
    const t0 = performance.now()
    const ws = new WebSocket(url, { headers, perMessageDeflate: false })
    ws.on('open', () => ws.send(framer.syncStep1(new Uint8Array([0]))))
    ws.on('message', (data: Buffer) => {
      const { type, sub } = framer.kind(data)
      if (type === 0 && sub === 1) {
        const ms = performance.now() - t0
        ws.close()
        resolve({ ms, bytes: data.length })
      }
    })
    ws.on('error', reject)
    setTimeout(() => reject(new Error('cold load timed out')), 60_000).unref()
  })
}

async function coldLoad(engines: ('pglite' | 'postgres')[], reps: number) {
  log('(c) building the 2,000-idea / 5,000-record board')
  const updates = coldBoardUpdates()
  for (const engine of engines) {
    const db = await freshDb(engine)
    try {
      let server = await ServerProcess.start('ideenwand', { ...IDEENWAND_ENV, ...db.env })
      const access = await ideenwandBoard(server.httpUrl)
      // A second, small board: the running server has served something before (its database
      // connection, session check and code are warm), as in production; the measured board is cold.
      const warm = await ideenwandBoard(server.httpUrl)
      await server.stop()
      for (const mode of ['snapshot', 'log'] as const) {
        const samples: number[] = []
        const serverMs: number[] = []
        const serverCpuMs: number[] = []
        const loadCpuMs: number[] = []
        let seeded = { rows: 0, bytes: 0 }
        let bytes = 0
        for (let r = 0; r < reps; r++) {
          seeded = await seedBoard(db.target, access.boardId, updates, mode)
          server = await ServerProcess.start('ideenwand', { ...IDEENWAND_ENV, ...db.env })
          try {
            await timeToSync(`${server.wsBase}/${warm.boardId}`, { cookie: warm.cookie })
            await new Promise((r) => setTimeout(r, 300))
            const cpu0 = server.cpuSeconds()
            const res = await timeToSync(`${server.wsBase}/${access.boardId}`, {
              cookie: access.cookie,
            })
            // The server's CPU time for the whole first sync (session check, load, answer): on a
            // busy machine far steadier than the wall time. /proc resolution is 10 ms.
            serverCpuMs.push((server.cpuSeconds() - cpu0) * 1000)
            samples.push(res.ms)
            bytes = res.bytes
            // The server may still be building the doc after answering from the snapshot.
            const loadedLine = () =>
              server.output
                .split('\n')
                .find((l) => l.includes('"msg":"board loaded"') && l.includes(access.boardId))
            const until = Date.now() + 20_000
            while (!loadedLine() && Date.now() < until) await new Promise((r) => setTimeout(r, 20))
            const loaded = loadedLine()
            if (loaded) {
              const entry = JSON.parse(loaded) as { ms?: number; cpuMs?: number }
              if (entry.ms !== undefined) serverMs.push(entry.ms)
              if (entry.cpuMs !== undefined) loadCpuMs.push(entry.cpuMs)
            }
          } finally {
            await server.stop()
          }
        }
        samples.sort((a, b) => a - b)
        rows.push({
          scenario: 'c',
          label: `cold load from ${mode === 'log' ? `a log of ${seeded.rows} updates` : 'a snapshot'} (${engine}, warm server)`,
          server: 'ideenwand',
          n: reps,
          rate: 0,
          delivered: bytes,
          expected: seeded.bytes,
          cpuPerDeliveryUs: Number.NaN,
          cold: {
            samples,
            serverLoadMs: serverMs,
            serverLoadCpuMs: loadCpuMs,
            serverCpuMs,
            engine,
            mode,
            storedBytes: seeded.bytes,
            syncBytes: bytes,
          },
        })
        log(
          `  ${engine} ${mode}: first sync ${samples.map((s) => s.toFixed(0)).join(', ')} ms (server load ${serverMs.join(', ')} ms wall, ${loadCpuMs.join(', ')} ms CPU; server CPU for the whole first sync ${serverCpuMs.map((c) => c.toFixed(0)).join(', ')} ms), ${seeded.rows} rows, ${bytes} bytes`,
        )
      }
    } finally {
      await db.drop()
    }
  }
}

async function redis(configs: { n: number; rate: number }[]) {
  if (!DATABASE_URL) {
    log('(e) skipped: two instances need Postgres (set DATABASE_URL)')
    return
  }
  for (const { n, rate } of configs) {
    for (const mode of ['one instance', 'two instances'] as const) {
      log(`(e) ${mode} N=${n} ${rate}/s`)
      const db = await freshDb('postgres')
      const env = { ...IDEENWAND_ENV, ...db.env, REDIS_URL: 'redis://127.0.0.1:6379' }
      const a = await ServerProcess.start('ideenwand', env)
      const b = mode === 'two instances' ? await ServerProcess.start('ideenwand', env) : a
      try {
        const access = await ideenwandBoard(a.httpUrl)
        const m = await measure(
          mode === 'two instances' ? [a, b] : [a],
          {
            url: b.wsBase,
            writerUrl: a.wsBase,
            docName: access.boardId,
            dialect: 'y',
            headers: { cookie: access.cookie },
            writerHeaders: { cookie: access.writerCookie },
            receivers: n,
            writers: 4,
            probes: 0,
            fullClients: 2,
          },
          { cmd: 'fanout', ratePerSecond: rate, ...WINDOW },
          WINDOW,
        )
        const delivered = m.totals.delivered ?? 0
        rows.push({
          scenario: 'e',
          label: `Redis, ${mode}: writers on A, N=${n} readers on ${mode === 'two instances' ? 'B' : 'A'}`,
          server: 'ideenwand',
          n,
          rate,
          m,
          delivered,
          expected: m.totals.expected ?? 0,
          cpuPerDeliveryUs: (m.serverCpuSeconds * 1e6) / Math.max(1, delivered),
        })
        log(summary(rows.at(-1)!))
      } catch (err) {
        log(`  failed: ${(err as Error).message.split('\n')[0]}`)
      } finally {
        await a.stop()
        if (b !== a) await b.stop()
        await db.drop()
      }
    }
  }
}

async function idle(connections: number, boards: number) {
  log(`(f) ${connections} idle connections on ${boards} boards, then unload`)
  const db = await freshDb('pglite')
  const roomIdleMs = 2000
  const server = await ServerProcess.start(
    'ideenwand',
    { ...IDEENWAND_ENV, ...db.env, ROOM_IDLE_MS: String(roomIdleMs), LOG_LEVEL: 'info' },
    ['--expose-gc'],
  )
  try {
    const r = await idleScenario(
      server,
      { connections, boards, roomIdleMs, recordsPerBoard: 1000 },
      log,
    )
    rows.push({
      scenario: 'f',
      label: `${connections} idle connections on ${boards} boards`,
      server: 'ideenwand',
      n: connections,
      rate: 0,
      delivered: connections - r.failed,
      expected: connections,
      cpuPerDeliveryUs: Number.NaN,
      idle: r,
    })
    const mib = (b: number) => (b / 1024 / 1024).toFixed(1)
    log(
      `  per idle connection: ${r.heapKbPerConnection.toFixed(1)} KB heap+external, ${r.rssKbPerConnection.toFixed(1)} KB RSS (after GC; ${r.failed} failed to sync); heap+external MiB before/one each/all/unloaded ${[r.before, r.oneEach, r.all, r.unloaded].map((m) => mib(m.heapUsed + m.external)).join(' / ')}, RSS ${[r.before, r.oneEach, r.all, r.unloaded].map((m) => mib(m.rss)).join(' / ')}; a loaded board of ${r.recordsPerBoard} records ${r.boardKb.toFixed(0)} KB; all ${boards} boards unloaded ${r.unloadMs.toFixed(0)} ms after the last client left (ROOM_IDLE_MS ${roomIdleMs}), ${r.leftAfterUnloadKb.toFixed(0)} KB left compared with before`,
    )
  } finally {
    await server.stop()
    await db.drop()
  }
}

function summary(r: Row): string {
  const m = r.m
  if (!m) return ''
  const l = m.latency
  return `  ${r.server}: delivered ${r.delivered}/${r.expected} p50 ${l.p50.toFixed(1)} p99 ${l.p99.toFixed(1)} max ${l.max.toFixed(1)} ms, server ${m.serverCpuCores.toFixed(2)} cores (${(m.serverSystemShare * 100).toFixed(0)} % kernel)${Number.isFinite(r.cpuPerDeliveryUs) ? ` (${r.cpuPerDeliveryUs.toFixed(2)} µs/delivery)` : ''}, rss ${m.rssMiB.toFixed(0)} MiB, eld p99 ${m.eventLoop.p99} ms, generator ${(m.generatorCore * 100).toFixed(0)} %${m.generatorEventLoop ? ` (its event loop p99 ${m.generatorEventLoop.p99.toFixed(1)} max ${m.generatorEventLoop.max.toFixed(1)} ms)` : ''}${m.perBeacon ? `; per beacon p99: first receiver ${m.perBeacon.first.p99.toFixed(1)}, last ${m.perBeacon.last.p99.toFixed(1)}, spread ${m.perBeacon.spread.p99.toFixed(1)} ms` : ''}${m.perCursor ? `; each cursor at each observer: min ${m.perCursor.hzMin.toFixed(1)} Hz, p1 ${m.perCursor.hzP1.toFixed(1)}, p50 ${m.perCursor.hzP50.toFixed(1)}, longest gap p99 ${m.perCursor.gapMs.p99.toFixed(0)} max ${m.perCursor.gapMs.max.toFixed(0)} ms` : ''}${m.valid ? '' : ' INVALID'}${m.converged === false ? ' NOT CONVERGED' : ''}`
}

/** `--name=1000@100,500@50` → runs of N clients at a rate (default `rate` when `@` is left out). */
function runsArg(name: string, rate: number, sep = '@'): { n: number; at: number }[] | undefined {
  return args
    .get(name)
    ?.split(',')
    .map((c) => {
      const [n, at] = c.split(sep).map(Number)
      return { n: n ?? 100, at: at ?? rate }
    })
}

async function main() {
  const started = Date.now()
  log(
    `profile ${PROFILE}, servers ${SERVERS.join(', ')}, taskset ${HAS_TASKSET ? 'on' : 'unavailable'}, postgres ${DATABASE_URL ? 'yes' : 'no'}`,
  )
  if (ONLY.has('a')) {
    // --fanout=1000@100,500@50 picks the fan-out runs.
    const picked = runsArg('fanout', 50)?.map(({ n, at }) => ({ n, rate: at }))
    await fanout(
      picked ??
        (QUICK
          ? [{ n: 500, rate: 50 }]
          : [10, 100, 500, 1000, 2000]
              .map((n) => ({ n, rate: 50 }))
              .concat([{ n: 1000, rate: 100 }])),
    )
  }
  if (ONLY.has('b')) {
    // --cursors=300@20,1000@10 picks the cursor runs.
    const picked = runsArg('cursors', 20)?.map(({ n, at }) => ({ n, hz: at }))
    await cursor(
      picked ??
        (QUICK
          ? [{ n: 100, hz: 20 }]
          : [
              { n: 100, hz: 20 },
              { n: 300, hz: 20 },
              { n: 1000, hz: 10 },
            ]),
    )
  }
  if (ONLY.has('d')) await reconnect(QUICK ? [{ n: 300 }] : [{ n: 500 }, { n: 1000 }])
  if (ONLY.has('c')) {
    await coldLoad(QUICK || !DATABASE_URL ? ['pglite'] : ['pglite', 'postgres'], QUICK ? 1 : 3)
  }
  if (ONLY.has('e'))
    await redis(
      QUICK
        ? [{ n: 100, rate: 50 }]
        : [
            { n: 100, rate: 50 },
            { n: 500, rate: 50 },
          ],
    )
  if (ONLY.has('f')) await idle(QUICK ? 500 : 2000, 20)
  if (ONLY.has('g')) await workshopMix()
  if (ONLY.has('h')) {
    // --sizing=1000x2 (all instances in full on core 0), 5000/5 (one of five measured in full).
    const picked = args
      .get('sizing')
      ?.split(',')
      .map((c) => {
        const [n, k] = c.split(/[x/]/).map(Number)
        return { n: n ?? 1000, k: k ?? 1, oneMeasured: c.includes('/') }
      })
    await sizing(
      picked ?? [
        { n: 1000, k: 1, oneMeasured: false },
        { n: 1000, k: 2, oneMeasured: false },
        { n: 5000, k: 5, oneMeasured: true },
      ],
    )
  }
  const meta = {
    profile: PROFILE,
    date: new Date().toISOString(),
    node: process.version,
    cores: (await import('node:os')).cpus().length,
    taskset: HAS_TASKSET,
    window: WINDOW,
    minutes: (Date.now() - started) / 60_000,
  }
  writeFileSync(join(RESULTS, `${PROFILE}.json`), `${JSON.stringify({ meta, rows }, null, 1)}\n`)
  writeFileSync(join(RESULTS, `${PROFILE}.md`), renderMarkdown(meta, rows))
  writeFileSync(join(RESULTS, `${PROFILE}-chart.svg`), renderChart(rows))
  log(`wrote results/${PROFILE}.md, .json, -chart.svg in ${meta.minutes.toFixed(1)} min`)
}

main()
  .catch((err) => {
    console.error(err)
    process.exitCode = 1
  })
  .finally(() => {
    rmSync(tmp, { recursive: true, force: true })
    void ROOT
    // A handle left open by a peer library or a load generator (seen after the full run) must not
    // keep the benchmark alive once its results are written.
    process.exit()
  })
