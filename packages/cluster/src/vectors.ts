/**
 * TF-IDF vectors over a small corpus of ideas, plus the optional light German compound split.
 * Weights: sublinear tf (1 + ln tf), smoothed idf (ln((1 + n) / (1 + df)) + 1), L2-normalised,
 * so the dot product of two vectors is their cosine similarity. Vectors are sparse: parallel
 * arrays of term index (ascending) and weight.
 */

/** A sparse L2-normalised vector. */
export interface SparseVector {
  terms: number[]
  weights: number[]
}

/** The vectors of a corpus and its vocabulary (term index → term). */
export interface TfIdf {
  vectors: SparseVector[]
  vocabulary: string[]
}

const MIN_COMPOUND = 8
/** Parts may be as short as "bus" or "rad": that is where German compounds keep their topic. */
const MIN_PART = 3
/** A compound's parts count half as much as the word itself (measured better than 1). */
const PART_WEIGHT = 0.5

/** How to build the vectors. */
export interface TfIdfOptions {
  /** Index known sub-words of long terms (see `compoundParts`). */
  splitCompounds: boolean
  /**
   * Terms in fewer documents are dropped. 2 for clustering: a term only one idea has cannot make
   * it similar to anything, but would shrink all its cosines through the norm.
   */
  minDocumentFrequency: number
}

/**
 * Extra terms for a long term that starts and/or ends with another term of the corpus (longest
 * match each side, parts ≥ 3 letters): "steintherm" → "therm", "jugendclub" → "jugend".
 */
export function compoundParts(term: string, known: ReadonlySet<string>): string[] {
  if (term.length < MIN_COMPOUND) return []
  const parts: string[] = []
  for (let k = term.length - MIN_PART; k >= MIN_PART; k--) {
    const head = term.slice(0, k)
    if (known.has(head)) {
      parts.push(head)
      break
    }
  }
  for (let k = MIN_PART; k <= term.length - MIN_PART; k++) {
    const tail = term.slice(k)
    if (known.has(tail)) {
      if (!parts.includes(tail)) parts.push(tail)
      break
    }
  }
  return parts
}

/** Builds TF-IDF vectors for documents given as term lists, in document order. */
export function buildTfIdf(docs: readonly (readonly string[])[], options: TfIdfOptions): TfIdf {
  const known = new Set<string>()
  for (const doc of docs) for (const t of doc) known.add(t)
  const index = new Map<string, number>()
  const vocabulary: string[] = []
  const counts: Map<number, number>[] = docs.map((doc) => {
    const tf = new Map<number, number>()
    const add = (term: string, amount: number) => {
      let i = index.get(term)
      if (i === undefined) {
        i = vocabulary.length
        index.set(term, i)
        vocabulary.push(term)
      }
      tf.set(i, (tf.get(i) ?? 0) + amount)
    }
    for (const term of doc) {
      add(term, 1)
      if (options.splitCompounds)
        for (const part of compoundParts(term, known)) add(part, PART_WEIGHT)
    }
    return tf
  })
  const df = new Float64Array(vocabulary.length)
  for (const tf of counts) for (const i of tf.keys()) df[i] = (df[i] ?? 0) + 1
  const n = docs.length
  const vectors = counts.map((tf) => {
    const terms = [...tf.keys()]
      .filter((i) => (df[i] ?? 0) >= options.minDocumentFrequency)
      .sort((a, b) => a - b)
    const weights = terms.map((i) => {
      const f = tf.get(i) ?? 0
      const sublinear = f >= 1 ? 1 + Math.log(f) : f
      return sublinear * (Math.log((1 + n) / (1 + (df[i] ?? 0))) + 1)
    })
    const norm = Math.sqrt(weights.reduce((s, w) => s + w * w, 0))
    return { terms, weights: norm > 0 ? weights.map((w) => w / norm) : weights }
  })
  return { vectors, vocabulary }
}

/** Cosine similarity of two L2-normalised sparse vectors (merge over sorted term indices). */
export function dot(a: SparseVector, b: SparseVector): number {
  let i = 0
  let j = 0
  let sum = 0
  while (i < a.terms.length && j < b.terms.length) {
    const ta = a.terms[i]!
    const tb = b.terms[j]!
    if (ta === tb) sum += a.weights[i++]! * b.weights[j++]!
    else if (ta < tb) i++
    else j++
  }
  return sum
}

/**
 * The full similarity matrix (row-major, n × n, diagonal 0), filled through an inverted index so
 * only pairs that share a term cost anything.
 */
export function similarityMatrix(
  vectors: readonly SparseVector[],
  termCount: number,
): Float32Array {
  const n = vectors.length
  const postings: { doc: number; weight: number }[][] = Array.from({ length: termCount }, () => [])
  vectors.forEach((v, doc) => {
    for (let k = 0; k < v.terms.length; k++) {
      postings[v.terms[k]!]?.push({ doc, weight: v.weights[k]! })
    }
  })
  // Postings are in document order, so a.doc < b.doc: fill the upper triangle, then mirror.
  const sim = new Float32Array(n * n)
  for (const list of postings) {
    for (let x = 0; x < list.length; x++) {
      const a = list[x]!
      for (let y = x + 1; y < list.length; y++) {
        const b = list[y]!
        const at = a.doc * n + b.doc
        sim[at] = sim[at]! + a.weight * b.weight
      }
    }
  }
  for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) sim[b * n + a] = sim[a * n + b]!
  return sim
}
