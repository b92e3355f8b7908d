/**
 * Test helper: exchanges missing updates between docs the way the y-websocket sync handshake
 * would, so tests can model two people on one board.
 * @module
 */
import * as Y from 'yjs'

/** Sends each doc what the others lack, until all of them have the same state. */
export function syncDocs(...docs: Y.Doc[]): void {
  for (const from of docs) {
    for (const to of docs) {
      if (from === to) continue
      Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)), 'test-sync')
    }
  }
}
