/**
 * "Similar idea already posted" (issue 19 §3): while someone types, the public ideas that say the
 * same thing, best first — so they can support one ("+1") instead of writing it again. The same
 * analysis as the clustering (normalise, stop words, Snowball stems) and TF-IDF over the board's
 * ideas, plus two things a half-typed phone text needs: a query word that is a typo of a board
 * word (one edit, words of 5+ letters) counts as that word, and German compounds match their
 * parts both ways ("Fahrradweg" ↔ "Radweg", weight ½). Local and deterministic; the phone imports
 * this module (`@ideenwand/cluster/similar`) without the clustering.
 */
import { chooseLanguage, ignoreSet, type LanguageOption, prepare, stemPrepared } from './tokenize'

/** An idea to compare against. */
export interface SimilarCandidate {
  id: string
  text: string
}

/** One similar idea with its cosine similarity in (0, 1]. */
export interface SimilarMatch {
  id: string
  score: number
}

export interface SimilarOptions {
  /** Minimum similarity shown; default `DEFAULT_SIMILAR_THRESHOLD`. */
  threshold?: number
  /** At most this many matches; default 3. */
  limit?: number
  /** `'de'`, `'en'` or detect per text (default). */
  language?: LanguageOption
  /** Extra stop words, typically the workshop's place names. */
  ignoreWords?: readonly string[]
}

/**
 * Chosen on the labelled set `fixtures/similar.de.ts` (README: precision and recall by
 * threshold): the best F1, and of equal F1 the higher precision — a wrong hint costs attention.
 */
export const DEFAULT_SIMILAR_THRESHOLD = 0.35
export const DEFAULT_SIMILAR_LIMIT = 3

const MIN_FUZZY = 5
const MIN_COMPOUND = 8
const MIN_PART = 3
/** Weight of a compound's part; 0.8 measured a little better than the clustering's 0.5 here. */
const PART_WEIGHT = 0.8

interface IndexedIdea {
  id: string
  /** Term index → weight, L2-normalised. */
  vector: Map<number, number>
}

/** The analysed ideas of a board, built once and searched on every keystroke. */
export interface SimilarIndex {
  /** Number of indexed ideas. */
  readonly size: number
  /** The ideas most similar to `query`, best first (ties by id). */
  search(query: string, options?: Pick<SimilarOptions, 'threshold' | 'limit'>): SimilarMatch[]
}

function terms(text: string, ignore: ReadonlySet<string>, language: LanguageOption): string[] {
  const prepared = prepare(text, ignore)
  return stemPrepared(prepared, chooseLanguage(prepared.score, language, 'de')).map((t) => t.term)
}

/** True if `a` becomes `b` by one insertion, deletion, substitution or swap of neighbours. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true
  if (Math.abs(a.length - b.length) > 1) return false
  let i = 0
  while (i < a.length && i < b.length && a[i] === b[i]) i++
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2)
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1)
}

/** `part` is the head or tail of the compound `whole` (whole ≥ 8 letters, part ≥ 3). */
function isPart(part: string, whole: string): boolean {
  return (
    whole.length >= MIN_COMPOUND &&
    part.length >= MIN_PART &&
    part.length < whole.length &&
    (whole.startsWith(part) || whole.endsWith(part))
  )
}

/**
 * Analyses the ideas once for `search`.
 * @example
 * const index = similarIndex(ideas)
 * index.search('Radweg nach Wiesenburg') // [{ id: 'i7', score: 0.62 }, …]
 */
export function similarIndex(
  ideas: readonly SimilarCandidate[],
  options: Pick<SimilarOptions, 'language' | 'ignoreWords'> = {},
): SimilarIndex {
  const language = options.language ?? 'auto'
  const ignore = ignoreSet(options.ignoreWords)
  const sorted = [...ideas].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const docs = sorted.map((idea) => terms(idea.text, ignore, language))
  const vocabulary: string[] = []
  const index = new Map<string, number>()
  for (const doc of docs) {
    for (const t of doc) {
      if (!index.has(t)) {
        index.set(t, vocabulary.length)
        vocabulary.push(t)
      }
    }
  }
  // Term frequencies with compound parts against the board's own words (as the clustering does).
  const tfs = docs.map((doc) => {
    const tf = new Map<number, number>()
    for (const t of doc) {
      const i = index.get(t) as number
      tf.set(i, (tf.get(i) ?? 0) + 1)
      for (const part of vocabulary) {
        if (isPart(part, t)) {
          const p = index.get(part) as number
          tf.set(p, (tf.get(p) ?? 0) + PART_WEIGHT)
        }
      }
    }
    return tf
  })
  const df = new Float64Array(vocabulary.length)
  for (const tf of tfs) for (const i of tf.keys()) df[i] = (df[i] ?? 0) + 1
  const n = docs.length
  const idf = (i: number | undefined) =>
    Math.log((1 + n) / (1 + (i === undefined ? 0 : (df[i] ?? 0)))) + 1
  const indexed: IndexedIdea[] = sorted.map((idea, k) => {
    const vector = new Map<number, number>()
    let norm = 0
    for (const [i, f] of tfs[k] ?? []) {
      const w = (f >= 1 ? 1 + Math.log(f) : f) * idf(i)
      vector.set(i, w)
      norm += w * w
    }
    norm = Math.sqrt(norm)
    if (norm > 0) for (const [i, w] of vector) vector.set(i, w / norm)
    return { id: idea.id, vector }
  })
  // Which ideas hold each term (so a query only scores ideas it shares something with).
  const postings = new Map<number, number[]>()
  indexed.forEach((idea, k) => {
    for (const i of idea.vector.keys()) {
      const list = postings.get(i)
      if (list) list.push(k)
      else postings.set(i, [k])
    }
  })

  /** The query as weights over board terms; its norm counts its unmatched words too. */
  function queryVector(text: string): { weights: Map<number, number>; norm: number } {
    const tf = new Map<string, number>()
    for (const t of terms(text, ignore, language)) tf.set(t, (tf.get(t) ?? 0) + 1)
    const weights = new Map<number, number>()
    let norm = 0
    const add = (i: number, w: number) => weights.set(i, Math.max(weights.get(i) ?? 0, w))
    for (const [t, f] of tf) {
      const known = index.get(t)
      const w = (1 + Math.log(f)) * idf(known)
      norm += w * w
      if (known !== undefined) add(known, w)
      else if (t.length >= MIN_FUZZY) {
        for (let i = 0; i < vocabulary.length; i++) {
          const v = vocabulary[i] as string
          if (v.length >= MIN_FUZZY && withinOneEdit(t, v)) add(i, (1 + Math.log(f)) * idf(i))
        }
      }
      // Compounds both ways: a board word inside the query word, the query word inside a board word.
      for (let i = 0; i < vocabulary.length; i++) {
        const v = vocabulary[i] as string
        if (v !== t && (isPart(v, t) || isPart(t, v))) add(i, PART_WEIGHT * idf(i))
      }
    }
    return { weights, norm: Math.sqrt(norm) }
  }

  return {
    size: indexed.length,
    search(query, searchOptions = {}) {
      const threshold = searchOptions.threshold ?? DEFAULT_SIMILAR_THRESHOLD
      const limit = searchOptions.limit ?? DEFAULT_SIMILAR_LIMIT
      if (!(threshold >= 0 && threshold <= 1)) throw new RangeError('threshold must be in [0, 1]')
      if (!(Number.isInteger(limit) && limit >= 0)) throw new RangeError('limit must be ≥ 0')
      const { weights, norm } = queryVector(query)
      if (norm === 0 || limit === 0) return []
      const scores = new Map<number, number>()
      for (const [i, w] of weights) {
        for (const k of postings.get(i) ?? []) {
          const dw = indexed[k]?.vector.get(i) ?? 0
          scores.set(k, (scores.get(k) ?? 0) + w * dw)
        }
      }
      const matches: SimilarMatch[] = []
      for (const [k, dot] of scores) {
        const score = Math.min(1, dot / norm)
        if (score >= threshold && score > 0) matches.push({ id: indexed[k]?.id ?? '', score })
      }
      matches.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1))
      return matches.slice(0, limit)
    },
  }
}

/**
 * The ideas most similar to `query`, best first, at most `limit` (3) with a similarity of at
 * least `threshold`. For repeated queries against the same ideas use `similarIndex`.
 * @example similarIdeas('Fahrradweg nach Wiesenburg', [{ id: 'a', text: 'Radweg Wiesenburg ausbauen' }]) // [{ id: 'a', score: … }]
 */
export function similarIdeas(
  query: string,
  ideas: readonly SimilarCandidate[],
  options: SimilarOptions = {},
): SimilarMatch[] {
  return similarIndex(ideas, options).search(query, options)
}
