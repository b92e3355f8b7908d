/**
 * One active board: its Y.Doc and presence, the connections on it, and the path every update
 * takes — validate, apply, store (group-committed), then echo to everyone including the sender.
 * Because the echo (and the `Ack` extension message) only goes out after the update is committed,
 * a client that sees its update confirmed knows it is stored. Updates arriving within one
 * `updateTickMs` are stored and sent as one merged update, encoded once for all connections.
 * With several instances (sync/fanout) a stored update is also published; updates from other
 * instances are applied and relayed without being stored again.
 *
 * The room owns the protocol side (handshake, presence, the messages) and its lifecycle; checking
 * and applying a client's update is RoomWrites'; what happens after an update is applied —
 * storing, echo, acks, and staying live while the database is away — is RoomPersistence's;
 * folding the log into a snapshot is RoomCompactor's; what comes from other instances, and
 * catching up from the store, is RemoteUpdates'.
 */

import {
  type ClientMessage,
  CloseCode,
  decodeClientMessage,
  encodeSaveStatus,
  encodeSyncStep1,
  encodeSyncUpdate,
  ProtocolError,
  SaveStatus,
} from '@ideenwand/protocol'
import type * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import type { SyncLimits } from '../config.ts'
import type { Logger } from '../logger.ts'
import { applyStored } from '../storage/applyStored.ts'
import type { BoardStore, StoredBoard } from '../storage/BoardStore.ts'
import { BoardBudget } from './BoardBudget.ts'
import { type BoardPolicy, OPEN_POLICY } from './boardPolicy.ts'
import type { BoardChannel } from './fanout/Fanout.ts'
import { type HeldContent, takeOut } from './heldContent.ts'
import { Presence, REMOTE } from './Presence.ts'
import { FROM_STORE, RemoteUpdates } from './RemoteUpdates.ts'
import { RoomCompactor } from './RoomCompactor.ts'
import { RoomPersistence } from './RoomPersistence.ts'
import { RoomWrites } from './RoomWrites.ts'
import { SharedFrame } from './SharedFrame.ts'
import { SyncConnection } from './SyncConnection.ts'
import { NO_SYNC_METRICS, type SyncMetrics } from './SyncMetrics.ts'
import { SyncStep2Cache } from './SyncStep2Cache.ts'
import { senderOf } from './updateSender.ts'

/** What a room reports to its owner (Rooms) and, through it, to the workshop control. */
export interface RoomCallbacks {
  /** The last connection left. */
  onEmpty: () => void
  /** A connection joined (to send it the control state). */
  onJoin: (conn: SyncConnection) => void
  /** A connection added ideas to the board. */
  onIdeasAdded: (conn: SyncConnection, ideaIds: string[]) => void
  /**
   * The room took a participant's new ideas (or their late cards) out of the board because they
   * are not public yet (`policy.holdNewIdeas`); the workshop control keeps them.
   */
  onHeld: (conn: SyncConnection, held: HeldContent[]) => void
}

export const NO_ROOM_CALLBACKS: RoomCallbacks = {
  onEmpty: () => {},
  onJoin: () => {},
  onIdeasAdded: () => {},
  onHeld: () => {},
}

export interface RoomOptions {
  callbacks?: Partial<RoomCallbacks>
  metrics?: SyncMetrics
  /** What participants may change when the room opens (default: everything). */
  policy?: BoardPolicy
}

export class Room {
  readonly doc = new Y.Doc({ gc: true })
  readonly presence: Presence
  readonly connections = new Set<SyncConnection>()
  /** Sync step 2 answers by state vector; cleared whenever the doc changes. */
  private readonly diffCache = new SyncStep2Cache(this.doc)
  private closed = false
  /** What the room reports (see `RoomCallbacks`); given at construction. */
  private readonly callbacks: RoomCallbacks
  /** Where updates received, delivered and stored are counted. */
  private readonly metrics: SyncMetrics
  /** What participants may change now (phase, lock, settings); set by the workshop control. */
  policy: BoardPolicy = OPEN_POLICY
  /** The board's size limits (`BOARD_MAX_IDEAS`, `BOARD_MAX_BYTES`). */
  private readonly budget: BoardBudget
  /** Checks and applies clients' updates (RoomWrites). */
  private readonly writes: RoomWrites
  /** Stores, echoes and acks what was applied (RoomPersistence). */
  private readonly persistence: RoomPersistence
  /** Folds the stored log into a snapshot (RoomCompactor). */
  private readonly compactor: RoomCompactor
  /** Other instances' updates and presence, and catching up from the store (RemoteUpdates). */
  private readonly remote: RemoteUpdates

  constructor(
    readonly boardId: string,
    store: BoardStore,
    limits: SyncLimits,
    private readonly log: Logger,
    stored: StoredBoard,
    private readonly channel: BoardChannel,
    options: RoomOptions = {},
  ) {
    this.callbacks = { ...NO_ROOM_CALLBACKS, ...options.callbacks }
    this.metrics = options.metrics ?? NO_SYNC_METRICS
    if (options.policy) this.policy = options.policy
    this.presence = new Presence(this.doc, {
      tickMs: limits.awarenessTickMs,
      cap: limits.presenceCap,
      connections: () => this.connections,
      publish: (update) => this.channel.publishAwareness(update),
    })
    const applied = applyStored(this.doc, [stored.snapshot, ...stored.updates], {
      onSkip: (err) => this.log.error({ err, boardId }, 'skipping an update that does not apply'),
    })
    // Loaded from a snapshot alone: that snapshot is the whole board, so it answers a new
    // client's sync step 1 as it is, without encoding the doc again (cold load, issue 7).
    if (stored.snapshot && stored.updates.length === 0 && applied === 1) {
      this.diffCache.seed(stored.snapshot)
    }
    this.budget = new BoardBudget(
      this.doc,
      { maxIdeas: limits.maxBoardIdeas, maxBytes: limits.maxBoardBytes },
      [stored.snapshot, ...stored.updates].reduce((n, u) => n + (u?.length ?? 0), 0),
    )
    this.compactor = new RoomCompactor(
      {
        boardId,
        store,
        log,
        limits,
        snapshot: (rows) => {
          if (this.channel.shared && !this.doc.isDestroyed) this.remote.applyStored(rows)
          return Y.encodeStateAsUpdate(this.doc)
        },
        compacted: (bytes) => this.budget.compacted(bytes),
      },
      stored.updates.length,
    )
    this.persistence = new RoomPersistence(
      {
        boardId,
        store,
        log,
        tickMs: limits.updateTickMs,
        connections: this.connections,
        closed: () => this.closed,
        metrics: () => this.metrics,
        broadcast: (update) => this.broadcast(update),
        publish: (update, id) => this.channel.publishUpdate(update, id),
      },
      this.compactor,
      stored.lastUpdateId,
    )
    this.doc.on('update', (update: Uint8Array) => this.budget.grew(update.length))
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      this.diffCache.clear()
      // Another instance's update is relayed as received (RemoteUpdates).
      if (origin === REMOTE) return
      if (origin === FROM_STORE) this.persistence.relay(update)
      else this.persistence.add(update, senderOf(origin))
    })
    this.remote = new RemoteUpdates(
      {
        boardId,
        doc: this.doc,
        store,
        log,
        presence: this.presence,
        closed: () => this.closed,
        metrics: () => this.metrics,
        relay: (update) => this.persistence.relay(update),
      },
      channel,
      stored.lastUpdateId,
    )
    this.writes = new RoomWrites({
      boardId,
      doc: this.doc,
      log,
      limits,
      budget: this.budget,
      policy: () => this.policy,
      metrics: () => this.metrics,
      unsavedBytes: () => this.unsavedBytes,
      onHeld: (conn, held) => this.callbacks.onHeld(conn, held),
    })
    this.doc.getMap('ideas').observe((event) => {
      const origin = event.transaction.origin
      if (!(origin instanceof SyncConnection)) return
      const added: string[] = []
      for (const [key, change] of event.changes.keys) if (change.action === 'add') added.push(key)
      if (added.length > 0) this.callbacks.onIdeasAdded(origin, added)
    })
  }

  get isClosed(): boolean {
    return this.closed
  }

  /** Updates applied but not stored yet (waiting, or in the write in flight). */
  get unstored(): number {
    return this.persistence.unstored
  }

  /** True while updates wait for the database (clients were told `SaveStatus.Delayed`). */
  get savingDelayed(): boolean {
    return this.persistence.savingDelayed
  }

  /** Bytes of updates applied and relayed but not stored yet because the database is away. */
  get unsavedBytes(): number {
    return this.persistence.unsavedBytes
  }

  get awareness(): awarenessProtocol.Awareness {
    return this.presence.awareness
  }

  join(conn: SyncConnection): void {
    this.connections.add(conn)
    conn.joined()
    conn.send(encodeSyncStep1(Y.encodeStateVector(this.doc)))
    const snapshot = conn.context.wantsPresence === false ? null : this.presence.snapshot()
    if (snapshot) conn.send(snapshot)
    if (this.savingDelayed && conn.context.wantsAck) conn.send(encodeSaveStatus(SaveStatus.Delayed))
    this.callbacks.onJoin(conn)
  }

  /** A connection ended (SyncConnection.whenEnded, through Rooms.connect). */
  leave(conn: SyncConnection): void {
    if (!this.connections.delete(conn)) return
    // A closing room ends its connections itself; it has nobody to tell and will not idle.
    if (this.closed) return
    if (conn.awarenessIds.size > 0) this.presence.remove(conn.awarenessIds)
    if (this.connections.size === 0) this.callbacks.onEmpty()
  }

  /** Removes a connection's cursor and presence for everyone (it became read-only). */
  dropAwareness(conn: SyncConnection): void {
    if (conn.awarenessIds.size === 0) return
    this.presence.remove(conn.awarenessIds)
    conn.awarenessIds.clear()
  }

  /** Handles one frame from `conn`. Malformed input closes only that connection. */
  receive(conn: SyncConnection, frame: Uint8Array): void {
    if (conn.closed || this.closed) return
    if (!conn.limiter.take()) {
      this.log.warn({ boardId: this.boardId, conn: conn.id }, 'rate limit exceeded')
      conn.close(CloseCode.RateLimited)
      return
    }
    let message: ClientMessage
    try {
      message = decodeClientMessage(frame)
      this.handle(conn, message)
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err)
      this.log.warn(
        { boardId: this.boardId, conn: conn.id, reason, bytes: frame.length },
        'malformed message, closing connection',
      )
      conn.close(CloseCode.MalformedMessage)
    }
  }

  private handle(conn: SyncConnection, message: ClientMessage): void {
    switch (message.type) {
      case 'sync-step1': {
        conn.send(this.diffCache.frameFor(message.stateVector))
        return
      }
      case 'sync-step2':
      case 'sync-update': {
        // Even an update that changed nothing gets its ack, after what came before is stored.
        if (this.writes.receive(conn, message)) this.persistence.scheduleFlush()
        return
      }
      case 'awareness': {
        // Read-only connections are not shown to others (no cursor of the projector).
        if (!conn.context.canWrite) return
        try {
          this.presence.apply(message.update, conn)
        } catch (err) {
          throw new ProtocolError(`bad awareness update: ${(err as Error).message}`)
        }
        return
      }
      case 'query-awareness': {
        // Always answered, even with no states: clients (and tests) use it as a barrier.
        conn.send(this.presence.snapshot() ?? this.presence.empty())
        return
      }
      case 'auth':
        return
    }
  }

  /**
   * Takes ideas out of the board (a facilitator hid them) as a server edit that is stored and
   * relayed like any other; returns what they held.
   */
  takeOut(ideaIds: readonly string[]): HeldContent[] {
    return takeOut(this.doc, ideaIds, null)
  }

  /** Stores everything applied so far, echoes it and sends acks. Resolves when done. */
  flush(): Promise<void> {
    return this.persistence.flush()
  }

  /** One frame, encoded and framed once, to every connection. */
  private broadcast(update: Uint8Array): void {
    const frame = new SharedFrame(encodeSyncUpdate(update))
    for (const c of this.connections) c.send(frame)
    this.metrics.updatesDelivered(this.connections.size)
  }

  /**
   * Stores everything and compacts now, so that content deleted from the document (garbage
   * collected in it) is gone from the database too — update log and snapshot. For erasure
   * requests; throws if the database refuses.
   */
  async purge(): Promise<void> {
    await this.persistence.drain()
    await this.compactor.compact({ rethrow: true })
  }

  /**
   * The board is being deleted: close every connection with `info`, store nothing more, and
   * resolve once no write is in flight any more.
   */
  async discard(info = CloseCode.BoardNotFound): Promise<void> {
    this.closed = true
    const flushing = this.persistence.discard()
    for (const c of this.connections) c.close(info)
    this.connections.clear()
    await flushing
    this.channel.close()
    this.presence.destroy()
    this.doc.destroy()
  }

  /** Closes every connection with `info` (after storing what they sent) and unloads the room. */
  async close(info = CloseCode.GoingAway): Promise<void> {
    if (this.closed) return
    this.closed = true
    // Updates that wait for the database are stored before the room lets go of them.
    await this.persistence.drain()
    for (const c of this.connections) c.close(info)
    this.connections.clear()
    if (this.compactor.hasLog) await this.compactor.compact()
    this.channel.close()
    this.presence.destroy()
    this.doc.destroy()
  }
}
