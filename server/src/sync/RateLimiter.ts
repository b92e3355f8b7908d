/** Token bucket: `ratePerSecond` sustained, `burst` at once. One per connection, no timers. */
export class RateLimiter {
  private tokens: number
  private last: number

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    private readonly now: () => number = performance.now.bind(performance),
  ) {
    this.tokens = burst
    this.last = this.now()
  }

  /** Takes `n` tokens (default one); false, taking none, when there are not enough. */
  take(n = 1): boolean {
    const now = this.now()
    this.tokens = Math.min(
      this.burst,
      this.tokens + ((now - this.last) / 1000) * this.ratePerSecond,
    )
    this.last = now
    if (n === 0) return true
    if (this.tokens < n) return false
    this.tokens -= n
    return true
  }
}
