/**
 * The server side of the workshop control: it owns each workshop's control state (phase, timer,
 * facilitation, voting rounds), applies facilitators' and participants' requests with their
 * rules, stores them, and pushes a per-connection view (`Control` message) to every connection
 * of the board. Ballots stay secret: a connection only ever receives its own.
 *
 * The voting rounds live in VotingRounds, the per-connection messages in ControlMessages; this
 * class keeps the cache of control data they work on and the hooks that keep instances in step.
 */
import { Board, type IdeaStatus, mayWriteBoard, type Phase } from '@ideenwand/board'
import type { ControlState, RoundInfo } from '@ideenwand/protocol'
import type * as Y from 'yjs'
import { DomainError, DomainErrorCode } from '../DomainError.ts'
import type { Logger } from '../logger.ts'
import type { Db } from '../storage/Db.ts'
import { settleWithin } from '../storage/settleWithin.ts'
import type { ConnectionRegistry } from '../sync/ConnectionRegistry.ts'
import type { InstanceEvent } from '../sync/fanout/InstanceEvents.ts'
import { type HeldContent, putBack } from '../sync/heldContent.ts'
import type { RoomHooks, Rooms } from '../sync/Rooms.ts'
import type { SyncConnection } from '../sync/SyncConnection.ts'
import { ControlMessages } from './ControlMessages.ts'
import { type ControlRow, ControlStore } from './ControlStore.ts'
import { HeldIdeas } from './HeldIdeas.ts'
import { IdeaAuthors } from './IdeaAuthors.ts'
import { currentOf, IdeaStatusStore } from './IdeaStatusStore.ts'
import { IdeaSupport } from './IdeaSupport.ts'
import { SpeakingQueue } from './SpeakingQueue.ts'
import { SpeakingStore } from './SpeakingStore.ts'
import { SupportStore } from './SupportStore.ts'
import { applyTimerAction, type TimerAction } from './timerAction.ts'
import { type RoundInput, VotingRounds } from './VotingRounds.ts'
import type { Actor, CachedControl, Viewer } from './WorkshopControl.ts'
import type { WorkshopStore } from './WorkshopStore.ts'

export type { Actor, Viewer } from './WorkshopControl.ts'

export class ControlService {
  private readonly cache = new Map<string, Promise<CachedControl>>()
  private readonly byBoard = new Map<string, string>()
  /** Per board, the last hold being stored (see `held`). */
  private readonly holding = new Map<string, Promise<void>>()
  private readonly voting: VotingRounds
  private readonly messages: ControlMessages
  /** "+1" support of public ideas (issue 19 §3); the routes call it directly. */
  readonly support: IdeaSupport
  /** The speaking queue ("Wortmeldungen"); the routes call it directly. */
  readonly speaking: SpeakingQueue
  /**
   * What the board rooms report to the workshop control; server.ts passes these to `Rooms` (combined
   * with its own) when it constructs them.
   */
  readonly roomHooks: RoomHooks = {
    onJoin: (conn) => void this.sendTo(conn).catch((err) => this.fail(err)),
    onIdeasAdded: (conn, ids) => void this.ideasAdded(conn, ids).catch((err) => this.fail(err)),
    onHeld: (conn, held) => void this.held(conn, held).catch((err) => this.fail(err)),
  }
  /** Tells other instances (Redis) that a workshop's state changed here; see `apply`. */
  announce: (event: InstanceEvent) => void = () => {}

  /** The service with its stores on `db` (the server's wiring; unit tests use it too). */
  static onDb(
    db: Db,
    workshops: WorkshopStore,
    rooms: Rooms,
    registry: ConnectionRegistry,
    log: Logger,
  ): ControlService {
    const controlStore = new ControlStore(db)
    return new ControlService(
      controlStore,
      workshops,
      rooms,
      registry,
      log,
      new HeldIdeas(db),
      new IdeaAuthors(db),
      new SpeakingStore(db),
      new SupportStore(db),
      new IdeaStatusStore(db),
    )
  }

  constructor(
    private readonly controlStore: ControlStore,
    private readonly workshops: WorkshopStore,
    private readonly rooms: Rooms,
    private readonly registry: ConnectionRegistry,
    private readonly log: Logger,
    private readonly heldStore: HeldIdeas,
    private readonly authorStore: IdeaAuthors,
    speakingStore: SpeakingStore,
    supportStore: SupportStore,
    /** What became of ideas (issue 20 §2): erasure removes the erased ideas' changes. */
    private readonly statusStore: IdeaStatusStore,
  ) {
    this.voting = new VotingRounds(controlStore, rooms, {
      load: (workshopId) => this.load(workshopId),
      publish: (workshopId) => this.publish(workshopId),
      setPhase: (workshopId, phase, actor) => this.setPhase(workshopId, phase, actor),
      publishVote: (c, voterId) => this.publishVote(c, voterId),
      fail: (err) => this.fail(err),
    })
    this.support = new IdeaSupport(supportStore, rooms, {
      active: (workshopId) => this.active(workshopId),
      publish: (workshopId) => this.publish(workshopId),
      log: (workshopId, role, type, data) => this.controlStore.log(workshopId, role, type, data),
    })
    this.messages = new ControlMessages(rooms, this.voting, this.support)
    this.speaking = new SpeakingQueue(speakingStore, {
      active: (workshopId) => this.active(workshopId),
      publish: (workshopId) => this.publish(workshopId),
      log: (workshopId, role, type, data) => this.controlStore.log(workshopId, role, type, data),
    })
    // A connection whose role or write permission changed alone (a guest made viewer) is told.
    registry.accessChanged = (conn) => void this.sendTo(conn).catch((err) => this.fail(err))
  }

  private fail(err: unknown): void {
    this.log.error({ err }, 'workshop control failed')
  }

  /** Loads (once) and returns the cached control data of a workshop. */
  private load(workshopId: string): Promise<CachedControl> {
    let entry = this.cache.get(workshopId)
    if (!entry) {
      // Side effects only for the read that is kept (a read given up on may answer late).
      entry = settleWithin(this.read(workshopId), `loading the control data of ${workshopId}`).then(
        (cached) => {
          this.byBoard.set(cached.boardId, workshopId)
          this.voting.scheduleEnd(cached)
          this.applyPolicy(cached)
          return cached
        },
      )
      entry.catch(() => this.cache.delete(workshopId))
      this.cache.set(workshopId, entry)
    }
    return entry
  }

  /** Each idea's current status other than `open` (issue 20 §2). */
  private async readStatuses(workshopId: string): Promise<Map<string, IdeaStatus>> {
    const current = currentOf(await this.statusStore.changes(workshopId))
    const statuses = new Map<string, IdeaStatus>()
    for (const [ideaId, change] of current) {
      if (change.status !== 'open') statuses.set(ideaId, change.status)
    }
    return statuses
  }

  /**
   * A facilitator changed what became of an idea (issue 20 §2): the cached statuses are read
   * again and every connection, on every instance, gets the new control state.
   */
  async statusChanged(workshopId: string): Promise<void> {
    const c = await this.load(workshopId)
    c.statuses = await this.readStatuses(workshopId)
    await this.publish(workshopId)
  }

  /** Reads a workshop's control data from the database (`load` caches it). */
  private async read(workshopId: string): Promise<CachedControl> {
    const info = await this.workshops.info(workshopId)
    if (!info) throw new DomainError(DomainErrorCode.WorkshopNotFound)
    const [state, round, flags, history, held, authors, speaking] = await Promise.all([
      this.controlStore.state(workshopId),
      this.controlStore.currentRound(workshopId),
      this.controlStore.flags(workshopId),
      this.controlStore.revealedRounds(workshopId),
      this.heldStore.list(info.boardId),
      this.authorStore.list(info.boardId),
      this.speaking.load(workshopId),
    ])
    return {
      workshopId,
      ...info,
      state,
      round,
      flags,
      history,
      held,
      heldIds: new Set(held.map((h) => h.ideaId)),
      authors,
      speaking,
      statuses: await this.readStatuses(workshopId),
      roundTimer: null,
    }
  }

  /**
   * The cached control data of a workshop that may still change: an archived workshop is
   * read-only — no phase, timer, setting, moderation, round or vote until it is brought back
   * (409 `workshop_archived`). Its board is read-only for everyone too (`mayWriteBoard`).
   * Erasure (`forgetGuest`) still works: a person's right to it does not end with the workshop.
   */
  private async active(workshopId: string): Promise<CachedControl> {
    const c = await this.load(workshopId)
    if (c.archived) throw new DomainError(DomainErrorCode.WorkshopArchived)
    return c
  }

  /** Forgets a workshop (deleted or archived state changed). */
  forget(workshopId: string): void {
    void this.cache.get(workshopId)?.then(
      (c) => this.voting.cancelEnd(c),
      () => {},
    )
    this.cache.delete(workshopId)
  }

  /** Reloads a workshop after outside changes (archive), re-applies permissions, publishes. */
  async refresh(workshopId: string): Promise<void> {
    this.forget(workshopId)
    const c = await this.load(workshopId)
    this.applyWritePermissions(c)
    await this.publish(workshopId)
  }

  /** Whether participants may change the board now (used when they connect). */
  async participantsMayWrite(workshopId: string): Promise<boolean> {
    const c = await this.load(workshopId)
    return mayWriteBoard('participant', { ...c.state, archived: c.archived })
  }

  // ---- views ----------------------------------------------------------------------------

  /** The control state as `viewer` sees it (for the HTTP API). */
  async stateFor(workshopId: string, viewer: Viewer): Promise<ControlState> {
    const c = await this.load(workshopId)
    return this.messages.view(c, viewer, await this.voting.ballots(c.round))
  }

  private async sendTo(conn: SyncConnection): Promise<void> {
    const workshopId = await this.workshopOf(conn.context.boardId)
    if (!workshopId) return
    await this.messages.sendTo(await this.load(workshopId), conn)
  }

  /** Pushes the current state to every connection of the workshop's board, on every instance. */
  async publish(workshopId: string): Promise<void> {
    await this.publishHere(workshopId)
    this.announce({ type: 'control-changed', workshopId })
  }

  /**
   * Another instance changed something: a workshop cached here is reloaded from the database,
   * its write permissions re-applied and its state pushed to this instance's connections.
   */
  async apply(event: InstanceEvent): Promise<void> {
    if (event.type === 'board-closed') {
      const workshopId = this.byBoard.get(event.boardId)
      if (workshopId) this.forget(workshopId)
      return
    }
    if (event.type !== 'control-changed' && event.type !== 'vote') return
    if (!this.cache.has(event.workshopId)) return
    if (event.type === 'vote') {
      await this.publishVote(await this.load(event.workshopId), event.voterId, false)
      return
    }
    this.forget(event.workshopId)
    const c = await this.load(event.workshopId)
    this.applyWritePermissions(c)
    await this.publishHere(event.workshopId)
  }

  /** Reloads every cached workshop (after missed events) as `apply` does for one. */
  async refreshCached(): Promise<void> {
    for (const workshopId of [...this.cache.keys()]) {
      await this.apply({ type: 'control-changed', workshopId })
    }
  }

  private async publishHere(workshopId: string): Promise<void> {
    await this.messages.publish(await this.load(workshopId))
  }

  private async workshopOf(boardId: string): Promise<string | null> {
    const known = this.byBoard.get(boardId)
    if (known) return known
    const w = await this.workshops.byBoard(boardId)
    if (w) this.byBoard.set(boardId, w.id)
    return w?.id ?? null
  }

  // ---- changes --------------------------------------------------------------------------

  /** Applies a state patch, stores it, updates write permissions and publishes. */
  private async change(
    workshopId: string,
    patch: Partial<ControlRow>,
    actor: Actor,
    type: string,
    data?: unknown,
  ) {
    const c = await this.active(workshopId)
    await this.controlStore.updateState(workshopId, patch)
    c.state = { ...c.state, ...patch }
    await this.controlStore.log(workshopId, actor.role, type, data)
    this.applyWritePermissions(c)
    await this.releaseHeld(c)
    await this.publish(workshopId)
  }

  /** Tells the board's room what participants may change (sync/updateRights). */
  private applyPolicy(c: CachedControl): void {
    this.rooms.setPolicy(c.boardId, {
      phase: c.state.phase,
      locked: c.state.locked,
      collaborativeClustering: c.state.collaborativeClustering,
      holdNewIdeas: c.state.premoderation || privateNow(c),
      heldIdeaIds: c.heldIds,
      ideaAuthors: c.authors,
      recordAuthors: recordsAuthors(c),
    })
  }

  private applyWritePermissions(c: CachedControl): void {
    this.applyPolicy(c)
    const participants = mayWriteBoard('participant', { ...c.state, archived: c.archived })
    const facilitators = mayWriteBoard('facilitator', { ...c.state, archived: c.archived })
    this.registry.setBoardWrite(c.boardId, (conn) =>
      conn.context.role === 'facilitator'
        ? facilitators
        : conn.context.role === 'participant'
          ? participants
          : false,
    )
  }

  async setPhase(workshopId: string, phase: Phase, actor: Actor): Promise<void> {
    const c = await this.active(workshopId)
    if (c.state.phase === phase) return
    // A countdown belongs to its phase: the next one starts without it (the last phase's
    // "0:00 Zeit ist um" stayed on every screen while voting). A round's own end is separate.
    const now = Date.now()
    const timer = applyTimerAction(c.state.timer, 'reset', 0, now)
    await this.change(workshopId, { phase, phaseStartedAt: now, timer }, actor, 'phase', {
      from: c.state.phase,
      to: phase,
    })
  }

  async timer(workshopId: string, action: TimerAction, ms: number, actor: Actor) {
    const c = await this.active(workshopId)
    const next = applyTimerAction(c.state.timer, action, ms, Date.now())
    await this.change(workshopId, { timer: next }, actor, 'timer', { action, ms })
  }

  async settings(
    workshopId: string,
    patch: Partial<
      Pick<
        ControlRow,
        | 'locked'
        | 'privateCollection'
        | 'ideasRevealed'
        | 'premoderation'
        | 'anonymousIdeas'
        | 'storeAuthors'
        | 'collaborativeClustering'
        | 'spotlight'
        | 'follow'
        | 'showTally'
      >
    >,
    actor: Actor,
  ): Promise<void> {
    const c = await this.active(workshopId)
    // Switching private collection on starts a new private round: nothing is revealed yet.
    const starting = patch.privateCollection === true && !c.state.privateCollection
    const full =
      starting && patch.ideasRevealed === undefined ? { ...patch, ideasRevealed: false } : patch
    await this.change(workshopId, full, actor, 'settings', full)
  }

  async flagIdea(
    workshopId: string,
    ideaId: string,
    flag: 'hidden' | 'pending',
    on: boolean,
    actor: Actor,
  ) {
    const c = await this.active(workshopId)
    await this.controlStore.setFlag(workshopId, ideaId, flag, on)
    c.flags = await this.controlStore.flags(workshopId)
    await this.controlStore.log(workshopId, actor.role, on ? `idea-${flag}` : `idea-un${flag}`, {
      ideaId,
    })
    if (flag === 'hidden' && on) await this.holdPublic(c, ideaId)
    await this.releaseHeld(c)
    await this.publish(workshopId)
  }

  // ---- held ideas (not public yet) -------------------------------------------------------

  /**
   * The room took a participant's new ideas out of the board: keep them, flag, tell. One board's
   * holds are stored in the order they happened (a card held after its idea updates the idea's
   * row, which must exist by then).
   */
  private held(conn: SyncConnection, taken: HeldContent[]): Promise<void> {
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
    const workshopId = await this.workshopOf(conn.context.boardId)
    if (!workshopId) return
    const c = await this.load(workshopId)
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
    this.announce({ type: 'control-changed', workshopId })
    await this.messages.publish(
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
  private async releaseHeld(c: CachedControl): Promise<void> {
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
    const c = await this.load(workshopId)
    const changed = await this.heldStore.clearNames(c.boardId, keep)
    await this.reloadHeld(c)
    return changed
  }

  /**
   * Deletes a held idea for good: its author (a participant withdrawing it) or a facilitator.
   * @throws DomainError `held_idea_not_found` when there is no such held idea or it is someone else's
   */
  async deleteHeld(workshopId: string, ideaId: string, actor: Actor): Promise<void> {
    const c = await this.active(workshopId)
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
    await this.publish(workshopId)
  }

  private async ideasAdded(conn: SyncConnection, ideaIds: string[]): Promise<void> {
    if (conn.context.role !== 'participant') return
    const workshopId = await this.workshopOf(conn.context.boardId)
    if (!workshopId) return
    const c = await this.load(workshopId)
    const guestId = conn.context.guestId
    // The room recorded the authorship already (BoardPolicy.ideaAuthors); here it is stored.
    const recorded = ideaIds.filter((id) => guestId !== null && c.authors.get(id) === guestId)
    if (guestId !== null && recorded.length > 0) {
      await this.authorStore.record(c.boardId, recorded, guestId)
      // An anonymous idea names nobody: its author learns it is theirs from `me.ideaIds`, and
      // other instances reload the record (the author's next edit may arrive there).
      if (c.state.anonymousIdeas) {
        this.announce({ type: 'control-changed', workshopId })
        await this.messages.publish(c, (other) => other.context.guestId === guestId)
      }
    }
    if (!c.state.premoderation) return
    for (const id of ideaIds) await this.controlStore.setFlag(workshopId, id, 'pending', true)
    c.flags = await this.controlStore.flags(workshopId)
    await this.publish(workshopId)
  }

  // ---- voting ---------------------------------------------------------------------------

  /** Opens a voting round; see `VotingRounds.start`. */
  async startRound(workshopId: string, input: RoundInput, actor: Actor): Promise<RoundInfo> {
    await this.active(workshopId)
    return this.voting.start(workshopId, input, actor)
  }

  async closeRound(workshopId: string, actor: Actor): Promise<void> {
    await this.active(workshopId)
    await this.voting.close(workshopId, actor)
  }

  async reveal(workshopId: string, actor: Actor): Promise<void> {
    await this.active(workshopId)
    await this.voting.reveal(workshopId, actor)
  }

  async vote(workshopId: string, targetId: string, delta: 1 | -1, actor: Actor) {
    await this.active(workshopId)
    return this.voting.vote(workshopId, targetId, delta, actor)
  }

  /** A participant's resistance to an option of a resistance round; see `VotingRounds.rate`. */
  async rate(workshopId: string, targetId: string, resistance: number, actor: Actor) {
    await this.active(workshopId)
    return this.voting.rate(workshopId, targetId, resistance, actor)
  }

  /** After a dot: the voter's own connections and the facilitators need a new view. */
  private async publishVote(c: CachedControl, voterId: string, announce = true): Promise<void> {
    if (announce) this.announce({ type: 'vote', workshopId: c.workshopId, voterId })
    await this.messages.publish(
      c,
      (conn) => conn.context.guestId === voterId || conn.context.role === 'facilitator',
    )
  }

  /** Records something that happened (joins, for example) in the activity log. */
  async record(workshopId: string, actorRole: string | null, type: string, data?: unknown) {
    await this.controlStore.log(workshopId, actorRole, type, data)
  }

  /**
   * A guest's right to erasure: their ideas leave the board (and, by compaction, the database),
   * their dots leave open rounds, and the views are told.
   */
  async forgetGuest(
    workshopId: string,
    guestId: string,
  ): Promise<{ deleted: number; ideaIds: string[] }> {
    const c = await this.load(workshopId)
    const room = await this.rooms.acquire(c.boardId)
    const board = new Board(room.doc as Y.Doc)
    const own = board
      .ideas()
      .filter((idea) => idea.authorId === guestId || c.authors.get(idea.id) === guestId)
    room.doc.transact(() => {
      for (const idea of own) board.deleteIdea(idea.id)
    })
    await room.purge()
    this.rooms.release(c.boardId)
    await this.authorStore.forget(guestId)
    for (const [ideaId, author] of c.authors) if (author === guestId) c.authors.delete(ideaId)
    const heldOwn = c.held.filter((h) => h.authorId === guestId).map((h) => h.ideaId)
    const held = await this.heldStore.forgetAuthor(guestId)
    await this.reloadHeld(c)
    c.heldIds.clear()
    for (const h of c.held) c.heldIds.add(h.ideaId)
    await this.controlStore.forgetVoter(guestId)
    await this.support.forgetGuest(
      c,
      guestId,
      own.map((idea) => idea.id),
    )
    await this.speaking.forgetGuest(c, guestId)
    await this.statusStore.forgetIdeas(workshopId, [...own.map((idea) => idea.id), ...heldOwn])
    c.statuses = await this.readStatuses(workshopId)
    await this.controlStore.log(workshopId, 'participant', 'guest-erased', {
      ideas: own.length + held,
    })
    await this.publish(workshopId)
    return { deleted: own.length + held, ideaIds: [...own.map((idea) => idea.id), ...heldOwn] }
  }

  async activity(workshopId: string) {
    return this.controlStore.activity(workshopId)
  }

  close(): void {
    for (const id of [...this.cache.keys()]) this.forget(id)
  }
}

/**
 * Whether the server records who wrote new ideas: always, unless ideas are anonymous and the
 * facilitator chose not to store authorship at all.
 */
function recordsAuthors(c: CachedControl): boolean {
  return !c.state.anonymousIdeas || c.state.storeAuthors
}

/** Private collection is on and the ideas are not revealed yet. */
function privateNow(c: CachedControl): boolean {
  return c.state.privateCollection && !c.state.ideasRevealed
}
