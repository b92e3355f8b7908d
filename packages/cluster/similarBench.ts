/**
 * Similarity benchmark (issue 19 §3): precision, recall and F1 of `similarIdeas` on the labelled
 * German set at the default threshold and a small threshold table, recall by kind of variation,
 * and the time per query against 200 ideas (indexing once, then searching as the phone does on
 * every pause in typing). Prints figures; asserts nothing.
 * Run: `pnpm --filter @ideenwand/cluster similarity-bench`.
 */
import { similarDe } from './src/fixtures/similar.de'
import { DEFAULT_SIMILAR_LIMIT, DEFAULT_SIMILAR_THRESHOLD, similarIndex } from './src/similarIdeas'
import { evaluateSimilar } from './src/testing/similarEval'

const groups = new Set(similarDe.map((i) => i.group)).size
console.log(`Labelled set: ${similarDe.length} German ideas in ${groups} groups`)

const f = (x: number) => x.toFixed(2)
const table = [0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5]
const limit = DEFAULT_SIMILAR_LIMIT
console.log(`\nthreshold  precision  recall  F1    shown   (limit ${limit})`)
for (const s of evaluateSimilar(similarDe, table, limit)) {
  const mark = s.threshold === DEFAULT_SIMILAR_THRESHOLD ? '  ← default' : ''
  console.log(
    `${f(s.threshold).padStart(9)}  ${f(s.precision).padStart(9)}  ${f(s.recall).padStart(6)}  ${f(s.f1)}  ${String(s.shown).padStart(5)}${mark}`,
  )
}
const [chosen] = evaluateSimilar(similarDe, [DEFAULT_SIMILAR_THRESHOLD], limit)
if (chosen) {
  console.log(
    `\nAt ${DEFAULT_SIMILAR_THRESHOLD}: precision ${f(chosen.precision)}, recall ${f(chosen.recall)}, F1 ${f(chosen.f1)}`,
  )
  console.log(
    `Recall by variation: ${Object.entries(chosen.recallBy)
      .map(([k, v]) => `${k} ${f(v)}`)
      .join(', ')}`,
  )
}

// Speed: 200 ideas, index once, then one search per typing pause.
const board = similarDe.slice(0, 200)
const queries = similarDe.slice(200).map((i) => i.text)
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0
similarIndex(board).search('warm-up')
const builds: number[] = []
const searches: number[] = []
for (let r = 0; r < 9; r++) {
  const t0 = performance.now()
  const index = similarIndex(board)
  builds.push(performance.now() - t0)
  for (const q of queries) {
    const t1 = performance.now()
    index.search(q)
    searches.push(performance.now() - t1)
  }
}
console.log(
  `\nSpeed (200 ideas, median): index ${median(builds).toFixed(2)} ms, search ${median(searches).toFixed(3)} ms per query`,
)
