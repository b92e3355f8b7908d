/**
 * One client connection to a board, independent of the WebSocket library: what the room needs to
 * know about it (who, may write, which awareness clients it controls, how far its updates are
 * stored) and how to talk to it.
 */
import { CloseCode, type CloseInfo, type Role } from '@ideenwand/protocol'
import type { RateLimiter } from './RateLimiter.ts'

/** The minimal socket the sync layer uses (satisfied by `ws` and Hono's WSContext). */
export interface SocketLike {
  send(data: Uint8Array): void
  close(code: number, reason: string): void
}

/** Who is connected and what they may do; resolved before the upgrade. */
export interface ConnectionContext {
  boardId: string
  sessionId: string | null
  facilitatorId: string | null
  guestId: string | null
  displayName: string | null
  role: Role | null
  /** Changes while connected when a facilitator changes the person's role. */
  canWrite: boolean
  /** When the session ends at the latest (ms epoch); null = never. */
  expiresAt: number | null
  /** The client asked for `[Ack, seq]` messages (`?ack=1`). */
  wantsAck: boolean
}

let nextId = 1

export class SyncConnection {
  readonly id = nextId++
  /** Awareness client ids this connection has set states for. */
  readonly awarenessIds = new Set<number>()
  /** Sync step 2 / update messages received from a writer. */
  received = 0
  /** How many of those are stored and acknowledged. */
  acked = 0
  /** Told once that it is read-only. */
  deniedNotified = false
  closed = false

  constructor(
    readonly context: ConnectionContext,
    private readonly socket: SocketLike,
    readonly limiter: RateLimiter,
  ) {}

  send(frame: Uint8Array): void {
    if (this.closed) return
    try {
      this.socket.send(frame)
    } catch {
      this.close(CloseCode.InternalError)
    }
  }

  close(info: CloseInfo): void {
    if (this.closed) return
    this.closed = true
    try {
      this.socket.close(info.code, info.reason)
    } catch {
      // already closed underneath
    }
  }
}
