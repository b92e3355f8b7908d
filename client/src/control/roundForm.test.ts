/**
 * The "start a round" form (roundForm.ts): what a facilitator types becomes the round the server
 * is asked for, or the start button stays disabled with the wrong field marked.
 */
import { describe, expect, it } from 'vitest'
import { minutesOf, type RoundForm, readRoundForm } from './roundForm.ts'

/** The form as it opens: 3 dots, ideas, no limit, no earlier round. */
const opened: RoundForm = {
  method: 'dots',
  dots: '3',
  max: '',
  kind: 'idea',
  limit: '',
  fromRound: '',
  top: '5',
}
const read = (changes: Partial<RoundForm>) => readRoundForm({ ...opened, ...changes })

describe('readRoundForm', () => {
  it('starts a dot round as the form opens: 3 dots, at most 3 on one idea, no limit', () => {
    expect(read({})).toEqual({
      round: { dotsPerPerson: 3, maxPerTarget: 3, targetKind: 'idea' },
      invalid: { dots: false, max: false, limit: false },
    })
  })

  it('takes "most per option" when given, but never more than the dots per person', () => {
    expect(read({ dots: '5', max: '2' }).round).toMatchObject({ dotsPerPerson: 5, maxPerTarget: 2 })
    expect(read({ dots: '3', max: '10' }).round).toMatchObject({
      dotsPerPerson: 3,
      maxPerTarget: 3,
    })
  })

  it('accepts the bounds 1 and 100 and refuses 0 and 101', () => {
    expect(read({ dots: '1' }).round).toMatchObject({ dotsPerPerson: 1 })
    expect(read({ dots: '100' }).round).toMatchObject({ dotsPerPerson: 100 })
    expect(read({ dots: '0' })).toMatchObject({ round: null, invalid: { dots: true } })
    expect(read({ dots: '101' })).toMatchObject({ round: null, invalid: { dots: true } })
    expect(read({ max: '0' })).toMatchObject({ round: null, invalid: { dots: false, max: true } })
  })

  it('refuses a fraction of a dot instead of rounding it down', () => {
    expect(read({ dots: '2.5' })).toMatchObject({ round: null, invalid: { dots: true } })
  })

  it('marks "most per option" invalid too while the dots are (it defaults to them)', () => {
    expect(read({ dots: '' }).invalid).toEqual({ dots: true, max: true, limit: false })
  })

  it('starts a resistance round whatever the dot fields say', () => {
    const { round } = read({ method: 'resistance', dots: '', max: 'x', kind: 'cluster' })
    expect(round).toEqual({ method: 'resistance', targetKind: 'cluster' })
  })

  it('turns a time limit in minutes into seconds, with a comma or a point', () => {
    expect(read({ limit: '2,5' }).round).toMatchObject({ durationSeconds: 150 })
    expect(read({ limit: '1.75' }).round).toMatchObject({ durationSeconds: 105 })
    expect(read({ limit: ' ' }).round).not.toHaveProperty('durationSeconds')
  })

  it('refuses a time limit of 0, below 0, above 240 minutes or not a number', () => {
    for (const limit of ['0', '-1', '240.5', 'bald']) {
      expect(read({ limit }), limit).toMatchObject({ round: null, invalid: { limit: true } })
    }
    expect(read({ limit: '240' }).round).toMatchObject({ durationSeconds: 14_400 })
  })

  it('limits "the best N of round X" to ideas, whatever kind was chosen', () => {
    const { round } = read({ kind: 'cluster', fromRound: '2', top: '4' })
    expect(round).toMatchObject({ targetKind: 'idea', fromRound: { number: 2, top: 4 } })
  })

  it('needs a valid N only when an earlier round is chosen', () => {
    expect(read({ fromRound: '2', top: '0' }).round).toBeNull()
    expect(read({ fromRound: '', top: '0' }).round).not.toBeNull()
    expect(read({ fromRound: '', top: '0' }).round).not.toHaveProperty('fromRound')
  })
})

describe('minutesOf', () => {
  it('reads minutes with a decimal comma or point', () => {
    expect(minutesOf('5')).toBe(5)
    expect(minutesOf('0,5')).toBe(0.5)
    expect(minutesOf('0.5')).toBe(0.5)
  })

  it('refuses nothing, zero, negative and more than 240 minutes', () => {
    for (const text of ['', '0', '-2', '240.01', 'fünf']) expect(minutesOf(text), text).toBeNull()
  })
})
