/**
 * A board's presence (y-protocols awareness) and how it travels: changes are coalesced and sent
 * once per tick to every connection as one frame (encoded and framed once), keepalive renewals
 * that change nothing are absorbed and forwarded only every few seconds, slow readers skip frames
 * and get one snapshot when they have caught up, and on very large boards each tick carries at
 * most `presenceCap` moving cursors, those that moved since the last tick and were sent longest
 * ago first, plus the final positions of cursors that stopped (thinning by design, see `pick`).
 * One timer per board.
 *
 * Presence belongs to its connection: a connection sets and removes only the client ids it
 * announced itself (at most `MAX_IDS_PER_CONNECTION`; further ones are dropped); entries for
 * anyone else's are dropped, echoes of others' presence claim nothing, and a frame naming more
 * than `MAX_ANNOUNCED` unknown ids closes the connection (4400, see PROTOCOL.md).
 */
import { encodeAwareness } from '@ideenwand/protocol'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import type * as Y from 'yjs'
import { SharedFrame } from './SharedFrame.ts'
import { SyncConnection } from './SyncConnection.ts'

/** Origin of changes that came from another instance (applied and relayed, not published). */
export const REMOTE = Symbol('remote instance')

/**
 * Renewals are forwarded at least this often. Stock clients drop a state not heard of for 30 s
 * and renew their own every 15 s; a renewal relayed through a second instance waits at most two
 * of these periods, so 15 + 2 × 5 s stays well inside 30 s.
 */
export const KEEPALIVE_MS = 5_000
/**
 * A queued state that has not changed for this long belongs to a cursor that stopped (a moving
 * cursor sends every 16–100 ms): its position is final and only gets older while it waits, so it
 * goes out before moving cursors, from a budget of its own (see `pick`).
 */
export const STOPPED_MS = 250
/**
 * Awareness client ids one connection may hold at once. A y-websocket client has one (its doc's
 * clientID); a few more leave room for a client that renews its doc without reconnecting.
 */
export const MAX_IDS_PER_CONNECTION = 4
/**
 * Unknown client ids one frame may name before the connection is closed (4400): no honest client
 * announces more than a handful; a flood of made-up presences is an attack.
 */
export const MAX_ANNOUNCED = 64

/** Who set a client id's state: a connection of this instance, or another instance. */
type Owner = SyncConnection | typeof REMOTE

export interface PresenceOptions {
  tickMs: number
  cap: number
  /** The connections to send to. */
  connections: () => Iterable<SyncConnection>
  /** Sends local changes to the other instances (never thinned). */
  publish: (update: Uint8Array) => void
}

type Change = { added: number[]; updated: number[]; removed: number[] }

export class Presence {
  readonly awareness: awarenessProtocol.Awareness
  /** Changed states waiting to be sent: client id → when it last changed. */
  private readonly changed = new Map<number, number>()
  /** Joins, leaves and facilitators' changes: sent in the next tick whatever the cap. */
  private readonly always = new Set<number>()
  /** Clock renewals without a state change, forwarded with the next keepalive. */
  private readonly renewals = new Set<number>()
  /** Local changes and renewals for the other instances. */
  private readonly toPublish = new Set<number>()
  private readonly renewalsToPublish = new Set<number>()
  private readonly changedNow = new Set<number>()
  /** The owner of every client id that has a state here. */
  private readonly owners = new Map<number, Owner>()
  /** When each client id's state last went out, and when the last tick ran (see `pick`). */
  private readonly lastSent = new Map<number, number>()
  private lastTick = 0
  private timer: NodeJS.Timeout | null = null
  private lastKeepalive = Date.now()
  private snapshotFrame: Uint8Array | null = null
  private closed = false
  /** Frames sent and states that waited for a later tick (for the benchmark and logs). */
  readonly stats = { frames: 0, thinned: 0 }

  constructor(
    doc: Y.Doc,
    private readonly opts: PresenceOptions,
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc)
    this.awareness.setLocalState(null)
    this.awareness.on('change', this.onChange)
    this.awareness.on('update', this.onUpdate)
  }

  /**
   * Applies a client's (or another instance's) awareness update: of a client's, only the entries
   * for its own client ids (see `ownEntries`). Throws on malformed input and when a connection
   * would hold more than `MAX_IDS_PER_CONNECTION` ids. Another instance's update is trusted as
   * it is (that instance applied the same rule to its own clients).
   */
  apply(update: Uint8Array, origin: Owner): void {
    const own = origin === REMOTE ? update : this.ownEntries(update, origin)
    if (own) awarenessProtocol.applyAwarenessUpdate(this.awareness, own, origin)
  }

  /**
   * The entries of `update` that `conn` may apply, re-encoded (the update itself if all are), or
   * null if none: states for its own ids, new ids while it holds fewer than the cap, and ids its
   * own session held on a connection that is going (a reconnecting tab). Everyone else's ids —
   * states and removals alike — are dropped, as are removals of ids nobody holds.
   */
  private ownEntries(update: Uint8Array, conn: SyncConnection): Uint8Array | null {
    const decoder = decoding.createDecoder(update)
    const count = decoding.readVarUint(decoder)
    const entries: { id: number; clock: number; state: string }[] = []
    for (let i = 0; i < count; i++) {
      const id = decoding.readVarUint(decoder)
      const clock = decoding.readVarUint(decoder)
      entries.push({ id, clock, state: decoding.readVarString(decoder) })
    }
    // Stock y-websocket clients send back every presence change they receive (their awareness
    // handler ignores the origin): a frame that names ids held by other connections is such an
    // echo. It takes over nothing (not even a same-session tab's id) and is never refused.
    const echo = entries.some(({ id }) => {
      const owner = this.owners.get(id)
      return owner !== undefined && owner !== conn
    })
    const kept: { id: number; clock: number; state: string }[] = []
    const claimed = new Set<number>()
    for (const entry of entries) {
      const { id, state } = entry
      if (conn.awarenessIds.has(id)) {
        kept.push(entry)
        continue
      }
      if (state === 'null' || !this.mayClaim(id, conn, entries.length === 1)) continue
      claimed.add(id)
      if (!echo && claimed.size > MAX_ANNOUNCED) {
        throw new Error(`more than ${MAX_ANNOUNCED} unknown presence client ids in one frame`)
      }
      // Beyond the cap, further ids are dropped: a connection shows at most a few presences.
      if (conn.awarenessIds.size + claimed.size > MAX_IDS_PER_CONNECTION) continue
      kept.push(entry)
    }
    if (kept.length === count) return update
    if (kept.length === 0) return null
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, kept.length)
    for (const { id, clock, state } of kept) {
      encoding.writeVarUint(encoder, id)
      encoding.writeVarUint(encoder, clock)
      encoding.writeVarString(encoder, state)
    }
    return encoding.toUint8Array(encoder)
  }

  /**
   * Whether `conn` may take client id `id`: nobody holds it, its holder is gone, or — when the
   * frame announces that id alone, as a stock client does right after connecting — its own session
   * held it (a tab that reconnected before the server noticed the old connection went).
   */
  private mayClaim(id: number, conn: SyncConnection, alone: boolean): boolean {
    const owner = this.owners.get(id)
    if (owner === undefined || owner === conn) return true
    if (owner === REMOTE) return false
    if (owner.closed) return true
    return (
      alone &&
      owner.context.sessionId !== null &&
      owner.context.sessionId === conn.context.sessionId
    )
  }

  /** Records who set `id`'s state; a previous holder (a tab that reconnected) lets go of it. */
  private claim(id: number, owner: Owner): void {
    const previous = this.owners.get(id)
    if (previous instanceof SyncConnection && previous !== owner) previous.awarenessIds.delete(id)
    this.owners.set(id, owner)
    if (owner instanceof SyncConnection) owner.awarenessIds.add(id)
  }

  /** `id` has no state any more (removed by its client, on leaving, or timed out). */
  private release(id: number): void {
    const owner = this.owners.get(id)
    if (owner instanceof SyncConnection) owner.awarenessIds.delete(id)
    this.owners.delete(id)
    this.lastSent.delete(id)
  }

  /** Removes states (a connection left or became read-only). */
  remove(ids: Iterable<number>): void {
    awarenessProtocol.removeAwarenessStates(this.awareness, [...ids], null)
  }

  /** Every current state as one frame (cached until something changes). */
  snapshot(): Uint8Array | null {
    const ids = [...this.awareness.getStates().keys()]
    if (ids.length === 0) return null
    this.snapshotFrame ??= encodeAwareness(
      awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids),
    )
    return this.snapshotFrame
  }

  /** An awareness message with no states (the answer to a query on an empty board). */
  empty(): Uint8Array {
    return encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, []))
  }

  private readonly onChange = (change: Change, origin: unknown): void => {
    const now = Date.now()
    const local = origin !== REMOTE
    const facilitator = origin instanceof SyncConnection && origin.context.role === 'facilitator'
    for (const id of change.added) this.always.add(id)
    for (const id of change.removed) this.always.add(id)
    for (const id of change.updated) {
      if (facilitator) this.always.add(id)
      else {
        // Re-inserting keeps the map ordered by last change (oldest first).
        this.changed.delete(id)
        this.changed.set(id, now)
      }
    }
    for (const list of [change.added, change.updated, change.removed]) {
      for (const id of list) {
        this.changedNow.add(id)
        this.renewals.delete(id)
        if (local) this.toPublish.add(id)
      }
    }
    this.snapshotFrame = null
    this.schedule()
  }

  private readonly onUpdate = (change: Change, origin: unknown): void => {
    if (origin instanceof SyncConnection || origin === REMOTE) {
      for (const id of change.added) this.claim(id, origin)
      for (const id of change.updated) this.claim(id, origin)
    }
    for (const id of change.removed) this.release(id)
    for (const id of change.updated) {
      if (this.changedNow.has(id)) continue
      // Same state, higher clock: a keepalive. Absorbed until the next keepalive round.
      this.renewals.add(id)
      if (origin !== REMOTE) this.renewalsToPublish.add(id)
      this.schedule()
    }
    this.changedNow.clear()
  }

  private schedule(): void {
    if (this.timer || this.closed) return
    const pendingNow = this.always.size > 0 || this.changed.size > 0 || this.hasStale()
    const wait = pendingNow
      ? this.opts.tickMs
      : Math.max(this.opts.tickMs, this.lastKeepalive + KEEPALIVE_MS - Date.now())
    if (!pendingNow && this.renewals.size === 0 && this.renewalsToPublish.size === 0) return
    this.timer = setTimeout(() => {
      this.timer = null
      this.tick()
    }, wait)
  }

  private hasStale(): boolean {
    for (const c of this.opts.connections()) if (c.owesPresence) return true
    return false
  }

  /** Sends what changed since the last tick; reschedules itself while there is more. */
  tick(now = Date.now()): void {
    if (this.closed) return
    const ids = this.pick(now)
    const keepalive = now - this.lastKeepalive >= KEEPALIVE_MS
    if (keepalive) {
      this.lastKeepalive = now
      for (const id of this.renewals) if (this.awareness.meta.has(id)) ids.push(id)
      this.renewals.clear()
    }
    if (ids.length > 0) {
      const frame = new SharedFrame(
        encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids)),
      )
      this.stats.frames++
      for (const c of this.opts.connections()) c.sendPresence(frame)
    }
    for (const c of this.opts.connections()) {
      if (!c.settlePresence()) continue
      const snapshot = this.snapshot()
      if (snapshot) c.send(snapshot)
    }
    const publish = [...this.toPublish]
    this.toPublish.clear()
    if (keepalive) {
      for (const id of this.renewalsToPublish) publish.push(id)
      this.renewalsToPublish.clear()
    }
    const known = publish.filter((id) => this.awareness.meta.has(id))
    if (known.length > 0) {
      this.opts.publish(awarenessProtocol.encodeAwarenessUpdate(this.awareness, known))
    }
    this.schedule()
  }

  /**
   * Which changed states go out this tick (thinning by design on very large boards):
   * 1. joins, leaves and facilitators' changes, always;
   * 2. cursors that stopped (unchanged for `STOPPED_MS`), oldest first, up to `cap`: their final
   *    position is owed to everyone and only gets older while it waits, and each stop is sent
   *    once, so this budget is spent only when cursors actually stop;
   * 3. moving cursors up to `cap` minus (1): first those that moved since the last tick (so no
   *    position goes out older than a tick), whoever was sent longest ago first — a cursor left out
   *    is first in line at its next move, so every moving cursor gets its share of the ticks,
   *    whatever its rhythm against the tick (choosing the freshest instead starved a cursor that
   *    always moved early in the tick); then, while there is room, those still waiting from an
   *    earlier tick, in the same order.
   * A cursor left out stays queued with its latest state only: its next move replaces it (no
   * superseded position is ever sent), and once it stops, (2) delivers where it ended.
   */
  private pick(now: number): number[] {
    const ids = [...this.always]
    this.always.clear()
    const cap = this.opts.cap
    let stopped = 0
    // `changed` is ordered by last change, oldest first.
    for (const [id, at] of this.changed) {
      if (stopped >= cap || now - at < STOPPED_MS) break
      this.changed.delete(id)
      ids.push(id)
      stopped++
    }
    const room = Math.max(0, cap - (ids.length - stopped))
    if (this.changed.size <= room) {
      ids.push(...this.changed.keys())
      this.changed.clear()
      return this.sent(ids, now)
    }
    const fresh: number[] = []
    const waiting: number[] = []
    for (const [id, at] of this.changed) (at >= this.lastTick ? fresh : waiting).push(id)
    const bySent = (a: number, b: number) =>
      (this.lastSent.get(a) ?? 0) - (this.lastSent.get(b) ?? 0)
    const chosen = fresh.sort(bySent).slice(0, room)
    if (chosen.length < room) chosen.push(...waiting.sort(bySent).slice(0, room - chosen.length))
    for (const id of chosen) {
      this.changed.delete(id)
      ids.push(id)
    }
    this.stats.thinned += this.changed.size
    return this.sent(ids, now)
  }

  /** Notes when each of `ids` went out (the order of (3) in `pick`), and when this tick ran. */
  private sent(ids: number[], now: number): number[] {
    for (const id of ids) this.lastSent.set(id, now)
    this.lastTick = now
    return ids
  }

  destroy(): void {
    this.closed = true
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.awareness.destroy()
  }
}
