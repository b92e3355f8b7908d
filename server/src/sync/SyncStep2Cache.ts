/**
 * A room's answers to sync step 1, by the state vector they answer. A reconnect storm sends the
 * same state vector hundreds of times and computing the diff walks the whole document, so recent
 * answers are kept until the doc changes (the room clears them on every update).
 */
import { encodeSyncStep2, ProtocolError } from '@ideenwand/protocol'
import * as Y from 'yjs'

/** Sync step 2 replies kept per board for clients that send the same state vector. */
const DIFF_CACHE_SIZE = 8
/** Key of the state vector of an empty doc (a client that has nothing yet). */
const EMPTY_STATE_VECTOR = Buffer.from(Y.encodeStateVector(new Y.Doc())).toString('latin1')

export class SyncStep2Cache {
  private readonly frames = new Map<string, Uint8Array>()

  constructor(private readonly doc: Y.Doc) {}

  /** `snapshot` is the whole doc: it answers a client that has nothing yet as it is. */
  seed(snapshot: Uint8Array): void {
    this.frames.set(EMPTY_STATE_VECTOR, encodeSyncStep2(snapshot))
  }

  /** The doc changed: no kept answer is right any more. */
  clear(): void {
    this.frames.clear()
  }

  /** The sync step 2 frame answering `stateVector`; a malformed one is a `ProtocolError`. */
  frameFor(stateVector: Uint8Array): Uint8Array {
    const key = Buffer.from(stateVector).toString('latin1')
    const cached = this.frames.get(key)
    if (cached) return cached
    let diff: Uint8Array
    try {
      diff = Y.encodeStateAsUpdate(this.doc, stateVector)
    } catch (err) {
      throw new ProtocolError(`bad state vector: ${(err as Error).message}`)
    }
    const frame = encodeSyncStep2(diff)
    if (this.frames.size >= DIFF_CACHE_SIZE) this.frames.clear()
    this.frames.set(key, frame)
    return frame
  }
}
