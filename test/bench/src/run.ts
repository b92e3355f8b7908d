/**
 * One measured run: starts the generator processes (pinned to the generator core), connects the
 * clients, runs a command and samples the server's CPU, RSS and event-loop delay over the
 * measurement window.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { Command, GeneratorConfig } from './generator.ts'
import { Histogram, type HistogramData, type LatencySummary } from './histogram.ts'
import { pinned, type ServerProcess } from './servers.ts'

const GENERATOR = fileURLToPath(new URL('./generator.ts', import.meta.url))
/** A run whose generator used more than this share of its core is invalid. */
export const GENERATOR_LIMIT = 0.9

type Reply = { ev: string; [key: string]: unknown }

class Generator {
  private readonly child: ChildProcess
  private waiting: ((r: Reply) => void) | null = null

  constructor() {
    const [cmd, args] = pinned(1, process.execPath, ['--import', 'tsx', GENERATOR])
    this.child = spawn(cmd, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
    this.child.on('message', (m: Reply) => {
      const w = this.waiting
      this.waiting = null
      w?.(m)
    })
  }

  ask(cmd: Command, timeoutMs = 300_000): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`generator timed out on ${cmd.cmd}`)),
        timeoutMs,
      )
      this.waiting = (r) => {
        clearTimeout(timer)
        if (r.ev === 'error') reject(new Error(String(r.message)))
        else resolve(r)
      }
      this.child.send(cmd)
    })
  }

  async exit(): Promise<void> {
    if (this.child.exitCode !== null) return
    const gone = new Promise((r) => this.child.once('exit', r))
    this.child.send({ cmd: 'exit' })
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000)
    await gone
    clearTimeout(timer)
  }
}

export interface Load {
  url: string
  writerUrl?: string
  docName: string
  dialect: GeneratorConfig['dialect']
  headers: Record<string, string>
  /** The writers' headers (default: `headers`). */
  writerHeaders?: Record<string, string>
  /** The first this many receivers keep the board they were sent (the mix's writers). */
  keepInitial?: number
  /** Receivers connect to these, round robin (several instances). */
  urls?: string[]
  /** Receivers from this index on want no cursors (`?presence=0`) and send none. */
  quietFrom?: number
  /** Sizing `N/K`: only the first `urls` instance measured in full (GeneratorConfig.feeders). */
  feeders?: { senders: number; writers: number }
  receivers: number
  writers: number
  probes: number
  fullClients: number
  generators?: number
}

export interface Measured {
  latency: LatencySummary
  /** Sum of the generators' numeric results (delivered, expected, frames, …). */
  totals: Record<string, number>
  converged: boolean | null
  serverCpuCores: number
  /** Of the server's CPU time, the part spent in the kernel (0–1). */
  serverSystemShare: number
  serverCpuSeconds: number
  rssMiB: number
  eventLoop: { p99: number; max: number }
  generatorCore: number
  /** The generators' own event-loop delay over the window (ms; worst generator), if reported. */
  generatorEventLoop?: { p50: number; p99: number; max: number }
  /**
   * Fan-out only: latency of each beacon to its first and to its last receiver, and the spread
   * between the two (a stall before the fan-out shows in the first; the fan-out itself and the
   * receiving side in the spread).
   */
  perBeacon?: { first: LatencySummary; last: LatencySummary; spread: LatencySummary }
  /**
   * Cursor runs only, per observer (probe) and cursor: positions received per second of the
   * window, and the longest time between two of them (send times; window edges included).
   */
  perCursor?: { hzMin: number; hzP1: number; hzP50: number; gapMs: LatencySummary }
  valid: boolean
  connectMs: number
  connectFailed: number
  windowMs: number
}

/** Spreads `n` over `k` parts. */
function split(n: number, k: number, i: number): number {
  return Math.floor(n / k) + (i < n % k ? 1 : 0)
}

export async function measure(
  servers: ServerProcess[],
  load: Load,
  command: Command,
  windowMs: { warmupMs: number; measureMs: number } | null,
  /** Receives each generator's raw result (for results that are no sums, e.g. the mix's). */
  onResult?: (result: Record<string, unknown>) => void,
): Promise<Measured> {
  const k = Math.max(1, load.generators ?? 1)
  const gens = Array.from({ length: k }, () => new Generator())
  try {
    let offset = 0
    const ready = await Promise.all(
      gens.map((g, i) => {
        const receivers = split(load.receivers, k, i)
        const config: GeneratorConfig = {
          url: load.url,
          docName: load.docName,
          dialect: load.dialect,
          headers: load.headers,
          writerHeaders: load.writerHeaders ?? load.headers,
          ...(i === 0 && load.keepInitial ? { keepInitial: load.keepInitial } : {}),
          ...(load.urls ? { urls: load.urls } : {}),
          ...(load.quietFrom !== undefined ? { quietFrom: load.quietFrom } : {}),
          ...(load.feeders !== undefined ? { feeders: load.feeders } : {}),
          offset,
          receivers,
          probes: split(load.probes, k, i),
          senders: load.receivers,
          writers: i === 0 ? load.writers : 0,
          fullClients: i === 0 ? load.fullClients : 0,
          ...(load.writerUrl ? { writerUrl: load.writerUrl } : {}),
        }
        offset += receivers + config.writers
        return g.ask({ cmd: 'connect', config })
      }),
    )
    const connectMs = Math.max(...ready.map((r) => Number(r.ms)))
    const connectFailed = ready.reduce((s, r) => s + Number(r.failed), 0)
    const cpu0 = servers.map((s) => s.cpuSeconds())
    let sys0 = servers.map((s) => s.systemCpuSeconds())
    let sys1: number[] | null = null
    const t0 = performance.now()
    let start = cpu0
    let end: number[] | null = null
    let from = t0
    let to = t0
    const timers: NodeJS.Timeout[] = []
    if (windowMs) {
      timers.push(
        setTimeout(() => {
          start = servers.map((s) => s.cpuSeconds())
          sys0 = servers.map((s) => s.systemCpuSeconds())
          from = performance.now()
        }, windowMs.warmupMs),
        setTimeout(() => {
          end = servers.map((s) => s.cpuSeconds())
          sys1 = servers.map((s) => s.systemCpuSeconds())
          to = performance.now()
        }, windowMs.warmupMs + windowMs.measureMs),
      )
    }
    const results = await Promise.all(gens.map((g) => g.ask(command)))
    for (const r of results) onResult?.(r as Record<string, unknown>)
    for (const t of timers) clearTimeout(t)
    if (!end) {
      end = servers.map((s) => s.cpuSeconds())
      sys1 = servers.map((s) => s.systemCpuSeconds())
      to = performance.now()
    }
    const seconds = (to - from) / 1000
    const cpuSeconds = end.reduce((s, v, i) => s + v - (start[i] ?? 0), 0)
    const systemSeconds = (sys1 ?? sys0).reduce((s, v, i) => s + v - (sys0[i] ?? 0), 0)
    const hist = new Histogram()
    const totals: Record<string, number> = {}
    let converged: boolean | null = null
    let generatorEventLoop: Measured['generatorEventLoop']
    const perBeacon = { first: new Histogram(), last: new Histogram(), spread: new Histogram() }
    let hasPerBeacon = false
    const cursorHz = new Histogram()
    const cursorGap = new Histogram()
    for (const r of results) {
      if (r.perCursorHz) {
        cursorHz.merge(r.perCursorHz as HistogramData)
        cursorGap.merge(r.perCursorGapMs as HistogramData)
      }
      hist.merge(r.latency as HistogramData)
      const loop = r.generatorEventLoop as Measured['generatorEventLoop']
      if (loop) {
        generatorEventLoop = {
          p50: Math.max(generatorEventLoop?.p50 ?? 0, loop.p50),
          p99: Math.max(generatorEventLoop?.p99 ?? 0, loop.p99),
          max: Math.max(generatorEventLoop?.max ?? 0, loop.max),
        }
      }
      if (r.firstReceiver) {
        hasPerBeacon = true
        perBeacon.first.merge(r.firstReceiver as HistogramData)
        perBeacon.last.merge(r.lastReceiver as HistogramData)
        perBeacon.spread.merge(r.spread as HistogramData)
      }
      for (const [key, value] of Object.entries(r)) {
        if (typeof value === 'number') totals[key] = (totals[key] ?? 0) + value
      }
      if (typeof r.converged === 'boolean') converged = (converged ?? true) && r.converged
    }
    const generatorCore = (totals.generatorCpuMs ?? 0) / 1000 / Math.max(seconds, 0.001)
    return {
      latency: hist.summary(),
      totals,
      converged,
      serverCpuSeconds: cpuSeconds,
      serverCpuCores: cpuSeconds / Math.max(seconds, 0.001),
      serverSystemShare: cpuSeconds > 0 ? systemSeconds / cpuSeconds : 0,
      rssMiB: Math.max(...servers.map((s) => s.rssMiB())),
      eventLoop: servers
        .map((s) => s.eventLoop(from, to))
        .reduce((a, b) => ({ p99: Math.max(a.p99, b.p99), max: Math.max(a.max, b.max) })),
      generatorCore,
      ...(generatorEventLoop ? { generatorEventLoop } : {}),
      ...(hasPerBeacon
        ? {
            perBeacon: {
              first: perBeacon.first.summary(),
              last: perBeacon.last.summary(),
              spread: perBeacon.spread.summary(),
            },
          }
        : {}),
      ...(cursorHz.count > 0
        ? {
            perCursor: {
              // The histogram's lowest bucket (0.01) holds the pairs that received nothing.
              hzMin: cursorHz.percentile(1e-9) <= 0.011 ? 0 : cursorHz.percentile(1e-9),
              hzP1: cursorHz.percentile(1),
              hzP50: cursorHz.percentile(50),
              gapMs: cursorGap.summary(),
            },
          }
        : {}),
      valid: generatorCore <= GENERATOR_LIMIT,
      connectMs,
      connectFailed,
      windowMs: to - from,
    }
  } finally {
    await Promise.all(gens.map((g) => g.exit()))
  }
}
