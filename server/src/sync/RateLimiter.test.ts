import { describe, expect, it } from 'vitest'
import { RateLimiter } from './RateLimiter.ts'

describe('RateLimiter', () => {
  it('allows the burst, then the sustained rate', () => {
    let now = 0
    const limiter = new RateLimiter(10, 5, () => now)
    for (let i = 0; i < 5; i++) expect(limiter.take()).toBe(true)
    expect(limiter.take()).toBe(false)
    now += 100
    expect(limiter.take()).toBe(true)
    expect(limiter.take()).toBe(false)
    now += 10_000
    for (let i = 0; i < 5; i++) expect(limiter.take()).toBe(true)
    expect(limiter.take()).toBe(false)
  })
})
