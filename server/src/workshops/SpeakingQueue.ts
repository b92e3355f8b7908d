/**
 * The speaking queue ("Wortmeldungen", issue 19 §1): one queue for the room and for home.
 * A participant adds and withdraws only their own request (and may switch its channel);
 * facilitators call the next person or a chosen one, finish the current turn (its length is
 * recorded), move and remove requests, clear the queue and switch "room and home in turn" on.
 * Each change runs in one locked transaction (SpeakingStore), then the workshop's control state
 * is reloaded and pushed to everyone. `speakingView` is what a connection sees of it.
 */
import type { SpeakingChannel, SpeakingEntry, SpeakingState } from '@ideenwand/protocol'
import { DomainError, DomainErrorCode } from '../DomainError.ts'
import type { SpeakingData, SpeakingRow, SpeakingStore } from './SpeakingStore.ts'
import { callOrder, moveTo } from './speakingOrder.ts'
import type { Actor, CachedControl, Viewer } from './WorkshopControl.ts'

/** More waiting requests than a meeting can hear; a bound against a flood of new guests. */
export const MAX_WAITING = 500

/**
 * A person's own requests and withdrawals per minute. Each change is pushed to every connection
 * of the board, so one participant toggling their request must not flood the room.
 */
export const MAX_OWN_CHANGES_PER_MINUTE = 20

export interface SpeakingHooks {
  /** The workshop's cached control data, refusing an archived workshop. */
  active(workshopId: string): Promise<CachedControl>
  publish(workshopId: string): Promise<void>
  log(workshopId: string, actorRole: string, type: string, data?: unknown): Promise<void>
}

const notFound = () => new DomainError(DomainErrorCode.SpeakingRequestNotFound)

export class SpeakingQueue {
  /** Per person (this instance): when they last changed their own request, newest last. */
  private readonly recent = new Map<string, number[]>()

  constructor(
    private readonly store: SpeakingStore,
    private readonly hooks: SpeakingHooks,
  ) {}

  load(workshopId: string): Promise<SpeakingData> {
    return this.store.load(workshopId)
  }

  /**
   * A participant asks to speak from `channel`; asking again while waiting switches the channel.
   * Returns the request's id.
   * @throws DomainError `not_a_speaker` (not a participant), `already_speaking`, `speaking_queue_full`
   */
  async request(workshopId: string, actor: Actor, channel: SpeakingChannel): Promise<string> {
    if (actor.role !== 'participant') throw new DomainError(DomainErrorCode.NotASpeaker)
    const c = await this.hooks.active(workshopId)
    this.throttle(actor.id)
    const id = await this.store.locked(workshopId, async (tx) => {
      const own = await tx.openOf(actor.id)
      if (own?.status === 'speaking') throw new DomainError(DomainErrorCode.AlreadySpeaking)
      if (own) {
        await tx.setChannel(own.id, channel)
        return own.id
      }
      if ((await tx.waitingCount()) >= MAX_WAITING) {
        throw new DomainError(DomainErrorCode.SpeakingQueueFull)
      }
      return tx.add(actor.id, channel)
    })
    await this.changed(c, actor, 'speaking-requested', { channel })
    return id
  }

  /**
   * Takes a request out of the queue: its own person withdraws it, a facilitator removes it. A
   * current speaker's request ends their turn (recorded like "finish").
   * @throws DomainError `speaking_request_not_found` (no such open request, or someone else's)
   */
  async withdraw(workshopId: string, requestId: string, actor: Actor): Promise<void> {
    const c = await this.hooks.active(workshopId)
    if (actor.role !== 'facilitator') this.throttle(actor.id)
    const type = await this.store.locked(workshopId, async (tx) => {
      const row = (await tx.data()).open.find((r) => r.id === requestId)
      const own = actor.role === 'participant' && row?.guestId === actor.id
      if (!row || !(own || actor.role === 'facilitator')) throw notFound()
      const status = row.status === 'speaking' ? 'done' : own ? 'withdrawn' : 'removed'
      await tx.end(row.id, status)
      return status === 'done' ? 'speaking-finished' : `speaking-${status}`
    })
    await this.changed(c, actor, type)
  }

  /**
   * Facilitators: ends the current turn and calls `requestId`, or (null) the first in the call
   * order. With nobody waiting, "next" only ends the current turn.
   * @throws DomainError `speaking_request_not_found`, `speaking_queue_empty` (nobody to call or end)
   */
  async call(workshopId: string, requestId: string | null, actor: Actor): Promise<void> {
    const c = await this.hooks.active(workshopId)
    const channel = await this.store.locked(workshopId, async (tx) => {
      const data = await tx.data()
      const next =
        requestId === null ? callOrder(waiting(data), data)[0] : waitingById(data, requestId)
      if (!next) {
        if (requestId !== null) throw notFound()
        if (await tx.finishCurrent()) return null
        throw new DomainError(DomainErrorCode.SpeakingQueueEmpty)
      }
      await tx.finishCurrent()
      await tx.start(next.id)
      return next.channel
    })
    await this.changed(
      c,
      actor,
      channel ? 'speaking-called' : 'speaking-finished',
      channel ? { channel } : undefined,
    )
  }

  /**
   * Facilitators: the current turn ends; its length counts for the report.
   * @throws DomainError `nobody_speaking`
   */
  async finish(workshopId: string, actor: Actor): Promise<void> {
    const c = await this.hooks.active(workshopId)
    await this.store.locked(workshopId, async (tx) => {
      if (!(await tx.finishCurrent())) throw new DomainError(DomainErrorCode.NobodySpeaking)
    })
    await this.changed(c, actor, 'speaking-finished')
  }

  /**
   * Facilitators: puts a waiting request at `index` of the call order.
   * @throws DomainError `speaking_request_not_found`
   */
  async move(workshopId: string, requestId: string, index: number, actor: Actor): Promise<void> {
    const c = await this.hooks.active(workshopId)
    await this.store.locked(workshopId, async (tx) => {
      const data = await tx.data()
      const positions = moveTo(callOrder(waiting(data), data), requestId, index)
      if (!positions) throw notFound()
      await tx.reposition(positions)
    })
    await this.changed(c, actor, 'speaking-moved', { index })
  }

  /** Facilitators: everyone waiting is removed and the current turn ends. */
  async clear(workshopId: string, actor: Actor): Promise<void> {
    const c = await this.hooks.active(workshopId)
    const removed = await this.store.locked(workshopId, async (tx) => {
      await tx.finishCurrent()
      return tx.removeWaiting()
    })
    await this.changed(c, actor, 'speaking-cleared', { removed })
  }

  /** Facilitators: room and home in turn, or the queue's own order. */
  async setAlternate(workshopId: string, alternate: boolean, actor: Actor): Promise<void> {
    const c = await this.hooks.active(workshopId)
    await this.store.locked(workshopId, (tx) => tx.setAlternate(alternate))
    await this.changed(c, actor, 'speaking-alternate', { alternate })
  }

  /**
   * A guest left the room's business — removed, sent back to the lobby or made a viewer: their
   * waiting request goes (a current turn ends).
   */
  async guestLeft(workshopId: string, guestId: string): Promise<void> {
    let c: CachedControl
    try {
      c = await this.hooks.active(workshopId)
    } catch (err) {
      // An archived workshop's queue stays as it was.
      if (err instanceof DomainError && err.code === DomainErrorCode.WorkshopArchived) return
      throw err
    }
    const ended = await this.store.locked(workshopId, async (tx) => {
      const own = await tx.openOf(guestId)
      if (own) await tx.end(own.id, own.status === 'speaking' ? 'done' : 'removed')
      return own !== null
    })
    if (ended) await this.changed(c, { role: 'facilitator', id: '' }, 'speaking-removed')
  }

  /**
   * @throws DomainError `speaking_too_fast` beyond {@link MAX_OWN_CHANGES_PER_MINUTE}
   */
  private throttle(personId: string, now = Date.now()): void {
    const times = (this.recent.get(personId) ?? []).filter((t) => now - t < 60_000)
    if (times.length >= MAX_OWN_CHANGES_PER_MINUTE) {
      throw new DomainError(DomainErrorCode.SpeakingTooFast)
    }
    times.push(now)
    if (this.recent.size > 10_000) this.recent.clear()
    this.recent.set(personId, times)
  }

  /** Erasure: see `SpeakingStore.forgetGuest`; the cached queue is reloaded (no publish). */
  async forgetGuest(c: CachedControl, guestId: string): Promise<void> {
    await this.store.forgetGuest(guestId)
    c.speaking = await this.store.load(c.workshopId)
  }

  private async changed(c: CachedControl, actor: Actor, type: string, data?: unknown) {
    c.speaking = await this.store.load(c.workshopId)
    await this.hooks.log(c.workshopId, actor.role, type, data)
    await this.hooks.publish(c.workshopId)
  }
}

function waiting(data: SpeakingData): SpeakingRow[] {
  return data.open.filter((r) => r.status === 'waiting')
}

function waitingById(data: SpeakingData, id: string): SpeakingRow | undefined {
  return waiting(data).find((r) => r.id === id)
}

/**
 * The queue as `viewer` sees it. Everyone in the workshop sees what the projector shows: each
 * request's channel and, where the person gave a name and the workshop shows names (ideas are
 * not anonymous), that name — facilitators always see the name given. Nobody receives a guest id;
 * a participant learns which request is theirs.
 */
export function speakingView(c: CachedControl, viewer: Viewer): SpeakingState {
  const data = c.speaking
  const names = viewer.role === 'facilitator' || !c.state.anonymousIdeas
  const isMine = (r: SpeakingRow) =>
    viewer.role === 'participant' && r.guestId !== null && r.guestId === viewer.id
  const entry = (r: SpeakingRow): SpeakingEntry => ({
    id: r.id,
    channel: r.channel,
    name: names ? r.name : null,
    mine: isMine(r),
    requestedAt: r.requestedAt,
    startedAt: r.startedAt,
  })
  const current = data.open.find((r) => r.status === 'speaking') ?? null
  const queue = callOrder(waiting(data), data)
  const mine = data.open.find(isMine)
  const turns = { room: { count: 0, totalMs: 0 }, home: { count: 0, totalMs: 0 } }
  for (const t of data.turns) {
    turns[t.channel].count++
    turns[t.channel].totalMs += Math.max(0, t.endedAt - t.startedAt)
  }
  return {
    alternate: data.alternate,
    current: current ? entry(current) : null,
    queue: queue.map(entry),
    me: mine
      ? {
          id: mine.id,
          channel: mine.channel,
          status: mine.status,
          position: mine.status === 'waiting' ? queue.indexOf(mine) + 1 : null,
        }
      : null,
    turns,
  }
}
