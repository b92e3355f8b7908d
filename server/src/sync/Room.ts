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

import { Board } from '@ideenwand/board'
import {
  type ClientMessage,
  CloseCode,
  type CloseInfo,
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
import { CanvasIndex } from './canvasIndex.ts'
import type { BoardChannel } from './fanout/Fanout.ts'
import { type HeldContent, takeOut } from './heldContent.ts'
import { Presence, REMOTE } from './Presence.ts'
import { RoomCompactor } from './RoomCompactor.ts'
import { RoomPersistence } from './RoomPersistence.ts'
import { SharedFrame } from './SharedFrame.ts'
import { SyncConnection } from './SyncConnection.ts'
import { NO_SYNC_METRICS, type SyncMetrics } from './SyncMetrics.ts'
import { SyncStep2Cache } from './SyncStep2Cache.ts'
import { UpdateTooCostly } from './updateCost.ts'
import { checkUpdate, type UpdateSummary } from './updateGuard.ts'
import {
  checkRights,
  checkServerFields,
  type RightsVerdict,
  UpdateRefused,
} from './updateRights.ts'
import { senderOf } from './updateSender.ts'

/** y-protocols' auth message "permission denied" with a reason, sent once to read-only clients. */
const READ_ONLY_NOTICE = new Uint8Array([2, 0, 9, ...new TextEncoder().encode('read-only')])

/**
 * Unsaved updates a room holds while its database is away. Beyond this, writers are closed with
 * 4503 before their update is applied; their clients keep it and send it again on reconnect.
 */
export const MAX_UNSAVED_BYTES = 16 * 1024 * 1024
/** Origin of stored rows folded in by compaction: relayed to clients, not stored again. */
const FROM_STORE = Symbol('stored by another instance')

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
  /** Live canvas records by key, for the rights check; built when a participant first writes. */
  private canvasIndex: CanvasIndex | null = null
  /** The board's size limits (`BOARD_MAX_IDEAS`, `BOARD_MAX_BYTES`). */
  private readonly budget: BoardBudget
  /** Stores, echoes and acks what was applied (RoomPersistence). */
  private readonly persistence: RoomPersistence
  /** Folds the stored log into a snapshot (RoomCompactor). */
  private readonly compactor: RoomCompactor
  /** The catch-up from the store in progress, and whether another must follow it. */
  private catchingUp: Promise<void> | null = null
  private catchUpAgain = false

  constructor(
    readonly boardId: string,
    private readonly store: BoardStore,
    private readonly limits: SyncLimits,
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
        publish: (update, id) => this.channel.publishUpdate(update, id),
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
      else this.persistence.add(update, senderOf(origin))
    })
    channel.attach(
      {
        update: (update) => {
          if (this.closed) return
          try {
            Y.applyUpdate(this.doc, update, REMOTE)
          } catch (err) {
            // What the other instance stored is in the store: take it from there.
            this.log.error({ err, boardId }, 'update from another instance does not apply')
            void this.catchUp()
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
      },
      stored.lastUpdateId,
    )
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
        const summary = this.checkIncoming(message.update, conn)
        if (!summary) return
        const rights = this.mayApply(conn, message.update)
        if (!rights) return
        const verdict = this.budget.admits(message.update, summary, this.policy.heldIdeaIds.size)
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
        const handshake = message.type === 'sync-step2' && conn.completeHandshake()
        if (!handshake && !conn.takeIdeas(summary.newIdeas)) {
          this.log.warn(
            { boardId: this.boardId, conn: conn.id },
            'too many ideas, closing connection',
          )
          conn.close(CloseCode.TooManyIdeas)
          return
        }
        conn.countReceived()
        this.metrics.updateReceived()
        const hold =
          rights === true
            ? []
            : [...(this.policy.holdNewIdeas ? rights.createdIdeas : []), ...rights.cardsOfHeldIdeas]
        const stamp = rights !== true && conn.context.table ? rights.createdIdeas : []
        if (hold.length > 0) this.applyHolding(conn, message.update, hold, stamp)
        else if (stamp.length > 0) {
          this.doc.transact(() => {
            Y.applyUpdate(this.doc, message.update, conn)
            this.stampTable(conn, stamp)
          }, conn)
        } else Y.applyUpdate(this.doc, message.update, conn)
        if (rights !== true) this.recordAuthors(conn, rights.createdIdeas)
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
   * What applying it would cost is estimated first (sync/updateCost): an update above
   * `SYNC_UPDATE_MAX_COST` is refused (4413), and so is one beyond the connection's work budget
   * (4429); then null is returned.
   */
  private checkIncoming(update: Uint8Array, conn: SyncConnection): UpdateSummary | null {
    let summary: UpdateSummary
    try {
      summary = checkUpdate(update, (client) => Y.getState(this.doc.store, client), {
        maxLength: this.limits.maxStructLength,
        budgetMs: this.limits.updateCheckMs,
        board: this.doc,
        maxCost: this.limits.maxUpdateCost,
      })
    } catch (err) {
      if (!(err instanceof UpdateTooCostly)) {
        throw new ProtocolError(`invalid update: ${(err as Error).message}`)
      }
      this.refuseCost(conn, CloseCode.UpdateTooCostly, err.message, update.length)
      return null
    }
    if (!conn.takeWork(summary.cost, this.limits.maxUpdateCost)) {
      this.refuseCost(conn, CloseCode.TooMuchWork, `cost ${summary.cost}`, update.length)
      return null
    }
    return summary
  }

  private refuseCost(conn: SyncConnection, info: CloseInfo, reason: string, bytes: number): void {
    this.log.warn(
      { boardId: this.boardId, conn: conn.id, reason, bytes },
      `${info.reason}, closing connection`,
    )
    conn.close(info)
  }

  /**
   * A participant's update is checked against their rights (sync/updateRights) before it touches
   * the doc. A refused update is applied, stored and relayed nowhere; the sender is closed with
   * 4403 "change not permitted" so its client drops the change and reloads the server's state.
   * Everyone else's update is only checked for fields that the server alone writes.
   */
  private mayApply(conn: SyncConnection, update: Uint8Array): RightsVerdict | true | null {
    try {
      if (conn.context.role !== 'participant') {
        // Facilitators own the board, except what only the server writes (`carriedFrom`).
        checkServerFields(this.doc, update)
        return true
      }
      this.canvasIndex ??= new CanvasIndex(this.doc)
      const writer = { id: conn.context.guestId, name: conn.context.displayName }
      return checkRights(this.doc, update, writer, this.policy, this.canvasIndex)
    } catch (err) {
      if (!(err instanceof UpdateRefused)) throw err
      this.log.warn(
        { boardId: this.boardId, conn: conn.id, reason: err.message },
        'change not permitted, closing connection',
      )
      conn.close(CloseCode.ChangeRefused)
      return null
    }
  }

  /**
   * Applies a participant's update whose new ideas are not public yet, and takes those ideas (and
   * cards of ideas held already) out of the board again before anything is stored or relayed.
   * Both happen in one transaction, so the one update it emits — what is stored and sent to
   * everyone, the author included, whose client then shows the idea from the control state — is
   * encoded after garbage collection: the structure every client needs to stay in step, without
   * the held text, author or card.
   */
  private applyHolding(
    conn: SyncConnection,
    update: Uint8Array,
    ideaIds: string[],
    stamp: readonly string[],
  ): void {
    let held: HeldContent[] = []
    this.doc.transact(() => {
      Y.applyUpdate(this.doc, update, conn)
      this.stampTable(conn, stamp)
      held = takeOut(this.doc, ideaIds, conn)
    }, conn)
    for (const h of held) if (h.idea) this.policy.heldIdeaIds.add(h.ideaId)
    this.callbacks.onHeld(conn, held)
  }

  /**
   * A table device's new ideas carry its table (issue 19 §2): the server writes `source` and
   * `table` into them inside the transaction that applies them, so what is stored, relayed and
   * echoed to the device already has them (participants may not write them: updateRights).
   */
  private stampTable(conn: SyncConnection, created: readonly string[]): void {
    const table = conn.context.table
    if (!table || created.length === 0) return
    const board = new Board(this.doc)
    const ideas = this.doc.getMap('ideas')
    for (const id of created) if (ideas.has(id)) board.setIdeaSource(id, 'table', table.label)
  }

  /**
   * The server's record of who created ideas (BoardPolicy.ideaAuthors), at once, so the author's
   * next edit finds it; the workshop control stores it (`onIdeasAdded`). Held ideas are recorded
   * when they become public.
   */
  private recordAuthors(conn: SyncConnection, created: readonly string[]): void {
    const guestId = conn.context.guestId
    if (!this.policy.recordAuthors || guestId === null) return
    const ideas = this.doc.getMap('ideas')
    for (const id of created) if (ideas.has(id)) this.policy.ideaAuthors.set(id, guestId)
  }

  /**
   * Takes ideas out of the board (a facilitator hid them) as a server edit that is stored and
   * relayed like any other; returns what they held.
   */
  takeOut(ideaIds: readonly string[]): HeldContent[] {
    return takeOut(this.doc, ideaIds, null)
  }

  private denyWrite(conn: SyncConnection): void {
    if (conn.takeReadOnlyNotice()) conn.send(READ_ONLY_NOTICE)
  }

  /** Stores everything applied so far, echoes it and sends acks. Resolves when done. */
  flush(): Promise<void> {
    return this.persistence.flush()
  }

  /**
   * Updates from other instances may have been lost (Redis was away): apply what the store holds.
   * Only what this doc lacks changes it; that is relayed to this instance's clients, not stored.
   */
  private catchUp(): Promise<void> {
    // A load already running may have read the store before what is missing now was stored:
    // one more follows it (however many ask meanwhile).
    if (this.catchingUp) {
      this.catchUpAgain = true
      return this.catchingUp
    }
    const run = async () => {
      let delay = 200
      do {
        this.catchUpAgain = false
        if (this.closed) return
        let stored: StoredBoard
        try {
          stored = await this.store.load(this.boardId)
        } catch (err) {
          // The database is away too: try again with back-off while the room lives.
          this.log.warn({ err, boardId: this.boardId }, 'catching up from the store failed')
          await new Promise((r) => setTimeout(r, delay))
          delay = Math.min(5_000, delay * 2)
          this.catchUpAgain = true
          continue
        }
        if (this.closed) return
        this.applyStored(stored)
        this.metrics.caughtUpFromStore()
      } while (this.catchUpAgain)
    }
    this.catchingUp = run().finally(() => {
      this.catchingUp = null
    })
    return this.catchingUp
  }

  /** Applies a stored snapshot and log to the live doc (what this instance may not have seen). */
  private applyStored(stored: Pick<StoredBoard, 'snapshot' | 'updates'>): void {
    applyStored(this.doc, [stored.snapshot, ...stored.updates], {
      origin: FROM_STORE,
      onSkip: (err) =>
        this.log.error({ err, boardId: this.boardId }, 'stored update does not apply'),
    })
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
