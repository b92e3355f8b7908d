/**
 * Every open sync connection, so that access changes reach live sockets at once: a logout, an
 * expired or ended session, a removed guest or a deleted board closes them; a role change
 * downgrades or upgrades them in place. A one-second sweep closes sockets whose session expired.
 */
import { CloseCode, type CloseInfo } from '@ideenwand/protocol'
import type { SyncConnection } from './SyncConnection.ts'

export class ConnectionRegistry {
  private readonly connections = new Set<SyncConnection>()
  private readonly sweeper: NodeJS.Timeout

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
  }

  delete(conn: SyncConnection): void {
    this.connections.delete(conn)
  }

  private closeWhere(match: (conn: SyncConnection) => boolean, info: CloseInfo): number {
    let closed = 0
    for (const conn of this.connections) {
      if (!match(conn)) continue
      conn.close(info)
      this.connections.delete(conn)
      closed++
    }
    return closed
  }

  closeSessions(sessionIds: readonly string[], info: CloseInfo = CloseCode.SessionEnded): number {
    const ids = new Set(sessionIds)
    return this.closeWhere(
      (c) => c.context.sessionId !== null && ids.has(c.context.sessionId),
      info,
    )
  }

  closeGuest(guestId: string, info: CloseInfo = CloseCode.Removed): number {
    return this.closeWhere((c) => c.context.guestId === guestId, info)
  }

  closeBoard(boardId: string, info: CloseInfo = CloseCode.BoardNotFound): number {
    return this.closeWhere((c) => c.context.boardId === boardId, info)
  }

  closeFacilitatorOnBoard(facilitatorId: string, boardId: string): number {
    return this.closeWhere(
      (c) => c.context.facilitatorId === facilitatorId && c.context.boardId === boardId,
      CloseCode.Forbidden,
    )
  }

  /** Changes what a guest's live connections may do. */
  setGuestWrite(guestId: string, canWrite: boolean): void {
    for (const conn of this.connections) {
      if (conn.context.guestId !== guestId || conn.context.canWrite === canWrite) continue
      conn.context.canWrite = canWrite
      conn.deniedNotified = false
      if (!canWrite) this.onDowngrade(conn)
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
