/**
 * Ideas that are not public yet, and the facilitators' moderation of them: the room takes a
 * participant's new ideas out of the board while they are pending (pre-moderation) or privately
 * collected, and this keeps them (HeldIdeas) until they are public — approved, shown again or
 * revealed — and puts them back under their old ids. Hiding a public idea takes it out the same
 * way. It also stores who wrote new ideas (IdeaAuthors), which the room records at once.
 *
 * The cached control data and publishing belong to ControlService, which hands them in as
 * `ModerationHooks`; this module changes the `flags`, `held`, `heldIds` and `authors` of an entry.
 */
import type * as Y from 'yjs'
import { DomainError, DomainErrorCode } from '../DomainError.ts'
import type { InstanceEvent } from '../sync/fanout/InstanceEvents.ts'
import { type HeldContent, putBack } from '../sync/heldContent.ts'
import type { Rooms } from '../sync/Rooms.ts'
import type { SyncConnection } from '../sync/SyncConnection.ts'
import type { ControlStore } from './ControlStore.ts'
import type { HeldIdeas } from './HeldIdeas.ts'
import type { IdeaAuthors } from './IdeaAuthors.ts'
import type { Actor, CachedControl } from './WorkshopControl.ts'

/** What moderation needs from ControlService. */
export interface ModerationHooks {
  /** The workshop's cached control data. */
  load(workshopId: string): Promise<CachedControl>
  /** The same, refusing an archived workshop. */
  active(workshopId: string): Promise<CachedControl>
  /** The workshop of a board, if any. */
  workshopOf(boardId: string): Promise<string | null>
  /** Pushes the state to every connection, on every instance. */
  publish(workshopId: string): Promise<void>
  /** Pushes the state to this instance's connections that `to` accepts. */
  publishTo(c: CachedControl, to: (conn: SyncConnection) => boolean): Promise<void>
  /** Tells the other instances. */
  announce(event: InstanceEvent): void
}

/**
 * Whether the server records who wrote new ideas: always, unless ideas are anonymous and the
 * facilitator chose not to store authorship at all.
 */
export function recordsAuthors(c: CachedControl): boolean {
  return !c.state.anonymousIdeas || c.state.storeAuthors
}

/** Private collection is on and the ideas are not revealed yet. */
export function privateNow(c: CachedControl): boolean {
  return c.state.privateCollection && !c.state.ideasRevealed
}

export class IdeaModeration {
  /** Per board, the last hold being stored (see `held`). */
  private readonly holding = new Map<string, Promise<void>>()

  constructor(
    private readonly controlStore: ControlStore,
    private readonly heldStore: HeldIdeas,
    private readonly authorStore: IdeaAuthors,
    private readonly rooms: Rooms,
    private readonly hooks: ModerationHooks,
  ) {}

  /** Hides or shows an idea, or approves a pending one (`pending` off). */
  async flagIdea(
    workshopId: string,
    ideaId: string,
    flag: 'hidden' | 'pending',
    on: boolean,
    actor: Actor,
  ) {
    const c = await this.hooks.active(workshopId)
    await this.controlStore.setFlag(workshopId, ideaId, flag, on)
    c.flags = await this.controlStore.flags(workshopId)
    await this.controlStore.log(workshopId, actor.role, on ? `idea-${flag}` : `idea-un${flag}`, {
      ideaId,
    })
    if (flag === 'hidden' && on) await this.holdPublic(c, ideaId)
    await this.releaseHeld(c)
    await this.hooks.publish(workshopId)
  }

  /**
   * The room took a participant's new ideas out of the board: keep them, flag, tell. One board's
   * holds are stored in the order they happened (a card held after its idea updates the idea's
   * row, which must exist by then).
   */
  held(conn: SyncConnection, taken: HeldContent[]): Promise<void> {
    const board = conn.context.boardId
    const next = (this.holding.get(board) ?? Promise.resolve())
      .catch(() => {})
      .then(() => this.storeHeld(conn, taken))
    this.holding.set(board, next)
    void next
      .finally(() => {
        if (this.holding.get(board) === next) this.holding.delete(board)
      })
      .catch(() => {})
    return next
  }

  private async storeHeld(conn: SyncConnection, taken: HeldContent[]): Promise<void> {
    const workshopId = await this.hooks.workshopOf(conn.context.boardId)
    if (!workshopId) return
    const c = await this.hooks.load(workshopId)
    await this.heldStore.add(c.boardId, taken, {
      authorId: conn.context.guestId,
      private: privateNow(c),
    })
    const fresh = taken.filter((t) => t.idea !== null).map((t) => t.ideaId)
    if (c.state.premoderation) {
      for (const id of fresh) await this.controlStore.setFlag(workshopId, id, 'pending', true)
      c.flags = await this.controlStore.flags(workshopId)
    }
    await this.reloadHeld(c)
    if (fresh.length === 0) return
    await this.controlStore.log(workshopId, 'participant', 'ideas-held', { ideas: fresh.length })
    // Only the author and facilitators see anything new; other instances reload and push.
    this.hooks.announce({ type: 'control-changed', workshopId })
    await this.hooks.publishTo(
      c,
      (other) =>
        other.context.role === 'facilitator' || other.context.guestId === conn.context.guestId,
    )
  }

  private async reloadHeld(c: CachedControl): Promise<void> {
    c.held = await this.heldStore.list(c.boardId)
    for (const h of c.held) c.heldIds.add(h.ideaId)
  }

  /** A facilitator hid a public idea: it leaves the board and is held until shown again. */
  private async holdPublic(c: CachedControl, ideaId: string): Promise<void> {
    if (c.heldIds.has(ideaId)) return
    const room = await this.rooms.acquire(c.boardId)
    try {
      c.heldIds.add(ideaId)
      const taken = room.takeOut([ideaId]).filter((t) => t.idea !== null)
      for (const t of taken) {
        await this.heldStore.add(c.boardId, [t], {
          authorId: t.idea?.authorId ?? null,
          private: false,
        })
      }
      if (taken.length === 0) c.heldIds.delete(ideaId)
    } finally {
      this.rooms.release(c.boardId)
    }
    await this.reloadHeld(c)
  }

  /**
   * Puts every held idea that is public now back into the board (written by the server under its
   * old id, with its card): approved, shown again, or revealed after private collection.
   */
  async releaseHeld(c: CachedControl): Promise<void> {
    const hidden = new Set(c.flags.hidden)
    const pending = new Set(c.flags.pending)
    const due = c.held.filter(
      (h) => !hidden.has(h.ideaId) && !pending.has(h.ideaId) && !(h.private && privateNow(c)),
    )
    if (due.length === 0) return
    const room = await this.rooms.acquire(c.boardId)
    try {
      putBack(room.doc as Y.Doc, due)
    } finally {
      this.rooms.release(c.boardId)
    }
    if (recordsAuthors(c)) {
      for (const h of due) {
        if (h.authorId === null) continue
        c.authors.set(h.ideaId, h.authorId)
        await this.authorStore.record(c.boardId, [h.ideaId], h.authorId)
      }
    }
    const ids = due.map((h) => h.ideaId)
    await this.heldStore.remove(c.boardId, ids)
    for (const id of ids) c.heldIds.delete(id)
    await this.reloadHeld(c)
  }

  /** Retention: clears guests' names on the workshop's held ideas (not `keep`'s). */
  async clearHeldNames(workshopId: string, keep: ReadonlySet<string>): Promise<number> {
    const c = await this.hooks.load(workshopId)
    const changed = await this.heldStore.clearNames(c.boardId, keep)
    await this.reloadHeld(c)
    return changed
  }

  /**
   * Deletes a held idea for good: its author (a participant withdrawing it) or a facilitator.
   * @throws DomainError `held_idea_not_found` when there is no such held idea or it is someone else's
   */
  async deleteHeld(workshopId: string, ideaId: string, actor: Actor): Promise<void> {
    const c = await this.hooks.active(workshopId)
    const row = c.held.find((h) => h.ideaId === ideaId)
    if (!row || (actor.role !== 'facilitator' && row.authorId !== actor.id)) {
      throw new DomainError(DomainErrorCode.HeldIdeaNotFound)
    }
    await this.heldStore.remove(c.boardId, [ideaId])
    for (const flag of ['hidden', 'pending'] as const) {
      await this.controlStore.setFlag(workshopId, ideaId, flag, false)
    }
    c.flags = await this.controlStore.flags(workshopId)
    c.heldIds.delete(ideaId)
    await this.reloadHeld(c)
    await this.controlStore.log(workshopId, actor.role, 'held-idea-deleted', { ideaId })
    await this.hooks.publish(workshopId)
  }

  /** A participant added ideas to the board: their authorship is stored, pending if moderated. */
  async ideasAdded(conn: SyncConnection, ideaIds: string[]): Promise<void> {
    if (conn.context.role !== 'participant') return
    const workshopId = await this.hooks.workshopOf(conn.context.boardId)
    if (!workshopId) return
    const c = await this.hooks.load(workshopId)
    const guestId = conn.context.guestId
    // The room recorded the authorship already (BoardPolicy.ideaAuthors); here it is stored.
    const recorded = ideaIds.filter((id) => guestId !== null && c.authors.get(id) === guestId)
    if (guestId !== null && recorded.length > 0) {
      await this.authorStore.record(c.boardId, recorded, guestId)
      // An anonymous idea names nobody: its author learns it is theirs from `me.ideaIds`, and
      // other instances reload the record (the author's next edit may arrive there).
      if (c.state.anonymousIdeas) {
        this.hooks.announce({ type: 'control-changed', workshopId })
        await this.hooks.publishTo(c, (other) => other.context.guestId === guestId)
      }
    }
    if (!c.state.premoderation) return
    for (const id of ideaIds) await this.controlStore.setFlag(workshopId, id, 'pending', true)
    c.flags = await this.controlStore.flags(workshopId)
    await this.hooks.publish(workshopId)
  }

  /**
   * Erasure: the guest's authorship records and held ideas are deleted. Returns how many held
   * ideas went and their ids.
   */
  async forgetAuthor(
    c: CachedControl,
    guestId: string,
  ): Promise<{ held: number; heldIds: string[] }> {
    await this.authorStore.forget(guestId)
    for (const [ideaId, author] of c.authors) if (author === guestId) c.authors.delete(ideaId)
    const heldIds = c.held.filter((h) => h.authorId === guestId).map((h) => h.ideaId)
    const held = await this.heldStore.forgetAuthor(guestId)
    await this.reloadHeld(c)
    c.heldIds.clear()
    for (const h of c.held) c.heldIds.add(h.ideaId)
    return { held, heldIds }
  }
}
