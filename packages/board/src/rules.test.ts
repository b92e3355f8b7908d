import { describe, expect, it } from 'vitest'
import { mayWriteBoard, nextPhase, PHASE_RULES } from './phases'
import { applyDot, type Ballot, dotsUsed, rankTally, topTargets } from './voting'

describe('phase permissions', () => {
  it('lets participants change the board while collecting and clustering, not while voting or discussing', () => {
    const state = (phase: 'collect' | 'cluster' | 'vote' | 'discuss') => ({
      phase,
      locked: false,
      archived: false,
    })
    expect(mayWriteBoard('participant', state('collect'))).toBe(true)
    expect(mayWriteBoard('participant', state('cluster'))).toBe(true)
    expect(mayWriteBoard('participant', state('vote'))).toBe(false)
    expect(mayWriteBoard('participant', state('discuss'))).toBe(false)
    expect(mayWriteBoard('facilitator', state('discuss'))).toBe(true)
    expect(mayWriteBoard('viewer', state('collect'))).toBe(false)
  })

  it('a lock makes participants read-only; archiving makes everyone read-only', () => {
    expect(mayWriteBoard('participant', { phase: 'collect', locked: true, archived: false })).toBe(
      false,
    )
    expect(mayWriteBoard('facilitator', { phase: 'collect', locked: true, archived: false })).toBe(
      true,
    )
    expect(mayWriteBoard('facilitator', { phase: 'collect', locked: false, archived: true })).toBe(
      false,
    )
  })

  it('orders the phases and allows voting only in the vote phase', () => {
    expect(nextPhase('collect')).toBe('cluster')
    expect(nextPhase('discuss')).toBeNull()
    expect(
      Object.entries(PHASE_RULES)
        .filter(([, r]) => r.vote)
        .map(([p]) => p),
    ).toEqual(['vote'])
  })
})

describe('ballots', () => {
  const rules = { dotsPerPerson: 3, maxPerTarget: 2, targetIds: null }

  it('keeps to the budget and the per-target maximum', () => {
    let ballot: Ballot = {}
    for (const target of ['a', 'a']) {
      const r = applyDot(ballot, target, 1, rules)
      if (!r.ok) throw new Error(r.error)
      ballot = r.ballot
    }
    expect(applyDot(ballot, 'a', 1, rules)).toEqual({ ok: false, error: 'target-maximum' })
    const third = applyDot(ballot, 'b', 1, rules)
    if (!third.ok) throw new Error(third.error)
    expect(dotsUsed(third.ballot)).toBe(3)
    expect(applyDot(third.ballot, 'c', 1, rules)).toEqual({ ok: false, error: 'budget-exhausted' })
  })

  it('removes dots and refuses to remove what is not there', () => {
    const r = applyDot({ a: 1 }, 'a', -1, rules)
    expect(r).toEqual({ ok: true, ballot: {} })
    expect(applyDot({}, 'a', -1, rules)).toEqual({ ok: false, error: 'no-dot-to-remove' })
  })

  it('refuses targets outside the round', () => {
    expect(applyDot({}, 'x', 1, { ...rules, targetIds: ['a'] })).toEqual({
      ok: false,
      error: 'invalid-target',
    })
  })

  it('takes back a dot from a target that left the round (hidden meanwhile)', () => {
    const round = { ...rules, targetIds: ['a'] }
    expect(applyDot({ x: 2 }, 'x', -1, round)).toEqual({ ok: true, ballot: { x: 1 } })
    expect(applyDot({}, 'x', -1, round)).toEqual({ ok: false, error: 'no-dot-to-remove' })
  })
})

describe('rankings', () => {
  it('shows ties as ties with competition ranks and lists targets without dots', () => {
    const ranking = rankTally(
      new Map([
        ['b', 5],
        ['c', 5],
        ['a', 2],
      ]),
      ['a', 'b', 'c', 'd'],
    )
    expect(ranking.map((e) => [e.targetId, e.dots, e.rank, e.tied])).toEqual([
      ['b', 5, 1, true],
      ['c', 5, 1, true],
      ['a', 2, 3, false],
      ['d', 0, 4, false],
    ])
  })

  it('is stable: equal dots keep the given order', () => {
    const first = rankTally(
      new Map([
        ['x', 1],
        ['y', 1],
      ]),
      ['y', 'x'],
    )
    expect(first.map((e) => e.targetId)).toEqual(['y', 'x'])
  })

  it('takes the top n including ties at the cut', () => {
    const ranking = rankTally(
      new Map([
        ['a', 4],
        ['b', 3],
        ['c', 3],
        ['d', 1],
      ]),
      ['a', 'b', 'c', 'd'],
    )
    expect(topTargets(ranking, 2)).toEqual(['a', 'b', 'c'])
    expect(topTargets(ranking, 10)).toEqual(['a', 'b', 'c', 'd'])
  })
})
