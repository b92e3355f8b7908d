import { describe, expect, it } from 'vitest'
import { IdeaBudgets } from './IdeaBudgets.ts'

function clock() {
  let t = 0
  return { now: () => t, advance: (ms: number) => (t += ms) }
}

describe('idea budgets per person', () => {
  it('are shared by all tabs of a session and survive a reconnect', () => {
    const time = clock()
    const budgets = new IdeaBudgets(30, time.now)
    expect(budgets.for('s1').take(20)).toBe(true)
    // A second tab (or the same tab after reconnecting) draws on the same budget.
    expect(budgets.for('s1').take(20)).toBe(false)
    expect(budgets.for('s1').take(10)).toBe(true)
    // Someone else has their own.
    expect(budgets.for('s2').take(30)).toBe(true)
  })

  it('refill at the configured rate and drop buckets unused for a minute', () => {
    const time = clock()
    const budgets = new IdeaBudgets(30, time.now)
    budgets.for('s1').take(30)
    time.advance(10_000)
    expect(budgets.for('s1').take(5)).toBe(true)
    expect(budgets.for('s1').take(1)).toBe(false)
    time.advance(61_000)
    budgets.for('s2')
    expect(budgets.size).toBe(1)
    expect(budgets.for('s1').take(30)).toBe(true)
  })

  it('give connections without a session their own bucket', () => {
    const budgets = new IdeaBudgets(30)
    expect(budgets.for(null).take(30)).toBe(true)
    expect(budgets.for(null).take(30)).toBe(true)
    expect(budgets.size).toBe(0)
  })
})
