/**
 * `suggestClusters`: the whole pipeline from ideas to suggested clusters. Ideas are first sorted
 * by id, so the output does not depend on the order of the input array; every later tie is broken
 * by that order too.
 */
import { averageLinkage, type Merge, Partition } from './agglomerate'
import type { Language } from './stopWords'
import { byCloseness, countSurfaces, labelCluster } from './titles'
import {
  type AnalyzedToken,
  chooseLanguage,
  ignoreSet,
  type LanguageOption,
  prepare,
  stemPrepared,
} from './tokenize'
import { buildTfIdf, similarityMatrix } from './vectors'

/** The input: any idea with a stable id and its text. */
export interface IdeaInput {
  id: string
  text: string
}

/** Tuning knobs; every one is optional. */
export interface SuggestOptions {
  /** Minimum average cosine similarity for a merge (distance threshold = 1 − this). Default 0.15. */
  threshold?: number
  /** Upper bound on the number of clusters; merges continue below the threshold to reach it. */
  maxClusters?: number
  /** Groups smaller than this go to `unsorted`. Default 2. */
  minClusterSize?: number
  /** Language of all ideas, or `'auto'` (default) to detect it per idea. */
  language?: LanguageOption
  /** Also index known sub-words of long compounds ("SteinTherme" → "Therme"). Default true. */
  splitCompounds?: boolean
  /**
   * Words that say nothing about the topic on this board, typically the workshop's place names
   * (`['Bad Belzig', 'Wiesenburg']`): treated as stop words. Default none.
   */
  ignoreWords?: readonly string[]
}

/** One suggested cluster: ideas ordered most typical first. */
export interface SuggestedCluster {
  title: string
  ideaIds: string[]
  terms: string[]
}

/** The suggestion: clusters (largest first) and the ids that fit nowhere, sorted. */
export interface Suggestion {
  clusters: SuggestedCluster[]
  unsorted: string[]
}

/** The similarity matrix is n × n: above this many ideas the memory stops being small. */
export const MAX_IDEAS = 3000

export const DEFAULT_THRESHOLD = 0.15
export const DEFAULT_MIN_CLUSTER_SIZE = 2

/**
 * Groups ideas by text similarity (TF-IDF, cosine, average-linkage agglomerative clustering).
 * @example
 * const { clusters, unsorted } = suggestClusters(board.ideas(), { maxClusters: 8 })
 * // clusters[0] → { title: 'Radwege · Fahrradständer', ideaIds: ['i3', 'i9'], terms: [...] }
 */
export function suggestClusters(
  ideas: readonly IdeaInput[],
  options: SuggestOptions = {},
): Suggestion {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD
  const minSize = options.minClusterSize ?? DEFAULT_MIN_CLUSTER_SIZE
  const { maxClusters } = options
  if (!(threshold > 0 && threshold <= 1)) throw new RangeError('threshold must be in (0, 1]')
  if (!Number.isInteger(minSize) || minSize < 1)
    throw new RangeError('minClusterSize must be an integer ≥ 1')
  if (maxClusters !== undefined && (!Number.isInteger(maxClusters) || maxClusters < 1))
    throw new RangeError('maxClusters must be an integer ≥ 1')
  if (ideas.length > MAX_IDEAS)
    throw new RangeError(`suggestClusters takes at most ${MAX_IDEAS} ideas, got ${ideas.length}`)

  const sorted = [...ideas].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.id === sorted[i - 1]!.id)
      throw new TypeError(`duplicate idea id ${sorted[i]!.id}`)
  }
  const tokens = analyze(sorted, options.language ?? 'auto', ignoreSet(options.ignoreWords))
  const { vectors, vocabulary } = buildTfIdf(
    tokens.map((ts) => ts.map((t) => t.term)),
    { splitCompounds: options.splitCompounds ?? true, minDocumentFrequency: 2 },
  )
  const n = sorted.length
  const merges = averageLinkage(similarityMatrix(vectors, vocabulary.length), n)
  const groups = cut(merges, n, threshold, minSize, maxClusters)

  const corpus = countSurfaces(tokens)
  const clusters: SuggestedCluster[] = []
  const unsorted: number[] = []
  for (const members of groups) {
    if (members.length < minSize) {
      unsorted.push(...members)
      continue
    }
    const label = labelCluster(
      members.map((m) => vectors[m]!),
      members.map((m) => tokens[m]!),
      vocabulary,
      corpus,
    )
    // A cluster of ideas without any content word (emoji, "!!!") has nothing to be about.
    if (label.terms.length === 0) {
      unsorted.push(...members)
      continue
    }
    const order = byCloseness(members, vectors, label.centroid)
    clusters.push({
      title: label.title,
      terms: label.terms,
      ideaIds: order.map((m) => sorted[m]!.id),
    })
  }
  return { clusters, unsorted: unsorted.sort((a, b) => a - b).map((m) => sorted[m]!.id) }
}

/** Tokens per idea; undecided ideas take the majority language of the board (German on a tie). */
function analyze(
  ideas: readonly IdeaInput[],
  language: LanguageOption,
  ignore: ReadonlySet<string>,
): AnalyzedToken[][] {
  const prepared = ideas.map((idea) => prepare(idea.text, ignore))
  let votes = 0
  for (const p of prepared) votes += Math.sign(p.score)
  const fallback: Language = votes < 0 ? 'en' : 'de'
  return prepared.map((p) => stemPrepared(p, chooseLanguage(p.score, language, fallback)))
}

/**
 * Replays merges (most similar first) down to the threshold, then further while there are more
 * than `maxClusters` groups of at least `minSize`, but never at similarity 0 (nothing shared).
 * If that still leaves too many, the largest groups are kept and the rest become singletons.
 * Returns groups of point indices, largest first, ties by their lowest index.
 */
function cut(
  merges: readonly Merge[],
  n: number,
  threshold: number,
  minSize: number,
  maxClusters: number | undefined,
): number[][] {
  const partition = new Partition(n)
  let qualifying = minSize <= 1 ? n : 0
  const join = (m: Merge) => {
    const before = partition.union(m.a, m.b)
    if (!before) return
    const [p, q] = before
    qualifying += (p + q >= minSize ? 1 : 0) - (p >= minSize ? 1 : 0) - (q >= minSize ? 1 : 0)
  }
  let i = 0
  for (; i < merges.length && merges[i]!.similarity >= threshold; i++) join(merges[i]!)
  if (maxClusters !== undefined) {
    for (; i < merges.length && qualifying > maxClusters && merges[i]!.similarity > 0; i++) {
      join(merges[i]!)
    }
  }
  const byRoot = new Map<number, number[]>()
  for (let p = 0; p < n; p++) {
    const root = partition.find(p)
    const list = byRoot.get(root)
    if (list) list.push(p)
    else byRoot.set(root, [p])
  }
  const groups = [...byRoot.values()].sort((a, b) => b.length - a.length || a[0]! - b[0]!)
  if (maxClusters === undefined) return groups
  const out: number[][] = []
  let kept = 0
  for (const g of groups) {
    if (g.length >= minSize && kept < maxClusters) {
      kept++
      out.push(g)
    } else if (g.length >= minSize) {
      for (const p of g) out.push([p])
    } else out.push(g)
  }
  return out
}
