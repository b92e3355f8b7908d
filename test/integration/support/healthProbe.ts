/**
 * A probe that asks a server's `/healthz` every `everyMs` while something else runs, one request
 * at a time, and reports the response times: a stalled event loop shows as a slow answer. It
 * runs in a worker thread of its own, so the test's own work (building and sending a large
 * upload) does not delay its requests — what it measures is the server.
 */
import { Worker } from 'node:worker_threads'

/**
 * What counts as "the server did not stall": bounds an order of magnitude above a quiet machine's
 * figures (p99 7–56 ms, printed by the tests) and far below the seconds an unbounded update or an
 * import on the main thread held the event loop. They are stall detectors, not speed targets: CI
 * machines are shared, and a timed bound near the quiet figures fails on load, not on a bug.
 */
export const STALL_P99_MS = 500
export const STALL_MAX_MS = 1500

export interface ProbeFigures {
  count: number
  p50: number
  p99: number
  max: number
}

export interface HealthProbe {
  /** Answers received so far. */
  readonly count: number
  /** Resolves once the probe has `n` answers. */
  answered(n: number): Promise<void>
  /** Ends the probe after its current request; resolves with the figures in milliseconds. */
  stop(): Promise<ProbeFigures>
}

// Plain JavaScript: evaluated in the worker without the test's TypeScript loader.
const PROBE = `
const { parentPort, workerData } = require('node:worker_threads')
const { url, everyMs } = workerData
let running = true
let wake = null
parentPort.on('message', () => {
  running = false
  if (wake) wake()
})
;(async () => {
  while (running) {
    const started = performance.now()
    const res = await fetch(url)
    await res.arrayBuffer()
    const took = performance.now() - started
    parentPort.postMessage(res.ok ? took : -res.status)
    // The next request goes out everyMs after this one started (at once if it took longer).
    if (running && took < everyMs) {
      await new Promise((resolve) => {
        wake = resolve
        setTimeout(resolve, everyMs - took)
      })
    }
  }
  parentPort.postMessage('done')
})().catch((err) => parentPort.postMessage(String(err)))
`

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!
}

/** Starts a probe; resolves once its first answer is in. */
export async function probeHealth(baseUrl: string, everyMs = 50): Promise<HealthProbe> {
  const worker = new Worker(PROBE, {
    eval: true,
    workerData: { url: `${baseUrl}/healthz`, everyMs },
  })
  const times: number[] = []
  let first: () => void = () => {}
  let end: (result: string) => void = () => {}
  const started = new Promise<void>((resolve) => {
    first = resolve
  })
  const ended = new Promise<string>((resolve) => {
    end = resolve
  })
  const waiting: { n: number; resolve: () => void }[] = []
  worker.on('message', (message: number | string) => {
    if (typeof message === 'string') {
      for (const w of waiting.splice(0)) w.resolve()
      return end(message)
    }
    times.push(message)
    first()
    for (const w of waiting.filter((w) => w.n <= times.length)) {
      waiting.splice(waiting.indexOf(w), 1)
      w.resolve()
    }
  })
  worker.once('error', (err) => end(String(err)))
  await Promise.race([started, ended])
  return {
    get count() {
      return times.length
    },
    answered(n) {
      if (times.length >= n) return Promise.resolve()
      return new Promise<void>((resolve) => waiting.push({ n, resolve }))
    },
    async stop() {
      worker.postMessage('stop')
      const result = await ended
      await worker.terminate()
      if (result !== 'done') throw new Error(`the probe failed: ${result}`)
      const failed = times.find((t) => t < 0)
      if (failed !== undefined) throw new Error(`/healthz answered ${-failed}`)
      const sorted = [...times].sort((a, b) => a - b)
      return {
        count: sorted.length,
        p50: Math.round(percentile(sorted, 0.5)),
        p99: Math.round(percentile(sorted, 0.99)),
        max: Math.round(sorted.at(-1)!),
      }
    },
  }
}
