/**
 * One active board: its Y.Doc and presence, the connections on it, and the path every update
 * takes — validate, apply, store (group-committed), then echo to everyone including the sender.
 * Because the echo (and the `Ack` extension message) only goes out after the update is committed,
 * a client that sees its update confirmed knows it is stored. Updates arriving within one
 * `updateTickMs` are stored and sent as one merged update, encoded once for all connections.
 * With several instances (sync/fanout) a stored update is also published; updates from other
 * instances are applied and relayed without being stored again.
 */
import {
  type ClientMessage,
  CloseCode,
  decodeClientMessage,
  encodeAck,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncUpdate,
  ProtocolError,
} from '@ideenwand/protocol'
import type * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import type { SyncLimits } from '../config.ts'
import type { Logger } from '../logger.ts'
import type { BoardStore, StoredBoard } from '../storage/BoardStore.ts'
import type { BoardChannel } from './fanout/Fanout.ts'
import { Presence, REMOTE } from './Presence.ts'
import { SyncConnection } from './SyncConnection.ts'

/** y-protocols' auth message "permission denied" with a reason, sent once to read-only clients. */
const READ_ONLY_NOTICE = new Uint8Array([2, 0, 9, ...new TextEncoder().encode('read-only')])

const RETRY_BASE_MS = 200
const RETRY_MAX_MS = 5_000
/** Origin of stored rows folded in by compaction: relayed to clients, not stored again. */
const FROM_STORE = Symbol('stored by another instance')
/** Sync step 2 replies kept per board for clients that send the same state vector. */
const DIFF_CACHE_SIZE = 8

export class Room {
  readonly doc = new Y.Doc({ gc: true })
  readonly presence: Presence
  readonly connections = new Set<SyncConnection>()
  private pending: Uint8Array[] = []
  /** Updates from other instances, already stored there: relayed, not stored. */
  private relayed: Uint8Array[] = []
  private flushScheduled = false
  private lastFlushAt = 0
  /** Sync step 2 answers by state vector; cleared whenever the doc changes. */
  private readonly diffCache = new Map<string, Uint8Array>()
  private flushing: Promise<void> | null = null
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
    this.doc.transact(() => {
      for (const update of [stored.snapshot, ...stored.updates]) {
        if (!update) continue
        try {
          Y.applyUpdate(this.doc, update)
        } catch (err) {
          // A corrupt row must not take the board down; it is kept in the database for analysis.
          this.log.error({ err, boardId }, 'skipping an update that does not apply')
        }
      }
    })
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      this.diffCache.clear()
      // Another instance's update is relayed as received (see channel.attach below).
      if (origin === REMOTE) return
      if (origin === FROM_STORE) this.relayed.push(update)
      else this.pending.push(update)
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

  get awareness(): awarenessProtocol.Awareness {
    return this.presence.awareness
  }

  join(conn: SyncConnection): void {
    this.connections.add(conn)
    conn.send(encodeSyncStep1(Y.encodeStateVector(this.doc)))
    const snapshot = this.presence.snapshot()
    if (snapshot) conn.send(snapshot)
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
        const decoded = validateUpdate(message.update)
        // The handshake's first step 2 hands back what the server lacks (offline work, recovery
        // after a crash); every other update is limited in how many ideas it may add.
        const handshake = message.type === 'sync-step2' && !conn.handshakeDone
        if (message.type === 'sync-step2') conn.handshakeDone = true
        if (!handshake && !conn.ideaLimiter.take(countNewIdeas(decoded))) {
          this.log.warn(
            { boardId: this.boardId, conn: conn.id },
            'too many ideas, closing connection',
          )
          conn.close(CloseCode.TooManyIdeas)
          return
        }
        conn.received++
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
      if (batch.length > 0) {
        const update = batch.length === 1 ? batch[0]! : Y.mergeUpdates(batch)
        this.lastUpdateId = await this.appendWithRetry(update)
        this.updatesSinceSnapshot++
        this.bytesSinceSnapshot += update.length
        if (!this.discarded) this.channel.publishUpdate(update)
        this.broadcast(update)
      }
      for (const [c, seq] of acks) {
        c.acked = seq
        if (c.context.wantsAck) c.send(encodeAck(seq))
      }
      if (this.pending.length === 0 && this.needsCompaction()) await this.compact()
    }
  }

  private hasUnacked(): boolean {
    for (const c of this.connections) if (c.received > c.acked) return true
    return false
  }

  /** One frame, encoded once, to every connection. */
  private broadcast(update: Uint8Array): void {
    const frame = encodeSyncUpdate(update)
    for (const c of this.connections) c.send(frame)
  }

  private async appendWithRetry(update: Uint8Array): Promise<number> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.store.append(this.boardId, update)
      } catch (err) {
        if (this.discarded) return this.lastUpdateId
        const delay = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** attempt)
        this.log.error({ err, boardId: this.boardId, attempt, delay }, 'storing update failed')
        await new Promise((r) => setTimeout(r, delay))
      }
    }
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
        if (this.channel.shared && !this.doc.isDestroyed) {
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
    for (const c of this.connections) c.close(info)
    this.connections.clear()
    if (this.updatesSinceSnapshot > 0) await this.compact()
    this.channel.close()
    this.presence.destroy()
    this.doc.destroy()
  }
}

/**
 * Decodes an update completely before it touches the room's doc, so a frame that fails halfway
 * (e.g. a truncated delete set) is rejected whole instead of being applied in part.
 */
function validateUpdate(update: Uint8Array): ReturnType<typeof Y.decodeUpdate> {
  try {
    return Y.decodeUpdate(update)
  } catch (err) {
    throw new ProtocolError(`invalid update: ${(err as Error).message}`)
  }
}

/** Ideas an update adds: entries written directly into the board's top-level `ideas` map. */
function countNewIdeas(decoded: ReturnType<typeof Y.decodeUpdate>): number {
  let n = 0
  for (const struct of decoded.structs) {
    // In a decoded (not integrated) update, a top-level parent is the root type's name.
    const parent: unknown = struct instanceof Y.Item ? struct.parent : null
    if (parent === 'ideas' && (struct as Y.Item).parentSub !== null) n++
  }
  return n
}
