/**
 * Benchmark: the time of each outcome step for a 2,000-idea board (12 clusters, one round over
 * all ideas), with and without canvas records. Prints the median of several runs after a
 * warm-up; it asserts nothing. Run: `pnpm --filter @ideenwand/report bench`.
 * The server's PDF has its own: `pnpm --filter @ideenwand/server exec tsx src/outcome/bench.ts`.
 */
import { buildOutcome } from './src/buildOutcome.ts'
import { toDataPackage } from './src/dataPackage.ts'
import { toDcatApDe } from './src/dcat.ts'
import { manyIdeas } from './src/fixture.ts'
import { toHtml } from './src/html.ts'
import { toMarkdown } from './src/markdown.ts'
import { toOpenDataZip, toOpenDataZipAsync } from './src/zip.ts'

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]!
}

function time(label: string, runs: number, fn: () => unknown): void {
  fn()
  const times: number[] = []
  let size = 0
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now()
    const out = fn()
    times.push(performance.now() - t0)
    if (typeof out === 'string') size = out.length
    else if (out instanceof Uint8Array) size = out.length
  }
  const kb = size ? ` ${(size / 1024).toFixed(0).padStart(6)} KB` : ''
  console.log(`${label.padEnd(44)} ${median(times).toFixed(1).padStart(7)} ms${kb}`)
}

for (const withCanvas of [false, true]) {
  const n = 2000
  const source = manyIdeas(n, withCanvas)
  const outcome = buildOutcome(source)
  console.log(`\n${n} ideas, ${withCanvas ? 'canvas positions' : 'grid picture (no canvas)'}`)
  time('buildOutcome', 9, () => buildOutcome(source))
  time('toMarkdown', 9, () => toMarkdown(outcome, 'de'))
  time('toHtml (incl. chart + board SVG)', 9, () => toHtml(outcome, 'de'))
  time('toDataPackage (3 CSV + datapackage.json)', 9, () => toDataPackage(outcome))
  time('toDcatApDe', 9, () =>
    JSON.stringify(toDcatApDe(outcome, { baseUrl: 'https://x.example/' })),
  )
  time('toOpenDataZip (everything)', 5, () =>
    toOpenDataZip(outcome, { dcat: { baseUrl: 'https://x.example/' } }),
  )
}

{
  const outcome = buildOutcome(manyIdeas(2000, true))
  const slices: number[] = []
  let last = performance.now()
  const t0 = last
  await toOpenDataZipAsync(outcome, {
    dcat: { baseUrl: 'https://x.example/' },
    pause: () =>
      new Promise<void>((resolve) => {
        slices.push(performance.now() - last)
        setImmediate(() => {
          last = performance.now()
          resolve()
        })
      }),
  })
  slices.push(performance.now() - last)
  console.log(
    `\ntoOpenDataZipAsync, 2000 ideas: ${(performance.now() - t0).toFixed(0)} ms in ${slices.length} steps, longest ${Math.max(...slices).toFixed(1)} ms`,
  )
}
