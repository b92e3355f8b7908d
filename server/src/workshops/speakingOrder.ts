/**
 * The rules of the speaking queue that need no database: in which order the waiting requests are
 * called (the facilitator's order, or room and home in turn), where a moved request lands, and
 * nothing else. SpeakingQueue applies them.
 */
import type { SpeakingChannel } from '@ideenwand/protocol'

export interface Waiting {
  id: string
  channel: SpeakingChannel
  /** The facilitator's order (ascending); ties keep the order given. */
  position: number
}

const other = (channel: SpeakingChannel): SpeakingChannel => (channel === 'room' ? 'home' : 'room')

/**
 * The waiting requests in the order they will be called. Without alternation that is their
 * position. With it, room and home take turns, starting with the channel that did not speak last
 * (`lastChannel`: the current or most recent speaker's); within a channel the positions hold, and
 * when one channel has nobody left the other's follow in order.
 *
 * @example
 * callOrder([r1, r2, h1], { alternate: true, lastChannel: 'room' }) // → [h1, r1, r2]
 */
export function callOrder<T extends Waiting>(
  waiting: readonly T[],
  rules: { alternate: boolean; lastChannel: SpeakingChannel | null },
): T[] {
  const base = [...waiting].sort((a, b) => a.position - b.position)
  if (!rules.alternate) return base
  const lanes = {
    room: base.filter((w) => w.channel === 'room'),
    home: base.filter((w) => w.channel === 'home'),
  }
  const order: T[] = []
  let want: SpeakingChannel | null = rules.lastChannel === null ? null : other(rules.lastChannel)
  for (let left = base.length; left > 0; left--) {
    // Nobody spoke yet: the first by position starts. A channel with nobody left yields.
    const first: SpeakingChannel =
      lanes.home.length === 0 ||
      (lanes.room.length > 0 && (lanes.room[0] as T).position <= (lanes.home[0] as T).position)
        ? 'room'
        : 'home'
    const channel = want === null ? first : lanes[want].length > 0 ? want : other(want)
    order.push(lanes[channel].shift() as T)
    want = other(channel)
  }
  return order
}

/**
 * New positions after a facilitator moved `id` to `index` of the call order `order` (clamped to
 * its ends): the order with the request taken out and put in again, numbered from 1. With
 * alternation the channels still take turns; the move changes the request's place in its channel.
 * Returns null if `id` is not waiting.
 */
export function moveTo(
  order: readonly Waiting[],
  id: string,
  index: number,
): Map<string, number> | null {
  const from = order.findIndex((w) => w.id === id)
  if (from < 0) return null
  const ids = order.map((w) => w.id)
  ids.splice(from, 1)
  ids.splice(Math.min(Math.max(index, 0), ids.length), 0, id)
  return new Map(ids.map((wid, i) => [wid, i + 1]))
}
