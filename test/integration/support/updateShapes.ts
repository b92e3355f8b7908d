/**
 * Yjs updates (format v1) written field by field in the shapes that make `Y.applyUpdate` slow:
 * delete sets that cut a long text into pieces, inserts that split existing items, inserts that
 * make Yjs scan for conflicts. Used by the stall test, the fuzzing and the apply-cost bench
 * (test/bench/src/applyCost.ts). Every update here refers only to what `textBase` created, so
 * the update guard's completeness rules pass and only its cost rule can refuse them.
 */
import * as encoding from 'lib0/encoding'

/** Frame overhead of a sync update message: type, sub-type, length varint (≤ 5 bytes). */
export const SYNC_FRAME_OVERHEAD = 8

/** Top-level text the shapes write into. */
export const TEXT_KEY = 't'

const STRING = 4
const HAS_ORIGIN = 0x80
const HAS_RIGHT_ORIGIN = 0x40

function finish(e: encoding.Encoder): Uint8Array {
  return encoding.toUint8Array(e)
}

/** One struct: `length` characters `x` inserted by `client` at the start of the text. */
export function textBase(client: number, length: number): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 1) // clients
  encoding.writeVarUint(e, 1) // structs
  encoding.writeVarUint(e, client)
  encoding.writeVarUint(e, 0) // clock
  encoding.writeUint8(e, STRING)
  encoding.writeVarUint(e, 1) // parent is a top-level key
  encoding.writeVarString(e, TEXT_KEY)
  encoding.writeVarString(e, 'x'.repeat(length))
  encoding.writeVarUint(e, 0) // delete set: no clients
  return finish(e)
}

/** A delete set alone: `count` ranges of one character, every other one from `first` on. */
export function deleteEveryOther(client: number, count: number, first = 1): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 0) // no structs
  encoding.writeVarUint(e, 1) // delete set clients
  encoding.writeVarUint(e, client)
  encoding.writeVarUint(e, count)
  for (let i = 0; i < count; i++) {
    encoding.writeVarUint(e, first + 2 * i)
    encoding.writeVarUint(e, 1)
  }
  return finish(e)
}

/** `count` delete ranges that each cover the whole of `client`'s first `length` clocks. */
export function overlappingDeletes(client: number, length: number, count: number): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 0)
  encoding.writeVarUint(e, 1)
  encoding.writeVarUint(e, client)
  encoding.writeVarUint(e, count)
  for (let i = 0; i < count; i++) {
    encoding.writeVarUint(e, 0)
    encoding.writeVarUint(e, length)
  }
  return finish(e)
}

/**
 * `count` one-character inserts by `attacker`, the i-th between characters 2i and 2i+1 of
 * `target`'s text: each splits the text item (origin and right origin adjacent, no conflict).
 */
export function splittingInserts(attacker: number, target: number, count: number): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 1)
  encoding.writeVarUint(e, count)
  encoding.writeVarUint(e, attacker)
  encoding.writeVarUint(e, 0)
  for (let i = 0; i < count; i++) {
    encoding.writeUint8(e, STRING | HAS_ORIGIN | HAS_RIGHT_ORIGIN)
    encoding.writeVarUint(e, target)
    encoding.writeVarUint(e, 2 * i)
    encoding.writeVarUint(e, target)
    encoding.writeVarUint(e, 2 * i + 1)
    encoding.writeVarString(e, 'y')
  }
  encoding.writeVarUint(e, 0)
  return finish(e)
}

/**
 * `count` one-character inserts, each by its own client (ids from `firstClient` up, so every
 * later one sorts after the earlier ones), all right after `target`'s first character with no
 * right neighbour: Yjs scans every item between origin and the end of the text for each.
 */
export function conflictingInserts(firstClient: number, target: number, count: number): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, count)
  for (let i = 0; i < count; i++) {
    encoding.writeVarUint(e, 1)
    encoding.writeVarUint(e, firstClient + i)
    encoding.writeVarUint(e, 0)
    encoding.writeUint8(e, STRING | HAS_ORIGIN)
    encoding.writeVarUint(e, target)
    encoding.writeVarUint(e, 0)
    encoding.writeVarString(e, 'z')
  }
  encoding.writeVarUint(e, 0)
  return finish(e)
}

/** The largest `count` for which `make(count)` fits into `bytes` (binary search). */
export function largestFitting(make: (count: number) => Uint8Array, bytes: number): number {
  let lo = 1
  let hi = 1
  while (make(hi).length <= bytes) hi *= 2
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2)
    if (make(mid).length <= bytes) lo = mid
    else hi = mid
  }
  return lo
}
