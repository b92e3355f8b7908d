/**
 * Folds a room's update log into one snapshot: when enough has been stored since the last one
 * (`COMPACT_UPDATES`, `COMPACT_BYTES`), when the room closes, and at once for erasure. The room
 * builds the snapshot from its live doc; this counts what was stored and runs the store's
 * compaction, which may fail without harm (it is tried again later). The store keeps each
 * snapshot as a restore point and the folded log rows as the board's history, for as long as the
 * workshop is kept (issue 14 §3, BoardStore.compactWith and sync/historyListing.ts).
 */
import type { SyncLimits } from '../config.ts'
import type { Logger } from '../logger.ts'
import type { BoardStore, StoredBoard } from '../storage/BoardStore.ts'

/** What compaction needs from its room. */
export interface CompactorHost {
  readonly boardId: string
  readonly store: BoardStore
  readonly log: Logger
  readonly limits: Pick<SyncLimits, 'compactUpdates' | 'compactBytes'>
  /**
   * The new snapshot, given the stored snapshot and exactly the log rows it replaces (read under
   * the store's per-board lock); it must contain all of them.
   */
  snapshot(stored: Pick<StoredBoard, 'snapshot' | 'updates'>): Uint8Array
  /** The board is now one snapshot of `bytes`. */
  compacted(bytes: number): void
}

export class RoomCompactor {
  private updatesSinceSnapshot: number
  private bytesSinceSnapshot = 0

  /** `storedUpdates`: log rows the room was loaded with (not yet in its snapshot). */
  constructor(
    private readonly room: CompactorHost,
    storedUpdates: number,
  ) {
    this.updatesSinceSnapshot = storedUpdates
  }

  /** An update of `bytes` was stored. */
  stored(bytes: number): void {
    this.updatesSinceSnapshot++
    this.bytesSinceSnapshot += bytes
  }

  /** True when the log has grown enough to be compacted. */
  get due(): boolean {
    return (
      this.updatesSinceSnapshot >= this.room.limits.compactUpdates ||
      this.bytesSinceSnapshot >= this.room.limits.compactBytes
    )
  }

  /** True when updates were stored since the last snapshot. */
  get hasLog(): boolean {
    return this.updatesSinceSnapshot > 0
  }

  /**
   * Replaces snapshot + log with one snapshot. Only called when nothing is pending. The store
   * hands over, under a per-board lock, the stored snapshot and exactly the log rows it will
   * delete; when other instances may have written rows this one has not seen (a lost pub/sub
   * message), those are applied to the live doc first (and relayed), so the snapshot covers every
   * row it replaces.
   */
  async compact(options: { rethrow?: boolean } = {}): Promise<void> {
    const { boardId, store, log } = this.room
    const started = performance.now()
    try {
      const result = await store.compactWith(boardId, (stored) => this.room.snapshot(stored))
      log.debug(
        {
          boardId,
          updates: this.updatesSinceSnapshot,
          rows: result.rows,
          bytes: result.bytes,
          ms: Math.round(performance.now() - started),
        },
        'compacted board',
      )
      this.updatesSinceSnapshot = 0
      this.bytesSinceSnapshot = 0
      this.room.compacted(result.bytes)
    } catch (err) {
      log.error({ err, boardId }, 'compaction failed; will retry later')
      if (options.rethrow) throw err
    }
  }
}
