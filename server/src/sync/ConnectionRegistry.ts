/**
 * Every open sync connection, so that access changes reach live sockets at once: a logout, an
 * expired or ended session, a removed guest or a deleted board closes them; a role change
 * downgrades or upgrades them in place. A one-second sweep closes sockets whose session expired.
 * With several instances, each change is also announced to the others (`announce`, see
 * fanout/InstanceEvents.ts), which apply it to their own connections (`apply`).
 *
 * It also keeps the counts behind the connection limits (README "Limits"), built so that one
 * person cannot take the others' places: tabs per session; and per client address and board,
 * sessions (a session's first connection) and, separately, the further tabs of those sessions.
 * Guests and facilitators count in separate pools, so guests can never lock a facilitator out.
 * A connection leaves the counts when it ends, however it ends (`SyncConnection.whenEnded` runs
 * `delete` once), so the counts stay exact.
 */
import {
  AccessDenial,
  CloseCode,
  type CloseInfo,
  closeInfoFor,
  type Role,
} from '@ideenwand/protocol'
import type { InstanceEvent } from './fanout/InstanceEvents.ts'
import type { ConnectionContext, SyncConnection } from './SyncConnection.ts'

/** The connection limits (`SYNC_CONNECTIONS_PER_SESSION`, `SYNC_SESSIONS_PER_IP`, …_PER_IP). */
export interface ConnectionLimits {
  /** Connections of one session (its tabs). */
  perSession: number
  /** Sessions with an open connection, per address and board (each counted once). */
  sessionsPerIp: number
  /** Connections beyond each session's first, per address and board (shared). */
  extraPerIp: number
}

/** A live connection's role (unchanged if absent) and whether it may write. */
export interface Permission {
  canWrite: boolean
  role?: Role | undefined
}

/** What a connection is counted by. */
type Counted = Pick<ConnectionContext, 'sessionId' | 'facilitatorId' | 'ip' | 'boardId'>

/** The open connections of one pool (guests or facilitators at one address on one board). */
interface Pool {
  connections: number
  /** Open connections per session (a connection without session is a session of its own). */
  sessions: Map<string, number>
}

/** The pool a connection counts in: facilitators apart from guests, per address and board. */
function poolKey(context: Counted): string {
  return `${context.facilitatorId !== null ? 'facilitator' : 'guest'} ${context.ip} ${context.boardId}`
}

export class ConnectionRegistry {
  private readonly connections = new Set<SyncConnection>()
  /** Open connections per session id, and per pool (for the connection limits). */
  private readonly perSession = new Map<string, number>()
  private readonly pools = new Map<string, Pool>()
  private readonly sweeper: NodeJS.Timeout
  /** Tells the other instances about a change made here (set by the server with Redis). */
  announce: (event: InstanceEvent) => void = () => {}
  /** Sees every change applied here, made here or elsewhere (e.g. to forget cached verdicts). */
  observe: (event: InstanceEvent) => void = () => {}
  /**
   * Called after a live connection's role or write permission changed one by one (a guest's
   * role, a check after missed events), so that it gets its control state again.
   */
  accessChanged: (conn: SyncConnection) => void = () => {}

  constructor(
    /** Called when a connection's write permission changes (to drop its awareness). */
    private readonly onDowngrade: (conn: SyncConnection) => void,
    sweepMs = 1000,
  ) {
    this.sweeper = setInterval(() => this.sweepExpired(), sweepMs)
    this.sweeper.unref()
  }

  get size(): number {
    return this.connections.size
  }

  /** Counts a connection until it ends (closed by the client, by us, or lost). */
  add(conn: SyncConnection): void {
    if (this.connections.has(conn)) return
    this.connections.add(conn)
    conn.whenEnded(() => this.delete(conn))
    const { context } = conn
    if (context.sessionId !== null) bump(this.perSession, context.sessionId, 1)
    const key = poolKey(context)
    let pool = this.pools.get(key)
    if (!pool) {
      pool = { connections: 0, sessions: new Map() }
      this.pools.set(key, pool)
    }
    pool.connections++
    bump(pool.sessions, sessionKey(conn), 1)
  }

  /** The one way a connection leaves the counts (run when it ends; repeating it is harmless). */
  delete(conn: SyncConnection): void {
    if (!this.connections.delete(conn)) return
    const { context } = conn
    if (context.sessionId !== null) bump(this.perSession, context.sessionId, -1)
    const key = poolKey(context)
    const pool = this.pools.get(key)
    if (!pool) return
    pool.connections--
    bump(pool.sessions, sessionKey(conn), -1)
    if (pool.connections <= 0) this.pools.delete(key)
  }

  /**
   * Which connection limit a new connection with `context` would exceed on this instance, or
   * null if none: `session` (its tabs), `sessions` (a session's first connection, when its
   * address has that many sessions on the board), `extra` (a further tab, when the address's
   * further tabs on the board are used up). A session's first connection is never refused
   * because others opened many tabs.
   */
  overLimit(context: Counted, limits: ConnectionLimits): 'session' | 'sessions' | 'extra' | null {
    const own = context.sessionId !== null ? (this.perSession.get(context.sessionId) ?? 0) : 0
    if (own >= limits.perSession) return 'session'
    const pool = this.pools.get(poolKey(context))
    if (!pool) return null
    const here = context.sessionId !== null ? (pool.sessions.get(context.sessionId) ?? 0) : 0
    if (here === 0) return pool.sessions.size >= limits.sessionsPerIp ? 'sessions' : null
    return pool.connections - pool.sessions.size >= limits.extraPerIp ? 'extra' : null
  }

  /** The counts a connection with `context` is measured against (for tests and logs). */
  usage(context: Counted): { session: number; sessions: number; extra: number } {
    const pool = this.pools.get(poolKey(context))
    return {
      session: context.sessionId !== null ? (this.perSession.get(context.sessionId) ?? 0) : 0,
      sessions: pool?.sessions.size ?? 0,
      extra: pool ? pool.connections - pool.sessions.size : 0,
    }
  }

  private closeWhere(match: (conn: SyncConnection) => boolean, info: CloseInfo): number {
    let closed = 0
    for (const conn of this.connections) {
      if (!match(conn)) continue
      // Ending it takes it out of the counts (`add` registered that).
      conn.close(info)
      closed++
    }
    return closed
  }

  closeSessions(sessionIds: readonly string[], info: CloseInfo = CloseCode.SessionEnded): number {
    if (sessionIds.length === 0) return 0
    const event: InstanceEvent = {
      type: 'sessions-ended',
      sessionIds: [...sessionIds],
      close: info,
    }
    this.announce(event)
    return this.apply(event)
  }

  closeGuest(guestId: string, info: CloseInfo = CloseCode.Removed): number {
    const event: InstanceEvent = { type: 'guest-closed', guestId, close: info }
    this.announce(event)
    return this.apply(event)
  }

  closeBoard(boardId: string, info: CloseInfo = CloseCode.BoardNotFound): number {
    const event: InstanceEvent = { type: 'board-closed', boardId, close: info }
    this.announce(event)
    return this.apply(event)
  }

  closeFacilitatorOnBoard(facilitatorId: string, boardId: string): number {
    const event: InstanceEvent = { type: 'facilitator-removed', facilitatorId, boardId }
    this.announce(event)
    return this.apply(event)
  }

  /** Changes a guest's role and what their live connections may do. */
  setGuestWrite(guestId: string, canWrite: boolean, role?: Role): void {
    const event: InstanceEvent = {
      type: 'guest-write',
      guestId,
      canWrite,
      ...(role ? { role } : {}),
    }
    this.announce(event)
    this.apply(event)
  }

  /**
   * Applies a change to the connections of this instance only (made here, or announced by another
   * instance); returns how many were closed. Events for other parts of the server are ignored.
   */
  apply(event: InstanceEvent): number {
    this.observe(event)
    switch (event.type) {
      case 'sessions-ended': {
        const ids = new Set(event.sessionIds)
        return this.closeWhere(
          (c) => c.context.sessionId !== null && ids.has(c.context.sessionId),
          event.close,
        )
      }
      case 'guest-closed':
        return this.closeWhere((c) => c.context.guestId === event.guestId, event.close)
      case 'board-closed':
        return this.closeWhere((c) => c.context.boardId === event.boardId, event.close)
      case 'facilitator-removed':
        return this.closeWhere(
          (c) =>
            c.context.facilitatorId === event.facilitatorId && c.context.boardId === event.boardId,
          closeInfoFor(AccessDenial.Forbidden),
        )
      case 'guest-write': {
        for (const conn of this.connections) {
          if (conn.context.guestId !== event.guestId) continue
          this.permit(conn, event.canWrite, event.role, true)
        }
        return 0
      }
      default:
        return 0
    }
  }

  /**
   * Sets every connection on a board to read-only or back (phase, lock, archive). The workshop
   * workshop control publishes the new control state to all of them itself, so none is told one by one.
   */
  setBoardWrite(boardId: string, canWrite: (conn: SyncConnection) => boolean): void {
    for (const conn of this.connections) {
      if (conn.context.boardId !== boardId) continue
      this.permit(conn, canWrite(conn), undefined, false)
    }
  }

  /**
   * Checks every connection again (this instance may have missed access events, e.g. while
   * Redis was unreachable): closes those that lost access and adjusts the write permission of
   * the rest. A failing check keeps the connection as it is. Resolves with how many were closed.
   */
  async revalidate(
    check: (context: ConnectionContext) => Promise<{ close: CloseInfo } | Permission>,
  ): Promise<number> {
    let closed = 0
    for (const conn of [...this.connections]) {
      let verdict: { close: CloseInfo } | Permission
      try {
        verdict = await check(conn.context)
      } catch {
        continue
      }
      if (conn.closed) continue
      if ('close' in verdict) {
        conn.close(verdict.close)
        closed++
      } else {
        this.permit(conn, verdict.canWrite, verdict.role, true)
      }
    }
    return closed
  }

  /**
   * The one way a live connection's role and write permission change: a downgrade drops its
   * presence; with `tell`, a changed connection is sent its control state again.
   */
  private permit(
    conn: SyncConnection,
    canWrite: boolean,
    role: Role | undefined,
    tell: boolean,
  ): void {
    const change = conn.setPermission(canWrite, role ?? conn.context.role)
    if (change === 'unchanged') return
    if (change === 'downgraded') this.onDowngrade(conn)
    if (tell) this.accessChanged(conn)
  }

  sweepExpired(now = Date.now()): number {
    return this.closeWhere(
      (c) => c.context.expiresAt !== null && c.context.expiresAt <= now,
      CloseCode.SessionExpired,
    )
  }

  close(): void {
    clearInterval(this.sweeper)
  }
}

function sessionKey(conn: SyncConnection): string {
  return conn.context.sessionId ?? `connection ${conn.id}`
}

function bump(counts: Map<string, number>, key: string, by: number): void {
  const next = (counts.get(key) ?? 0) + by
  if (next > 0) counts.set(key, next)
  else counts.delete(key)
}
