/**
 * The server side of the workshop control: it owns each workshop's control state (phase, timer,
 * facilitation, voting rounds), applies facilitators' and participants' requests with their
 * rules, stores them, and pushes a per-connection view (`Control` message) to every connection
 * of the board. Ballots stay secret: a connection only ever receives its own.
 *
 * This class is the one entry for the API and the rooms: it wires its parts together, publishes,
 * keeps instances in step and runs erasure. Its parts: the cached control data in ControlCache;
 * phase, timer, settings and the board rights that follow from them in Facilitation; voting
 * rounds in VotingRounds; ideas not public yet in IdeaModeration; "+1" support in IdeaSupport;
 * the speaking queue in SpeakingQueue; the per-connection messages in ControlMessages.
 */
import { Board, mayWriteBoard, type Phase } from '@ideenwand/board'
import type { ControlState, RoundInfo } from '@ideenwand/protocol'
import type * as Y from 'yjs'
import type { Logger } from '../logger.ts'
import type { Db } from '../storage/Db.ts'
import type { ConnectionRegistry } from '../sync/ConnectionRegistry.ts'
import type { InstanceEvent } from '../sync/fanout/InstanceEvents.ts'
import type { RoomHooks, Rooms } from '../sync/Rooms.ts'
import type { SyncConnection } from '../sync/SyncConnection.ts'
import { ControlCache } from './ControlCache.ts'
import { ControlMessages } from './ControlMessages.ts'
import { ControlStore } from './ControlStore.ts'
import { Facilitation, type SettingsPatch } from './Facilitation.ts'
import { HeldIdeas } from './HeldIdeas.ts'
import { IdeaAuthors } from './IdeaAuthors.ts'
import { IdeaModeration } from './IdeaModeration.ts'
import { IdeaStatusStore } from './IdeaStatusStore.ts'
import { IdeaSupport } from './IdeaSupport.ts'
import { RoundStore } from './RoundStore.ts'
import { SpeakingQueue } from './SpeakingQueue.ts'
import { SpeakingStore } from './SpeakingStore.ts'
import { SupportStore } from './SupportStore.ts'
import type { TimerAction } from './timerAction.ts'
import { type RoundInput, VotingRounds } from './VotingRounds.ts'
import type { Actor, CachedControl, Viewer } from './WorkshopControl.ts'
import type { WorkshopStore } from './WorkshopStore.ts'

export type { Actor, Viewer } from './WorkshopControl.ts'

export class ControlService {
  private readonly cache: ControlCache
  private readonly voting: VotingRounds
  private readonly messages: ControlMessages
  /** Held ideas, hiding and pre-moderation; the routes reach it through this class. */
  private readonly moderation: IdeaModeration
  /** Phase, timer and settings, and the board rights that follow from them. */
  private readonly facilitation: Facilitation
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
    onIdeasAdded: (conn, ids) =>
      void this.moderation.ideasAdded(conn, ids).catch((err) => this.fail(err)),
    onHeld: (conn, held) => void this.moderation.held(conn, held).catch((err) => this.fail(err)),
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
    return new ControlService(
      new ControlStore(db),
      new RoundStore(db),
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
    private readonly roundStore: RoundStore,
    workshops: WorkshopStore,
    private readonly rooms: Rooms,
    registry: ConnectionRegistry,
    private readonly log: Logger,
    heldStore: HeldIdeas,
    authorStore: IdeaAuthors,
    speakingStore: SpeakingStore,
    supportStore: SupportStore,
    /** What became of ideas (issue 20 §2): erasure removes the erased ideas' changes. */
    private readonly statusStore: IdeaStatusStore,
  ) {
    this.cache = new ControlCache(
      {
        workshops,
        controlStore,
        roundStore,
        heldStore,
        authorStore,
        statusStore,
        speaking: (workshopId) => this.speaking.load(workshopId),
      },
      {
        loaded: (c) => {
          this.voting.scheduleEnd(c)
          this.facilitation.applyPolicy(c)
        },
        dropped: (c) => this.voting.cancelEnd(c),
      },
    )
    this.voting = new VotingRounds(roundStore, controlStore, rooms, {
      load: (workshopId) => this.cache.load(workshopId),
      publish: (workshopId) => this.publish(workshopId),
      setPhase: (workshopId, phase, actor) => this.setPhase(workshopId, phase, actor),
      publishVote: (c, voterId) => this.publishVote(c, voterId),
      fail: (err) => this.fail(err),
    })
    this.support = new IdeaSupport(supportStore, rooms, {
      active: (workshopId) => this.cache.active(workshopId),
      publish: (workshopId) => this.publish(workshopId),
      log: (workshopId, role, type, data) => this.controlStore.log(workshopId, role, type, data),
    })
    this.messages = new ControlMessages(rooms, this.voting, this.support)
    this.speaking = new SpeakingQueue(speakingStore, {
      active: (workshopId) => this.cache.active(workshopId),
      publish: (workshopId) => this.publish(workshopId),
      log: (workshopId, role, type, data) => this.controlStore.log(workshopId, role, type, data),
    })
    this.facilitation = new Facilitation(controlStore, rooms, registry, {
      active: (workshopId) => this.cache.active(workshopId),
      publish: (workshopId) => this.publish(workshopId),
      releaseHeld: (c) => this.moderation.releaseHeld(c),
    })
    this.moderation = new IdeaModeration(controlStore, heldStore, authorStore, rooms, {
      load: (workshopId) => this.cache.load(workshopId),
      active: (workshopId) => this.cache.active(workshopId),
      workshopOf: (boardId) => this.cache.workshopOf(boardId),
      publish: (workshopId) => this.publish(workshopId),
      publishTo: (c, to) => this.messages.publish(c, to),
      announce: (event) => this.announce(event),
    })
    // A connection whose role or write permission changed alone (a guest made viewer) is told.
    registry.accessChanged = (conn) => void this.sendTo(conn).catch((err) => this.fail(err))
  }

  private fail(err: unknown): void {
    this.log.error({ err }, 'workshop control failed')
  }

  /**
   * A facilitator changed what became of an idea (issue 20 §2): the cached statuses are read
   * again and every connection, on every instance, gets the new control state.
   */
  async statusChanged(workshopId: string): Promise<void> {
    const c = await this.cache.load(workshopId)
    c.statuses = await this.cache.readStatuses(workshopId)
    await this.publish(workshopId)
  }

  /** Forgets a workshop (deleted or archived state changed). */
  forget(workshopId: string): void {
    this.cache.forget(workshopId)
  }

  /** Reloads a workshop after outside changes (archive), re-applies permissions, publishes. */
  async refresh(workshopId: string): Promise<void> {
    this.forget(workshopId)
    const c = await this.cache.load(workshopId)
    this.facilitation.applyWritePermissions(c)
    await this.publish(workshopId)
  }

  /** Whether participants may change the board now (used when they connect). */
  async participantsMayWrite(workshopId: string): Promise<boolean> {
    const c = await this.cache.load(workshopId)
    return mayWriteBoard('participant', { ...c.state, archived: c.archived })
  }

  // ---- views ----------------------------------------------------------------------------

  /** The control state as `viewer` sees it (for the HTTP API). */
  async stateFor(workshopId: string, viewer: Viewer): Promise<ControlState> {
    const c = await this.cache.load(workshopId)
    return this.messages.view(c, viewer, await this.voting.ballots(c.round))
  }

  private async sendTo(conn: SyncConnection): Promise<void> {
    const workshopId = await this.cache.workshopOf(conn.context.boardId)
    if (!workshopId) return
    await this.messages.sendTo(await this.cache.load(workshopId), conn)
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
      const workshopId = this.cache.knownWorkshopOf(event.boardId)
      if (workshopId) this.forget(workshopId)
      return
    }
    if (event.type !== 'control-changed' && event.type !== 'vote') return
    if (!this.cache.has(event.workshopId)) return
    if (event.type === 'vote') {
      await this.publishVote(await this.cache.load(event.workshopId), event.voterId, false)
      return
    }
    this.forget(event.workshopId)
    const c = await this.cache.load(event.workshopId)
    this.facilitation.applyWritePermissions(c)
    await this.publishHere(event.workshopId)
  }

  /** Reloads every cached workshop (after missed events) as `apply` does for one. */
  async refreshCached(): Promise<void> {
    for (const workshopId of this.cache.workshopIds()) {
      await this.apply({ type: 'control-changed', workshopId })
    }
  }

  private async publishHere(workshopId: string): Promise<void> {
    await this.messages.publish(await this.cache.load(workshopId))
  }

  // ---- phase, timer, settings and moderation --------------------------------------------

  /** Moves to a phase; see `Facilitation.setPhase` (VotingRounds moves to the vote phase too). */
  async setPhase(workshopId: string, phase: Phase, actor: Actor): Promise<void> {
    await this.facilitation.setPhase(workshopId, phase, actor)
  }

  async timer(workshopId: string, action: TimerAction, ms: number, actor: Actor) {
    await this.facilitation.timer(workshopId, action, ms, actor)
  }

  async settings(workshopId: string, patch: SettingsPatch, actor: Actor): Promise<void> {
    await this.facilitation.settings(workshopId, patch, actor)
  }

  /** Hides or shows an idea, or approves a pending one; see `IdeaModeration.flagIdea`. */
  flagIdea(...args: Parameters<IdeaModeration['flagIdea']>): Promise<void> {
    return this.moderation.flagIdea(...args)
  }

  /** Retention: see `IdeaModeration.clearHeldNames`. */
  clearHeldNames(workshopId: string, keep: ReadonlySet<string>): Promise<number> {
    return this.moderation.clearHeldNames(workshopId, keep)
  }

  /** A held idea withdrawn for good; see `IdeaModeration.deleteHeld`. */
  deleteHeld(workshopId: string, ideaId: string, actor: Actor): Promise<void> {
    return this.moderation.deleteHeld(workshopId, ideaId, actor)
  }

  // ---- voting ---------------------------------------------------------------------------

  /** Opens a voting round; see `VotingRounds.start`. */
  async startRound(workshopId: string, input: RoundInput, actor: Actor): Promise<RoundInfo> {
    await this.cache.active(workshopId)
    return this.voting.start(workshopId, input, actor)
  }

  async closeRound(workshopId: string, actor: Actor): Promise<void> {
    await this.cache.active(workshopId)
    await this.voting.close(workshopId, actor)
  }

  async reveal(workshopId: string, actor: Actor): Promise<void> {
    await this.cache.active(workshopId)
    await this.voting.reveal(workshopId, actor)
  }

  async vote(workshopId: string, targetId: string, delta: 1 | -1, actor: Actor) {
    await this.cache.active(workshopId)
    return this.voting.vote(workshopId, targetId, delta, actor)
  }

  /** A participant's resistance to an option of a resistance round; see `VotingRounds.rate`. */
  async rate(workshopId: string, targetId: string, resistance: number, actor: Actor) {
    await this.cache.active(workshopId)
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
    const c = await this.cache.load(workshopId)
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
    const { held, heldIds: heldOwn } = await this.moderation.forgetAuthor(c, guestId)
    await this.roundStore.forgetVoter(guestId)
    await this.support.forgetGuest(
      c,
      guestId,
      own.map((idea) => idea.id),
    )
    await this.speaking.forgetGuest(c, guestId)
    await this.statusStore.forgetIdeas(workshopId, [...own.map((idea) => idea.id), ...heldOwn])
    c.statuses = await this.cache.readStatuses(workshopId)
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
    for (const id of this.cache.workshopIds()) this.forget(id)
  }
}
