/**
 * One client connection to a board, independent of the WebSocket library: what the room needs to
 * know about it (who, may write, which awareness clients it controls, how far its updates are
 * stored) and how to talk to it.
 */
import { CloseCode, type CloseInfo, type Role } from '@ideenwand/protocol'
import { RateLimiter } from './RateLimiter.ts'
import { SharedFrame } from './SharedFrame.ts'

/** The minimal socket the sync layer uses (satisfied by `ws` and Hono's WSContext). */
export interface SocketLike {
  send(data: Uint8Array): void
  /**
   * Sends a frame shared by many connections, framing it once for all of them where the
   * transport can; in this socket's order with everything else it sends. Without it, `send`
   * gets the payload.
   */
  sendShared?(frame: SharedFrame): void
  close(code: number, reason: string): void
  /** Bytes queued but not yet handed to the network (`ws`'s `bufferedAmount`); 0 if unknown. */
  readonly bufferedAmount?: number
}

/** How much unsent data a connection may pile up before it is treated as slow or hopeless. */
export interface Backpressure {
  /** Above this, presence frames are skipped; the connection gets a full snapshot once drained. */
  slowBytes: number
  /** Above this, the connection is closed with 4508 (`too slow`); the client reconnects. */
  maxBytes: number
}

const NO_LIMIT: Backpressure = {
  slowBytes: Number.POSITIVE_INFINITY,
  maxBytes: Number.POSITIVE_INFINITY,
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
  /** The client's IP address (`clientIp`), for the per-IP connection limit. */
  ip: string
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
  /** Presence frames were skipped because it read too slowly; owes a full presence snapshot. */
  presenceStale = false
  /** The handshake's sync step 2 arrived (later ones count against the idea limit). */
  handshakeDone = false
  /** Ideas this person may add per minute (`SYNC_IDEAS_PER_MINUTE`, the same as a burst). */
  ideaLimiter = new RateLimiter(0.5, 30)

  constructor(
    readonly context: ConnectionContext,
    private readonly socket: SocketLike,
    readonly limiter: RateLimiter,
    private readonly backpressure: Backpressure = NO_LIMIT,
  ) {}

  /** Bytes sent to this connection that the network has not taken yet. */
  get buffered(): number {
    return this.socket.bufferedAmount ?? 0
  }

  /** True while this connection is too far behind to be sent presence. */
  get isSlow(): boolean {
    return this.buffered > this.backpressure.slowBytes
  }

  /**
   * Sends a frame that must arrive (document updates, acks, replies); closes hopeless readers. A
   * `SharedFrame` (one broadcast to many connections) is framed once for all of them.
   */
  send(frame: Uint8Array | SharedFrame): void {
    if (this.closed) return
    try {
      if (!(frame instanceof SharedFrame)) this.socket.send(frame)
      else if (this.socket.sendShared) this.socket.sendShared(frame)
      else this.socket.send(frame.payload)
    } catch {
      this.close(CloseCode.InternalError)
      return
    }
    if (this.buffered > this.backpressure.maxBytes) this.close(CloseCode.TooSlow)
  }

  /**
   * Sends a presence frame unless the connection is behind; then it is skipped (presence is a
   * latest-state value, so the snapshot sent once it has drained replaces everything skipped).
   */
  sendPresence(frame: Uint8Array | SharedFrame): void {
    if (this.closed) return
    if (this.presenceStale || this.isSlow) {
      this.presenceStale = true
      return
    }
    this.send(frame)
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
