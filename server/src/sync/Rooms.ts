/**
 * The set of active rooms: loads a board once however many clients connect at the same moment,
 * unloads it after it has been idle for `roomIdleMs`, and closes everything on shutdown.
 */
import { CloseCode, encodeSyncStep2 } from '@ideenwand/protocol'
import type { SyncLimits } from '../config.ts'
import type { Logger } from '../logger.ts'
import type { BoardStore } from '../storage/BoardStore.ts'
import { settleWithin } from '../storage/settleWithin.ts'
import type { BoardPolicy } from './boardPolicy.ts'
import { type Fanout, type FanoutStats, LocalFanout } from './fanout/Fanout.ts'
import { Room, type RoomCallbacks } from './Room.ts'
import type { SyncConnection } from './SyncConnection.ts'
import { NO_SYNC_METRICS, type SyncMetrics } from './SyncMetrics.ts'

/** Frames a connection may send before its room has finished loading. */
const MAX_QUEUED_FRAMES = 256

/** A connection waiting for its board to load, with the frames it sent meanwhile. */
interface Waiting {
  conn: SyncConnection
  queue: Uint8Array[]
}

/** Sync step 1 of a client that has nothing yet: [sync, step 1, length 1, empty state vector]. */
function isEmptySyncStep1(frame: Uint8Array): boolean {
  return frame.length === 4 && frame[0] === 0 && frame[1] === 0 && frame[2] === 1 && frame[3] === 0
}

/** What the rooms tell the workshop control; one object, given at construction. */
export type RoomHooks = Omit<RoomCallbacks, 'onEmpty'>

/** Hooks that do nothing (a server without the workshop control: tests, bench). */
export const NO_ROOM_HOOKS: RoomHooks = {
  onJoin: () => {},
  onIdeasAdded: () => {},
  onHeld: () => {},
}

export interface RoomsOptions {
  /** Other instances serving the same boards (Redis); none by default. */
  fanout?: Fanout
  hooks?: RoomHooks
  /** Where every room counts updates (the server's Prometheus metrics); nowhere by default. */
  metrics?: SyncMetrics
}

export class Rooms {
  private readonly active = new Map<string, Room>()
  private readonly loading = new Map<string, Promise<Room>>()
  private readonly unloading = new Map<string, Promise<void>>()
  private readonly idleTimers = new Map<string, NodeJS.Timeout>()
  /** Connections whose board is still loading, by board. */
  private readonly waiting = new Map<string, Set<Waiting>>()
  /**
   * Boards loaded from storage, and clients answered from a stored snapshot while their board
   * loaded (cold-load work; exported as `ideenwand_board_loads_total` and
   * `ideenwand_sync_snapshot_answers_total`).
   */
  readonly stats = { loads: 0, answeredFromSnapshot: 0 }
  /** Where every room counts updates (the server's Prometheus metrics). */
  private readonly metrics: SyncMetrics
  /** What participants may change, per board (set by the workshop control; rooms load it). */
  private readonly policies = new Map<string, BoardPolicy>()

  /** Other instances serving the same boards (Redis); none by default. */
  private readonly fanout: Fanout
  /** What every room reports to the workshop control (combined in server.ts). */
  private readonly hooks: RoomHooks

  constructor(
    private readonly store: BoardStore,
    private readonly limits: SyncLimits,
    private readonly log: Logger,
    options: RoomsOptions = {},
  ) {
    this.fanout = options.fanout ?? new LocalFanout()
    this.hooks = options.hooks ?? NO_ROOM_HOOKS
    this.metrics = options.metrics ?? NO_SYNC_METRICS
  }

  /** What the fan-out to other instances has seen go wrong (lost or unreadable messages). */
  get fanoutStats(): Readonly<FanoutStats> {
    return this.fanout.stats
  }

  get size(): number {
    return this.active.size
  }

  /** The loaded rooms (for metrics). */
  loaded(): IterableIterator<Room> {
    return this.active.values()
  }

  /** Every connection on a board that has joined its room. */
  connectionsOf(boardId: string): ReadonlySet<SyncConnection> {
    return this.active.get(boardId)?.connections ?? new Set()
  }

  /** Sets what participants may change on a board, for its room now and whenever it loads. */
  setPolicy(boardId: string, policy: BoardPolicy): void {
    this.policies.set(boardId, policy)
    const room = this.active.get(boardId)
    if (room) room.policy = policy
  }

  /** Forgets a board's policy (its workshop was deleted). */
  dropPolicy(boardId: string): void {
    this.policies.delete(boardId)
  }

  get(boardId: string): Room | undefined {
    return this.active.get(boardId)
  }

  /**
   * Connections waiting for a board to load, and how many of them have sent a frame already
   * (`ideenwand_sync_waiting_connections`; with `boardId`, that board's only).
   */
  waitingConnections(boardId?: string): { all: number; withFrames: number } {
    const sets = boardId ? [this.waiting.get(boardId) ?? []] : this.waiting.values()
    let all = 0
    let withFrames = 0
    for (const set of sets) {
      for (const w of set) {
        all++
        if (w.queue.length > 0) withFrames++
      }
    }
    return { all, withFrames }
  }

  /** The room of `boardId`, loading it if needed; concurrent callers share one load. */
  async acquire(boardId: string): Promise<Room> {
    for (;;) {
      const unloading = this.unloading.get(boardId)
      if (unloading) {
        await unloading
        continue
      }
      const room = this.active.get(boardId)
      if (room) {
        this.cancelIdle(boardId)
        return room
      }
      let loading = this.loading.get(boardId)
      if (!loading) {
        loading = this.load(boardId).finally(() => this.loading.delete(boardId))
        this.loading.set(boardId, loading)
      }
      const loaded = await loading
      if (!loaded.isClosed) {
        this.cancelIdle(boardId)
        return loaded
      }
    }
  }

  /**
   * Attaches a connection: frames received while the room loads are queued (bounded) and
   * replayed in order once it is there. When the connection ends, it leaves the room.
   */
  connect(conn: SyncConnection): { receive(frame: Uint8Array): void } {
    const boardId = conn.context.boardId
    let room: Room | null = null
    let queue: Uint8Array[] | null = []
    const waiter: Waiting = { conn, queue }
    let waiters = this.waiting.get(boardId)
    if (!waiters) {
      waiters = new Set()
      this.waiting.set(boardId, waiters)
    }
    waiters.add(waiter)
    const stopWaiting = () => {
      const set = this.waiting.get(boardId)
      if (set?.delete(waiter) && set.size === 0) this.waiting.delete(boardId)
    }
    conn.whenEnded(() => room?.leave(conn))
    this.acquire(boardId).then(
      (r) => {
        stopWaiting()
        if (conn.closed) {
          if (r.connections.size === 0) this.scheduleIdle(r)
          return
        }
        room = r
        r.join(conn)
        for (const frame of queue ?? []) r.receive(conn, frame)
        queue = null
      },
      (err) => {
        stopWaiting()
        this.log.error({ err, boardId }, 'loading board failed')
        conn.close(CloseCode.StorageUnavailable)
      },
    )
    return {
      receive(frame) {
        if (room) return room.receive(conn, frame)
        if (!queue) return
        if (queue.length >= MAX_QUEUED_FRAMES) return conn.close(CloseCode.RateLimited)
        queue.push(frame)
      },
    }
  }

  private async load(boardId: string): Promise<Room> {
    const started = performance.now()
    // CPU time as well as wall time: on a busy machine the wall time says little (issue 7).
    const cpu = process.cpuUsage()
    await settleWithin(this.store.ensureBoard(boardId), `creating board ${boardId}`)
    // Subscribe before loading: whatever another instance stores from now on either is in the
    // load or arrives through the channel (both, at worst — applying twice changes nothing).
    const channel = await this.fanout.join(boardId)
    let stored: Awaited<ReturnType<BoardStore['load']>>
    try {
      stored = await settleWithin(this.store.load(boardId), `loading board ${boardId}`)
    } catch (err) {
      channel.close()
      throw err
    }
    this.stats.loads++
    if (stored.snapshot && stored.updates.length === 0) {
      await this.answerFromSnapshot(boardId, stored.snapshot)
    }
    const room: Room = new Room(boardId, this.store, this.limits, this.log, stored, channel, {
      callbacks: { ...this.hooks, onEmpty: () => this.scheduleIdle(room) },
      metrics: this.metrics,
      policy: this.policies.get(boardId),
    })
    this.active.set(boardId, room)
    const used = process.cpuUsage(cpu)
    this.log.info(
      {
        boardId,
        updates: stored.updates.length,
        snapshotBytes: stored.snapshot?.length ?? 0,
        ms: Math.round(performance.now() - started),
        cpuMs: Math.round((used.user + used.system) / 1000),
      },
      'board loaded',
    )
    return room
  }

  /**
   * Cold load: a board stored as one snapshot is that snapshot, so clients that are waiting with
   * nothing yet (an empty state vector) get it as their sync step 2 at once — before the
   * snapshot is decoded into the room's doc, which for a large board takes longer than reading
   * it. Their queued sync step 1 is answered and dropped; everything else is replayed as usual.
   */
  private async answerFromSnapshot(boardId: string, snapshot: Uint8Array): Promise<void> {
    if (!this.waiting.has(boardId)) return
    // PGlite answers without leaving the event loop's current turn: let one I/O phase pass so
    // that a sync step 1 already on the socket is read (timers, then poll, then check).
    await new Promise((resolve) => setTimeout(resolve, 0))
    await new Promise((resolve) => setImmediate(resolve))
    let frame: Uint8Array | null = null
    for (const w of this.waiting.get(boardId) ?? []) {
      if (w.conn.closed) continue
      const i = w.queue.findIndex(isEmptySyncStep1)
      if (i < 0) continue
      w.queue.splice(i, 1)
      frame ??= encodeSyncStep2(snapshot)
      w.conn.send(frame)
      this.stats.answeredFromSnapshot++
    }
    // Let the sockets take the frames before the doc is built (that blocks the event loop).
    if (frame) await new Promise((resolve) => setImmediate(resolve))
  }

  private scheduleIdle(room: Room): void {
    this.cancelIdle(room.boardId)
    const timer = setTimeout(() => {
      this.idleTimers.delete(room.boardId)
      if (room.connections.size === 0) void this.unload(room)
    }, this.limits.roomIdleMs)
    timer.unref()
    this.idleTimers.set(room.boardId, timer)
  }

  private cancelIdle(boardId: string): void {
    const timer = this.idleTimers.get(boardId)
    if (timer) clearTimeout(timer)
    this.idleTimers.delete(boardId)
  }

  private async unload(room: Room): Promise<void> {
    if (this.active.get(room.boardId) !== room) return
    this.active.delete(room.boardId)
    const done = room
      .close()
      .catch((err: unknown) => this.log.error({ err, boardId: room.boardId }, 'unloading failed'))
      .finally(() => this.unloading.delete(room.boardId))
    this.unloading.set(room.boardId, done)
    await done
    this.log.info({ boardId: room.boardId }, 'board unloaded')
  }

  /** Resolves once an unloading room of this board has stored everything it held. */
  async unloaded(boardId: string): Promise<void> {
    await this.unloading.get(boardId)
  }

  /** A room acquired without a connection (server-side edits) may unload again once idle. */
  release(boardId: string): void {
    const room = this.active.get(boardId)
    if (room && room.connections.size === 0) this.scheduleIdle(room)
  }

  /** Drops a deleted board's room without storing anything more. */
  async discard(boardId: string): Promise<void> {
    this.cancelIdle(boardId)
    const loading = this.loading.get(boardId)
    if (loading) await loading.catch(() => undefined)
    await this.unloading.get(boardId)
    const room = this.active.get(boardId)
    if (!room) return
    this.active.delete(boardId)
    await room.discard()
  }

  /** Stores everything, closes all connections with `going away` and unloads every room. */
  async closeAll(): Promise<void> {
    for (const timer of this.idleTimers.values()) clearTimeout(timer)
    this.idleTimers.clear()
    await Promise.allSettled([...this.loading.values()])
    await Promise.all([...this.active.values()].map((room) => this.unload(room)))
    await Promise.all([...this.unloading.values()])
  }
}
