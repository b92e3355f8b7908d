/** Renders the benchmark's rows as a Markdown page and a small SVG bar chart. */
import type { IdleResult } from './idle.ts'
import type { MixResult } from './mixScenario.ts'
import type { Measured } from './run.ts'
import type { ServerKind } from './servers.ts'

export interface Row {
  scenario: 'a' | 'b' | 'c' | 'd' | 'e' | 'f' | 'g' | 'h'
  label: string
  /** A `--servers` name: a server program, or a variant of one (`ideenwand-t50`). */
  server: string
  n: number
  rate: number
  m?: Measured
  delivered: number
  expected: number
  cpuPerDeliveryUs: number
  cold?: {
    samples: number[]
    serverLoadMs: number[]
    /** CPU time of the server's board load (from its log), ms. */
    serverLoadCpuMs?: number[]
    /** Server process CPU time over the whole first sync (/proc, 10 ms resolution), ms. */
    serverCpuMs?: number[]
    engine: string
    mode: string
    storedBytes: number
    syncBytes: number
  }
  idle?: IdleResult
  mix?: MixResult
}

const f = (v: number, digits = 1) => (Number.isFinite(v) ? v.toFixed(digits) : '–')
const pct = (a: number, b: number) => (b > 0 ? `${((100 * a) / b).toFixed(1)} %` : '–')
const flags = (m: Measured) =>
  `${m.valid ? '' : ' ⚠ generator saturated'}${m.converged === false ? ' ⚠ not converged' : ''}${m.connectFailed ? ` ⚠ ${m.connectFailed} connects failed` : ''}`

function mixTable(out: string[], part: Row[], name: (r: Row) => string): void {
  out.push(
    '| run | kind | delivered | latency p50 / p95 / p99 / max (ms) | server CPU (cores) | RSS MiB | event loop p99 / max (ms) | closed by the server | generator core |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  )
  for (const r of part) {
    const m = r.m!
    for (const [kind, k] of Object.entries(r.mix!.kinds)) {
      if (k.sent === 0 && k.delivered === 0) continue
      const l = k.latency
      out.push(
        `| ${name(r)} | ${kind} | ${pct(k.delivered, k.sent)} of ${k.sent} | ${f(l.p50)} / ${f(l.p95)} / ${f(l.p99)} / ${f(l.max)} | ${f(m.serverCpuCores, 2)} | ${f(m.rssMiB, 0)} | ${f(m.eventLoop.p99)} / ${f(m.eventLoop.max)} | ${r.mix!.closed} | ${f(m.generatorCore * 100, 0)} %${flags(m)} |`,
      )
    }
  }
}

export function renderMarkdown(meta: Record<string, unknown>, rows: Row[]): string {
  const out: string[] = []
  out.push(`# Benchmark results (${meta.profile})`, '')
  out.push(
    `${meta.date}, Node ${meta.node}, ${meta.cores} cores, servers pinned to core 0 and load generators to core 1: ${meta.taskset ? 'yes' : 'no (taskset unavailable)'}. Window: ${JSON.stringify(meta.window)}. Latency is measured from a beacon's send time to its arrival at each receiver (same clock). "Server CPU" is user + system time of the server process over the window, in cores. A run whose generator used more than 90 % of its core is marked ⚠ and its latency is not trustworthy. Reproduce: \`pnpm bench${meta.profile === 'quick' ? ' --quick' : ''}\`.`,
    '',
  )
  const sections: [Row['scenario'], string][] = [
    ['a', '(a) Fan-out: document updates to N clients on one board'],
    ['b', '(b) Cursor storm: every client moves its cursor (awareness)'],
    ['d', '(d) Reconnect storm: all N clients reconnect within 2 s'],
    ['e', '(e) Two instances through Redis (Postgres store)'],
  ]
  for (const [scenario, title] of sections) {
    const part = rows.filter((r) => r.scenario === scenario && r.m)
    if (part.length === 0) continue
    out.push(`## ${title}`, '')
    if (scenario === 'd') {
      out.push(
        '| run | server | synced | time to sync p50 / p95 / p99 / max (ms) | server CPU (core-s) | RSS MiB | event loop p99 / max (ms) | generator core |',
        '| --- | --- | --- | --- | --- | --- | --- | --- |',
      )
      for (const r of part) {
        const m = r.m!
        const l = m.latency
        out.push(
          `| ${r.label} | ${r.server} | ${r.delivered}/${r.expected} | ${f(l.p50)} / ${f(l.p95)} / ${f(l.p99)} / ${f(l.max)} | ${f(m.serverCpuSeconds, 2)} | ${f(m.rssMiB, 0)} | ${f(m.eventLoop.p99)} / ${f(m.eventLoop.max)} | ${f(m.generatorCore * 100, 0)} %${m.generatorEventLoop ? `, loop p99 / max ${f(m.generatorEventLoop.p99)} / ${f(m.generatorEventLoop.max)} ms` : ''}${m.perBeacon ? `; per beacon p99 first / last receiver ${f(m.perBeacon.first.p99)} / ${f(m.perBeacon.last.p99)} ms` : ''}${flags(m)} |`,
        )
      }
    } else {
      const perDelivery = scenario !== 'b'
      out.push(
        `| run | server | delivered | latency p50 / p95 / p99 / max (ms) | server CPU (cores) |${perDelivery ? ' CPU per delivered update (µs) |' : ' each cursor at each observer: min / p1 Hz, longest gap p99 (ms) |'} RSS MiB | event loop p99 / max (ms) | generator core |`,
        `| --- | --- | --- | --- | --- | --- | --- | --- | --- |`,
      )
      for (const r of part) {
        const m = r.m!
        const l = m.latency
        out.push(
          `| ${r.label} | ${r.server} | ${pct(r.delivered, r.expected)} of ${r.expected} | ${f(l.p50)} / ${f(l.p95)} / ${f(l.p99)} / ${f(l.max)} | ${f(m.serverCpuCores, 2)} |${perDelivery ? ` ${f(r.cpuPerDeliveryUs, 2)} |` : ` ${m.perCursor ? `${f(m.perCursor.hzMin)} / ${f(m.perCursor.hzP1)}, ${f(m.perCursor.gapMs.p99, 0)}` : '—'} |`} ${f(m.rssMiB, 0)} | ${f(m.eventLoop.p99)} / ${f(m.eventLoop.max)} | ${f(m.generatorCore * 100, 0)} %${m.generatorEventLoop ? `, loop p99 / max ${f(m.generatorEventLoop.p99)} / ${f(m.generatorEventLoop.max)} ms` : ''}${m.perBeacon ? `; per beacon p99 first / last receiver ${f(m.perBeacon.first.p99)} / ${f(m.perBeacon.last.p99)} ms` : ''}${flags(m)} |`,
        )
      }
    }
    if (scenario === 'b') {
      out.push(
        '',
        'Delivered = presence states with a beacon that reached the 20 probe clients, of those sent during the window by the other clients. Ideenwand thins presence by design once more than `SYNC_PRESENCE_CAP` cursors move per presence tick (`SYNC_AWARENESS_TICK_MS`) (moving cursors up to the cap, those that moved since the last tick and were sent longest ago first; facilitators, joins, leaves always; final positions of stopped cursors from a budget of their own). Latency is the age of every delivered position (send time at the sender to receipt at the observer, over all 20 observers). Per cursor: how often each observer received each cursor (Hz, lowest and 1st percentile over all observer–cursor pairs) and the longest time between two of its positions. Cursors keep moving for 1 s after the window unless `BENCH_CURSOR_STOP=1`.',
      )
    }
    out.push('')
  }
  const cold = rows.filter((r) => r.scenario === 'c' && r.cold)
  if (cold.length > 0) {
    out.push(
      '## (c) Cold load: 2,000 ideas + 5,000 canvas records',
      '',
      'Server started fresh and warmed by a first sync of another, small board (as a running server is); the measured board is not loaded. First sync = from opening the socket (session check included) to the complete sync step 2 of a client with an empty doc. A board stored as one snapshot is answered with that snapshot before the server has built its doc (server-side load = until the doc is built). Server CPU for the first sync: /proc, 10 ms resolution, until the step 2 arrived.',
      '',
      '| engine | stored as | stored bytes | first sync (ms), each run | server-side load (ms wall / CPU) | server CPU for the first sync (ms) | sync step 2 bytes |',
      '| --- | --- | --- | --- | --- | --- | --- |',
    )
    for (const r of cold) {
      const c = r.cold!
      out.push(
        `| ${c.engine} | ${r.label.replace(/^cold load from /, '').replace(/ \(.*\)$/, '')} | ${c.storedBytes} | ${c.samples.map((s) => s.toFixed(0)).join(', ')} | ${c.serverLoadMs.join(', ')} / ${(c.serverLoadCpuMs ?? []).join(', ')} | ${(c.serverCpuMs ?? []).map((x) => x.toFixed(0)).join(', ')} | ${c.syncBytes} |`,
      )
    }
    out.push('')
  }
  const mixes = rows.filter((r) => r.scenario === 'g' && r.mix && r.m)
  const sized = rows.filter((r) => r.scenario === 'h' && r.mix && r.m)
  if (mixes.length > 0) {
    out.push(
      '## (g) Workshop mix',
      '',
      'One board, 300 participants (raw clients sharing one participant session): 100 type into their own idea (4 keystrokes/s each), 30 drag their own card (10 moves/s each), every cursor at 20 Hz. Ideenwand only: the facilitator changes the phase every 30 s (collect → cluster → a voting round), and while voting is open 10 dots/s are cast by guests of their own; typing and dragging stop a second before voting opens. Latency per kind, from the send time to each viewer that decodes it: keystrokes and moves at 20 probe clients (each received update decoded), cursors at the same probes (age of every delivered position), a phase change at every client (its Control message), a dot at the facilitator (the turnout in its Control message). Delivered / expected counts each viewer; cursors are thinned by design (see (b)).',
      '',
    )
    mixTable(out, mixes, (r) => r.server)
    out.push('')
  }
  if (sized.length > 0) {
    out.push(
      '## (h) Sizing: a town meeting on one or several instances',
      '',
      'The workshop mix of (g) scaled to N participants: a third on the whiteboard moving a cursor at 5 Hz each (a cursor moving at 20 Hz a quarter of the time), the rest phones that want no cursors (`?presence=0`), a tenth typing and 3 % dragging (at most 100 and 30: every viewer receives every keystroke and move), phases every 30 s and 10 dots/s while voting. Clients spread round robin over K instances with Redis and Postgres. Runs "on K instances": all instances run on core 0 of this machine (K instances on one core stand in for K machines), the generator on core 1; server CPU is the sum over the instances, RSS the largest instance. Runs "one measured": one instance of K on core 0 with its full N/K share of the crowd, receiving every change of all N people (the others\' through Redis); the other K−1 shares\' people who type, drag or move a cursor are served by one more instance on core 1 with the generator (their viewers are left out, as this machine cannot hold them; `BENCH_FEEDERS` spreads them over more processes); latency, CPU and RSS are those of the measured instance and its clients.',
      '',
    )
    mixTable(out, sized, (r) => r.label)
    out.push('')
  }
  const idle = rows.filter((r) => r.scenario === 'f' && r.idle)
  if (idle.length > 0) {
    const mib = (b: number) => (b / 1024 / 1024).toFixed(1)
    out.push(
      '## (f) Idle connections and idle boards',
      '',
      'Stock `WebsocketProvider` clients with a presence state, synced, then idle. Memory read by the probe after two forced GCs (`--expose-gc`); per connection = growth from one connection per board to all, divided by the added connections. Then all clients leave; boards unload `ROOM_IDLE_MS` after their last client.',
      '',
      '| run | per connection: heap + external (KB) | per connection: RSS (KB) | heap + external MiB: before / 1 per board / all / unloaded | RSS MiB: same | one loaded board (KB) | all boards unloaded after (ms) | left after unload (KB) |',
      '| --- | --- | --- | --- | --- | --- | --- | --- |',
    )
    for (const r of idle) {
      const i = r.idle!
      const ms = [i.before, i.oneEach, i.all, i.unloaded]
      out.push(
        `| ${r.label}${i.failed ? ` (${i.failed} failed to sync)` : ''} | ${f(i.heapKbPerConnection)} | ${f(i.rssKbPerConnection)} | ${ms.map((m) => mib(m.heapUsed + m.external)).join(' / ')} | ${ms.map((m) => mib(m.rss)).join(' / ')} | ${f(i.boardKb, 0)} (${i.recordsPerBoard} records) | ${f(i.unloadMs, 0)} (ROOM_IDLE_MS ${i.roomIdleMs}) | ${f(i.leftAfterUnloadKb, 0)} |`,
      )
    }
    out.push('')
  }
  return `${out.join('\n')}\n`
}

const COLORS: Record<ServerKind, string> = {
  ideenwand: '#2a7f62',
  reference: '#8a8f98',
  hocuspocus: '#d08c2a',
}
/** Variants of Ideenwand (other settings) in a lighter green. */
const VARIANT_COLOR = '#7fc4a8'
const color = (server: string) => COLORS[server as ServerKind] ?? VARIANT_COLOR

/** Server CPU per delivered update in fan-out (a), one group of bars per N. */
export function renderChart(rows: Row[]): string {
  const part = rows.filter((r) => r.scenario === 'a' && r.m)
  const groups = [...new Set(part.map((r) => r.label))]
  const servers = [...new Set(part.map((r) => r.server))]
  const W = 640
  const H = 300
  const left = 60
  const bottom = 60
  const top = 40
  const max = Math.max(
    1,
    ...part.map((r) => (Number.isFinite(r.cpuPerDeliveryUs) ? r.cpuPerDeliveryUs : 0)),
  )
  const gw = (W - left - 20) / Math.max(1, groups.length)
  const bw = (gw - 12) / Math.max(1, servers.length)
  const y = (v: number) => top + (H - top - bottom) * (1 - v / max)
  const parts: string[] = []
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11" role="img">`,
    '<title>Fan-out: server CPU per delivered update by server and number of clients</title>',
    `<text x="${left}" y="18" font-size="13" font-weight="bold">Fan-out: server CPU per delivered update (µs, lower is better)</text>`,
    `<line x1="${left}" y1="${y(0)}" x2="${W - 20}" y2="${y(0)}" stroke="#333"/>`,
  )
  for (let t = 0; t <= 4; t++) {
    const v = (max * t) / 4
    parts.push(
      `<text x="${left - 6}" y="${y(v) + 4}" text-anchor="end">${v.toFixed(1)}</text>`,
      `<line x1="${left}" y1="${y(v)}" x2="${W - 20}" y2="${y(v)}" stroke="#ddd"/>`,
    )
  }
  groups.forEach((g, gi) => {
    const x0 = left + gi * gw + 6
    servers.forEach((s, si) => {
      const r = part.find((p) => p.label === g && p.server === s)
      if (!r || !Number.isFinite(r.cpuPerDeliveryUs)) return
      const v = r.cpuPerDeliveryUs
      parts.push(
        `<rect x="${(x0 + si * bw).toFixed(1)}" y="${y(v).toFixed(1)}" width="${(bw - 2).toFixed(1)}" height="${(y(0) - y(v)).toFixed(1)}" fill="${color(s)}"${r.m?.valid ? '' : ' fill-opacity="0.45"'}><title>${s} ${g}: ${v.toFixed(2)} µs, p99 ${r.m?.latency.p99.toFixed(1)} ms</title></rect>`,
      )
    })
    parts.push(
      `<text x="${(x0 + gw / 2 - 6).toFixed(1)}" y="${H - bottom + 16}" text-anchor="middle">${g.replace('fan-out ', '')}</text>`,
    )
  })
  servers.forEach((s, si) => {
    parts.push(
      `<rect x="${left + si * 130}" y="${H - 22}" width="12" height="12" fill="${color(s)}"/>`,
      `<text x="${left + si * 130 + 16}" y="${H - 12}">${s}</text>`,
    )
  })
  parts.push(
    `<text x="${W - 20}" y="${H - 12}" text-anchor="end" fill="#666">pale = generator saturated</text>`,
    '</svg>',
  )
  return `${parts.join('\n')}\n`
}
