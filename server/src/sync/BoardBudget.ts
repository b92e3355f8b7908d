/**
 * A board's size limits (`BOARD_MAX_IDEAS`, `BOARD_MAX_BYTES`): decides, before an update is
 * applied, whether the board may take it. Yjs cannot undo an applied update, so the decision is
 * made up front from the update's summary (updateGuard) and the board's current size.
 *
 * Semantics (README "Limits"):
 * - ideas: an update that adds ideas is refused when the board would then hold more than
 *   `maxIdeas` ideas (each entry written into the `ideas` map counts as added);
 * - bytes: an update is refused when the board's stored size plus the update would exceed
 *   `maxBytes`. The stored size is what the database holds for the board (snapshot + update log
 *   since), estimated as the size at load plus every update applied since; near the limit it is
 *   measured exactly (the board encoded as one snapshot, which is what compaction keeps), at
 *   most once per 1/64 of the limit that the estimate grew, so deletions make room again;
 * - an update that only deletes (no new structs) is always accepted, so people can make room.
 */
import * as Y from 'yjs'
import type { UpdateSummary } from './updateGuard.ts'

export interface BoardBudgetLimits {
  maxIdeas: number
  maxBytes: number
}

export type BudgetVerdict = 'ok' | 'too many ideas' | 'too many bytes'

export class BoardBudget {
  /** Size at load or at the last exact measurement. */
  private base: number
  /** Bytes of updates applied since `base` was taken. */
  private since = 0

  constructor(
    private readonly doc: Y.Doc,
    private readonly limits: BoardBudgetLimits,
    storedBytes: number,
  ) {
    this.base = storedBytes
  }

  /** The current estimate of the stored size in bytes. */
  get bytes(): number {
    return this.base + this.since
  }

  /** Whether the board may take `update` (summarised by the guard). */
  /**
   * `held`: ideas the server keeps outside the board until they are public (issue 14 §2); they
   * count towards `maxIdeas`, or pre-moderation would let the held store grow without bound.
   */
  admits(update: Uint8Array, summary: UpdateSummary, held = 0): BudgetVerdict {
    if (summary.structs === 0) return 'ok'
    if (summary.newIdeas > 0) {
      const ideas = this.doc.getMap('ideas').size + held
      if (ideas + summary.newIdeas > this.limits.maxIdeas) return 'too many ideas'
    }
    if (this.bytes + update.length <= this.limits.maxBytes) return 'ok'
    if (this.since > this.limits.maxBytes / 64) this.measure()
    return this.bytes + update.length <= this.limits.maxBytes ? 'ok' : 'too many bytes'
  }

  /** Called with every update applied to the board (from any source). */
  grew(bytes: number): void {
    this.since += bytes
  }

  /** The board was compacted into a snapshot of `bytes`. */
  compacted(bytes: number): void {
    this.base = bytes
    this.since = 0
  }

  private measure(): void {
    this.compacted(Y.encodeStateAsUpdate(this.doc).length)
  }
}
