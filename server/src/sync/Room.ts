/**
 * One active board: its Y.Doc and awareness, the connections on it, and the path every update
 * takes — validate, apply, store (group-committed), then echo to everyone including the sender.
 * Because the echo (and the `Ack` extension message) only goes out after the update is committed,
 * a client that sees its update confirmed knows it is stored.
 */
import {
  type ClientMessage,
  CloseCode,
  decodeClientMessage,
  encodeAck,
  encodeAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncUpdate,
  ProtocolError,
} from '@ideenwand/protocol'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import type { SyncLimits } from '../config.ts'
import type { Logger } from '../logger.ts'
import type { BoardStore, StoredBoard } from '../storage/BoardStore.ts'
import { SyncConnection } from './SyncConnection.ts'

/** y-protocols' auth message "permission denied" with a reason, sent once to read-only clients. */
const READ_ONLY_NOTICE = new Uint8Array([2, 0, 9, ...new TextEncoder().encode('read-only')])

const RETRY_BASE_MS = 200
const RETRY_MAX_MS = 5_000

export class Room {
  readonly doc = new Y.Doc({ gc: true })
  readonly awareness = new awarenessProtocol.Awareness(this.doc)
  readonly connections = new Set<SyncConnection>()
  private pending: Uint8Array[] = []
  private flushScheduled = false
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
  ) {
    this.awareness.setLocalState(null)
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
    this.doc.on('update', (update: Uint8Array) => {
      this.pending.push(update)
      this.scheduleFlush()
    })
    this.awareness.on('update', this.onAwarenessUpdate)
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

  join(conn: SyncConnection): void {
    this.connections.add(conn)
    conn.send(encodeSyncStep1(Y.encodeStateVector(this.doc)))
    const states = this.awareness.getStates()
    if (states.size > 0) {
      conn.send(
        encodeAwareness(
          awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...states.keys()]),
        ),
      )
    }
    this.onJoin(conn)
  }

  leave(conn: SyncConnection): void {
    if (!this.connections.delete(conn)) return
    if (conn.awarenessIds.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...conn.awarenessIds], null)
    }
    if (this.connections.size === 0) this.onEmpty()
  }

  /** Removes a connection's cursor and presence for everyone (it became read-only). */
  dropAwareness(conn: SyncConnection): void {
    if (conn.awarenessIds.size === 0) return
    awarenessProtocol.removeAwarenessStates(this.awareness, [...conn.awarenessIds], null)
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
        let diff: Uint8Array
        try {
          diff = Y.encodeStateAsUpdate(this.doc, message.stateVector)
        } catch (err) {
          throw new ProtocolError(`bad state vector: ${(err as Error).message}`)
        }
        conn.send(encodeSyncStep2(diff))
        return
      }
      case 'sync-step2':
      case 'sync-update': {
        if (!conn.context.canWrite) {
          this.denyWrite(conn)
          return
        }
        validateUpdate(message.update)
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
          awarenessProtocol.applyAwarenessUpdate(this.awareness, message.update, conn)
        } catch (err) {
          throw new ProtocolError(`bad awareness update: ${(err as Error).message}`)
        }
        return
      }
      case 'query-awareness': {
        const ids = [...this.awareness.getStates().keys()]
        conn.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids)))
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

  private readonly onAwarenessUpdate = (
    change: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    if (origin instanceof SyncConnection) {
      for (const id of change.added) origin.awarenessIds.add(id)
      for (const id of change.updated) origin.awarenessIds.add(id)
      for (const id of change.removed) origin.awarenessIds.delete(id)
    }
    const changed = [...change.added, ...change.updated, ...change.removed]
    const frame = encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed))
    for (const c of this.connections) c.send(frame)
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return
    this.flushScheduled = true
    // Updates that arrive in the same tick are merged into one write and one echo.
    setImmediate(() => {
      this.flushScheduled = false
      void this.flush()
    })
  }

  /** Stores everything applied so far, echoes it and sends acks. Resolves when done. */
  flush(): Promise<void> {
    if (!this.flushing) {
      this.flushing = this.runFlush().finally(() => {
        this.flushing = null
      })
    }
    return this.flushing
  }

  private async runFlush(): Promise<void> {
    for (;;) {
      if (this.discarded) {
        this.pending = []
        return
      }
      const batch = this.pending
      const acks = [...this.connections]
        .filter((c) => c.received > c.acked)
        .map((c) => [c, c.received] as const)
      if (batch.length === 0 && acks.length === 0) break
      this.pending = []
      if (batch.length > 0) {
        const update = batch.length === 1 ? batch[0]! : Y.mergeUpdates(batch)
        this.lastUpdateId = await this.appendWithRetry(update)
        this.updatesSinceSnapshot++
        this.bytesSinceSnapshot += update.length
        const frame = encodeSyncUpdate(update)
        for (const c of this.connections) c.send(frame)
      }
      for (const [c, seq] of acks) {
        c.acked = seq
        if (c.context.wantsAck) c.send(encodeAck(seq))
      }
      if (this.pending.length === 0 && this.needsCompaction()) await this.compact()
    }
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

  /** Replaces snapshot + log with one snapshot. Only called when nothing is pending. */
  private async compact(): Promise<void> {
    const snapshot = Y.encodeStateAsUpdate(this.doc)
    const covers = this.lastUpdateId
    const started = performance.now()
    try {
      await this.store.compact(this.boardId, snapshot, covers)
      this.log.debug(
        {
          boardId: this.boardId,
          updates: this.updatesSinceSnapshot,
          bytes: snapshot.length,
          ms: Math.round(performance.now() - started),
        },
        'compacted board',
      )
      this.updatesSinceSnapshot = 0
      this.bytesSinceSnapshot = 0
    } catch (err) {
      this.log.error({ err, boardId: this.boardId }, 'compaction failed; will retry later')
    }
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
    this.awareness.destroy()
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
    this.awareness.destroy()
    this.doc.destroy()
  }
}

/**
 * Decodes an update completely before it touches the room's doc, so a frame that fails halfway
 * (e.g. a truncated delete set) is rejected whole instead of being applied in part.
 */
function validateUpdate(update: Uint8Array): void {
  try {
    Y.decodeUpdate(update)
  } catch (err) {
    throw new ProtocolError(`invalid update: ${(err as Error).message}`)
  }
}
