import { describe, expect, it } from 'vitest'
import { speakingSummary, turnFigures } from './speaking.ts'

describe('turnFigures', () => {
  it('counts, sums and takes the median', () => {
    expect(turnFigures([30_000, 10_000, 20_000])).toEqual({
      count: 3,
      totalMs: 60_000,
      medianMs: 20_000,
    })
    expect(turnFigures([10, 20]).medianMs).toBe(15)
    expect(turnFigures([])).toEqual({ count: 0, totalMs: 0, medianMs: null })
  })
})

describe('speakingSummary', () => {
  const turns = [
    { channel: 'home' as const, name: 'Ben', startedAt: 200, endedAt: 260 },
    { channel: 'room' as const, name: 'Anna', startedAt: 100, endedAt: 190 },
  ]

  it('gives figures per channel and names only when the report shows names', () => {
    const anonymous = speakingSummary(turns, false)
    expect(anonymous).toMatchObject({ room: { count: 1, totalMs: 90 }, home: { count: 1 } })
    expect(anonymous?.turns).toBeNull()
    expect(JSON.stringify(anonymous)).not.toContain('Anna')
    expect(speakingSummary(turns, true)?.turns?.map((t) => t.name)).toEqual(['Anna', 'Ben'])
  })

  it('is left out when nobody spoke', () => {
    expect(speakingSummary([], true)).toBeNull()
  })
})
