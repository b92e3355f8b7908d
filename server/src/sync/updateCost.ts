/**
 * Estimates what `Y.applyUpdate` will cost before it runs, so that no single update can hold the
 * event loop (issue 15). Yjs is fast per struct but has shapes whose cost grows with the board
 * rather than with the update, all measured by test/bench/src/applyCost.ts:
 *
 * - splitting an item (a delete range or an insert that starts or ends inside one) moves every
 *   later struct of that client in an array (`Array.splice`), and allocates;
 * - deleting live content deletes, garbage-collects and merges each item;
 * - an insert whose left and right neighbours are no longer adjacent runs Yjs's conflict loop,
 *   which walks every item in between with two `Set`s and a binary search each (~1.3 µs an item:
 *   one 90-byte update of ten such inserts over a 20,000-item text took 264 ms);
 * - a map write without a left neighbour to a key with history walks that history.
 *
 * `CostMeter` follows the guard's single pass and charges each struct and delete range in cost
 * units (about one microsecond of `applyUpdate` on the reference machine, 2 cores): the struct
 * itself, the splits it causes and the items a conflict would walk. Where the update's inserts
 * refer to each other, it keeps a sparse "what is to the right of what" map, so that an honest
 * offline backlog (whose inserts were adjacent when its client made them) is charged as plain
 * inserts. Walks stop as soon as the total is over the limit, so the meter's own work is bounded
 * by the limit, not by the board. The estimate errs high.
 */
import * as Y from 'yjs'

/** Cost weights, in units of about 1 µs of `applyUpdate` (see test/bench/src/applyCost.ts). */
export interface UpdateCostWeights {
  /** A GC struct (a garbage-collected run). */
  gc: number
  /** An item in a list or text, including its share of the update event. */
  item: number
  /** An item written under a map key (its previous value is deleted). */
  mapItem: number
  /** Per byte of the update (content copied, the update event re-encoded). */
  byte: number
  /** Splitting one item in two. */
  split: number
  /** Per struct moved by a split (the rest of the client's struct array). */
  move: number
  /** Deleting one live item (delete, garbage-collect, merge). */
  liveDelete: number
  /** Visiting an item a delete range covers (already deleted or not). */
  visit: number
  /** One item walked by the conflict loop. */
  scan: number
}

export const DEFAULT_COST_WEIGHTS: UpdateCostWeights = {
  gc: 0.7,
  item: 1.5,
  mapItem: 2,
  byte: 0.004,
  split: 1,
  move: 0.002,
  liveDelete: 1,
  visit: 0.02,
  scan: 1.5,
}

/** Above this cost an update is refused (`UpdateTooCostly`); about 40 ms of `applyUpdate`. */
export const DEFAULT_MAX_UPDATE_COST = 40_000

/** The estimate is above the limit: the update was not applied. */
export class UpdateTooCostly extends Error {
  override name = 'UpdateTooCostly'
}

/** A struct of the update, as the guard read it. */
export interface MeteredStruct {
  client: number
  clock: number
  length: number
  /** GC structs have no position. */
  gc: boolean
  origin: Y.ID | null
  rightOrigin: Y.ID | null
  /** Top-level type name, or the id of the item holding the parent type (only without origins). */
  parent: string | Y.ID | null
  parentSub: string | null
}

/** One client's structs in the update: start clocks (increasing) and lengths. */
interface OwnStructs {
  starts: number[]
  ends: number[]
}

/** What the meter reads of a type: its first item and its map entries. */
type ListOrMap = Pick<Y.AbstractType<unknown>, '_start' | '_map'>

const END = '|'
const idKey = (client: number, clock: number) => `${client}:${clock}`

export class CostMeter {
  /** Total so far. */
  cost = 0
  private readonly own = new Map<number, OwnStructs>()
  /** Right neighbour of a position (`client:clock` of an item's last unit, or a parent start). */
  private readonly rightOf = new Map<string, string>()
  /** Item boundaries splits have made per client (clocks where a new right part starts). */
  private readonly boundaries = new Map<number, Set<number>>()
  /** Rightmost split clock per client. */
  private readonly rightmostSplit = new Map<number, number>()
  /** Writes per map key (`parent/sub`) in this update. */
  private readonly keyWrites = new Map<string, number>()

  constructor(
    private readonly board: Y.Doc | null,
    private readonly max: number,
    private readonly w: UpdateCostWeights = DEFAULT_COST_WEIGHTS,
  ) {}

  private charge(units: number, what: string): void {
    this.cost += units
    if (this.cost > this.max) {
      throw new UpdateTooCostly(
        `update too costly: cost ${Math.ceil(this.cost)} above ${this.max} (${what})`,
      )
    }
  }

  /** The update's bytes (charged once). */
  bytes(n: number): void {
    this.charge(n * this.w.byte, 'size')
  }

  private boardStructs(client: number): Array<Y.Item | Y.GC> | undefined {
    return this.board?.store.clients.get(client)
  }

  private boardClock(client: number): number {
    return this.board ? Y.getState(this.board.store, client) : 0
  }

  /** Struct of the board holding `clock`, with its index; null if the board lacks it. */
  private boardAt(client: number, clock: number) {
    const structs = this.boardStructs(client)
    if (!structs || clock >= this.boardClock(client)) return null
    const index = Y.findIndexSS(structs, clock)
    return { structs, index, struct: structs[index]! }
  }

  /** Index of the update's own struct of `client` holding `clock`, or -1. */
  private ownAt(client: number, clock: number): { own: OwnStructs; index: number } | null {
    const own = this.own.get(client)
    if (!own || own.starts.length === 0) return null
    let lo = 0
    let hi = own.starts.length - 1
    if (clock < own.starts[0]! || clock >= own.ends[hi]!) return null
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (own.starts[mid]! <= clock) lo = mid
      else hi = mid - 1
    }
    return { own, index: lo }
  }

  /** Charges splitting `client`'s item at `clock` (the new item starts there). */
  private split(client: number, clock: number, what: string): void {
    let made = this.boundaries.get(client)
    if (!made) {
      made = new Set()
      this.boundaries.set(client, made)
    }
    if (made.has(clock)) return
    const rightmost = this.rightmostSplit.get(client) ?? -1
    // Splits left of this one do not move anything here (in-order deletes, typing forward).
    const splits = clock > rightmost ? 0 : made.size
    made.add(clock)
    if (clock > rightmost) this.rightmostSplit.set(client, clock)
    const onBoard = this.boardAt(client, clock)
    let moved: number
    if (onBoard) {
      moved = onBoard.structs.length + (this.own.get(client)?.starts.length ?? 0) - onBoard.index
    } else {
      const mine = this.ownAt(client, clock)
      moved = mine ? mine.own.starts.length - mine.index : 0
    }
    this.charge(this.w.split + (moved + splits) * this.w.move, what)
  }

  /** Does an item (board or update) start at `client:clock`? Splits it (charged) if not. */
  private cleanStart(id: Y.ID): void {
    const onBoard = this.boardAt(id.client, id.clock)
    if (onBoard) {
      const s = onBoard.struct
      if (s.id.clock < id.clock && !(s instanceof Y.GC)) this.split(id.client, id.clock, 'split')
      return
    }
    const mine = this.ownAt(id.client, id.clock)
    if (mine && mine.own.starts[mine.index]! < id.clock) this.split(id.client, id.clock, 'split')
  }

  /** Does an item end at `client:clock`? Splits it (charged) if not. */
  private cleanEnd(id: Y.ID): void {
    const onBoard = this.boardAt(id.client, id.clock)
    if (onBoard) {
      const s = onBoard.struct
      if (s.id.clock + s.length - 1 > id.clock && !(s instanceof Y.GC)) {
        this.split(id.client, id.clock + 1, 'split')
      }
      return
    }
    const mine = this.ownAt(id.client, id.clock)
    if (mine && mine.own.ends[mine.index]! - 1 > id.clock) {
      this.split(id.client, id.clock + 1, 'split')
    }
  }

  /** What is right of the unit `client:clock` now (a key, END, or null when unknown). */
  private rightOfId(client: number, clock: number): string | null {
    const key = idKey(client, clock)
    const mapped = this.rightOf.get(key)
    if (mapped !== undefined) return mapped
    const mine = this.ownAt(client, clock)
    if (mine) {
      return clock < mine.own.ends[mine.index]! - 1 ? idKey(client, clock + 1) : null
    }
    const onBoard = this.boardAt(client, clock)
    if (!onBoard || onBoard.struct instanceof Y.GC) return null
    const item = onBoard.struct
    if (clock < item.id.clock + item.length - 1) return idKey(client, clock + 1)
    return item.right ? idKey(item.right.id.client, item.right.id.clock) : END
  }

  /** The board's type for a parent (top-level name or holding item), if it has one. */
  private boardType(parent: string | Y.ID): ListOrMap | null {
    if (!this.board) return null
    if (typeof parent === 'string') return this.board.share.get(parent) ?? null
    const onBoard = this.boardAt(parent.client, parent.clock)
    const item = onBoard?.struct
    if (!(item instanceof Y.Item) || !(item.content instanceof Y.ContentType)) return null
    return item.content.type
  }

  /**
   * Walks right from `from` until `to`, charging each item (what the conflict loop would visit
   * at most); stops at the end of the list or when the limit is reached.
   */
  private walk(from: string | null, to: string, what: string): void {
    let at = from
    while (at !== null && at !== END && at !== to) {
      this.charge(this.w.scan, what)
      const [client, clock] = at.split(':').map(Number) as [number, number]
      const mine = this.ownAt(client, clock)
      const onBoard = mine ? null : this.boardAt(client, clock)
      const last = mine
        ? mine.own.ends[mine.index]! - 1
        : onBoard
          ? onBoard.struct.id.clock + onBoard.struct.length - 1
          : clock
      at = this.rightOfId(client, last)
    }
  }

  /** One struct, in the order the update lists them. */
  struct(s: MeteredStruct): void {
    if (s.clock + s.length <= this.boardClock(s.client)) {
      // The board has it already: Yjs skips it.
      this.charge(this.w.gc, 'structs')
      return
    }
    let own = this.own.get(s.client)
    if (!own) {
      own = { starts: [], ends: [] }
      this.own.set(s.client, own)
    }
    if (s.gc) {
      this.charge(this.w.gc, 'structs')
      own.starts.push(s.clock)
      own.ends.push(s.clock + s.length)
      return
    }
    this.charge(s.parentSub === null ? this.w.item : this.w.mapItem, 'structs')
    if (s.origin) this.cleanEnd(s.origin)
    if (s.rightOrigin) this.cleanStart(s.rightOrigin)
    const right = s.rightOrigin ? idKey(s.rightOrigin.client, s.rightOrigin.clock) : END
    let leftKey: string
    /** What was right of the origin before this struct; differs from `right` on a conflict. */
    let now: string | null = right
    if (s.origin) {
      leftKey = idKey(s.origin.client, s.origin.clock)
      now = this.rightOfId(s.origin.client, s.origin.clock)
      if (now === null) {
        // Refers to a struct later in the update: charge every insert after it so far.
        const siblings = this.keyWrites.get(leftKey) ?? 0
        this.keyWrites.set(leftKey, siblings + 1)
        this.charge(siblings * this.w.scan, 'conflicting inserts')
      } else if (now !== right) this.walk(now, right, 'conflicting inserts')
    } else {
      const parent = s.parent ?? ''
      const parentKey = typeof parent === 'string' ? parent : idKey(parent.client, parent.clock)
      leftKey = `^${parentKey}/${s.parentSub ?? ''}`
      const type = s.parent === null ? null : this.boardType(s.parent)
      if (s.parentSub !== null) {
        // A map write without a left neighbour: Yjs walks the key's whole history, twice.
        const writes = this.keyWrites.get(leftKey) ?? 0
        this.keyWrites.set(leftKey, writes + 1)
        this.charge(2 * writes * this.w.scan, 'map key history')
        let item = type?._map.get(s.parentSub) ?? null
        while (item !== null) {
          this.charge(2 * this.w.scan, 'map key history')
          item = item.left
        }
      } else {
        const mapped = this.rightOf.get(leftKey)
        const first = type?._start
        now = mapped ?? (first ? idKey(first.id.client, first.id.clock) : END)
        if (now !== right) this.walk(now, right, 'conflicting inserts')
      }
    }
    // The item sits between its origins now. One that conflicted may land anywhere up to its
    // right origin: it is taken to sit left of everything walked, so that a later insert at the
    // same place is charged the same walk again.
    const end = s.clock + s.length - 1
    if (now === right) {
      this.rightOf.set(leftKey, idKey(s.client, s.clock))
      this.rightOf.set(idKey(s.client, end), right)
    } else if (now !== null) this.rightOf.set(idKey(s.client, end), now)
    own.starts.push(s.clock)
    own.ends.push(s.clock + s.length)
  }

  /** One delete range; ranges of a client come in increasing order (the guard checks). */
  deleteRange(client: number, clock: number, length: number): void {
    const end = clock + length
    const boardEnd = Math.min(end, this.boardClock(client))
    if (clock < boardEnd) {
      const structs = this.boardStructs(client)!
      let index = Y.findIndexSS(structs, clock)
      for (; index < structs.length; index++) {
        const s = structs[index]!
        if (s.id.clock >= boardEnd) break
        this.charge(this.w.visit, 'deletes')
        if (s.deleted) continue
        this.charge(this.w.liveDelete, 'deletes of live content')
        if (s.id.clock < clock) this.split(client, clock, 'deletes splitting items')
        if (s.id.clock + s.length > boardEnd)
          this.split(client, boardEnd, 'deletes splitting items')
      }
    }
    if (end > boardEnd && this.own.has(client)) {
      const from = Math.max(clock, boardEnd)
      const first = this.ownAt(client, from)
      const last = this.ownAt(client, end - 1)
      if (first && last) {
        const covered = last.index - first.index + 1
        this.charge(covered * (this.w.visit + this.w.liveDelete), 'deletes')
        if (first.own.starts[first.index]! < from) this.split(client, from, 'deletes splitting')
        if (last.own.ends[last.index]! > end) this.split(client, end, 'deletes splitting')
      }
    }
  }
}
