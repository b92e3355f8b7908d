/**
 * (g) and (h) as the benchmark runs them, on the workshop mix of mixScenario.ts: (g) the default
 * mix on each server (Ideenwand with phases and dots, Hocuspocus with the same sync and presence
 * load) and (h) sizing, a town meeting's mix for N people on K Ideenwand instances with Postgres
 * and Redis. Each run records one row and logs a line per kind of change.
 */
import { writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ideenwandBoard } from './board.ts'
import {
  attempt,
  type BenchOptions,
  DATABASE_URL,
  freshDb,
  IDEENWAND_ENV,
  log,
  rows,
  startTarget,
} from './context.ts'
import { MIX_DEFAULT, type MixResult, runMixOn, sizingMix } from './mixScenario.ts'
import type { Row } from './report.ts'
import type { Measured } from './run.ts'
import { baseKind, ServerProcess } from './servers.ts'

/**
 * Records a mix row (delivered and expected summed over the kinds of change) and logs a line per
 * kind and one for the server.
 */
function recordMix(
  fields: Pick<Row, 'scenario' | 'label' | 'server' | 'n' | 'rate'>,
  m: Measured,
  mix: MixResult,
): void {
  const kinds = Object.values(mix.kinds)
  rows.push({
    ...fields,
    m,
    delivered: kinds.reduce((sum, k) => sum + k.delivered, 0),
    expected: kinds.reduce((sum, k) => sum + k.sent, 0),
    cpuPerDeliveryUs: Number.NaN,
    mix,
  })
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

/**
 * (g) The workshop mix (mix.ts). Ideenwand with phases and dots; Hocuspocus with the same sync and
 * presence load (it has no phases or dots); the reference server is left out (it falls behind on
 * cursors alone, see (b)).
 */
export async function workshopMix(opts: BenchOptions) {
  const settings = { ...MIX_DEFAULT, ...(opts.quick ? { phaseEveryMs: 10_000 } : {}) }
  const window = {
    warmupMs: 5000,
    measureMs: Number(process.env.BENCH_MIX_MS ?? (opts.quick ? 30_000 : 90_000)),
  }
  for (const kind of opts.servers.filter((k) => baseKind(k) !== 'reference')) {
    log(
      `(g) workshop mix ${kind}: ${settings.n} participants, ${settings.typers} typing, ${settings.movers} dragging, cursors ${settings.cursorHz} Hz${baseKind(kind) === 'ideenwand' ? `, phase every ${settings.phaseEveryMs / 1000} s, ${settings.votesPerSecond} dots/s while voting` : ''}`,
    )
    // The crowd shares one participant session, so its ideas come from one person's budget.
    const t = await startTarget(kind, { SYNC_IDEAS_PER_MINUTE: '100000' })
    await attempt(async () => {
      const { m, mix } = await runMixOn(kind, t, settings, window)
      const label = `workshop mix N=${settings.n}`
      recordMix({ scenario: 'g', label, server: kind, n: settings.n, rate: 0 }, m, mix)
    }, t.stop)
  }
}

/**
 * Sizing `N/K`: how many processes carry the other K−1 shares' senders (`BENCH_FEEDERS`, default
 * 1). Each applies every change of the board, as every instance does; on this machine's second
 * core one of them leaves room for the load generator. The measured instance sees the same
 * changes either way (remote changes are paced into its own ticks), from fewer publishers.
 */
const FEEDER_INSTANCES = Math.max(1, Number(process.env.BENCH_FEEDERS ?? 1))

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
export async function sizing(configs: { n: number; k: number; oneMeasured: boolean }[]) {
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
    await attempt(
      async () => {
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
        const label = `sizing N=${n} on ${k} instance${k > 1 ? 's' : ''}${oneMeasured ? ', one measured' : ''}`
        recordMix({ scenario: 'h', label, server: 'ideenwand', n, rate: k }, m, mix)
        if (oneMeasured) {
          const seconds = (performance.now() - othersFrom) / 1000
          const cores = others.map((i, j) => (i.cpuSeconds() - othersCpu[j]!) / seconds)
          log(
            `  the other instances (whole run): ${cores.map((c) => c.toFixed(2)).join(', ')} cores`,
          )
        }
      },
      async () => {
        // BENCH_DIAG: the instances' logs (why a client was closed) next to the results.
        if (process.env.BENCH_DIAG) {
          for (const [j, i] of instances.entries()) {
            writeFileSync(join(tmpdir(), `bench-sizing-${n}-${k}-${j}.log`), i.output)
          }
        }
        for (const i of instances) await i.stop()
        await db.drop()
      },
    )
  }
}
