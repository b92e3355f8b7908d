/**
 * Keeps the sync endpoint usable while the database is away. Every access check of a WebSocket
 * reads sessions and workshops from the database; when that throws, a connection is admitted with
 * the verdict the same session cookie got for the same board within the last `ttlMs` (a reload, a
 * second tab, a reconnect after the Wi-Fi dropped), and its room is joined if it is loaded.
 * Anyone else is closed with 4503 `storage unavailable`, which clients retry with back-off.
 *
 * Only positive verdicts of a real check are remembered, for at most `ttlMs` and never beyond the
 * session's expiry; a refusal forgets the entry at once. The memory is consulted only when the
 * check fails, so a removal or logout that reached the database wins whenever it can be read.
 * Tickets are single-use and are never remembered.
 */
import { createHash } from 'node:crypto'
import { CloseCode } from '@ideenwand/protocol'
import type { Context } from 'hono'
import { type CookiePolicy, readSessionCookie } from '../auth/cookies.ts'
import type { Logger } from '../logger.ts'
import type { InstanceEvent } from '../sync/fanout/InstanceEvents.ts'
import type { Authorize, AuthorizeResult } from './syncRoute.ts'

export interface AuthFallbackOptions {
  cookies: CookiePolicy
  log: Logger
  /** How long a verdict may stand in for a failed check (default 10 minutes). */
  ttlMs?: number
  /** Verdicts kept at most (oldest dropped first; default 10,000). */
  max?: number
  /**
   * A check slower than this counts as failed (default 3 s): a database that is gone often
   * shows up as a connection attempt that hangs until the driver's connect timeout.
   */
  timeoutMs?: number
}

type Admitted = Extract<AuthorizeResult, { ok: true }>

/** An access check with a memory of recent verdicts that access changes can clear. */
export interface FallbackAuthorize extends Authorize {
  /**
   * Forgets the remembered verdicts an access change makes stale (a logout, a removal, a role
   * change, a deleted board), so that they cannot admit anyone during a later outage.
   */
  forget(event: InstanceEvent): void
}

/** Whether a remembered verdict for `boardId` is made stale by `event`. */
function staleAfter(event: InstanceEvent, verdict: Admitted, boardId: string): boolean {
  const context = verdict.context
  switch (event.type) {
    case 'sessions-ended':
      return context.sessionId !== null && event.sessionIds.includes(context.sessionId)
    case 'guest-closed':
    case 'guest-write':
      return context.guestId === event.guestId
    case 'board-closed':
      return boardId === event.boardId
    case 'facilitator-removed':
      return context.facilitatorId === event.facilitatorId && boardId === event.boardId
    default:
      return false
  }
}

export function withStorageFallback(
  authorize: Authorize,
  options: AuthFallbackOptions,
): FallbackAuthorize {
  const ttlMs = options.ttlMs ?? 10 * 60_000
  const max = options.max ?? 10_000
  const timeoutMs = options.timeoutMs ?? 3_000
  const remembered = new Map<string, { verdict: Admitted; boardId: string; until: number }>()
  const keyOf = (c: Context, boardId: string): string | null => {
    if (c.req.query('ticket')) return null
    const token = readSessionCookie(c, options.cookies)
    if (!token) return null
    return `${createHash('sha256').update(token).digest('base64url')}:${boardId}`
  }
  const check: Authorize = async (c, boardId) => {
    const key = keyOf(c, boardId)
    let verdict: AuthorizeResult
    let timer: NodeJS.Timeout | undefined
    try {
      const check = authorize(c, boardId)
      const slow = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          check.catch(() => {})
          reject(new Error(`access check took longer than ${timeoutMs} ms`))
        }, timeoutMs)
      })
      verdict = await Promise.race([check, slow])
    } catch (err) {
      const hit = key ? remembered.get(key) : undefined
      if (hit && hit.until > Date.now()) {
        options.log.warn({ err, boardId }, 'access check failed; admitted by the last verdict')
        return hit.verdict
      }
      options.log.error({ err, boardId }, 'access check failed; storage unavailable')
      return { ok: false, close: CloseCode.StorageUnavailable }
    } finally {
      clearTimeout(timer)
    }
    if (!key) return verdict
    remembered.delete(key)
    if (verdict.ok) {
      const expires = verdict.context.expiresAt ?? Number.POSITIVE_INFINITY
      remembered.set(key, { verdict, boardId, until: Math.min(Date.now() + ttlMs, expires) })
      if (remembered.size > max) {
        const oldest = remembered.keys().next().value
        if (oldest !== undefined) remembered.delete(oldest)
      }
    }
    return verdict
  }
  return Object.assign(check, {
    forget(event: InstanceEvent) {
      for (const [key, entry] of remembered) {
        if (staleAfter(event, entry.verdict, entry.boardId)) remembered.delete(key)
      }
    },
  })
}
