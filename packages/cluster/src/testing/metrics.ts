/**
 * External clustering metrics for the tests and the benchmark: adjusted Rand index (Hubert &
 * Arabie 1985), normalised mutual information (arithmetic-mean normalisation, as scikit-learn's
 * default) and purity. Labels are arbitrary strings; both arrays list the same items in order.
 */
import type { Suggestion } from '../suggestClusters'

function contingency(gold: readonly string[], predicted: readonly string[]) {
  if (gold.length !== predicted.length) throw new Error('label arrays differ in length')
  const cells = new Map<string, number>()
  const rows = new Map<string, number>()
  const cols = new Map<string, number>()
  gold.forEach((g, i) => {
    const p = predicted[i]!
    const key = `${g}\u0000${p}`
    cells.set(key, (cells.get(key) ?? 0) + 1)
    rows.set(g, (rows.get(g) ?? 0) + 1)
    cols.set(p, (cols.get(p) ?? 0) + 1)
  })
  return { cells, rows, cols, n: gold.length }
}

const pairs = (k: number) => (k * (k - 1)) / 2

/** Adjusted Rand index: 1 for identical partitions, about 0 for random ones (can be negative). */
export function adjustedRandIndex(gold: readonly string[], predicted: readonly string[]): number {
  const { cells, rows, cols, n } = contingency(gold, predicted)
  let index = 0
  for (const c of cells.values()) index += pairs(c)
  let a = 0
  for (const r of rows.values()) a += pairs(r)
  let b = 0
  for (const c of cols.values()) b += pairs(c)
  const expected = (a * b) / pairs(n)
  const max = (a + b) / 2
  if (max === expected) return 1
  return (index - expected) / (max - expected)
}

function entropy(counts: Iterable<number>, n: number): number {
  let h = 0
  for (const c of counts) if (c > 0) h -= (c / n) * Math.log(c / n)
  return h
}

/** Normalised mutual information in [0, 1], arithmetic-mean normalisation. */
export function normalizedMutualInformation(
  gold: readonly string[],
  predicted: readonly string[],
): number {
  const { cells, rows, cols, n } = contingency(gold, predicted)
  let mi = 0
  for (const [key, c] of cells) {
    const [g, p] = key.split('\u0000') as [string, string]
    mi += (c / n) * Math.log((c * n) / ((rows.get(g) ?? 1) * (cols.get(p) ?? 1)))
  }
  const hg = entropy(rows.values(), n)
  const hp = entropy(cols.values(), n)
  if (hg === 0 && hp === 0) return 1
  return (2 * mi) / (hg + hp)
}

/** Share of items whose predicted group's majority gold label is their own. */
export function purity(gold: readonly string[], predicted: readonly string[]): number {
  const { cells, n } = contingency(gold, predicted)
  const best = new Map<string, number>()
  for (const [key, c] of cells) {
    const p = key.split('\u0000')[1] ?? ''
    best.set(p, Math.max(best.get(p) ?? 0, c))
  }
  let sum = 0
  for (const c of best.values()) sum += c
  return sum / n
}

/** Predicted label per id: the cluster index, or a singleton label for each unsorted idea. */
export function predictedLabels(suggestion: Suggestion, ids: readonly string[]): string[] {
  const label = new Map<string, string>()
  suggestion.clusters.forEach((c, i) => {
    for (const id of c.ideaIds) label.set(id, `c${i}`)
  })
  for (const id of suggestion.unsorted) label.set(id, `u:${id}`)
  return ids.map((id) => label.get(id) ?? `missing:${id}`)
}

/** All three metrics plus coverage (share of ideas placed in a cluster) for a labelled set. */
export function score(suggestion: Suggestion, items: readonly { id: string; topic: string }[]) {
  const ids = items.map((i) => i.id)
  const gold = items.map((i) => i.topic)
  const predicted = predictedLabels(suggestion, ids)
  return {
    ari: adjustedRandIndex(gold, predicted),
    nmi: normalizedMutualInformation(gold, predicted),
    purity: purity(gold, predicted),
    coverage: 1 - suggestion.unsorted.length / items.length,
    clusters: suggestion.clusters.length,
  }
}
