// Preloaded into every server under test (node --import): reports event-loop delay every 500 ms
// on stderr, so no server needs bench-only code.
import { monitorEventLoopDelay } from 'node:perf_hooks'

const h = monitorEventLoopDelay({ resolution: 10 })
h.enable()
setInterval(() => {
  const ms = (ns) => Math.round(ns / 1e4) / 100
  process.stderr.write(
    `BENCHPROBE ${JSON.stringify({ p50: ms(h.percentile(50)), p99: ms(h.percentile(99)), max: ms(h.max) })}\n`,
  )
  h.reset()
}, 500).unref()

// On SIGUSR2: collect garbage (when started with --expose-gc) and report memory on stderr, for
// the idle-connection scenario.
process.on('SIGUSR2', () => {
  if (typeof globalThis.gc === 'function') {
    globalThis.gc()
    globalThis.gc()
  }
  const m = process.memoryUsage()
  process.stderr.write(
    `BENCHMEM ${JSON.stringify({ rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, arrayBuffers: m.arrayBuffers, gc: typeof globalThis.gc === 'function' })}\n`,
  )
})
