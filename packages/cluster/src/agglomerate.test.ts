/** Average linkage by nearest-neighbour chain on small matrices whose dendrogram is known. */
import { describe, expect, it } from 'vitest'
import { averageLinkage, Partition } from './agglomerate'

const matrix = (rows: number[][]) => Float32Array.from(rows.flat())

describe('averageLinkage', () => {
  it('merges the two tight pairs first, then the pairs at their average similarity', () => {
    const sim = matrix([
      [0, 0.9, 0.1, 0.2],
      [0.9, 0, 0.3, 0.0],
      [0.1, 0.3, 0, 0.8],
      [0.2, 0.0, 0.8, 0],
    ])
    const merges = averageLinkage(sim, 4)
    expect(merges.map((m) => [m.a, m.b])).toEqual([
      [0, 1],
      [2, 3],
      [0, 2],
    ])
    expect(merges[0]!.similarity).toBeCloseTo(0.9, 6)
    expect(merges[1]!.similarity).toBeCloseTo(0.8, 6)
    // average of the four cross pairs: (0.1 + 0.2 + 0.3 + 0) / 4
    expect(merges[2]!.similarity).toBeCloseTo(0.15, 6)
  })

  it('breaks ties by the lower index', () => {
    const sim = matrix([
      [0, 0.5, 0.5],
      [0.5, 0, 0.5],
      [0.5, 0.5, 0],
    ])
    expect(averageLinkage(sim, 3)[0]).toMatchObject({ a: 0, b: 1 })
  })

  it('returns no merges for zero or one point', () => {
    expect(averageLinkage(new Float32Array(0), 0)).toEqual([])
    expect(averageLinkage(new Float32Array(1), 1)).toEqual([])
  })
})

describe('Partition', () => {
  it('reports the sizes joined and ignores repeated joins', () => {
    const p = new Partition(4)
    expect(p.union(0, 1)).toEqual([1, 1])
    expect(p.union(2, 1)).toEqual([1, 2])
    expect(p.union(0, 2)).toBeUndefined()
    expect(p.find(2)).toBe(p.find(0))
    expect(p.find(3)).toBe(3)
  })
})
