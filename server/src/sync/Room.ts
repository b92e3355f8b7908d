/**
 * One active board: its Y.Doc and presence, the connections on it, and the path every update
 * takes — validate, apply, store (group-committed), then echo to everyone including the sender.
 * Because the echo (and the `Ack` extension message) only goes out after the update is committed,
 * a client that sees its update confirmed knows it is stored. Updates arriving within one
 * `updateTickMs` are stored and sent as one merged update, encoded once for all connections.
 * With several instances (sync/fanout) a stored update is also published; updates from other
 * instances are applied and relayed without being stored again.
 *
 * The room owns the protocol side (handshake, validation, presence) and its lifecycle; what
 * happens after an update is applied — storing, echo, acks, and staying live while the database
 * is away — is RoomPersistence's, and folding the log into a snapshot is RoomCompactor's.
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
import type { BoardStore, StoredBoard } from '../storage/BoardStore.ts'
import { BoardBudget } from './BoardBudget.ts'
import type { BoardChannel } from './fanout/Fanout.ts'
import { Presence, REMOTE } from './Presence.ts'
import { RoomCompactor } from './RoomCompactor.ts'
import { RoomPersistence } from './RoomPersistence.ts'
import { SharedFrame } from './SharedFrame.ts'
import { SyncConnection } from './SyncConnection.ts'
import { NO_SYNC_METRICS, type SyncMetrics } from './SyncMetrics.ts'
import { SyncStep2Cache } from './SyncStep2Cache.ts'
import { checkUpdate, type UpdateSummary } from './updateGuard.ts'

/** y-protocols' auth message "permission denied" with a reason, sent once to read-only clients. */
const READ_ONLY_NOTICE = new Uint8Array([2, 0, 9, ...new TextEncoder().encode('read-only')])

/**
 * Unsaved updates a room holds while its database is away. Beyond this, writers are closed with
 * 4503 before their update is applied; their clients keep it and send it again on reconnect.
 */
export const MAX_UNSAVED_BYTES = 16 * 1024 * 1024
/** Origin of stored rows folded in by compaction: relayed to clients, not stored again. */
const FROM_STORE = Symbol('stored by another instance')

export class Room {
  readonly doc = new Y.Doc({ gc: true })
  readonly presence: Presence
  readonly connections = new Set<SyncConnection>()
  /** Sync step 2 answers by state vector; cleared whenever the doc changes. */
  private readonly diffCache = new SyncStep2Cache(this.doc)
  private closed = false
  /** Called when the last connection left. */
  onEmpty: () => void = () => {}
  /** Called after a connection joined (to send it the control state). */
  onJoin: (conn: SyncConnection) => void = () => {}
  /** Called when a connection added ideas to the board. */
  onIdeasAdded: (conn: SyncConnection, ideaIds: string[]) => void = () => {}
  /** Where updates received, delivered and stored are counted (set by Rooms). */
  metrics: SyncMetrics = NO_SYNC_METRICS
  /** The board's size limits (`BOARD_MAX_IDEAS`, `BOARD_MAX_BYTES`). */
  private readonly budget: BoardBudget
  /** Stores, echoes and acks what was applied (RoomPersistence). */
  private readonly persistence: RoomPersistence
  /** Folds the stored log into a snapshot (RoomCompactor). */
  private readonly compactor: RoomCompactor

  constructor(
    readonly boardId: string,
    private readonly store: BoardStore,
    private readonly limits: SyncLimits,
    private readonly log: Logger,
    stored: StoredBoard,
    private readonly channel: BoardChannel,
  ) {
    this.presence = new Presence(this.doc, {
      tickMs: limits.awarenessTickMs,
      cap: limits.presenceCap,
      connections: () => this.connections,
      publish: (update) => this.channel.publishAwareness(update),
    })
    let applied = 0
    this.doc.transact(() => {
      for (const update of [stored.snapshot, ...stored.updates]) {
        if (!update) continue
        try {
          Y.applyUpdate(this.doc, update)
          applied++
        } catch (err) {
          // A corrupt row must not take the board down; it is kept in the database for analysis.
          this.log.error({ err, boardId }, 'skipping an update that does not apply')
        }
      }
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
          if (this.channel.shared && !this.doc.isDestroyed) this.applyStored(rows)
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
        publish: (update) => this.channel.publishUpdate(update),
      },
      this.compactor,
      stored.lastUpdateId,
    )
    this.doc.on('update', (update: Uint8Array) => this.budget.grew(update.length))
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      this.diffCache.clear()
      // Another instance's update is relayed as received (see channel.attach below).
      if (origin === REMOTE) return
      if (origin === FROM_STORE) this.persistence.relay(update)
      else this.persistence.add(update)
    })
    channel.attach({
      update: (update) => {
        if (this.closed) return
        try {
          Y.applyUpdate(this.doc, update, REMOTE)
        } catch (err) {
          this.log.error({ err, boardId }, 'update from another instance does not apply')
          return
        }
        // Relayed as it came, not as the doc re-encodes it: applying a merged batch in one
        // transaction garbage-collects values overwritten inside it, which the instance that
        // stored the batch did send to its own clients.
        this.persistence.relay(update)
      },
      awareness: (update) => {
        if (this.closed) return
        try {
          this.presence.apply(update, REMOTE)
        } catch (err) {
          this.log.warn({ err, boardId }, 'presence from another instance does not apply')
        }
      },
      resync: () => void this.catchUp(),
    })
    this.doc.getMap('ideas').observe((event) => {
      const origin = event.transaction.origin
      if (!(origin instanceof SyncConnection)) return
      const added: string[] = []
      for (const [key, change] of event.changes.keys) if (change.action === 'add') added.push(key)
      if (added.length > 0) this.onIdeasAdded(origin, added)
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
    conn.send(encodeSyncStep1(Y.encodeStateVector(this.doc)))
    const snapshot = this.presence.snapshot()
    if (snapshot) conn.send(snapshot)
    if (this.savingDelayed && conn.context.wantsAck) conn.send(encodeSaveStatus(SaveStatus.Delayed))
    this.onJoin(conn)
  }

  leave(conn: SyncConnection): void {
    if (!this.connections.delete(conn)) return
    if (conn.awarenessIds.size > 0) this.presence.remove(conn.awarenessIds)
    if (this.connections.size === 0) this.onEmpty()
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
        if (!conn.context.canWrite) {
          this.denyWrite(conn)
          return
        }
        if (this.unsavedBytes > MAX_UNSAVED_BYTES) {
          // The database has been away long: hold no more. The client keeps its update.
          this.log.warn({ boardId: this.boardId, conn: conn.id }, 'too much unsaved, closing')
          conn.close(CloseCode.StorageUnavailable)
          return
        }
        const summary = this.checkIncoming(message.update)
        const verdict = this.budget.admits(message.update, summary)
        if (verdict !== 'ok') {
          // Not applied: the board stays as it was; the sender's client drops its unsaved copy.
          this.log.warn(
            { boardId: this.boardId, conn: conn.id, verdict, bytes: message.update.length },
            'board full, closing connection',
          )
          conn.close(CloseCode.BoardFull)
          return
        }
        // The handshake's first step 2 hands back what the server lacks (offline work, recovery
        // after a crash); every other update is limited in how many ideas it may add.
        const handshake = message.type === 'sync-step2' && !conn.handshakeDone
        if (message.type === 'sync-step2') conn.handshakeDone = true
        if (!handshake && !conn.ideaLimiter.take(summary.newIdeas)) {
          this.log.warn(
            { boardId: this.boardId, conn: conn.id },
            'too many ideas, closing connection',
          )
          conn.close(CloseCode.TooManyIdeas)
          return
        }
        conn.received++
        this.metrics.updateReceived()
        Y.applyUpdate(this.doc, message.update, conn)
        // Even an update that changed nothing gets its ack, after what came before is stored.
        this.persistence.scheduleFlush()
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
   * Checks an update from a connection before it touches the doc (sync/updateGuard: bounded,
   * linear, and complete, so nothing is applied half-way); a refusal closes only the sender.
   */
  private checkIncoming(update: Uint8Array): UpdateSummary {
    try {
      return checkUpdate(update, (client) => Y.getState(this.doc.store, client), {
        maxLength: this.limits.maxStructLength,
        budgetMs: this.limits.updateCheckMs,
      })
    } catch (err) {
      throw new ProtocolError(`invalid update: ${(err as Error).message}`)
    }
  }

  private denyWrite(conn: SyncConnection): void {
    if (conn.deniedNotified) return
    conn.deniedNotified = true
    conn.send(READ_ONLY_NOTICE)
  }

  /** Stores everything applied so far, echoes it and sends acks. Resolves when done. */
  flush(): Promise<void> {
    return this.persistence.flush()
  }

  /**
   * Updates from other instances may have been lost (Redis was away): apply what the store holds.
   * Only what this doc lacks changes it; that is relayed to this instance's clients, not stored.
   */
  private async catchUp(): Promise<void> {
    if (this.closed) return
    let stored: StoredBoard
    try {
      stored = await this.store.load(this.boardId)
    } catch (err) {
      this.log.warn({ err, boardId: this.boardId }, 'catching up from the store failed')
      return
    }
    if (this.closed) return
    this.applyStored(stored)
  }

  /** Applies a stored snapshot and log to the live doc (what this instance may not have seen). */
  private applyStored(stored: Pick<StoredBoard, 'snapshot' | 'updates'>): void {
    this.doc.transact(() => {
      for (const update of [stored.snapshot, ...stored.updates]) {
        if (!update) continue
        try {
          Y.applyUpdate(this.doc, update)
        } catch (err) {
          this.log.error({ err, boardId: this.boardId }, 'stored update does not apply')
        }
      }
    }, FROM_STORE)
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
