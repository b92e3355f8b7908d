import { describe, expect, it } from 'vitest'
import { BoardSequence } from './BoardSequence.ts'

describe('BoardSequence', () => {
  it('chains what it publishes: each message names the id of the one before', () => {
    const s = new BoardSequence()
    expect(s.next(7)).toBe(0)
    expect(s.next(12)).toBe(7)
    expect(s.next(13)).toBe(12)
  })

  it('accepts an unbroken chain and flags a missing message', () => {
    const s = new BoardSequence(10)
    expect(s.receive({ chain: 'a', prev: 0, id: 11 })).toBe(false)
    expect(s.receive({ chain: 'a', prev: 11, id: 14 })).toBe(false)
    // 14 → 20 was lost: this one names 20 as its predecessor.
    expect(s.receive({ chain: 'a', prev: 20, id: 22 })).toBe(true)
    // The chain goes on from what arrived.
    expect(s.receive({ chain: 'a', prev: 22, id: 23 })).toBe(false)
  })

  it('keeps chains apart, so interleaved publishers are no gap', () => {
    const s = new BoardSequence(0)
    expect(s.receive({ chain: 'a', prev: 0, id: 1 })).toBe(false)
    expect(s.receive({ chain: 'b', prev: 0, id: 2 })).toBe(false)
    expect(s.receive({ chain: 'a', prev: 1, id: 3 })).toBe(false)
    expect(s.receive({ chain: 'b', prev: 2, id: 4 })).toBe(false)
  })

  it('judges a chain first seen by what was loaded: older predecessors are in the load', () => {
    const s = new BoardSequence()
    s.loaded(50)
    expect(s.receive({ chain: 'old', prev: 48, id: 51 })).toBe(false)
    expect(s.receive({ chain: 'lost', prev: 52, id: 53 })).toBe(true)
  })

  it('flags sequences that cannot be right (replayed, backwards, no id)', () => {
    const s = new BoardSequence(0)
    expect(s.receive({ chain: 'a', prev: 0, id: 5 })).toBe(false)
    expect(s.receive({ chain: 'a', prev: 5, id: 9 })).toBe(false)
    expect(s.receive({ chain: 'a', prev: 0, id: 5 })).toBe(true)
    expect(s.receive({ chain: 'c', prev: 4, id: 4 })).toBe(true)
    expect(s.receive({ chain: 'd', prev: 0, id: 0 })).toBe(true)
  })
})
