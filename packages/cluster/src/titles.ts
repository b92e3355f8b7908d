/**
 * Cluster titles: the highest-weighted terms of the cluster centroid, each shown in the surface
 * form people used most often for it inside the cluster (so German nouns keep the capital they
 * were typed with, and "Radwege" shows instead of the stem "radweg").
 */
import type { AnalyzedToken } from './tokenize'
import { dot, type SparseVector } from './vectors'

const MAX_TERMS = 5
const MAX_TITLE_TERMS = 3
/** A further term joins the title if its centroid weight is at least this share of the top one. */
const TITLE_RATIO = 0.6

/** Per term, how often each surface form was written. */
export type SurfaceCounts = Map<string, Map<string, number>>

/** Counts surface forms per term over the given documents' tokens. */
export function countSurfaces(docs: readonly (readonly AnalyzedToken[])[]): SurfaceCounts {
  const counts: SurfaceCounts = new Map()
  for (const tokens of docs) {
    for (const { term, surface } of tokens) {
      let forms = counts.get(term)
      if (!forms) {
        forms = new Map()
        counts.set(term, forms)
      }
      forms.set(surface, (forms.get(surface) ?? 0) + 1)
    }
  }
  return counts
}

const startsUpper = (w: string) => w[0] !== undefined && w[0] !== w[0].toLowerCase()

/** Most frequent form; ties: capitalised first, then shorter, then code-unit order. */
export function bestSurface(forms: ReadonlyMap<string, number>): string | undefined {
  let best: string | undefined
  let bestCount = 0
  for (const [form, count] of forms) {
    if (best === undefined || count > bestCount) {
      best = form
      bestCount = count
      continue
    }
    if (count < bestCount) continue
    const key = (w: string) => [startsUpper(w) ? 0 : 1, w.length] as const
    const [ua, la] = key(form)
    const [ub, lb] = key(best)
    if (ua < ub || (ua === ub && (la < lb || (la === lb && form < best)))) best = form
  }
  return best
}

/** What a cluster is about: its title, display terms and the centroid for ordering members. */
export interface ClusterLabel {
  title: string
  terms: string[]
  centroid: SparseVector
}

/**
 * Labels a cluster from its members' vectors and tokens. `corpus` supplies a surface form for
 * terms that only occur inside compounds of this cluster (from the compound split).
 */
export function labelCluster(
  vectors: readonly SparseVector[],
  tokens: readonly (readonly AnalyzedToken[])[],
  vocabulary: readonly string[],
  corpus: SurfaceCounts,
): ClusterLabel {
  const sum = new Map<number, number>()
  for (const v of vectors) {
    for (let k = 0; k < v.terms.length; k++) {
      const t = v.terms[k]!
      sum.set(t, (sum.get(t) ?? 0) + v.weights[k]!)
    }
  }
  const ranked = [...sum.entries()].sort((x, y) => {
    if (y[1] !== x[1]) return y[1] - x[1]
    const a = vocabulary[x[0]] ?? ''
    const b = vocabulary[y[0]] ?? ''
    return a < b ? -1 : a > b ? 1 : 0
  })
  const local = countSurfaces(tokens)
  const terms: string[] = []
  const weights: number[] = []
  const seen = new Set<string>()
  for (const [index, weight] of ranked) {
    if (terms.length >= MAX_TERMS) break
    const term = vocabulary[index] ?? ''
    const forms = local.get(term) ?? corpus.get(term)
    const surface = forms ? bestSurface(forms) : undefined
    if (surface === undefined || seen.has(surface.toLowerCase())) continue
    seen.add(surface.toLowerCase())
    terms.push(surface)
    weights.push(weight)
  }
  const top = weights[0] ?? 0
  const titleTerms = terms.filter(
    (_, i) => i < MAX_TITLE_TERMS && (weights[i] ?? 0) >= TITLE_RATIO * top,
  )
  const sorted = [...sum.keys()].sort((a, b) => a - b)
  const centroid = { terms: sorted, weights: sorted.map((t) => sum.get(t) ?? 0) }
  return { title: titleTerms.join(' · '), terms, centroid }
}

/** Orders member indices by closeness to the centroid (most typical idea first), ties by index. */
export function byCloseness(
  members: readonly number[],
  vectors: readonly SparseVector[],
  centroid: SparseVector,
): number[] {
  const score = new Map(members.map((m) => [m, vectors[m] ? dot(vectors[m], centroid) : 0]))
  return [...members].sort((a, b) => (score.get(b) ?? 0) - (score.get(a) ?? 0) || a - b)
}
