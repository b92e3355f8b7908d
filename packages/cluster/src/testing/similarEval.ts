/**
 * Precision and recall of `similarIndex` on the labelled set `fixtures/similar.de.ts`, for the
 * tests and the benchmark. Each idea in turn is the text being typed; the others are the board.
 * A shown match of the same group is a true positive. Recall counts, per query, the group's other
 * ideas found of those that could be shown (at most `limit`).
 */
import type { SimilarFixtureIdea, Variation } from '../fixtures/similar.de'
import { similarIndex } from '../similarIdeas'

export interface SimilarScores {
  threshold: number
  limit: number
  precision: number
  recall: number
  f1: number
  shown: number
  /** Recall of the queries by how they differ from their group's first idea. */
  recallBy: Record<Variation, number>
}

/** Scores for each threshold (the board is indexed once per query, without the query). */
export function evaluateSimilar(
  ideas: readonly SimilarFixtureIdea[],
  thresholds: readonly number[],
  limit: number,
  ignoreWords: readonly string[] = [],
): SimilarScores[] {
  const size = new Map<string, number>()
  for (const i of ideas) size.set(i.group, (size.get(i.group) ?? 0) + 1)
  const results = thresholds.map(() => ({
    tp: 0,
    shown: 0,
    found: 0,
    findable: 0,
    by: new Map<Variation, { found: number; findable: number }>(),
  }))
  for (const query of ideas) {
    const board = ideas.filter((i) => i.id !== query.id)
    const groupOf = new Map(board.map((i) => [i.id, i.group]))
    const index = similarIndex(board, { ignoreWords })
    const findable = Math.min((size.get(query.group) ?? 1) - 1, limit)
    thresholds.forEach((t, k) => {
      const r = results[k]!
      const shown = index.search(query.text, { threshold: t, limit })
      const tp = shown.filter((m) => groupOf.get(m.id) === query.group).length
      r.tp += tp
      r.shown += shown.length
      r.found += tp
      r.findable += findable
      const v = r.by.get(query.variation) ?? { found: 0, findable: 0 }
      v.found += tp
      v.findable += findable
      r.by.set(query.variation, v)
    })
  }
  return results.map((r, k) => {
    const precision = r.shown === 0 ? 1 : r.tp / r.shown
    const recall = r.findable === 0 ? 1 : r.found / r.findable
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall)
    const recallBy = {} as Record<Variation, number>
    for (const v of ['original', 'paraphrase', 'compound', 'typo', 'english'] as const) {
      const x = r.by.get(v)
      recallBy[v] = x && x.findable > 0 ? x.found / x.findable : 0
    }
    return { threshold: thresholds[k]!, limit, precision, recall, f1, shown: r.shown, recallBy }
  })
}
