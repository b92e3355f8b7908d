/**
 * Benchmark of the server's outcome work for a 2,000-idea board: the PDF (CPU time, wall time,
 * longest synchronous slice between yields) and the open-data ZIP, each with an event-loop
 * probe that records the worst delay a 1 ms timer saw meanwhile — what another workshop's
 * request would have waited. Prints figures; asserts nothing.
 * Run: `pnpm --filter @ideenwand/server exec tsx src/outcome/bench.ts`.
 */
import { buildOutcome, toOpenDataZipAsync } from '@ideenwand/report'
import { manyIdeas } from '@ideenwand/report/fixture'
import { renderPdf } from './renderPdf.ts'

async function probe<T>(fn: () => Promise<T>): Promise<{ result: T; worstLagMs: number }> {
  let worst = 0
  let expected = performance.now() + 1
  const timer = setInterval(() => {
    const now = performance.now()
    worst = Math.max(worst, now - expected)
    expected = now + 1
  }, 1)
  try {
    const result = await fn()
    return { result, worstLagMs: worst }
  } finally {
    clearInterval(timer)
  }
}

const fmt = (ms: number) => `${ms.toFixed(0).padStart(5)} ms`

for (const withCanvas of [false, true]) {
  const outcome = buildOutcome(manyIdeas(2000, withCanvas))
  await renderPdf(buildOutcome(manyIdeas(100, withCanvas)), 'de') // warm-up
  const slices: number[] = []
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  const pdf = await probe(() => renderPdf(outcome, 'de', { onSlice: (ms) => slices.push(ms) }))
  const wall = performance.now() - t0
  const cpu = process.cpuUsage(cpu0)
  console.log(
    `PDF, 2000 ideas (${withCanvas ? 'canvas' : 'grid'}): ${(pdf.result.length / 1024).toFixed(0)} KB, CPU ${fmt((cpu.user + cpu.system) / 1000)}, wall ${fmt(wall)}, ${slices.length} yields, longest slice ${fmt(Math.max(...slices))}, worst event-loop lag ${fmt(pdf.worstLagMs)}`,
  )
  const t1 = performance.now()
  const zip = await probe(() =>
    toOpenDataZipAsync(outcome, {
      dcat: { baseUrl: 'https://x.example/' },
      pause: () => new Promise((resolve) => setImmediate(resolve)),
    }),
  )
  console.log(
    `ZIP, 2000 ideas (${withCanvas ? 'canvas' : 'grid'}): ${(zip.result.length / 1024).toFixed(0)} KB, wall ${fmt(performance.now() - t1)}, worst event-loop lag ${fmt(zip.worstLagMs)}`,
  )
}
