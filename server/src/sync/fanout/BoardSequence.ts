/**
 * Loss detection for one board's messages between instances. Every stored update an instance
 * publishes carries the update log's row id it was stored as (`id`, the highest row when one
 * message holds several) and the id of the previous update it published on that board (`prev`,
 * 0 for the first): per publisher a chain in the store's own order. A receiver remembers the
 * last id of every chain it has seen; a message whose `prev` is not that id means one or more
 * messages of the chain were lost (or the sequence is not one it knows), and the receiver catches
 * up from the store. The first message of a chain this instance has not seen yet is only
 * suspicious if its `prev` is newer than what this instance loaded: older rows are in the load.
 * See docs/architecture.md ("Protocol between instances").
 */

/** A publisher's chain: its instance and its subscription to the board (one per room). */
export interface Sequenced {
  chain: string
  prev: number
  id: number
}

export class BoardSequence {
  /** Last id seen per chain. */
  private readonly last = new Map<string, number>()
  /** Next id this instance publishes follows this one. */
  private published = 0

  /**
   * `loadedUpTo`: the highest log id of the store's state this instance loaded (set once the
   * board is loaded; until then nothing is judged).
   */
  constructor(private loadedUpTo = 0) {}

  /** The board was loaded up to this log id. */
  loaded(upTo: number): void {
    this.loadedUpTo = upTo
  }

  /** The `prev` for the next message this instance publishes, which will carry `id`. */
  next(id: number): number {
    const prev = this.published
    this.published = id
    return prev
  }

  /** Records a received message; true when something before it may be missing. */
  receive(m: Sequenced): boolean {
    const last = this.last.get(m.chain)
    this.last.set(m.chain, Math.max(last ?? 0, m.id))
    if (m.id <= 0 || m.prev >= m.id) return true
    if (last === undefined) return m.prev > this.loadedUpTo
    return m.prev !== last
  }
}
