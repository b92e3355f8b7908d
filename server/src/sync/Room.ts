/**
 * One active board: its Y.Doc and presence, the connections on it, and the path every update
 * takes — validate, apply, store (group-committed), then echo to everyone including the sender.
 * Because the echo (and the `Ack` extension message) only goes out after the update is committed,
 * a client that sees its update confirmed knows it is stored. Updates arriving within one
 * `updateTickMs` are stored and sent as one merged update, encoded once for all connections.
 * With several instances (sync/fanout) a stored update is also published; updates from other
 * instances are applied and relayed without being stored again.
 *
 * When the database does not take a write, the room stays live: from then on updates are relayed
 * at once and kept as "unsaved" (bounded, `MAX_UNSAVED_BYTES`), their acks wait, clients with acks
 * are told `SaveStatus.Delayed`, and one retry loop stores them with back-off — each exactly once,
 * even when a write committed but its answer was lost. Once all are stored the acks go out and
 * clients hear `SaveStatus.Ok`.
 */
import {
  type ClientMessage,
  CloseCode,
  decodeClientMessage,
  encodeAck,
  encodeSaveStatus,
  encodeSyncStep1,
  encodeSyncStep2,
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
import { SyncConnection } from './SyncConnection.ts'
import { NO_SYNC_METRICS, type SyncMetrics } from './SyncMetrics.ts'
import { checkUpdate, type UpdateSummary } from './updateGuard.ts'

/** y-protocols' auth message "permission denied" with a reason, sent once to read-only clients. */
const READ_ONLY_NOTICE = new Uint8Array([2, 0, 9, ...new TextEncoder().encode('read-only')])

const RETRY_BASE_MS = 200
const RETRY_MAX_MS = 5_000
/**
 * Unsaved updates a room holds while its database is away. Beyond this, writers are closed with
 * 4503 before their update is applied; their clients keep it and send it again on reconnect.
 */
export const MAX_UNSAVED_BYTES = 16 * 1024 * 1024
/** Queued unsaved batches are merged into one once there are this many. */
const UNSAVED_MERGE_AT = 64

/** Updates that could not be stored yet, with the acks that wait for them (highest seq each). */
interface Unsaved {
  updates: Uint8Array[]
  bytes: number
  acks: Map<SyncConnection, number>
  since: number
  /** A write of exactly `updates[0]` still running (too slow to wait for): settle it first. */
  inFlight?: Promise<number>
}
/**
 * A write slower than this puts the room into "saving delayed" while it goes on in the
 * background: a database that is gone often shows up as a connection attempt that hangs (the
 * driver retries until its connect timeout), not as a quick error.
 */
const SLOW_WRITE_MS = 2_000
/** Origin of stored rows folded in by compaction: relayed to clients, not stored again. */
const FROM_STORE = Symbol('stored by another instance')
/** Sync step 2 replies kept per board for clients that send the same state vector. */
const DIFF_CACHE_SIZE = 8
/** `diffCache` key of the state vector of an empty doc (a client that has nothing yet). */
const EMPTY_STATE_VECTOR = Buffer.from(Y.encodeStateVector(new Y.Doc())).toString('latin1')

export class Room {
  readonly doc = new Y.Doc({ gc: true })
  readonly presence: Presence
  readonly connections = new Set<SyncConnection>()
  private pending: Uint8Array[] = []
  /** When the oldest of `pending` arrived, and how many updates the write in flight holds. */
  private pendingSince = 0
  private storing = 0
  /** Updates from other instances, already stored there: relayed, not stored. */
  private relayed: Uint8Array[] = []
  private flushScheduled = false
  private lastFlushAt = 0
  /** Sync step 2 answers by state vector; cleared whenever the doc changes. */
  private readonly diffCache = new Map<string, Uint8Array>()
  private flushing: Promise<void> | null = null
  /** The unsaved updates being written (same bytes on every retry), and those queued behind. */
  private unsavedHead: Unsaved | null = null
  private unsavedQueue: Unsaved | null = null
  /** Stores unsaved updates with back-off; runs while there are any. */
  private retrying: Promise<void> | null = null
  /** Clients were told that storing is delayed. */
  private saveDelayed = false
  private lastUpdateId: number
  private updatesSinceSnapshot: number
  private bytesSinceSnapshot = 0
  private closed = false
  /** The board was deleted: nothing more is stored. */
  private discarded = false
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
    this.lastUpdateId = stored.lastUpdateId
    this.updatesSinceSnapshot = stored.updates.length
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
      this.diffCache.set(EMPTY_STATE_VECTOR, encodeSyncStep2(stored.snapshot))
    }
    this.budget = new BoardBudget(
      this.doc,
      { maxIdeas: limits.maxBoardIdeas, maxBytes: limits.maxBoardBytes },
      [stored.snapshot, ...stored.updates].reduce((n, u) => n + (u?.length ?? 0), 0),
    )
    this.doc.on('update', (update: Uint8Array) => this.budget.grew(update.length))
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      this.diffCache.clear()
      // Another instance's update is relayed as received (see channel.attach below).
      if (origin === REMOTE) return
      if (origin === FROM_STORE) this.relayed.push(update)
      else if (this.pending.push(update) === 1) this.pendingSince = performance.now()
      this.scheduleFlush()
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
        this.relayed.push(update)
        this.scheduleFlush()
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
    return (
      this.pending.length +
      this.storing +
      (this.unsavedHead?.updates.length ?? 0) +
      (this.unsavedQueue?.updates.length ?? 0)
    )
  }

  /** True while updates wait for the database (clients were told `SaveStatus.Delayed`). */
  get savingDelayed(): boolean {
    return this.saveDelayed
  }

  /** Bytes of updates applied and relayed but not stored yet because the database is away. */
  get unsavedBytes(): number {
    return (this.unsavedHead?.bytes ?? 0) + (this.unsavedQueue?.bytes ?? 0)
  }

  get awareness(): awarenessProtocol.Awareness {
    return this.presence.awareness
  }

  join(conn: SyncConnection): void {
    this.connections.add(conn)
    conn.send(encodeSyncStep1(Y.encodeStateVector(this.doc)))
    const snapshot = this.presence.snapshot()
    if (snapshot) conn.send(snapshot)
    if (this.saveDelayed && conn.context.wantsAck) conn.send(encodeSaveStatus(SaveStatus.Delayed))
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
        conn.send(this.syncStep2For(message.stateVector))
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
        this.scheduleFlush()
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

  /**
   * The sync step 2 frame answering `stateVector`. A reconnect storm sends the same state vector
   * hundreds of times and computing the diff walks the whole document, so recent answers are kept
   * until the doc changes.
   */
  private syncStep2For(stateVector: Uint8Array): Uint8Array {
    const key = Buffer.from(stateVector).toString('latin1')
    const cached = this.diffCache.get(key)
    if (cached) return cached
    let diff: Uint8Array
    try {
      diff = Y.encodeStateAsUpdate(this.doc, stateVector)
    } catch (err) {
      throw new ProtocolError(`bad state vector: ${(err as Error).message}`)
    }
    const frame = encodeSyncStep2(diff)
    if (this.diffCache.size >= DIFF_CACHE_SIZE) this.diffCache.clear()
    this.diffCache.set(key, frame)
    return frame
  }

  private scheduleFlush(): void {
    if (this.flushScheduled || this.flushing) return
    this.flushScheduled = true
    // An update after a quiet spell goes out at once; during a burst everything arriving within
    // one tick is merged into one write and one echo (runFlush keeps the same pace).
    const wait = this.lastFlushAt + this.limits.updateTickMs - performance.now()
    const run = () => {
      this.flushScheduled = false
      void this.flush()
    }
    if (wait <= 0) setImmediate(run)
    else setTimeout(run, wait)
  }

  /** Stores everything applied so far, echoes it and sends acks. Resolves when done. */
  flush(): Promise<void> {
    if (!this.flushing) {
      this.flushing = this.runFlush().finally(() => {
        this.flushing = null
        // Something may have been applied between the loop's last look and now.
        if (this.pending.length > 0 || this.relayed.length > 0 || this.hasUnacked()) {
          this.scheduleFlush()
        }
      })
    }
    return this.flushing
  }

  private async runFlush(): Promise<void> {
    for (;;) {
      if (this.discarded) {
        this.pending = []
        this.relayed = []
        return
      }
      const wait = this.lastFlushAt + this.limits.updateTickMs - performance.now()
      if (wait > 0 && !this.closed) await new Promise((r) => setTimeout(r, wait))
      const batch = this.pending
      const batchSince = this.pendingSince
      const relayed = this.relayed
      const acks = [...this.connections]
        .filter((c) => c.received > c.acked)
        .map((c) => [c, c.received] as const)
      if (batch.length === 0 && relayed.length === 0 && acks.length === 0) break
      this.lastFlushAt = performance.now()
      this.pending = []
      this.relayed = []
      if (relayed.length > 0) {
        // Stored by the instance that received it; relaying needs no storing here.
        this.broadcast(relayed.length === 1 ? relayed[0]! : Y.mergeUpdates(relayed))
      }
      const update =
        batch.length === 0 ? null : batch.length === 1 ? batch[0]! : Y.mergeUpdates(batch)
      // While updates wait for the database, later ones queue behind them (acks stay in order).
      if (update && !this.unsavedHead) {
        this.storing = batch.length
        const attempt = this.store.append(this.boardId, update)
        const id = await this.tryAppend(attempt)
        this.storing = 0
        if (typeof id === 'number') {
          this.stored(update, id, batchSince)
          this.broadcast(update)
        } else {
          this.unsavedHead = {
            updates: [update],
            bytes: update.length,
            acks: new Map(),
            since: batchSince,
            ...(id === 'slow' ? { inFlight: attempt } : {}),
          }
        }
      } else if (update) this.holdUnsaved(update, batchSince)
      if (this.unsavedHead) {
        // The room stays live: relay now; acks wait until it is stored.
        if (update) this.broadcast(update)
        for (const [c, seq] of acks) {
          c.acked = seq
          ;(this.unsavedQueue ?? this.unsavedHead).acks.set(c, seq)
        }
        this.startRetrying()
        continue
      }
      this.sendAcks(acks)
      if (this.pending.length === 0 && this.needsCompaction()) await this.compact()
    }
  }

  /** Bookkeeping after `update` is committed with log id `id`; then other instances get it. */
  private stored(update: Uint8Array, id: number, since: number): void {
    this.lastUpdateId = Math.max(this.lastUpdateId, id)
    this.metrics.updatesStored(performance.now() - since)
    this.updatesSinceSnapshot++
    this.bytesSinceSnapshot += update.length
    if (!this.discarded) this.channel.publishUpdate(update)
  }

  private sendAcks(acks: Iterable<readonly [SyncConnection, number]>): void {
    for (const [c, seq] of acks) {
      c.acked = Math.max(c.acked, seq)
      if (c.context.wantsAck) c.send(encodeAck(seq))
    }
  }

  /**
   * Waits for a write: its log id, `failed` if the database refused, `slow` if it takes longer
   * than `SLOW_WRITE_MS` (it goes on; the caller keeps the update unsaved either way).
   */
  private async tryAppend(attempt: Promise<number>): Promise<number | 'failed' | 'slow'> {
    let timer: NodeJS.Timeout | undefined
    const slow = new Promise<'slow'>((resolve) => {
      timer = setTimeout(resolve, SLOW_WRITE_MS, 'slow')
    })
    try {
      const outcome = await Promise.race([attempt, slow])
      if (outcome === 'slow') {
        attempt.catch(() => {})
        this.log.error({ boardId: this.boardId }, 'storing update is slow; saving is delayed')
      }
      return outcome
    } catch (err) {
      if (this.discarded) return this.lastUpdateId
      this.log.error({ err, boardId: this.boardId }, 'storing update failed; saving is delayed')
      return 'failed'
    } finally {
      clearTimeout(timer)
    }
  }

  /** Queues an update behind the unsaved one being written, merging the queue when it grows. */
  private holdUnsaved(update: Uint8Array, since: number): void {
    const queue: Unsaved = this.unsavedQueue ?? { updates: [], bytes: 0, acks: new Map(), since }
    this.unsavedQueue = queue
    queue.updates.push(update)
    queue.bytes += update.length
    if (queue.updates.length >= UNSAVED_MERGE_AT) {
      const merged = Y.mergeUpdates(queue.updates)
      queue.updates = [merged]
      queue.bytes = merged.length
    }
  }

  private startRetrying(): void {
    if (!this.saveDelayed) {
      this.saveDelayed = true
      this.tellSaveStatus(SaveStatus.Delayed)
    }
    if (this.retrying) return
    const run: Promise<void> = this.appendWithRetry().finally(() => {
      if (this.retrying === run) this.retrying = null
    })
    this.retrying = run
  }

  /** `SaveStatus` to every connection that asked for acks (the others would not understand it). */
  private tellSaveStatus(status: SaveStatus): void {
    const frame = encodeSaveStatus(status)
    for (const c of this.connections) if (c.context.wantsAck) c.send(frame)
  }

  private hasUnacked(): boolean {
    for (const c of this.connections) if (c.received > c.acked) return true
    return false
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

  /** One frame, encoded once, to every connection. */
  private broadcast(update: Uint8Array): void {
    const frame = encodeSyncUpdate(update)
    for (const c of this.connections) c.send(frame)
    this.metrics.updatesDelivered(this.connections.size)
  }

  /**
   * Stores the unsaved updates, oldest first, retrying with back-off (200 ms doubling to 5 s).
   * A failed write is retried with exactly the same bytes, and `appendOnce` first looks for them
   * in the log: a write that committed although its answer was lost is not stored twice.
   */
  private async appendWithRetry(): Promise<void> {
    let failures = 1
    for (;;) {
      if (this.discarded) {
        this.unsavedHead = null
        this.unsavedQueue = null
        break
      }
      let head = this.unsavedHead
      if (!head) {
        head = this.unsavedQueue
        if (!head) break
        this.unsavedQueue = null
        this.unsavedHead = head
        if (head.updates.length === 0) {
          // Only acks of updates that changed nothing: stored with what came before.
          this.unsavedHead = null
          this.sendAcks(head.acks)
          continue
        }
      } else if (!head.inFlight) {
        const delay = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** (failures - 1))
        await new Promise((r) => setTimeout(r, delay))
        if (this.discarded) continue
      }
      if (head.updates.length > 1) head.updates = [Y.mergeUpdates(head.updates)]
      const update = head.updates[0]!
      const inFlight = head.inFlight
      head.inFlight = undefined
      try {
        // A write still running may yet commit: its outcome decides, never a second write.
        const id = inFlight
          ? await inFlight
          : await this.store.appendOnce(this.boardId, update, this.lastUpdateId)
        this.unsavedHead = null
        failures = 1
        this.stored(update, id, head.since)
        this.sendAcks(head.acks)
      } catch (err) {
        this.log.warn(
          { err, boardId: this.boardId, failures, unsavedBytes: this.unsavedBytes },
          'storing delayed updates failed; retrying',
        )
        failures++
      }
    }
    // Done, in the same step as the loop saw nothing left: a new failure starts a new loop.
    this.retrying = null
    if (this.saveDelayed) {
      this.saveDelayed = false
      this.tellSaveStatus(SaveStatus.Ok)
      this.log.info({ boardId: this.boardId }, 'delayed updates stored; saving works again')
    }
    // Acks that arrived meanwhile, compaction.
    this.scheduleFlush()
  }

  private needsCompaction(): boolean {
    return (
      this.updatesSinceSnapshot >= this.limits.compactUpdates ||
      this.bytesSinceSnapshot >= this.limits.compactBytes
    )
  }

  /**
   * Replaces snapshot + log with one snapshot. Only called when nothing is pending. The store
   * hands over, under a per-board lock, the stored snapshot and exactly the log rows it will
   * delete; when other instances may have written rows this one has not seen (a lost pub/sub
   * message), those are applied to the live doc first (and relayed), so the snapshot covers every
   * row it replaces.
   */
  private async compact(options: { rethrow?: boolean } = {}): Promise<void> {
    const started = performance.now()
    try {
      const result = await this.store.compactWith(this.boardId, (stored) => {
        if (this.channel.shared && !this.doc.isDestroyed) this.applyStored(stored)
        return Y.encodeStateAsUpdate(this.doc)
      })
      this.log.debug(
        {
          boardId: this.boardId,
          updates: this.updatesSinceSnapshot,
          rows: result.rows,
          bytes: result.bytes,
          ms: Math.round(performance.now() - started),
        },
        'compacted board',
      )
      this.updatesSinceSnapshot = 0
      this.bytesSinceSnapshot = 0
      this.budget.compacted(result.bytes)
    } catch (err) {
      this.log.error({ err, boardId: this.boardId }, 'compaction failed; will retry later')
      if (options.rethrow) throw err
    }
  }

  /**
   * Stores everything and compacts now, so that content deleted from the document (garbage
   * collected in it) is gone from the database too — update log and snapshot. For erasure
   * requests; throws if the database refuses.
   */
  async purge(): Promise<void> {
    await this.flush()
    await this.retrying
    await this.compact({ rethrow: true })
  }

  /**
   * The board is being deleted: close every connection with `info`, store nothing more, and
   * resolve once no write is in flight any more.
   */
  async discard(info = CloseCode.BoardNotFound): Promise<void> {
    this.discarded = true
    this.closed = true
    this.pending = []
    for (const c of this.connections) c.close(info)
    this.connections.clear()
    await this.flushing
    this.channel.close()
    this.presence.destroy()
    this.doc.destroy()
  }

  /** Closes every connection with `info` (after storing what they sent) and unloads the room. */
  async close(info = CloseCode.GoingAway): Promise<void> {
    if (this.closed) return
    this.closed = true
    await this.flush()
    // Updates that wait for the database are stored before the room lets go of them.
    await this.retrying
    for (const c of this.connections) c.close(info)
    this.connections.clear()
    if (this.updatesSinceSnapshot > 0) await this.compact()
    this.channel.close()
    this.presence.destroy()
    this.doc.destroy()
  }
}
