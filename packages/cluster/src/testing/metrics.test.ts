/** The metric helpers against values worked out by hand (and by scikit-learn for the same input). */
import { describe, expect, it } from 'vitest'
import { adjustedRandIndex, normalizedMutualInformation, purity } from './metrics'

describe('clustering metrics', () => {
  it('scores identical partitions 1, whatever the label names', () => {
    const gold = ['a', 'a', 'b', 'b', 'c']
    const renamed = ['x', 'x', 'y', 'y', 'z']
    expect(adjustedRandIndex(gold, renamed)).toBe(1)
    expect(normalizedMutualInformation(gold, renamed)).toBeCloseTo(1, 12)
    expect(purity(gold, renamed)).toBe(1)
  })

  it('matches known values for a split cluster', () => {
    // sklearn: adjusted_rand_score([0,0,1,1],[0,0,1,2]) = 0.5714…, NMI (arithmetic) = 0.8
    expect(adjustedRandIndex(['0', '0', '1', '1'], ['0', '0', '1', '2'])).toBeCloseTo(4 / 7, 12)
    expect(normalizedMutualInformation(['0', '0', '1', '1'], ['0', '0', '1', '2'])).toBeCloseTo(
      0.8,
      12,
    )
  })

  it('scores a partition that ignores the gold labels about 0 or below', () => {
    const gold = ['a', 'a', 'b', 'b']
    expect(adjustedRandIndex(gold, ['x', 'y', 'x', 'y'])).toBeLessThan(0)
    expect(purity(gold, ['x', 'x', 'x', 'x'])).toBe(0.5)
  })
})
