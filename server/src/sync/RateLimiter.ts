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

  /** Takes one token; false when the bucket is empty. */
  take(): boolean {
    const now = this.now()
    this.tokens = Math.min(
      this.burst,
      this.tokens + ((now - this.last) / 1000) * this.ratePerSecond,
    )
    this.last = now
    if (this.tokens < 1) return false
    this.tokens -= 1
    return true
  }
}
