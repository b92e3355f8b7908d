/**
 * How many ideas each person may still add (`SYNC_IDEAS_PER_MINUTE`): one token bucket per
 * session, shared by all of that person's tabs and kept across reconnects, so that neither more
 * tabs nor reconnecting refills it. A connection without a session has its own. Buckets unused
 * for a minute are full again and are dropped (checked lazily; no timers).
 */
import { RateLimiter } from './RateLimiter.ts'

export class IdeaBudgets {
  private readonly budgets = new Map<string, { limiter: RateLimiter; lastUsed: number }>()
  private lastSweep: number

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = performance.now.bind(performance),
  ) {
    this.lastSweep = this.now()
  }

  get size(): number {
    return this.budgets.size
  }

  /** The bucket of `sessionId`, or a fresh one for a connection without a session. */
  for(sessionId: string | null): RateLimiter {
    const now = this.now()
    if (now - this.lastSweep > 60_000) this.sweep(now)
    if (sessionId === null) return this.create()
    let entry = this.budgets.get(sessionId)
    if (!entry) {
      entry = { limiter: this.create(), lastUsed: now }
      this.budgets.set(sessionId, entry)
    }
    entry.lastUsed = now
    return entry.limiter
  }

  private create(): RateLimiter {
    return new RateLimiter(this.perMinute / 60, this.perMinute, this.now)
  }

  /** Drops buckets unused for a minute: they have refilled completely by then. */
  private sweep(now: number): void {
    this.lastSweep = now
    for (const [key, entry] of this.budgets) {
      if (now - entry.lastUsed > 60_000) this.budgets.delete(key)
    }
  }
}
