/**
 * The seam between a room and the other server instances that serve the same board. A room
 * publishes what its own clients sent (document updates after they are stored, with their log
 * row id, presence once per tick) and receives what other instances' clients sent. Without
 * `REDIS_URL` the room is alone and `LocalFanout` makes every call a no-op.
 */

/** What arrives from other instances for one board. */
export interface FanoutHandlers {
  /** A document update another instance has already stored: apply and relay, never store. */
  update(update: Uint8Array): void
  /** A presence (awareness) update from another instance's clients. */
  awareness(update: Uint8Array): void
  /**
   * Updates from other instances may have been missed (the link was down, a message of a
   * sequence is missing, a message could not be read): catch up from the store, which holds
   * everything they stored.
   */
  resync(): void
}

/** One board's link to the other instances. */
export interface BoardChannel {
  /** True when other instances may hold the same board (compaction must merge the stored log). */
  readonly shared: boolean
  /** `id`: the highest update log row `update` was stored as (its place in the board's order). */
  publishUpdate(update: Uint8Array, id: number): void
  publishAwareness(update: Uint8Array): void
  /**
   * Starts delivering to `handlers`; messages that arrived before are delivered first, in order.
   * `loadedUpTo`: the highest log row id the room was loaded with.
   */
  attach(handlers: FanoutHandlers, loadedUpTo: number): void
  close(): void
}

export interface Fanout {
  /** Subscribes to a board; resolves once messages published from now on will arrive. */
  join(boardId: string): Promise<BoardChannel>
  /** `none` without other instances; `down` while the link to them is broken (for /healthz). */
  health(): 'none' | 'up' | 'down'
  /** What the fan-out has seen go wrong since start (for metrics and tests). */
  readonly stats: FanoutStats
  close(): Promise<void>
}

export interface FanoutStats {
  /** Catch-ups from the store requested because messages were or may have been lost. */
  catchUps: number
  /** Stored updates whose sequence showed a gap or an unknown order. */
  gaps: number
  /** Messages that could not be read (garbled, unknown kind); each also caused a catch-up. */
  unreadable: number
}

const LOCAL_CHANNEL: BoardChannel = {
  shared: false,
  publishUpdate: () => {},
  publishAwareness: () => {},
  attach: () => {},
  close: () => {},
}

/** One instance, nothing to fan out to. */
export class LocalFanout implements Fanout {
  readonly stats: FanoutStats = { catchUps: 0, gaps: 0, unreadable: 0 }

  async join(): Promise<BoardChannel> {
    return LOCAL_CHANNEL
  }

  health(): 'none' {
    return 'none'
  }

  async close(): Promise<void> {}
}
