/**
 * Rebuilding a board from its stored log (issue 14 §3): a fresh doc from a snapshot and log rows,
 * at once for small inputs or in chunks that yield to the event loop for long histories, a
 * corrupt row skipped as when the board loads. Shared by the history listing
 * (historyListing.ts), restore and undo (boardRestore.ts) and erasure (HistoryService).
 */
import * as Y from 'yjs'
import type { UpdateSender } from '../storage/BoardStore.ts'

/** Whether two log rows were sent by the same person (or both by nobody known). */
export const sameSender = (a: UpdateSender | null, b: UpdateSender | null): boolean =>
  a === b || (a !== null && b !== null && a.kind === b.kind && a.id === b.id)

/**
 * Rows applied between two turns of the event loop: replaying a long history must not hold up
 * the rooms the server serves meanwhile (about 10–30 ms a chunk on a 200-idea board).
 */
export const CHUNK_ROWS = 100

/** Lets the event loop serve sockets and timers before the next chunk of work. */
export const breathe = () => new Promise<void>((resolve) => setImmediate(resolve))

/** Applies one stored update; a corrupt row is skipped, as when the board loads (Room). */
export function applyRow(doc: Y.Doc, update: Uint8Array | null): void {
  if (!update) return
  try {
    Y.applyUpdate(doc, update)
  } catch {
    // skipped
  }
}

/** A fresh doc with `base` and `rows` applied, in one transaction (for small inputs). */
export function buildDoc(base: Uint8Array | null, rows: readonly Uint8Array[], gc = true): Y.Doc {
  const doc = new Y.Doc({ gc })
  doc.transact(() => {
    for (const update of [base, ...rows]) applyRow(doc, update)
  })
  return doc
}

/** `buildDoc` in chunks of {@link CHUNK_ROWS}, yielding to the event loop between them. */
export async function replay(
  base: Uint8Array | null,
  rows: readonly Uint8Array[],
  gc = true,
): Promise<Y.Doc> {
  const doc = buildDoc(base, [], gc)
  for (let i = 0; i < rows.length; i += CHUNK_ROWS) {
    if (i > 0) await breathe()
    doc.transact(() => {
      for (const update of rows.slice(i, i + CHUNK_ROWS)) applyRow(doc, update)
    })
  }
  return doc
}
