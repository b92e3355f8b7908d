/**
 * "+1" support for public ideas (issue 19 §3): someone who is about to write an idea that is on
 * the board already supports it instead. The server decides: only participants support, only
 * public ideas on the workshop's own board (not held, hidden or pending), never their own, once
 * per person and idea, and only while ideas are collected or sorted (phases `collect` and
 * `cluster`, board not locked) — in the vote phase dots take over. A support is withdrawn the
 * same way. Rows live in `idea_support` (SupportStore), never in the board document; everyone
 * sees the count per public idea in the control state, each person their own supports.
 */
import { Board } from '@ideenwand/board'
import type * as Y from 'yjs'
import { DomainError, DomainErrorCode } from '../DomainError.ts'
import { settleWithin } from '../storage/settleWithin.ts'
import type { Rooms } from '../sync/Rooms.ts'
import type { SupportStore, Supports } from './SupportStore.ts'
import type { Actor, CachedControl, Viewer } from './WorkshopControl.ts'

export interface SupportHooks {
  /** The workshop's cached control data, refusing an archived workshop. */
  active(workshopId: string): Promise<CachedControl>
  publish(workshopId: string): Promise<void>
  log(workshopId: string, actorRole: string, type: string, data?: unknown): Promise<void>
}

/** What a connection sees of the supports. */
export interface SupportView {
  /** Public idea id → number of supporters (ideas without support are left out). */
  support: Record<string, number>
  /** The viewer's own supports (participants only). */
  supportedIdeaIds: string[]
}

export class IdeaSupport {
  /**
   * Per cached control entry (ControlService replaces the entry when it reloads a workshop, so
   * another instance's change is read again with it).
   */
  private readonly cache = new WeakMap<CachedControl, Promise<Supports>>()

  constructor(
    private readonly store: SupportStore,
    private readonly rooms: Rooms,
    private readonly hooks: SupportHooks,
  ) {}

  private supports(c: CachedControl): Promise<Supports> {
    let entry = this.cache.get(c)
    if (!entry) {
      entry = settleWithin(this.store.list(c.boardId), `loading the supports of ${c.boardId}`)
      entry.catch(() => this.cache.delete(c))
      this.cache.set(c, entry)
    }
    return entry
  }

  /** The counts of public ideas and the viewer's own supports. */
  async viewOf(c: CachedControl, viewer: Viewer): Promise<SupportView> {
    const supports = await this.supports(c)
    const hidden = new Set([...c.flags.hidden, ...c.flags.pending])
    const support: Record<string, number> = Object.create(null)
    const supportedIdeaIds: string[] = []
    for (const [ideaId, who] of [...supports].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (who.size === 0 || c.heldIds.has(ideaId) || hidden.has(ideaId)) continue
      support[ideaId] = who.size
      if (viewer.role === 'participant' && who.has(viewer.id)) supportedIdeaIds.push(ideaId)
    }
    return { support: { ...support }, supportedIdeaIds }
  }

  /**
   * Adds (`on`) or withdraws the actor's support of a public idea.
   * @throws DomainError `not_a_supporter`, `support_closed`, `idea_not_found`, `own_idea`,
   * `already_supported`, `not_supported` (and `workshop_archived` from `active`)
   */
  async set(workshopId: string, ideaId: string, on: boolean, actor: Actor): Promise<void> {
    if (actor.role !== 'participant') throw new DomainError(DomainErrorCode.NotASupporter)
    const c = await this.hooks.active(workshopId)
    if (c.state.locked || (c.state.phase !== 'collect' && c.state.phase !== 'cluster')) {
      throw new DomainError(DomainErrorCode.SupportClosed)
    }
    const hidden = c.flags.hidden.includes(ideaId) || c.flags.pending.includes(ideaId)
    const author = hidden || c.heldIds.has(ideaId) ? undefined : await this.authorOf(c, ideaId)
    if (author === undefined) throw new DomainError(DomainErrorCode.IdeaNotFound)
    if (author === actor.id || c.authors.get(ideaId) === actor.id) {
      throw new DomainError(DomainErrorCode.OwnIdea)
    }
    const supports = await this.supports(c)
    const changed = on
      ? await this.store.add(c.boardId, ideaId, actor.id)
      : await this.store.remove(c.boardId, ideaId, actor.id)
    if (!changed) {
      throw new DomainError(on ? DomainErrorCode.AlreadySupported : DomainErrorCode.NotSupported)
    }
    const who = supports.get(ideaId) ?? new Set<string>()
    if (on) who.add(actor.id)
    else who.delete(actor.id)
    supports.set(ideaId, who)
    await this.hooks.log(workshopId, actor.role, on ? 'idea-supported' : 'idea-unsupported', {
      ideaId,
    })
    await this.hooks.publish(workshopId)
  }

  /** The idea's author id in the document (null: nobody named), undefined if it is not there. */
  private async authorOf(c: CachedControl, ideaId: string): Promise<string | null | undefined> {
    const room = await this.rooms.acquire(c.boardId)
    try {
      const idea = new Board(room.doc as Y.Doc).idea(ideaId)
      return idea ? idea.authorId : undefined
    } finally {
      this.rooms.release(c.boardId)
    }
  }

  /** Erasure: the guest's supports, and the supports of the ideas erased with them. */
  async forgetGuest(c: CachedControl, guestId: string, ideaIds: readonly string[]): Promise<void> {
    await this.store.forget(c.boardId, guestId, ideaIds)
    this.cache.delete(c)
  }
}
