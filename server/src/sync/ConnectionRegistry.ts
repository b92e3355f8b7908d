/**
 * Every open sync connection, so that access changes reach live sockets at once: a logout, an
 * expired or ended session, a removed guest or a deleted board closes them; a role change
 * downgrades or upgrades them in place. A one-second sweep closes sockets whose session expired.
 * With several instances, each change is also announced to the others (`announce`, see
 * fanout/AccessEvents.ts), which apply it to their own connections (`apply`).
 */
import { CloseCode, type CloseInfo } from '@ideenwand/protocol'
import type { AccessEvent } from './fanout/AccessEvents.ts'
import type { ConnectionContext, SyncConnection } from './SyncConnection.ts'

export class ConnectionRegistry {
  private readonly connections = new Set<SyncConnection>()
  /** Open connections per session id and per client IP (for the connection limits). */
  private readonly perSession = new Map<string, number>()
  private readonly perIp = new Map<string, number>()
  private readonly sweeper: NodeJS.Timeout
  /** Tells the other instances about a change made here (set by the server with Redis). */
  announce: (event: AccessEvent) => void = () => {}
  /** Sees every change applied here, made here or elsewhere (e.g. to forget cached verdicts). */
  observe: (event: AccessEvent) => void = () => {}

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

  add(conn: SyncConnection): void {
    this.connections.add(conn)
    if (conn.context.sessionId !== null) bump(this.perSession, conn.context.sessionId, 1)
    bump(this.perIp, conn.context.ip, 1)
  }

  delete(conn: SyncConnection): void {
    if (!this.connections.delete(conn)) return
    if (conn.context.sessionId !== null) bump(this.perSession, conn.context.sessionId, -1)
    bump(this.perIp, conn.context.ip, -1)
  }

  /**
   * Which connection limit a new connection with `context` would exceed on this instance
   * (`SYNC_CONNECTIONS_PER_SESSION`, `SYNC_CONNECTIONS_PER_IP`), or null if none.
   */
  overLimit(
    context: { sessionId: string | null; ip: string },
    limits: { perSession: number; perIp: number },
  ): 'session' | 'ip' | null {
    if (context.sessionId !== null) {
      if ((this.perSession.get(context.sessionId) ?? 0) >= limits.perSession) return 'session'
    }
    if ((this.perIp.get(context.ip) ?? 0) >= limits.perIp) return 'ip'
    return null
  }

  private closeWhere(match: (conn: SyncConnection) => boolean, info: CloseInfo): number {
    let closed = 0
    for (const conn of this.connections) {
      if (!match(conn)) continue
      conn.close(info)
      this.delete(conn)
      closed++
    }
    return closed
  }

  closeSessions(sessionIds: readonly string[], info: CloseInfo = CloseCode.SessionEnded): number {
    if (sessionIds.length === 0) return 0
    const event: AccessEvent = { type: 'sessions-ended', sessionIds: [...sessionIds], close: info }
    this.announce(event)
    return this.apply(event)
  }

  closeGuest(guestId: string, info: CloseInfo = CloseCode.Removed): number {
    const event: AccessEvent = { type: 'guest-closed', guestId, close: info }
    this.announce(event)
    return this.apply(event)
  }

  closeBoard(boardId: string, info: CloseInfo = CloseCode.BoardNotFound): number {
    const event: AccessEvent = { type: 'board-closed', boardId, close: info }
    this.announce(event)
    return this.apply(event)
  }

  closeFacilitatorOnBoard(facilitatorId: string, boardId: string): number {
    const event: AccessEvent = { type: 'facilitator-removed', facilitatorId, boardId }
    this.announce(event)
    return this.apply(event)
  }

  /** Changes what a guest's live connections may do. */
  setGuestWrite(guestId: string, canWrite: boolean): void {
    const event: AccessEvent = { type: 'guest-write', guestId, canWrite }
    this.announce(event)
    this.apply(event)
  }

  /**
   * Applies a change to the connections of this instance only (made here, or announced by another
   * instance); returns how many were closed. Events for other parts of the server are ignored.
   */
  apply(event: AccessEvent): number {
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
          CloseCode.Forbidden,
        )
      case 'guest-write': {
        for (const conn of this.connections) {
          if (conn.context.guestId !== event.guestId) continue
          if (conn.context.canWrite === event.canWrite) continue
          conn.context.canWrite = event.canWrite
          conn.deniedNotified = false
          if (!event.canWrite) this.onDowngrade(conn)
        }
        return 0
      }
      default:
        return 0
    }
  }

  /** Sets every connection on a board to read-only or back (archiving). */
  setBoardWrite(boardId: string, canWrite: (conn: SyncConnection) => boolean): void {
    for (const conn of this.connections) {
      if (conn.context.boardId !== boardId) continue
      const next = canWrite(conn)
      if (conn.context.canWrite === next) continue
      conn.context.canWrite = next
      if (!next) this.onDowngrade(conn)
    }
  }

  /**
   * Checks every connection again (this instance may have missed access events, e.g. while
   * Redis was unreachable): closes those that lost access and adjusts the write permission of
   * the rest. A failing check keeps the connection as it is. Resolves with how many were closed.
   */
  async revalidate(
    check: (context: ConnectionContext) => Promise<{ close: CloseInfo } | { canWrite: boolean }>,
  ): Promise<number> {
    let closed = 0
    for (const conn of [...this.connections]) {
      let verdict: { close: CloseInfo } | { canWrite: boolean }
      try {
        verdict = await check(conn.context)
      } catch {
        continue
      }
      if (conn.closed) continue
      if ('close' in verdict) {
        conn.close(verdict.close)
        this.connections.delete(conn)
        closed++
      } else if (verdict.canWrite !== conn.context.canWrite) {
        conn.context.canWrite = verdict.canWrite
        conn.deniedNotified = false
        if (!verdict.canWrite) this.onDowngrade(conn)
      }
    }
    return closed
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

function bump(counts: Map<string, number>, key: string, by: number): void {
  const next = (counts.get(key) ?? 0) + by
  if (next > 0) counts.set(key, next)
  else counts.delete(key)
}
