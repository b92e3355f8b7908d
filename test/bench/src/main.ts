/**
 * `pnpm bench [--quick] [--only=a,b,c,d,e,f,g,h] [--servers=ideenwand,reference,hocuspocus]`: the
 * benchmark program. Runs the scenarios of issue 7 against Ideenwand and, for (a), (b) and (d),
 * side by side with the y-websocket reference server and Hocuspocus (alternating order), then
 * writes results/<profile>.md, .json and -chart.svg. Servers run pinned to core 0, load
 * generators to core 1. This file reads the command line and writes the results; the scenarios
 * live in fanoutScenarios.ts (a, b, d, e), coldLoad.ts (c), idle.ts (f) and mixRuns.ts (g, h),
 * what they share in context.ts.
 */
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { coldLoad } from './coldLoad.ts'
import { type BenchOptions, DATABASE_URL, log, removeTmp, rows } from './context.ts'
import { cursor, fanout, reconnect, redis } from './fanoutScenarios.ts'
import { idle } from './idle.ts'
import { sizing, workshopMix } from './mixRuns.ts'
import { renderChart, renderMarkdown } from './report.ts'
import { baseKind, HAS_TASKSET, ROOT } from './servers.ts'

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
const RESULTS = fileURLToPath(new URL('../results/', import.meta.url))
/** `--generators=K` spreads the fan-out receivers over K generator processes (all on core 1). */
const GENERATORS = Math.max(1, Number(args.get('generators') ?? 1) || 1)
/** `BENCH_WARMUP_MS` / `BENCH_MEASURE_MS` override the window (e.g. a longer warm-up for JIT tiering). */
const WINDOW = {
  warmupMs: Number(process.env.BENCH_WARMUP_MS ?? (QUICK ? 1000 : 2000)),
  measureMs: Number(process.env.BENCH_MEASURE_MS ?? (QUICK ? 3000 : 6000)),
}
const OPTIONS: BenchOptions = {
  quick: QUICK,
  servers: SERVERS,
  window: WINDOW,
  generators: GENERATORS,
}

if (HAS_TASKSET) execFileSync('taskset', ['-pc', '1', String(process.pid)], { stdio: 'ignore' })

/**
 * `--name=1000@100,500@50` → runs of N clients at a rate (default `rate` when `@` is left out);
 * without the option, `defaults` (`[n, rate]`).
 */
function runsArg(
  name: string,
  rate: number,
  defaults: [number, number][],
  sep = '@',
): { n: number; at: number }[] {
  const picked = args
    .get(name)
    ?.split(',')
    .map((c) => c.split(sep).map(Number))
  return (picked ?? defaults).map(([n, at]) => ({ n: n ?? 100, at: at ?? rate }))
}

async function main() {
  const started = Date.now()
  log(
    `profile ${PROFILE}, servers ${SERVERS.join(', ')}, taskset ${HAS_TASKSET ? 'on' : 'unavailable'}, postgres ${DATABASE_URL ? 'yes' : 'no'}`,
  )
  if (ONLY.has('a')) {
    // --fanout=1000@100,500@50 picks the fan-out runs.
    const full = [10, 100, 500, 1000, 2000].map((n): [number, number] => [n, 50])
    const runs = runsArg('fanout', 50, QUICK ? [[500, 50]] : [...full, [1000, 100]])
    await fanout(
      OPTIONS,
      runs.map(({ n, at }) => ({ n, rate: at })),
    )
  }
  if (ONLY.has('b')) {
    // --cursors=300@20,1000@10 picks the cursor runs.
    const full: [number, number][] = [
      [100, 20],
      [300, 20],
      [1000, 10],
    ]
    const runs = runsArg('cursors', 20, QUICK ? [[100, 20]] : full)
    await cursor(
      OPTIONS,
      runs.map(({ n, at }) => ({ n, hz: at })),
    )
  }
  if (ONLY.has('d')) await reconnect(OPTIONS, QUICK ? [{ n: 300 }] : [{ n: 500 }, { n: 1000 }])
  if (ONLY.has('c')) {
    await coldLoad(QUICK || !DATABASE_URL ? ['pglite'] : ['pglite', 'postgres'], QUICK ? 1 : 3)
  }
  if (ONLY.has('e'))
    await redis(
      OPTIONS,
      QUICK
        ? [{ n: 100, rate: 50 }]
        : [
            { n: 100, rate: 50 },
            { n: 500, rate: 50 },
          ],
    )
  if (ONLY.has('f')) await idle(QUICK ? 500 : 2000, 20)
  if (ONLY.has('g')) await workshopMix(OPTIONS)
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
    removeTmp()
    void ROOT
    // A handle left open by a peer library or a load generator (seen after the full run) must not
    // keep the benchmark alive once its results are written.
    process.exit()
  })
