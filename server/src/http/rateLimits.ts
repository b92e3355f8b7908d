/**
 * Rate limits for the endpoints people could abuse: setup, login (failed attempts), join, and
 * ticket issuing. Counters live in memory, or in Redis when REDIS_URL is set (then shared by all
 * instances, with an in-memory fallback if Redis is unreachable).
 */
import type { Context, MiddlewareHandler } from 'hono'
import { Redis } from 'ioredis'
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible'
import { ApiError } from './errors.ts'
import { peerAddress } from './requestContext.ts'

export interface LimitSpec {
  points: number
  durationSeconds: number
  /** How long a key stays blocked once it ran out (seconds); default: until the window ends. */
  blockSeconds?: number
}

export type LimitName = 'setup' | 'loginFailures' | 'join' | 'joinWorkshop' | 'tickets'

/** The limits from configuration (see config.ts for the settings and their defaults). */
export function limitSpecs(config: {
  joinPerMinute: number
  joinPerWorkshopPerMinute: number
  loginFailures: number
  setupPerHour: number
}): Record<LimitName, LimitSpec> {
  return {
    setup: { points: config.setupPerHour, durationSeconds: 3600 },
    /** Failed logins per e-mail address and IP; then blocked for 15 minutes. */
    loginFailures: { points: config.loginFailures, durationSeconds: 900, blockSeconds: 900 },
    /** Codes that lead nowhere per IP (guessing), and co-facilitator invitation look-ups. */
    join: { points: config.joinPerMinute, durationSeconds: 60 },
    /**
     * Joins per IP and workshop: a council chamber full of phones behind one NAT must fit into a
     * minute, and one workshop's flood must not use up the joins of another.
     */
    joinWorkshop: { points: config.joinPerWorkshopPerMinute, durationSeconds: 60 },
    tickets: { points: 60, durationSeconds: 60 },
  }
}

export class RateLimits {
  private readonly limiters: Record<LimitName, RateLimiterAbstract>
  private readonly redis: Redis | null

  /**
   * `namespace` separates the counters of deployments sharing one Redis (the server passes its
   * database schema), so one installation's limits never count another's requests.
   */
  constructor(redisUrl: string | null, specs: Record<LimitName, LimitSpec>, namespace = 'public') {
    this.redis = redisUrl
      ? new Redis(redisUrl, {
          enableOfflineQueue: false,
          maxRetriesPerRequest: 1,
          lazyConnect: false,
        })
      : null
    // A Redis error must not crash the process; the insurance limiter takes over.
    this.redis?.on('error', () => {})
    const make = (name: string, spec: LimitSpec): RateLimiterAbstract => {
      const options = {
        keyPrefix: `ideenwand:${namespace}:rl:${name}`,
        points: spec.points,
        duration: spec.durationSeconds,
        ...(spec.blockSeconds ? { blockDuration: spec.blockSeconds } : {}),
      }
      const memory = new RateLimiterMemory(options)
      return this.redis
        ? new RateLimiterRedis({ ...options, storeClient: this.redis, insuranceLimiter: memory })
        : memory
    }
    this.limiters = Object.fromEntries(
      Object.entries(specs).map(([name, spec]) => [name, make(name, spec)]),
    ) as Record<LimitName, RateLimiterAbstract>
  }

  /** Takes one point for `key`; throws a 429 ApiError with Retry-After when exhausted. */
  async consume(c: Context, name: LimitName, key: string): Promise<void> {
    try {
      await this.limiters[name].consume(key)
    } catch (err) {
      if (err instanceof RateLimiterRes) throw tooMany(c, err)
      throw err
    }
  }

  /**
   * Takes one point for an attempt whose outcome is not known yet (a password check): the point
   * is taken atomically *before* the work, so parallel attempts cannot all pass a check that
   * reads the count and only then add to it. Give it back with `refund` (or `reset`) when the
   * attempt succeeds; a failure keeps it. Throws a 429 ApiError when none is left.
   */
  async reserve(c: Context, name: LimitName, key: string): Promise<void> {
    await this.consume(c, name, key)
  }

  /** Gives back a point taken by `reserve` (the attempt succeeded). */
  async refund(name: LimitName, key: string): Promise<void> {
    await this.limiters[name].reward(key, 1).catch(() => undefined)
  }

  async reset(name: LimitName, key: string): Promise<void> {
    await this.limiters[name].delete(key)
  }

  async close(): Promise<void> {
    await this.redis?.quit().catch(() => undefined)
  }
}

function tooMany(c: Context, res: RateLimiterRes): ApiError {
  const seconds = Math.max(1, Math.ceil(res.msBeforeNext / 1000))
  c.header('Retry-After', String(seconds))
  return new ApiError(429, 'rate_limited', `Too many attempts; try again in ${seconds} s`)
}

/**
 * The client's IP address, the one key for per-IP limits (HTTP requests and WebSocket upgrades
 * alike): behind a trusted proxy (`TRUST_PROXY`) the address it forwarded, else the socket peer.
 * Decided once per request by the `requestContext` middleware (http/requestContext.ts).
 */
export function clientIp(c: Context): string {
  return c.get('clientIp') ?? peerAddress(c)
}

/** Middleware: one point per request, keyed by client IP. */
export function limitByIp(limits: RateLimits, name: LimitName): MiddlewareHandler {
  return async (c, next) => {
    await limits.consume(c, name, clientIp(c))
    await next()
  }
}
