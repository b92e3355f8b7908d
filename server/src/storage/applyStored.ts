/**
 * Replays a stored board — its snapshot, then its log rows — into a doc, in one transaction:
 * what loading a room, catching a room up with the store, reading a board for a report and
 * backing it up all do. A row that does not apply (corrupt) is skipped and reported to
 * `onSkip`; it stays in the database for analysis, so one bad row never takes a board, its
 * report or its backup down.
 */
import * as Y from 'yjs'

export interface ApplyStoredOptions {
  /** The transaction's origin (default null). */
  origin?: unknown
  /** Told of each row that did not apply. */
  onSkip?: (err: unknown) => void
}

/** Applies `rows` in order (null: no snapshot) to `doc`; returns how many applied. */
export function applyStored(
  doc: Y.Doc,
  rows: readonly (Uint8Array | null)[],
  { origin = null, onSkip }: ApplyStoredOptions = {},
): number {
  let applied = 0
  doc.transact(() => {
    for (const row of rows) {
      if (!row) continue
      try {
        Y.applyUpdate(doc, row)
        applied++
      } catch (err) {
        onSkip?.(err)
      }
    }
  }, origin)
  return applied
}
