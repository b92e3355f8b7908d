/**
 * A board's presence (y-protocols awareness) and how it travels: changes are coalesced and sent
 * once per tick to every connection as one frame (encoded and framed once), keepalive renewals
 * that change nothing are absorbed and forwarded only every few seconds, slow readers skip frames
 * and get one snapshot when they have caught up, and on very large boards each tick carries at
 * most `presenceCap` moving cursors, the freshest, plus the final positions of cursors that
 * stopped (thinning by design, see `pick`). One timer per board.
 */
import { encodeAwareness } from '@ideenwand/protocol'
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

  /** Applies a client's (or another instance's) awareness update. Throws on malformed input. */
  apply(update: Uint8Array, origin: SyncConnection | typeof REMOTE): void {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, origin)
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
    if (origin instanceof SyncConnection) {
      for (const id of change.added) origin.awarenessIds.add(id)
      for (const id of change.updated) origin.awarenessIds.add(id)
      for (const id of change.removed) origin.awarenessIds.delete(id)
    }
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
    for (const c of this.opts.connections()) if (c.presenceStale) return true
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
      if (!c.presenceStale || c.isSlow) continue
      c.presenceStale = false
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
   * 3. moving cursors, freshest first, up to `cap` minus (1): each person sees the most
   *    recently active cursors with positions at most a tick old.
   * A moving cursor left out stays queued with its latest state only: its next move replaces it
   * (no superseded position is ever sent late), and once it stops, (2) delivers where it ended.
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
      return ids
    }
    const freshest = [...this.changed].sort((a, b) => b[1] - a[1]).slice(0, room)
    for (const [id] of freshest) {
      this.changed.delete(id)
      ids.push(id)
    }
    this.stats.thinned += this.changed.size
    return ids
  }

  destroy(): void {
    this.closed = true
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.awareness.destroy()
  }
}
