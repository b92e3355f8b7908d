/**
 * The scenarios in which the sync server answers many clients at once, measured with the
 * generator's raw clients (generator.ts): (a) fan-out of updates, (b) cursor storm, (d) reconnect
 * storm — each on every `--servers` entry side by side, a fresh server per run — and (e) the same
 * fan-out across two Ideenwand instances through Redis.
 */
import { ideenwandBoard } from './board.ts'
import {
  attempt,
  type BenchOptions,
  DATABASE_URL,
  fanoutRow,
  freshDb,
  IDEENWAND_ENV,
  log,
  record,
  rotated,
  startTarget,
  type Target,
} from './context.ts'
import { type Load, measure } from './run.ts'
import { baseKind, DIALECT, ServerProcess } from './servers.ts'

/**
 * For each config, each server in rotated order (`rotated`): logs the run's title, starts a fresh
 * server with a board, measures (a failure is logged and the next run goes on) and stops it.
 */
async function sideBySide<C>(
  servers: string[],
  configs: C[],
  title: (config: C, kind: string) => string,
  run: (t: Target, kind: string, config: C) => Promise<void>,
): Promise<void> {
  for (const [i, config] of configs.entries()) {
    for (const kind of rotated(servers, i)) {
      log(title(config, kind))
      const t = await startTarget(kind)
      await attempt(() => run(t, kind, config), t.stop)
    }
  }
}

/** Where the generator's clients find the target's board, in the server's dialect. */
function boardOf(t: Target, kind: string): Pick<Load, 'url' | 'docName' | 'dialect' | 'headers'> {
  return {
    url: t.server.wsBase,
    docName: t.docName,
    dialect: DIALECT[baseKind(kind)],
    headers: t.headers,
  }
}

/** (a) 4 writers, N readers, `rate` updates/s in total. */
export async function fanout(opts: BenchOptions, configs: { n: number; rate: number }[]) {
  const { window } = opts
  await sideBySide(
    opts.servers,
    configs,
    ({ n, rate }, kind) => `(a) fan-out ${kind} N=${n} ${rate}/s`,
    async (t, kind, { n, rate }) => {
      const m = await measure(
        [t.server],
        {
          ...boardOf(t, kind),
          writerHeaders: t.writerHeaders,
          receivers: n,
          writers: 4,
          probes: 0,
          fullClients: baseKind(kind) === 'hocuspocus' ? 0 : 2,
          generators: opts.generators,
        },
        { cmd: 'fanout', ratePerSecond: rate, ...window },
        window,
      )
      record(
        fanoutRow({ scenario: 'a', label: `fan-out N=${n} @ ${rate}/s`, server: kind, n, rate }, m),
      )
    },
  )
}

/** (b) Every client sends a cursor state at `hz`; 20 probe clients decode presence. */
export async function cursor(opts: BenchOptions, configs: { n: number; hz: number }[]) {
  const { window } = opts
  await sideBySide(
    opts.servers,
    configs,
    ({ n, hz }, kind) => `(b) cursor storm ${kind} N=${n} × ${hz} Hz`,
    async (t, kind, { n, hz }) => {
      const probes = Math.min(n, 20)
      const m = await measure(
        [t.server],
        { ...boardOf(t, kind), receivers: n, writers: 0, probes, fullClients: 0 },
        { cmd: 'cursor', hz, ...window },
        window,
      )
      const offered = (m.totals.sentInWindow ?? 0) * ((probes * (n - 1)) / n)
      record({
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
    },
  )
}

/** (d) All N clients, synced, close and reconnect within 2 s: time to the server's sync step 2. */
export async function reconnect(opts: BenchOptions, configs: { n: number }[]) {
  await sideBySide(
    opts.servers,
    configs,
    ({ n }, kind) => `(d) reconnect storm ${kind} N=${n}`,
    async (t, kind, { n }) => {
      const m = await measure(
        [t.server],
        {
          ...boardOf(t, kind),
          receivers: n,
          writers: 0,
          probes: 0,
          fullClients: baseKind(kind) === 'hocuspocus' ? 0 : 1,
        },
        { cmd: 'reconnect', windowMs: 2000, timeoutMs: 20_000 },
        null,
      )
      record({
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
    },
  )
}

/**
 * (e) Two Ideenwand instances on one Postgres schema with `REDIS_URL`: writers on A, readers on B,
 * against the same with readers on A.
 */
export async function redis(opts: BenchOptions, configs: { n: number; rate: number }[]) {
  if (!DATABASE_URL) {
    log('(e) skipped: two instances need Postgres (set DATABASE_URL)')
    return
  }
  const { window } = opts
  for (const { n, rate } of configs) {
    for (const mode of ['one instance', 'two instances'] as const) {
      log(`(e) ${mode} N=${n} ${rate}/s`)
      const db = await freshDb('postgres')
      const env = { ...IDEENWAND_ENV, ...db.env, REDIS_URL: 'redis://127.0.0.1:6379' }
      const a = await ServerProcess.start('ideenwand', env)
      const b = mode === 'two instances' ? await ServerProcess.start('ideenwand', env) : a
      await attempt(
        async () => {
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
            { cmd: 'fanout', ratePerSecond: rate, ...window },
            window,
          )
          const readers = mode === 'two instances' ? 'B' : 'A'
          record(
            fanoutRow(
              {
                scenario: 'e',
                label: `Redis, ${mode}: writers on A, N=${n} readers on ${readers}`,
                server: 'ideenwand',
                n,
                rate,
              },
              m,
            ),
          )
        },
        async () => {
          await a.stop()
          if (b !== a) await b.stop()
          await db.drop()
        },
      )
    }
  }
}
