/**
 * Checks an untrusted Yjs update (format v1, as y-websocket sends it) before it touches a room's
 * document: one linear pass over the bytes, with a budget on sizes, counts and time.
 *
 * Why not just call `Y.applyUpdate` and catch? Yjs trusts the numbers in an update: a struct
 * count, a struct length or a delete range is whatever the sender wrote (yjs #687: declared
 * counts decoupled from the message size spin or exhaust the decoder; lengths near 2^53 break
 * clock arithmetic). Structs whose predecessors are missing are kept as "pending" forever,
 * retried on every later update and written into every snapshot — one crafted frame would slow
 * and bloat the board for good. So an update is refused (4400) unless
 *
 * - every declared count (clients, structs, delete ranges, array/object entries) fits into the
 *   bytes that are left, each entry taking at least one byte;
 * - every struct length and delete range is at most `maxLength`, and clocks stay exact integers;
 * - it needs nothing the board lacks: per client it starts at or before the board's clock, its
 *   origins and parents exist (on the board or earlier in the update), no Skip structs, no
 *   deletes beyond what exists — an honest client's update always satisfies this, because it
 *   only ever references what it received from this server or sends in the same update;
 * - it contains no sub-documents and only the content and type kinds Yjs defines;
 * - the pass finishes within `budgetMs` (a safety net; the pass is linear in the frame size);
 * - each client's delete ranges come in increasing order without overlapping (as Yjs writes
 *   them), each client once: otherwise every range could walk the same items again;
 * - what applying it would cost, estimated against the board (updateCost.ts: splits, deletes of
 *   live content, conflicting inserts), is at most `maxCost` — otherwise `UpdateTooCostly`.
 *
 * The pass also counts the ideas the update adds (entries of the top-level `ideas` map), for the
 * idea rate limit and the board's idea limit.
 */
import * as decoding from 'lib0/decoding'
import * as Y from 'yjs'
import { CostMeter, type UpdateCostWeights } from './updateCost.ts'

export interface UpdateGuardLimits {
  /** Longest struct (e.g. a deleted run) or delete range accepted in one piece. */
  maxLength: number
  /** Time the check may take before the update is refused (ms). */
  budgetMs: number
  /** The board the update will be applied to, for the cost estimate (none: costs as if empty). */
  board?: Y.Doc | null
  /** Highest estimated cost accepted (updateCost.ts); above, `UpdateTooCostly`. Default: none. */
  maxCost?: number
  /** Cost weights (default `DEFAULT_COST_WEIGHTS`). */
  weights?: UpdateCostWeights
}

export interface UpdateSummary {
  structs: number
  deleteRanges: number
  /** Estimated cost of applying it (updateCost.ts units, about 1 µs each). */
  cost: number
  /** Entries written directly into the top-level `ideas` map (ideas added or replaced). */
  newIdeas: number
}

/** The update is malformed or hostile; `message` says what the check found. */
export class UpdateRejected extends Error {
  override name = 'UpdateRejected'
}

/** The board's current clock of a client (Yjs `getState`): 0 for a client it has not seen. */
export type ClockOf = (client: number) => number

/** Top-level map holding the board's ideas (packages/board `BOARD_KEYS.ideas`). */
const IDEAS_KEY = 'ideas'
/** Deepest nesting of arrays/objects accepted in a value (tldraw records nest a few levels). */
const MAX_ANY_DEPTH = 64
/** How often (in structs, ranges or values) the clock is read for the time budget. */
const BUDGET_STRIDE = 1024

const utf8 = new TextDecoder()

function reject(message: string): never {
  throw new UpdateRejected(message)
}

class Reader {
  readonly decoder: decoding.Decoder
  private readonly deadline: number
  private steps = 0

  constructor(
    update: Uint8Array,
    private readonly limits: UpdateGuardLimits,
  ) {
    this.decoder = decoding.createDecoder(update)
    this.deadline = performance.now() + limits.budgetMs
  }

  get remaining(): number {
    return this.decoder.arr.length - this.decoder.pos
  }

  /** One unit of work; every `BUDGET_STRIDE` units the time budget is checked. */
  tick(): void {
    if (++this.steps % BUDGET_STRIDE === 0 && performance.now() > this.deadline) {
      reject(`check took longer than ${this.limits.budgetMs} ms`)
    }
  }

  uint(): number {
    // lib0 throws on a truncated varint and on values above 2^53.
    try {
      return decoding.readVarUint(this.decoder)
    } catch (err) {
      return reject((err as Error).message)
    }
  }

  byte(): number {
    if (this.remaining < 1) reject('unexpected end of update')
    return decoding.readUint8(this.decoder)
  }

  /** A declared count of entries that each take at least `minBytes` bytes. */
  count(what: string, minBytes = 1): number {
    const n = this.uint()
    if (n * minBytes > this.remaining) {
      reject(`${what}: ${n} declared, but only ${this.remaining} bytes left`)
    }
    return n
  }

  skip(n: number): void {
    if (n > this.remaining) reject('unexpected end of update')
    this.decoder.pos += n
  }

  bytes(): Uint8Array {
    const n = this.uint()
    if (n > this.remaining) reject(`${n} bytes declared, ${this.remaining} left`)
    const start = this.decoder.pos
    this.decoder.pos += n
    return this.decoder.arr.subarray(start, start + n)
  }

  string(): string {
    return utf8.decode(this.bytes())
  }

  skipString(): void {
    this.bytes()
  }

  /** A struct length or delete range: at least 1, at most `maxLength`. */
  length(what: string): number {
    const n = this.uint()
    if (n < 1 || n > this.limits.maxLength) {
      reject(`${what} ${n} outside 1..${this.limits.maxLength}`)
    }
    return n
  }

  /** Skips one lib0 `any` value (ContentAny, ContentDoc options). */
  any(depth = 0): void {
    if (depth > MAX_ANY_DEPTH) reject(`values nested deeper than ${MAX_ANY_DEPTH}`)
    this.tick()
    const type = this.byte()
    switch (type) {
      case 127: // undefined
      case 126: // null
      case 121: // false
      case 120: // true
        return
      case 125: // varint
        try {
          decoding.readVarInt(this.decoder)
        } catch (err) {
          reject((err as Error).message)
        }
        return
      case 124: // float32
        this.skip(4)
        return
      case 123: // float64
      case 122: // bigint64
        this.skip(8)
        return
      case 119: // string
      case 116: // Uint8Array
        this.skipString()
        return
      case 118: {
        // object: key (≥ 1 byte) + value (≥ 1 byte) per entry
        const n = this.count('object entries', 2)
        for (let i = 0; i < n; i++) {
          this.skipString()
          this.any(depth + 1)
        }
        return
      }
      case 117: {
        const n = this.count('array entries')
        for (let i = 0; i < n; i++) this.any(depth + 1)
        return
      }
      default:
        reject(`unknown value type ${type}`)
    }
  }
}

/**
 * Checks `update` against `limits` and the board's clocks; throws `UpdateRejected` with the
 * reason, or returns what the update contains.
 */
export function checkUpdate(
  update: Uint8Array,
  clockOf: ClockOf,
  limits: UpdateGuardLimits,
): UpdateSummary {
  const r = new Reader(update, limits)
  const meter = new CostMeter(
    limits.board ?? null,
    limits.maxCost ?? Number.POSITIVE_INFINITY,
    limits.weights,
  )
  meter.bytes(update.length)
  let structs = 0
  let newIdeas = 0
  /** Per client in the update: the clock right after its last struct. */
  const ends = new Map<number, number>()
  /** IDs the update's structs point to (origins, parents): flat [client, clock, …]. */
  const refs: number[] = []
  /** Reads an ID that the struct `self`:`at` points to. */
  const ref = (self: number, at: number): Y.ID => {
    const client = r.uint()
    const clock = r.uint()
    // Yjs integrates a client's structs in order and does not check references to the same
    // client: they must point backwards, or integrating fails half-way.
    if (client === self) {
      if (clock >= at) reject(`${self}:${at} refers forward to ${clock}`)
    } else refs.push(client, clock)
    return Y.createID(client, clock)
  }

  // A client entry: struct count, client id, first clock (≥ 3 bytes).
  const clients = r.count('clients', 3)
  for (let c = 0; c < clients; c++) {
    // Every struct takes at least 2 bytes (info + length or content).
    const count = r.count('structs', 2)
    const client = r.uint()
    let clock = r.uint()
    if (ends.has(client)) reject(`client ${client} appears twice`)
    if (clock > clockOf(client)) {
      reject(`client ${client} starts at ${clock}, the board has ${clockOf(client)}`)
    }
    for (let s = 0; s < count; s++) {
      r.tick()
      const info = r.byte()
      const kind = info & 0b11111
      let length: number
      if (kind === 0) {
        length = r.length('GC length') // GC: deleted, garbage-collected content
        meter.struct({
          client,
          clock,
          length,
          gc: true,
          origin: null,
          rightOrigin: null,
          parent: null,
          parentSub: null,
        })
      } else if (kind === 10) {
        reject('skip structs are not accepted (the update has gaps)')
      } else {
        const hasOrigin = (info & 0x80) !== 0
        const hasRightOrigin = (info & 0x40) !== 0
        const hasParentSub = (info & 0x20) !== 0
        const origin = hasOrigin ? ref(client, clock) : null
        const rightOrigin = hasRightOrigin ? ref(client, clock) : null
        let parent: string | Y.ID | null = null
        let parentSub: string | null = null
        if (!hasOrigin && !hasRightOrigin) {
          parent = r.uint() === 1 ? r.string() : ref(client, clock)
          if (hasParentSub) parentSub = r.string()
        }
        length = readContent(r, kind)
        if (parent === IDEAS_KEY && parentSub !== null) newIdeas++
        meter.struct({ client, clock, length, gc: false, origin, rightOrigin, parent, parentSub })
      }
      clock += length
      if (clock > Number.MAX_SAFE_INTEGER) reject(`client ${client}: clock beyond 2^53`)
      structs++
    }
    ends.set(client, clock)
  }

  // Everything pointed to must exist once the update is applied; otherwise Yjs keeps the struct
  // pending forever.
  const known = (client: number) => Math.max(clockOf(client), ends.get(client) ?? 0)
  for (let i = 0; i < refs.length; i += 2) {
    r.tick()
    const client = refs[i]!
    const clock = refs[i + 1]!
    if (clock >= known(client)) reject(`refers to ${client}:${clock}, which the board lacks`)
  }

  // Delete set: per client its id, a range count (≥ 2 bytes), then ranges of clock + length.
  let deleteRanges = 0
  const dsClients = r.count('delete set clients', 2)
  const deleting = new Set<number>()
  for (let c = 0; c < dsClients; c++) {
    const client = r.uint()
    if (deleting.has(client)) reject(`delete set lists client ${client} twice`)
    deleting.add(client)
    const ranges = r.count('delete ranges', 2)
    const end = known(client)
    let previousEnd = 0
    for (let i = 0; i < ranges; i++) {
      r.tick()
      const clock = r.uint()
      const length = r.length('delete range')
      if (clock + length > end) {
        reject(`deletes ${client}:${clock}+${length}, which the board lacks`)
      }
      if (clock < previousEnd) reject(`delete ranges of ${client} out of order at ${clock}`)
      previousEnd = clock + length
      meter.deleteRange(client, clock, length)
      deleteRanges++
    }
  }
  if (r.remaining > 0) reject(`${r.remaining} bytes after the delete set`)
  return { structs, deleteRanges, cost: Math.ceil(meter.cost), newIdeas }
}

/** Reads an item's content of kind `kind` and returns the item's length (clock units). */
function readContent(r: Reader, kind: number): number {
  switch (kind) {
    case 1: // ContentDeleted
      return r.length('deleted length')
    case 2: {
      // ContentJSON: n strings
      const n = r.count('JSON values')
      for (let i = 0; i < n; i++) r.skipString()
      if (n < 1) reject('empty content')
      return n
    }
    case 3: // ContentBinary
      r.skipString()
      return 1
    case 4: {
      // ContentString: its length counts UTF-16 code units, as Yjs does.
      const n = r.string().length
      if (n < 1) reject('empty content')
      return n
    }
    case 5: // ContentEmbed (JSON)
      r.skipString()
      return 1
    case 6: // ContentFormat: key + JSON
      r.skipString()
      r.skipString()
      return 1
    case 7: {
      // ContentType: Array, Map, Text, XmlElement (+ name), XmlFragment, XmlHook (+ name), XmlText
      const typeRef = r.uint()
      if (typeRef > 6) reject(`unknown type ${typeRef}`)
      if (typeRef === 3 || typeRef === 5) r.skipString()
      return 1
    }
    case 8: {
      const n = r.count('values')
      if (n < 1) reject('empty content')
      for (let i = 0; i < n; i++) r.any()
      return n
    }
    case 9:
      return reject('sub-documents are not accepted')
    default:
      return reject(`unknown content kind ${kind}`)
  }
}
