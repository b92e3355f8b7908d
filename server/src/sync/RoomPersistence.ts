/**
 * What happens to a room's updates after they are applied: stored (group-committed), then echoed
 * to everyone including the sender, then acked. Because the echo (and the `Ack` extension
 * message) only goes out after the update is committed, a client that sees its update confirmed
 * knows it is stored. Updates arriving within one `updateTickMs` are stored and sent as one merged
 * update; updates already stored by another instance are paced the same way and relayed without
 * being stored again. A stored update is also published to other instances, and once the log has
 * grown it is compacted (RoomCompactor).
 *
 * When the database does not take a write, the room stays live: from then on updates are relayed
 * at once and kept as "unsaved" (UnsavedQueue), their acks wait, clients with acks are told
 * `SaveStatus.Delayed`, and one retry loop stores them with back-off — each exactly once, even
 * when a write committed but its answer was lost. Once all are stored the acks go out and
 * clients hear `SaveStatus.Ok`.
 */
import { encodeAck, encodeSaveStatus, SaveStatus } from '@ideenwand/protocol'
import * as Y from 'yjs'
import type { Logger } from '../logger.ts'
import type { BoardStore, UpdateSender } from '../storage/BoardStore.ts'
import type { RoomCompactor } from './RoomCompactor.ts'
import { SharedFrame } from './SharedFrame.ts'
import type { SyncConnection } from './SyncConnection.ts'
import type { SyncMetrics } from './SyncMetrics.ts'
import { mergeAll, mergeBySender, type SenderUpdate, UnsavedQueue } from './UnsavedQueue.ts'

const RETRY_BASE_MS = 200
const RETRY_MAX_MS = 5_000
/**
 * A write slower than this puts the room into "saving delayed" while it goes on in the
 * background: a database that is gone often shows up as a connection attempt that hangs (the
 * driver retries until its connect timeout), not as a quick error.
 */
const SLOW_WRITE_MS = 2_000

/** What the pipeline needs from its room. */
export interface PersistenceHost {
  readonly boardId: string
  readonly store: BoardStore
  readonly log: Logger
  /** `updateTickMs`: how often, at most, updates are written and echoed. */
  readonly tickMs: number
  /** The room's connections: their updates are acked, and they are told `SaveStatus`. */
  readonly connections: ReadonlySet<SyncConnection>
  /** True once the room closes: what is left is flushed without waiting for the tick. */
  closed(): boolean
  /** Where stored updates are counted (read at each use: set after the room is made). */
  metrics(): SyncMetrics
  /** Sends one update to every connection. */
  broadcast(update: Uint8Array): void
  /** Hands a stored update to other instances, with the highest log row id it was stored as. */
  publish(update: Uint8Array, id: number): void
}

export class RoomPersistence {
  private pending: SenderUpdate[] = []
  /** When the oldest of `pending` arrived, and how many updates the write in flight holds. */
  private pendingSince = 0
  private storing = 0
  /** Updates from other instances, already stored there: relayed, not stored. */
  private relayed: Uint8Array[] = []
  private flushScheduled = false
  private lastFlushAt = 0
  private flushing: Promise<void> | null = null
  /** The unsaved updates being written (same bytes on every retry), and those queued behind. */
  private readonly unsaved = new UnsavedQueue()
  /** Stores unsaved updates with back-off; runs while there are any. */
  private retrying: Promise<void> | null = null
  /** Clients were told that storing is delayed. */
  private saveDelayed = false
  private lastUpdateId: number
  /** The board was deleted: nothing more is stored. */
  private discarded = false

  /** `lastUpdateId`: the newest log row the room was loaded with. */
  constructor(
    private readonly room: PersistenceHost,
    private readonly compactor: RoomCompactor,
    lastUpdateId: number,
  ) {
    this.lastUpdateId = lastUpdateId
  }

  /** Updates applied but not stored yet (waiting, or in the write in flight). */
  get unstored(): number {
    return this.pending.length + this.storing + this.unsaved.count
  }

  /** True while updates wait for the database (clients were told `SaveStatus.Delayed`). */
  get savingDelayed(): boolean {
    return this.saveDelayed
  }

  /** Bytes of updates applied and relayed but not stored yet because the database is away. */
  get unsavedBytes(): number {
    return this.unsaved.bytes
  }

  /**
   * An update applied from a connection of this room (or the server's own edit): stored with its
   * sender, then echoed.
   */
  add(update: Uint8Array, sender: UpdateSender): void {
    if (this.pending.push({ sender, data: update }) === 1) this.pendingSince = performance.now()
    this.scheduleFlush()
  }

  /** An update stored by another instance: echoed with the next flush, not stored. */
  relay(update: Uint8Array): void {
    this.relayed.push(update)
    this.scheduleFlush()
  }

  /** Flushes soon: stores and echoes what was applied, and sends the acks that are due. */
  scheduleFlush(): void {
    if (this.flushScheduled || this.flushing) return
    this.flushScheduled = true
    // An update after a quiet spell goes out at once; during a burst everything arriving within
    // one tick is merged into one write and one echo (runFlush keeps the same pace).
    const wait = this.lastFlushAt + this.room.tickMs - performance.now()
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

  /** Flushes, then waits until updates that wait for the database are stored. */
  async drain(): Promise<void> {
    await this.flush()
    await this.retrying
  }

  /**
   * The board is being deleted: nothing more is stored. Returns the flush still running, if any
   * (a write of it may be in flight).
   */
  discard(): Promise<void> | null {
    this.discarded = true
    this.pending = []
    return this.flushing
  }

  private async runFlush(): Promise<void> {
    for (;;) {
      if (this.discarded) {
        this.pending = []
        this.relayed = []
        return
      }
      const wait = this.lastFlushAt + this.room.tickMs - performance.now()
      if (wait > 0 && !this.room.closed()) await new Promise((r) => setTimeout(r, wait))
      const batch = this.pending
      const batchSince = this.pendingSince
      const relayed = this.relayed
      const acks = [...this.room.connections]
        .filter((c) => c.received > c.acked)
        .map((c) => [c, c.received] as const)
      if (batch.length === 0 && relayed.length === 0 && acks.length === 0) break
      this.lastFlushAt = performance.now()
      this.pending = []
      this.relayed = []
      if (relayed.length > 0) {
        // Stored by the instance that received it; relaying needs no storing here.
        this.room.broadcast(relayed.length === 1 ? relayed[0]! : Y.mergeUpdates(relayed))
      }
      // One log row per sender (the history says who did what); one echo for everyone.
      const rows = batch.length === 0 ? [] : mergeBySender(batch)
      const update = batch.length === 0 ? null : mergeAll(batch)
      // While updates wait for the database, later ones queue behind them (acks stay in order).
      if (update && !this.unsaved.head) {
        this.storing = batch.length
        const attempt = this.appendRows(rows)
        const id = await this.tryAppend(attempt)
        this.storing = 0
        if (typeof id === 'number') {
          this.stored(update, id, batchSince)
          this.room.broadcast(update)
        } else {
          this.unsaved.start(rows, batchSince, id === 'slow' ? attempt : undefined)
        }
      } else if (update) this.unsaved.hold(rows, batchSince)
      if (this.unsaved.head) {
        // The room stays live: relay now; acks wait until it is stored.
        if (update) this.room.broadcast(update)
        for (const [c, seq] of acks) {
          c.acknowledge(seq)
          this.unsaved.holdAck(c, seq)
        }
        this.startRetrying()
        continue
      }
      this.sendAcks(acks)
      if (this.pending.length === 0 && this.compactor.due) await this.compactor.compact()
    }
  }

  /** Stores rows in one write (the store's group commit); resolves with the highest log id. */
  private async appendRows(rows: readonly SenderUpdate[]): Promise<number> {
    const { store, boardId } = this.room
    const ids = await Promise.all(rows.map((r) => store.append(boardId, r.data, r.sender)))
    return Math.max(...ids)
  }

  /** Bookkeeping after `update` is committed with log id `id`; then other instances get it. */
  private stored(update: Uint8Array, id: number, since: number): void {
    this.lastUpdateId = Math.max(this.lastUpdateId, id)
    this.room.metrics().updatesStored(performance.now() - since)
    this.compactor.stored(update.length)
    if (!this.discarded) this.room.publish(update, id)
  }

  private sendAcks(acks: Iterable<readonly [SyncConnection, number]>): void {
    for (const [c, seq] of acks) {
      c.acknowledge(seq)
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
        this.room.log.error(
          { boardId: this.room.boardId },
          'storing update is slow; saving is delayed',
        )
      }
      return outcome
    } catch (err) {
      if (this.discarded) return this.lastUpdateId
      this.room.log.error(
        { err, boardId: this.room.boardId },
        'storing update failed; saving is delayed',
      )
      return 'failed'
    } finally {
      clearTimeout(timer)
    }
  }

  /**
   * Stores each row exactly once, one after the other: a row whose write committed although its
   * answer was lost is found by its bytes (`appendOnce`) when the batch is tried again.
   */
  private async appendEachOnce(rows: readonly SenderUpdate[]): Promise<number> {
    let last = this.lastUpdateId
    for (const row of rows) {
      const id = await this.room.store.appendOnce(
        this.room.boardId,
        row.data,
        this.lastUpdateId,
        row.sender,
      )
      last = Math.max(last, id)
    }
    return last
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
    const frame = new SharedFrame(encodeSaveStatus(status))
    for (const c of this.room.connections) if (c.context.wantsAck) c.send(frame)
  }

  private hasUnacked(): boolean {
    for (const c of this.room.connections) if (c.received > c.acked) return true
    return false
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
        this.unsaved.clear()
        break
      }
      let head = this.unsaved.head
      if (!head) {
        head = this.unsaved.next()
        if (!head) break
        if (head.updates.length === 0) {
          // Only acks of updates that changed nothing: stored with what came before.
          this.unsaved.settle()
          this.sendAcks(head.acks)
          continue
        }
      } else if (!head.inFlight) {
        const delay = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** (failures - 1))
        await new Promise((r) => setTimeout(r, delay))
        if (this.discarded) continue
      }
      if (head.updates.length > 1) head.updates = mergeBySender(head.updates)
      const update = mergeAll(head.updates)
      const inFlight = head.inFlight
      head.inFlight = undefined
      try {
        // A write still running may yet commit: its outcome decides, never a second write.
        const id = inFlight ? await inFlight : await this.appendEachOnce(head.updates)
        this.unsaved.settle()
        failures = 1
        this.stored(update, id, head.since)
        this.sendAcks(head.acks)
      } catch (err) {
        this.room.log.warn(
          { err, boardId: this.room.boardId, failures, unsavedBytes: this.unsavedBytes },
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
      this.room.log.info(
        { boardId: this.room.boardId },
        'delayed updates stored; saving works again',
      )
    }
    // Acks that arrived meanwhile, compaction.
    this.scheduleFlush()
  }
}
