import { describe, expect, it } from 'vitest'
import {
  ballotComplete,
  isResistance,
  PASSIVE_OPTION,
  passiveAhead,
  rankResistance,
} from './resistance'

const options = [
  { id: 'a', label: 'Bank am Teich' },
  { id: 'b', label: 'Radweg' },
  { id: PASSIVE_OPTION, label: '' },
]

describe('resistance ratings', () => {
  it('accepts integers 0–10 only', () => {
    for (const ok of [0, 1, 5, 10]) expect(isResistance(ok)).toBe(true)
    for (const bad of [-1, 11, 3.5, Number.NaN, '3', null, undefined, Infinity]) {
      expect(isResistance(bad)).toBe(false)
    }
  })

  it('calls a ballot complete when every option is rated (0 counts as rated)', () => {
    expect(ballotComplete({ a: 0, b: 3, [PASSIVE_OPTION]: 0 }, ['a', 'b', PASSIVE_OPTION])).toBe(
      true,
    )
    expect(ballotComplete({ a: 0, b: 3 }, ['a', 'b', PASSIVE_OPTION])).toBe(false)
    // Inherited names are no ratings.
    expect(ballotComplete({}, ['constructor'])).toBe(false)
  })
})

describe('rankResistance', () => {
  it('ranks by least total resistance with mean, raters and acceptance', () => {
    const ballots = new Map([
      ['anna', { a: 2, b: 7, [PASSIVE_OPTION]: 9 }],
      ['ben', { a: 3, b: 4, [PASSIVE_OPTION]: 10 }],
      ['cem', { a: 1, b: 0, [PASSIVE_OPTION]: 8 }],
    ])
    const ranking = rankResistance(ballots, options)
    expect(ranking.map((e) => [e.targetId, e.total, e.rank, e.tied])).toEqual([
      ['a', 6, 1, false],
      ['b', 11, 2, false],
      [PASSIVE_OPTION, 27, 3, false],
    ])
    expect(ranking[0]).toMatchObject({ raters: 3, mean: 2, acceptance: 8, passive: false })
    expect(ranking[1]).toMatchObject({ mean: 3.67, acceptance: 6.33 })
    expect(ranking[2]?.passive).toBe(true)
    expect(passiveAhead(ranking)).toBe(false)
  })

  it('counts only complete ballots and ignores ratings of options no longer in the round', () => {
    const ballots = new Map<string, Record<string, number>>([
      ['anna', { a: 2, b: 7, [PASSIVE_OPTION]: 9 }],
      ['ben', { a: 10 }], // incomplete: does not count
      ['cem', { a: 1, b: 0, [PASSIVE_OPTION]: 8, gone: 10 }],
    ])
    const ranking = rankResistance(ballots, options)
    expect(ranking.find((e) => e.targetId === 'a')).toMatchObject({ total: 3, raters: 2 })
    expect(ranking.some((e) => e.targetId === 'gone')).toBe(false)
  })

  it('shares ranks on equal totals and lists the passive solution first among them', () => {
    const ballots = new Map([['anna', { a: 4, b: 4, [PASSIVE_OPTION]: 4 }]])
    const ranking = rankResistance(ballots, options)
    expect(ranking.map((e) => [e.targetId, e.rank, e.tied])).toEqual([
      [PASSIVE_OPTION, 1, true],
      ['a', 1, true],
      ['b', 1, true],
    ])
    expect(passiveAhead(ranking)).toBe(true)
  })

  it('says when the passive solution leads: no proposal carries', () => {
    const ballots = new Map([['anna', { a: 8, b: 9, [PASSIVE_OPTION]: 1 }]])
    const ranking = rankResistance(ballots, options)
    expect(ranking[0]?.targetId).toBe(PASSIVE_OPTION)
    expect(ranking.map((e) => e.rank)).toEqual([1, 2, 3])
    expect(passiveAhead(ranking)).toBe(true)
  })

  it('weights a ballot by its people (a table device) and reports no mean without raters', () => {
    const ballots = new Map([
      ['table', { a: 2, b: 5, [PASSIVE_OPTION]: 6 }],
      ['anna', { a: 8, b: 1, [PASSIVE_OPTION]: 6 }],
    ])
    const ranking = rankResistance(ballots, options, new Map([['table', 3]]))
    expect(ranking.find((e) => e.targetId === 'a')).toMatchObject({ total: 14, raters: 4 })
    expect(ranking.find((e) => e.targetId === 'b')).toMatchObject({ total: 16, mean: 4 })
    const none = rankResistance(new Map(), options)
    expect(none.every((e) => e.raters === 0 && e.mean === null && e.acceptance === null)).toBe(true)
    expect(none.every((e) => e.rank === 1 && e.tied)).toBe(true)
    expect(passiveAhead(none)).toBe(false)
  })
})
