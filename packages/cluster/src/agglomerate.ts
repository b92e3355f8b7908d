/**
 * Average-linkage agglomerative clustering by the nearest-neighbour-chain algorithm: O(n²) time
 * and the n × n similarity matrix as memory, instead of the O(n³) textbook loop. Average linkage
 * is reducible, so the chain yields the same dendrogram as always merging the globally most
 * similar pair; the merges are then sorted by similarity and replayed to cut the tree.
 * Ties are broken by the lower index, and indices follow idea ids, so results are deterministic.
 */

/** One merge of the dendrogram: the clusters holding points `a` and `b`, at this similarity. */
export interface Merge {
  a: number
  b: number
  similarity: number
}

/**
 * Builds the full dendrogram of n points from a row-major similarity matrix (n × n, symmetric).
 * The matrix is used as working memory and overwritten. Returns n − 1 merges, most similar first.
 */
export function averageLinkage(sim: Float32Array, n: number): Merge[] {
  const size = new Float64Array(n).fill(1)
  const active = new Uint8Array(n).fill(1)
  const merges: Merge[] = []
  const chain: number[] = []
  let remaining = n
  let start = 0
  while (remaining > 1) {
    if (chain.length === 0) {
      while (active[start] === 0) start++
      chain.push(start)
    }
    const a = chain[chain.length - 1]!
    const prev = chain.length > 1 ? chain[chain.length - 2]! : -1
    // The previous chain element wins ties; that is what keeps the chain from cycling.
    let best = prev
    let bestSim = prev >= 0 ? sim[a * n + prev]! : Number.NEGATIVE_INFINITY
    const row = a * n
    for (let k = 0; k < n; k++) {
      if (k === a || active[k] === 0) continue
      const s = sim[row + k]!
      if (s > bestSim) {
        bestSim = s
        best = k
      }
    }
    if (best !== prev) {
      chain.push(best)
      continue
    }
    chain.length -= 2
    const lo = Math.min(a, prev)
    const hi = Math.max(a, prev)
    merges.push({ a: lo, b: hi, similarity: bestSim })
    const sl = size[lo]!
    const sh = size[hi]!
    const total = sl + sh
    for (let k = 0; k < n; k++) {
      if (active[k] === 0 || k === lo || k === hi) continue
      const v = (sl * sim[lo * n + k]! + sh * sim[hi * n + k]!) / total
      sim[lo * n + k] = v
      sim[k * n + lo] = v
    }
    active[hi] = 0
    size[lo] = total
    remaining--
  }
  // Stable sort: equal similarities keep chain order, in which a cluster forms before it merges.
  return merges.sort((x, y) => y.similarity - x.similarity)
}

/** Union-find over points with component sizes, used to replay merges. */
export class Partition {
  private readonly parent: Int32Array
  readonly size: Int32Array

  constructor(n: number) {
    this.parent = Int32Array.from({ length: n }, (_, i) => i)
    this.size = new Int32Array(n).fill(1)
  }

  /** Representative of the component holding point i. */
  find(i: number): number {
    let root = i
    while (this.parent[root] !== root) root = this.parent[root]!
    let x = i
    while (this.parent[x] !== root) {
      const next = this.parent[x]!
      this.parent[x] = root
      x = next
    }
    return root
  }

  /** Joins the components of a and b; returns the sizes they had before, or undefined if joined. */
  union(a: number, b: number): [number, number] | undefined {
    let ra = this.find(a)
    let rb = this.find(b)
    if (ra === rb) return undefined
    const before: [number, number] = [this.size[ra]!, this.size[rb]!]
    if (rb < ra) [ra, rb] = [rb, ra]
    this.parent[rb] = ra
    this.size[ra] = before[0] + before[1]
    return before
  }
}
