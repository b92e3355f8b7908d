import { applyDot, emptyBallot } from '@ideenwand/board'
import { describe, expect, it } from 'vitest'
import { ballotRules } from './VotingRounds.ts'

describe('ballotRules (issue 19 §2: a table device votes for its people)', () => {
  const round = { dotsPerPerson: 3, maxPerTarget: 2 }

  it('gives a person the round’s dots and cap', () => {
    expect(ballotRules(round, {})).toEqual({ dotsPerPerson: 3, maxPerTarget: 2 })
    expect(ballotRules(round, { table: null })).toEqual({ dotsPerPerson: 3, maxPerTarget: 2 })
  })

  it('multiplies both by the table’s people', () => {
    expect(ballotRules(round, { table: { label: 'Tisch 3', people: 5 } })).toEqual({
      dotsPerPerson: 15,
      maxPerTarget: 10,
    })
  })

  it('lets a table of 5 put 10 dots on one idea and 15 in all, not more', () => {
    const rules = { ...ballotRules(round, { table: { label: 'T', people: 5 } }), targetIds: null }
    let ballot: Readonly<Record<string, number>> = emptyBallot()
    for (let i = 0; i < 10; i++) {
      const r = applyDot(ballot, 'a', 1, rules)
      if (!r.ok) throw new Error(r.error)
      ballot = r.ballot
    }
    expect(applyDot(ballot, 'a', 1, rules)).toEqual({ ok: false, error: 'target-maximum' })
    for (let i = 0; i < 5; i++) {
      const r = applyDot(ballot, `t${i}`, 1, rules)
      if (!r.ok) throw new Error(r.error)
      ballot = r.ballot
    }
    expect(applyDot(ballot, 'b', 1, rules)).toEqual({ ok: false, error: 'budget-exhausted' })
  })
})
