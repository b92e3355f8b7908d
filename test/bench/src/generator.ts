/**
 * A load generator process: opens many raw y-websocket clients (plus a few full Y.Doc
 * `WebsocketProvider` clients that check convergence), runs one scenario's send schedule, records
 * latencies of timestamp beacons and reports back over IPC. Started by the coordinator (main.ts),
 * pinned to the generator core.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { Histogram } from './histogram.ts'
import { MiniSocket, OPEN } from './miniSocket.ts'
import { type MixCommand, runMix, syncPayload } from './mix.ts'
import { beacon, type Dialect, Framer, nowMicros, scanBeacons } from './wire.ts'

export interface GeneratorConfig {
  /** Base URL: the client connects to `${url}/${docName}`. */
  url: string
  docName: string
  dialect: Dialect
  headers: Record<string, string>
  /** The writers' headers (a session that may write the bench's test map). */
  writerHeaders: Record<string, string>
  /** First client index of this generator (ids stay unique across generators). */
  offset: number
  receivers: number
  /** Receivers that decode presence frames (all receivers scan document updates). */
  probes: number
  /** Cursor runs: every receiver sends, with indexes 0 … senders − 1 across all generators. */
  senders: number
  writers: number
  fullClients: number
  /** The first this many receivers keep the board they were sent (the mix's writers). */
  keepInitial?: number
  /** Receivers connect to these instead, round robin by index (several instances). */
  urls?: string[]
  /**
   * Receivers from this index on are phones and the like: they connect with `?presence=0` (no
   * cursors wanted) and send none.
   */
  quietFrom?: number
  /** Writers connect here instead (two instances: write on one, read on the other). */
  writerUrl?: string
  /**
   * One instance of several measured in full (sizing `N/K`): the receivers on `urls[0]` are that
   * instance's share of the crowd and the only ones measured. Of those on the other instances
   * only the people who send connect, with `?presence=0`: the first `writers` indexes (they type
   * or drag) each on its own socket, and the cursors of the next ones up to `senders`, four to a
   * socket (the most ids a connection may announce), so the other instances carry their share of
   * the changes but not of the viewers.
   */
  feeders?: { senders: number; writers: number }
}

/** Presence client ids one connection may announce (server/src/sync/Presence.ts). */
const IDS_PER_CONNECTION = 4

export type Command =
  | { cmd: 'connect'; config: GeneratorConfig }
  | { cmd: 'fanout'; ratePerSecond: number; warmupMs: number; measureMs: number }
  | { cmd: 'cursor'; hz: number; warmupMs: number; measureMs: number }
  | { cmd: 'reconnect'; windowMs: number; timeoutMs: number }
  | MixCommand
  | { cmd: 'exit' }

/**
 * The receivers' and writers' socket: the generator's own minimal client (miniSocket.ts, the
 * default) or `ws`'s (`BENCH_CLIENT=ws`, as before). Either way the same for every server.
 */
const CLIENT = process.env.BENCH_CLIENT === 'ws' ? 'ws' : 'mini'

interface ClientSocket {
  readonly readyState: number
  send(data: Uint8Array): void
  terminate(): void
}

function openSocket(
  url: string,
  headers: Record<string, string>,
  on: {
    open(): void
    message(data: Buffer): void
    error(err: Error): void
    close(code: number): void
  },
): ClientSocket {
  if (CLIENT === 'mini') {
    const socket = new MiniSocket(url, headers)
    socket.onopen = on.open
    socket.onmessage = on.message
    socket.onerror = on.error
    socket.onclose = on.close
    return socket
  }
  const ws = new WebSocket(url, { headers, perMessageDeflate: false })
  ws.binaryType = 'nodebuffer'
  ws.on('open', on.open)
  ws.on('message', on.message)
  ws.on('error', on.error)
  ws.on('close', on.close)
  return {
    get readyState() {
      return ws.readyState === WebSocket.OPEN ? OPEN : ws.readyState
    },
    send: (data) => ws.send(data),
    terminate: () => {
      ws.removeAllListeners()
      ws.on('error', () => {})
      ws.terminate()
    },
  }
}

class RawClient {
  ws: ClientSocket | null = null
  synced = false
  clock = 0
  onFrame: ((data: Buffer) => void) | null = null
  /** The sync step 2 the server answered with (the board), kept for the mix's writers. */
  initialUpdate: Uint8Array | null = null
  /** The close code once the server closed the socket after the handshake. */
  closedWith: number | null = null
  readonly clientId: number
  /** On an instance other than the measured one (sizing `N/K`): sends, is not measured. */
  readonly feeder: boolean

  constructor(
    readonly index: number,
    private readonly framer: Framer,
    private readonly config: GeneratorConfig,
    private readonly writer = false,
    private readonly keepInitial = false,
  ) {
    this.clientId = 1_000_000 + index
    const urls = config.urls
    this.feeder =
      !writer && config.feeders !== undefined && urls !== undefined && index % urls.length !== 0
  }

  /** Whether its latencies count (all clients, except feeders in a sizing `N/K` run). */
  get measured(): boolean {
    return !this.feeder
  }

  /** Sizing `N/K`: the feeder whose socket sends this one's cursor (it does not connect). */
  carrier: RawClient | null = null

  /** Sizing `N/K`: a feeder that sends nothing, or whose cursor another one carries. */
  get skipped(): boolean {
    return (
      this.feeder && (this.index >= (this.config.feeders?.senders ?? 0) || this.carrier !== null)
    )
  }

  /** Opens the socket and resolves when the server answered our sync step 1. */
  connect(stateVector: Uint8Array = new Uint8Array([0])): Promise<void> {
    return new Promise((resolve, reject) => {
      const urls = this.config.urls
      const base =
        this.writer && this.config.writerUrl
          ? this.config.writerUrl
          : !this.writer && urls?.length
            ? urls[this.index % urls.length]!
            : this.config.url
      this.synced = false
      let settled = false
      const headers = this.writer ? this.config.writerHeaders : this.config.headers
      const quiet =
        this.feeder ||
        (!this.writer && this.index >= (this.config.quietFrom ?? Number.POSITIVE_INFINITY))
      const url = `${base}/${this.config.docName}${quiet ? '?presence=0' : ''}`
      const ws = openSocket(url, headers, {
        open: () => {
          if (this.framer.dialect === 'hocuspocus') ws.send(this.framer.auth())
          ws.send(this.framer.syncStep1(stateVector))
        },
        message: (data) => {
          if (this.ws !== ws) return
          if (!this.synced) {
            const { type, sub } = this.framer.kind(data)
            if (type === 0 && sub === 0) ws.send(this.framer.syncStep2(new Uint8Array([0, 0])))
            if (type === 0 && sub === 1) {
              this.synced = true
              if (this.keepInitial) this.initialUpdate = syncPayload(this.framer, data)
              if (!settled) {
                settled = true
                resolve()
              }
            }
          }
          this.onFrame?.(data)
        },
        error: (err) => {
          if (!settled) {
            settled = true
            reject(err)
          }
        },
        close: (code) => {
          if (this.ws === ws) this.closedWith = code
          if (!settled) {
            settled = true
            reject(new Error(`closed ${code}`))
          }
        },
      })
      this.ws = ws
    })
  }

  send(frame: Uint8Array): void {
    if (this.ws?.readyState === OPEN) this.ws.send(frame)
  }

  close(): void {
    const ws = this.ws
    this.ws = null
    ws?.terminate()
  }
}

/** Node `ws` with the session cookie, for y-websocket's provider. */
function socketWithHeaders(headers: Record<string, string>) {
  return class extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers, perMessageDeflate: false })
    }
  }
}

let config: GeneratorConfig
let framer: Framer
const receivers: RawClient[] = []
const writers: { client: RawClient; doc: Y.Doc; last: string }[] = []
const full: { doc: Y.Doc; provider: WebsocketProvider }[] = []
let stateVector: Uint8Array = new Uint8Array([0])

function reply(msg: unknown): void {
  process.send?.(msg)
}

async function connectAll(): Promise<{ ms: number; failed: number }> {
  const started = performance.now()
  let failed = 0
  const all: RawClient[] = []
  for (let i = 0; i < config.receivers; i++) {
    const c = new RawClient(config.offset + i, framer, config, false, i < (config.keepInitial ?? 0))
    receivers.push(c)
    all.push(c)
  }
  for (let i = 0; i < config.writers; i++) {
    const client = new RawClient(config.offset + config.receivers + i, framer, config, true)
    const doc = new Y.Doc()
    writers.push({ client, doc, last: '' })
    all.push(client)
  }
  assignCarriers(receivers)
  // Bounded concurrency: a real crowd does not open 2,000 sockets in one millisecond either.
  for (let i = 0; i < all.length; i += 50) {
    const results = await Promise.allSettled(
      all.slice(i, i + 50).flatMap((c) => (c.skipped ? [] : [c.connect()])),
    )
    failed += results.filter((r) => r.status === 'rejected').length
  }
  if (config.dialect === 'y') {
    for (let i = 0; i < config.fullClients; i++) {
      const doc = new Y.Doc()
      const provider = new WebsocketProvider(config.url, config.docName, doc, {
        WebSocketPolyfill: socketWithHeaders(
          config.headers,
        ) as unknown as typeof globalThis.WebSocket,
        disableBc: true,
      })
      full.push({ doc, provider })
    }
    await Promise.all(
      full.map(
        ({ provider }) =>
          new Promise<void>((resolve) => {
            if (provider.synced) return resolve()
            provider.once('sync', () => resolve())
            setTimeout(resolve, 10_000).unref()
          }),
      ),
    )
    const first = full[0]
    if (first) stateVector = Y.encodeStateVector(first.doc)
  }
  return { ms: performance.now() - started, failed }
}

/** Sizing `N/K`: the cursor-only feeders, four to a socket (`GeneratorConfig.feeders`). */
function assignCarriers(clients: RawClient[]): void {
  const f = config.feeders
  if (!f) return
  let carrier: RawClient | null = null
  let carried = 0
  for (const c of clients) {
    if (!c.feeder || c.index < f.writers || c.index >= f.senders) continue
    if (carrier === null || carried === IDS_PER_CONNECTION) {
      carrier = c
      carried = 1
    } else {
      c.carrier = carrier
      carried++
    }
  }
}

/** Runs `fn` at `hz` per second with a phase offset until `endAt` (fixed schedule, no drift). */
function schedule(hz: number, phase: number, endAt: number, fn: () => void): Promise<void> {
  return new Promise((resolve) => {
    const period = 1000 / hz
    let next = performance.now() + phase * period
    const step = () => {
      const now = performance.now()
      if (now >= endAt) return resolve()
      while (next <= now) {
        fn()
        next += period
      }
      setTimeout(step, Math.max(0, next - performance.now()))
    }
    setTimeout(step, Math.max(0, next - performance.now()))
  })
}

function windowStats(started: number, warmupMs: number, measureMs: number) {
  const from = (performance.timeOrigin + started + warmupMs) * 1000
  const to = from + measureMs * 1000
  return { from, to }
}

async function runFanout(ratePerSecond: number, warmupMs: number, measureMs: number) {
  const hist = new Histogram()
  const started = performance.now()
  const { from, to } = windowStats(started, warmupMs, measureMs)
  let delivered = 0
  let frames = 0
  let sentInWindow = 0
  // Per beacon: latency to its first and its last receiver (diagnosis: stalls upstream of the
  // fan-out show in the first, the fan-out itself and this process in the spread).
  const firstHist = new Histogram()
  const beacons = new Map<number, { first: number; last: number }>()
  for (const r of receivers) {
    r.onFrame = (data) => {
      frames++
      const now = nowMicros()
      scanBeacons(data, (micros) => {
        if (micros < from || micros > to) return
        delivered++
        hist.record((now - micros) / 1000)
        const b = beacons.get(micros)
        if (b) b.last = now
        else {
          beacons.set(micros, { first: now, last: now })
          firstHist.record((now - micros) / 1000)
        }
      })
    }
  }
  const endAt = started + warmupMs + measureMs
  let cpuAtStart = process.cpuUsage()
  const eld = monitorEventLoopDelay({ resolution: 2 })
  const cpuTimer = setTimeout(() => {
    cpuAtStart = process.cpuUsage()
    eld.enable()
  }, warmupMs)
  const perWriter = ratePerSecond / Math.max(1, writers.length)
  await Promise.all(
    writers.map((w, i) =>
      schedule(perWriter, i / writers.length, endAt, () => {
        const micros = nowMicros()
        const value = beacon(w.client.index, micros)
        let update: Uint8Array | null = null
        const capture = (u: Uint8Array) => {
          update = u
        }
        w.doc.on('update', capture)
        w.doc.getMap('bench').set(`w${w.client.index}`, value)
        w.doc.off('update', capture)
        if (update) w.client.send(framer.update(update))
        w.last = value
        if (micros >= from && micros <= to) sentInWindow++
      }),
    ),
  )
  clearTimeout(cpuTimer)
  const cpu = process.cpuUsage(cpuAtStart)
  await new Promise((r) => setTimeout(r, 1500))
  eld.disable()
  for (const r of receivers) r.onFrame = null
  const spread = new Histogram()
  const last = new Histogram()
  for (const [micros, b] of beacons) {
    spread.record((b.last - b.first) / 1000)
    last.record((b.last - micros) / 1000)
  }
  if (process.env.BENCH_DIAG) {
    const slow = [...beacons]
      .filter(([micros, b]) => b.last - micros > 50_000)
      .map(
        ([micros, b]) =>
          `${((micros - from) / 1000).toFixed(0)}:${((b.first - micros) / 1000).toFixed(0)}/${((b.last - micros) / 1000).toFixed(0)}`,
      )
    console.error(`DIAG slow beacons (t ms in window: first/last ms) ${slow.join(' ')}`)
  }
  // Convergence: every full client holds every writer's last value.
  let converged: boolean | null = null
  if (full.length > 0) {
    converged = full.every(({ doc }) =>
      writers.every((w) => doc.getMap('bench').get(`w${w.client.index}`) === w.last),
    )
  }
  return {
    latency: hist.toJSON(),
    delivered,
    expected: sentInWindow * receivers.length,
    sentInWindow,
    frames,
    generatorCpuMs: (cpu.user + cpu.system) / 1000,
    generatorEventLoop: {
      p50: eld.percentile(50) / 1e6,
      p99: eld.percentile(99) / 1e6,
      max: eld.max / 1e6,
    },
    firstReceiver: firstHist.toJSON(),
    lastReceiver: last.toJSON(),
    spread: spread.toJSON(),
    converged,
  }
}

// BENCH_DIAG: where a delivered cursor's age comes from. Per probe frame, "transport"
// is now − the freshest beacon in the frame (frame build + network + this process), "queued" is
// freshest − each beacon (how stale a state was next to the freshest in the same frame).
const DIAG = Boolean(process.env.BENCH_DIAG)
const diag = {
  small: { frames: 0, beacons: 0, lat: new Histogram() },
  big: { frames: 0, beacons: 0, lat: new Histogram() },
  transport: new Histogram(),
  queued: new Histogram(),
  sizes: new Histogram(),
  afterEnd: new Histogram(),
}
function diagFrame(data: Buffer, now: number, from: number, to: number): void {
  const found: number[] = []
  scanBeacons(data, (micros) => {
    found.push(micros)
  })
  if (found.length === 0) return
  const max = Math.max(...found)
  if (max < from) return
  const kind = found.length > 70 ? diag.big : diag.small
  kind.frames++
  kind.beacons += found.length
  diag.sizes.record(found.length)
  diag.transport.record((now - max) / 1000)
  for (const m of found) {
    if (m >= from && m <= to && now > to) diag.afterEnd.record((now - m) / 1000)
    kind.lat.record((now - m) / 1000)
    diag.queued.record((max - m) / 1000)
  }
}
function diagReport(): void {
  const h = (x: Histogram) =>
    `p50 ${x.percentile(50).toFixed(1)} p95 ${x.percentile(95).toFixed(1)} p99 ${x.percentile(99).toFixed(1)} max ${x.max.toFixed(1)}`
  console.error(
    `DIAG frames ≤70 states: ${diag.small.frames} frames, ${diag.small.beacons} beacons, age ${h(diag.small.lat)}`,
  )
  console.error(
    `DIAG frames >70 states (snapshots): ${diag.big.frames} frames, ${diag.big.beacons} beacons, age ${h(diag.big.lat)}`,
  )
  console.error(`DIAG states per frame ${h(diag.sizes)}`)
  console.error(`DIAG transport (now − freshest in frame) ${h(diag.transport)}`)
  console.error(`DIAG queued (freshest − state, same frame) ${h(diag.queued)}`)
  console.error(
    `DIAG in-window states arriving after the window: ${diag.afterEnd.count}, age ${h(diag.afterEnd)}`,
  )
}

/**
 * Cursor senders keep moving for this long after the window (their beacons are not counted), so
 * every beacon sent in the window is judged under the same steady storm, including the last
 * ones. `BENCH_CURSOR_STOP=1`: everybody stops exactly at the window's end (as before), which adds
 * the catch-up of N final positions that a thinning server owes after a simultaneous stop to the
 * last second of the window. Either way a beacon counts if it arrives within 1 s of the window.
 */
const CURSOR_TAIL_MS = process.env.BENCH_CURSOR_STOP === '1' ? 0 : 1000

async function runCursor(hz: number, warmupMs: number, measureMs: number) {
  const hist = new Histogram()
  const started = performance.now()
  const { from, to } = windowStats(started, warmupMs, measureMs)
  const endAt = started + warmupMs + measureMs
  const countUntil = (performance.timeOrigin + endAt + 1000) * 1000
  let delivered = 0
  let frames = 0
  let sentInWindow = 0
  // After everyone stopped: when the probes received the last cursor (every final position
  // delivered; the thinning's catch-up).
  let stoppedAt = Number.POSITIVE_INFINITY
  let lastAfterStop = 0
  // Per observer (probe) and cursor: the send times of its positions that arrived, in order of
  // arrival — how often each observer sees each cursor move, and its longest gap.
  const pairs = new Map<number, number[]>()
  receivers.forEach((r, i) => {
    const probe = i < config.probes
    r.onFrame = (data) => {
      frames++
      if (!probe) return
      const now = nowMicros()
      if (DIAG) diagFrame(data, now, from, to)
      const found = scanBeacons(data, (micros, sender) => {
        if (micros < from || micros > to || sender === r.index % 100000 || now > countUntil) return
        delivered++
        hist.record((now - micros) / 1000)
        const key = i * 1_000_000 + sender
        const seen = pairs.get(key)
        if (seen) seen.push(micros)
        else pairs.set(key, [micros])
      })
      if (found > 0 && now > stoppedAt) lastAfterStop = now
    }
  })
  let cpuAtStart = process.cpuUsage()
  let cpu = process.cpuUsage()
  const cpuTimers = [
    setTimeout(() => {
      cpuAtStart = process.cpuUsage()
    }, warmupMs),
    setTimeout(() => {
      cpu = process.cpuUsage(cpuAtStart)
    }, warmupMs + measureMs),
  ]
  await Promise.all(
    receivers.map((r, i) =>
      schedule(hz, (i * 0.618) % 1, endAt + CURSOR_TAIL_MS, () => {
        const micros = nowMicros()
        const x = Math.round(Math.random() * 2000)
        const y = Math.round(Math.random() * 1200)
        const state = `{"user":{"name":"Bench ${r.index}","color":"#30a0c0"},"cursor":{"x":${x},"y":${y}},"b":"${beacon(r.index, micros)}"}`
        r.send(framer.awareness(r.clientId, ++r.clock, state))
        if (micros >= from && micros <= to) sentInWindow++
      }),
    ),
  )
  stoppedAt = nowMicros()
  const wait = Math.max(0, endAt + 1000 - performance.now())
  await new Promise((r) => setTimeout(r, Math.max(wait, 3000)))
  for (const t of cpuTimers) clearTimeout(t)
  for (const r of receivers) r.onFrame = null
  const stopDrainMs = lastAfterStop > 0 ? (lastAfterStop - stoppedAt) / 1000 : 0
  console.error(
    `cursor N=${receivers.length} ${hz} Hz: after all stopped, last cursor reached the probes ${stopDrainMs.toFixed(0)} ms later`,
  )
  if (DIAG) diagReport()
  // Every observer should see every moving cursor: pairs with nothing delivered count too.
  const perCursorHz = new Histogram()
  const perCursorGapMs = new Histogram()
  const seconds = (to - from) / 1e6
  const probes = Math.min(config.probes, receivers.length)
  for (let i = 0; i < probes; i++) {
    for (let sender = 0; sender < config.senders; sender++) {
      if (sender === receivers[i]!.index % 100000) continue
      const seen = pairs.get(i * 1_000_000 + sender) ?? []
      perCursorHz.record(seen.length / seconds)
      let gap = 0
      let last = from
      for (const micros of [...seen].sort((a, b) => a - b).concat(to)) {
        gap = Math.max(gap, micros - last)
        last = micros
      }
      perCursorGapMs.record(gap / 1000)
    }
  }
  return {
    latency: hist.toJSON(),
    delivered,
    sentInWindow,
    frames,
    generatorCpuMs: (cpu.user + cpu.system) / 1000,
    stopDrainMs,
    perCursorHz: perCursorHz.toJSON(),
    perCursorGapMs: perCursorGapMs.toJSON(),
  }
}

async function runReconnect(windowMs: number, timeoutMs: number) {
  const hist = new Histogram()
  const started = performance.now()
  const cpuAtStart = process.cpuUsage()
  let failed = 0
  await Promise.all(
    receivers.map(
      (r) =>
        new Promise<void>((resolve) => {
          setTimeout(() => {
            r.close()
            const t0 = performance.now()
            const timer = setTimeout(() => {
              failed++
              resolve()
            }, timeoutMs)
            r.connect(stateVector).then(
              () => {
                clearTimeout(timer)
                hist.record(performance.now() - t0)
                r.send(
                  framer.awareness(r.clientId, ++r.clock, `{"user":{"name":"Bench ${r.index}"}}`),
                )
                resolve()
              },
              () => {
                clearTimeout(timer)
                failed++
                resolve()
              },
            )
          }, Math.random() * windowMs)
        }),
    ),
  )
  const cpu = process.cpuUsage(cpuAtStart)
  return {
    latency: hist.toJSON(),
    failed,
    totalMs: performance.now() - started,
    generatorCpuMs: (cpu.user + cpu.system) / 1000,
  }
}

process.on('message', async (msg: Command) => {
  try {
    switch (msg.cmd) {
      case 'connect':
        config = msg.config
        framer = new Framer(config.dialect, config.docName)
        reply({ ev: 'ready', ...(await connectAll()) })
        return
      case 'fanout':
        reply({ ev: 'done', ...(await runFanout(msg.ratePerSecond, msg.warmupMs, msg.measureMs)) })
        return
      case 'cursor':
        reply({ ev: 'done', ...(await runCursor(msg.hz, msg.warmupMs, msg.measureMs)) })
        return
      case 'reconnect':
        reply({ ev: 'done', ...(await runReconnect(msg.windowMs, msg.timeoutMs)) })
        return
      case 'mix':
        reply({
          ev: 'done',
          ...(await runMix(msg, receivers, config.probes, framer, schedule, async () => {
            // The facilitator's connection (writer headers), apart from the crowd.
            const f = new RawClient(99_999, framer, config, true)
            await f.connect()
            writers.push({ client: f, doc: new Y.Doc(), last: '' })
            return f
          })),
        })
        return
      case 'exit':
        for (const c of receivers) c.close()
        for (const w of writers) w.client.close()
        for (const f of full) f.provider.destroy()
        setTimeout(() => process.exit(0), 100)
        return
    }
  } catch (err) {
    reply({ ev: 'error', message: err instanceof Error ? err.stack : String(err) })
  }
})
process.on('disconnect', () => process.exit(0))
