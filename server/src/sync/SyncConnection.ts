/**
 * One client's session on a board, independent of the WebSocket library (the transport is a
 * `SocketLike`, see http/WsSocket.ts): who it is and what it may do, where it is in its life
 * (`ConnectionState`), which awareness clients it controls, how far its updates are stored, and
 * how to talk to it. Its state changes only through its methods; whoever ends it — the client,
 * the room, an access change — it leaves the registry and its room through one path (`whenEnded`).
 */
import { CloseCode, type CloseInfo, type Role } from '@ideenwand/protocol'
import { RateLimiter } from './RateLimiter.ts'
import { SharedFrame } from './SharedFrame.ts'
import type { SocketLike } from './SocketLike.ts'

export type { SocketLike } from './SocketLike.ts'

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
  /**
   * A table's shared device (issue 19 §2): its label and people when it connected. A rename or
   * re-count closes the connection (4509), so this never goes stale.
   */
  table?: { label: string; people: number } | null
  role: Role | null
  /** Changes while connected when a facilitator changes the person's role. */
  canWrite: boolean
  /** When the session ends at the latest (ms epoch); null = never. */
  expiresAt: number | null
  /** The client asked for `[Ack, seq]` messages (`?ack=1`). */
  wantsAck: boolean
  /**
   * False when the client shows no cursors (`?presence=0`: phone, list and projector views): it
   * is sent no presence frames, only an answer to its own presence query. Default true.
   */
  wantsPresence?: boolean
  /** The client's IP address (`clientIp`), for the per-IP connection limit. */
  ip: string
}

/** Where a connection is in its life; it only ever moves down this list. */
export const ConnectionState = {
  /** The socket is open and its board is loading; its frames wait (Rooms.connect). */
  Waiting: 'waiting',
  /** Joined its room (sync step 1 sent); the client's handshake sync step 2 has not come. */
  Syncing: 'syncing',
  /** The handshake's sync step 2 arrived: every later update counts against the idea limit. */
  Open: 'open',
  /** The server closed it; the socket's close event has not come yet. Nothing more is sent. */
  Closing: 'closing',
  /** The socket is closed. */
  Closed: 'closed',
} as const

export type ConnectionState = (typeof ConnectionState)[keyof typeof ConnectionState]

/** What a permission change did to a connection (`setPermission`). */
export type PermissionChange = 'unchanged' | 'changed' | 'downgraded'

export interface SessionOptions {
  backpressure?: Backpressure
  /** Ideas this person may add (`SYNC_IDEAS_PER_MINUTE`, shared by the session's tabs). */
  ideaLimiter?: RateLimiter
}

let nextId = 1

export class SyncConnection {
  readonly id = nextId++
  /** Awareness client ids this connection has set states for (kept by Presence). */
  readonly awarenessIds = new Set<number>()
  /** Who and what they may do; `role` and `canWrite` change only through `setPermission`. */
  readonly context: Readonly<ConnectionContext>
  private current: ConnectionState = ConnectionState.Waiting
  /** Sync step 2 / update messages received from a writer, and how many are stored and acked. */
  private receivedCount = 0
  private ackedCount = 0
  /** Told that it is read-only since its write permission last changed. */
  private readOnlyNoticeSent = false
  /** Presence frames were skipped because it read too slowly; owes a full presence snapshot. */
  private presenceDebt = false
  /** Ideas this person may add per minute (the same as a burst). */
  private readonly ideaLimiter: RateLimiter
  /** Server time its updates may cost (cost units, sync/updateCost.ts); made on first use. */
  private workLimiter: RateLimiter | null = null
  private readonly backpressure: Backpressure
  /** Run once when the connection ends (leaves the registry and its room). */
  private readonly endHooks: (() => void)[] = []

  constructor(
    context: ConnectionContext,
    private readonly socket: SocketLike,
    readonly limiter: RateLimiter,
    options: SessionOptions = {},
  ) {
    this.context = { ...context }
    this.backpressure = options.backpressure ?? NO_LIMIT
    this.ideaLimiter = options.ideaLimiter ?? new RateLimiter(0.5, 30)
  }

  get state(): ConnectionState {
    return this.current
  }

  /** Closing or closed: nothing is sent or handled any more. */
  get closed(): boolean {
    return this.current === ConnectionState.Closing || this.current === ConnectionState.Closed
  }

  /** Bytes sent to this connection that the network has not taken yet. */
  get buffered(): number {
    return this.socket.bufferedAmount ?? 0
  }

  /** True while this connection is too far behind to be sent presence. */
  get isSlow(): boolean {
    return this.buffered > this.backpressure.slowBytes
  }

  // ---- lifecycle -------------------------------------------------------------------------

  /** It joined its room (the room sends sync step 1 next). */
  joined(): void {
    if (this.current === ConnectionState.Waiting) this.current = ConnectionState.Syncing
  }

  /**
   * A sync step 2 from this writer arrived; true if it is the handshake's (the client's offline
   * work, exempt from the idea limit), false for every later one.
   */
  completeHandshake(): boolean {
    if (this.current !== ConnectionState.Waiting && this.current !== ConnectionState.Syncing) {
      return false
    }
    this.current = ConnectionState.Open
    return true
  }

  /** Registers what must happen once when the connection ends, however it ends. */
  whenEnded(hook: () => void): void {
    if (this.closed) hook()
    else this.endHooks.push(hook)
  }

  /** The server ends the connection with `info`; the socket's close event follows later. */
  close(info: CloseInfo): void {
    if (this.closed) return
    this.current = ConnectionState.Closing
    try {
      this.socket.close(info.code, info.reason)
    } catch {
      // already closed underneath
    }
    this.ended()
  }

  /** The transport reports that the socket closed (the client left, or our close completed). */
  socketClosed(): void {
    const wasOpen = !this.closed
    this.current = ConnectionState.Closed
    if (wasOpen) this.ended()
  }

  private ended(): void {
    for (const hook of this.endHooks.splice(0)) hook()
  }

  // ---- permission ------------------------------------------------------------------------

  /**
   * Gives the connection a new write permission (and role; unchanged if omitted). After a
   * change it is told again, once, if it writes while read-only.
   */
  setPermission(canWrite: boolean, role: Role | null = this.context.role): PermissionChange {
    const context = this.context as ConnectionContext
    if (context.canWrite === canWrite && context.role === role) return 'unchanged'
    const downgraded = context.canWrite && !canWrite
    context.canWrite = canWrite
    context.role = role
    this.readOnlyNoticeSent = false
    return downgraded ? 'downgraded' : 'changed'
  }

  /** Whether the read-only notice is due (it is sent once per permission); marks it sent. */
  takeReadOnlyNotice(): boolean {
    if (this.readOnlyNoticeSent) return false
    this.readOnlyNoticeSent = true
    return true
  }

  // ---- budgets ---------------------------------------------------------------------------

  /** Takes `count` new ideas from the person's idea budget; false if it is used up. */
  takeIdeas(count: number): boolean {
    return this.ideaLimiter.take(count)
  }

  /**
   * Takes `cost` from the connection's work budget (`maxCost` / 4 per second, two updates at
   * `maxCost` at once); false if it is used up.
   */
  takeWork(cost: number, maxCost: number): boolean {
    this.workLimiter ??= new RateLimiter(maxCost / 4, 2 * maxCost)
    return this.workLimiter.take(cost)
  }

  // ---- acks ------------------------------------------------------------------------------

  /** Sync messages received from this writer (each is acked once stored). */
  get received(): number {
    return this.receivedCount
  }

  /** How many of them are stored and acknowledged. */
  get acked(): number {
    return this.ackedCount
  }

  /** Counts one more sync message that will be acknowledged once stored. */
  countReceived(): void {
    this.receivedCount++
  }

  /** Everything up to `seq` is stored (acks never go back). */
  acknowledge(seq: number): void {
    if (seq > this.ackedCount) this.ackedCount = seq
  }

  // ---- sending ---------------------------------------------------------------------------

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
    if (this.closed || this.context.wantsPresence === false) return
    if (this.presenceDebt || this.isSlow) {
      this.presenceDebt = true
      return
    }
    this.send(frame)
  }

  /** Presence frames were skipped (it read too slowly); it is owed a full snapshot. */
  get owesPresence(): boolean {
    return this.presenceDebt
  }

  /**
   * True once a connection that skipped presence has drained: the debt is cleared and the
   * caller sends it a full presence snapshot.
   */
  settlePresence(): boolean {
    if (!this.presenceDebt || this.isSlow) return false
    this.presenceDebt = false
    return true
  }
}
