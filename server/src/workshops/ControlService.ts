/**
 * The server side of the workshop flow: it owns each workshop's control state (phase, timer,
 * facilitation, voting rounds), applies facilitators' and participants' requests with their
 * rules, stores them, and pushes a per-connection view (`Control` message) to every connection
 * of the board. Ballots stay secret: a connection only ever receives its own.
 *
 * The voting rounds live in VotingRounds, the per-connection messages in ControlMessages; this
 * class keeps the cache of control data they work on and the hooks that keep instances in step.
 */
import { Board, mayWriteBoard, type Phase } from '@ideenwand/board'
import type { ControlState, RoundInfo } from '@ideenwand/protocol'
import type * as Y from 'yjs'
import { ApiError } from '../http/errors.ts'
import type { Logger } from '../logger.ts'
import type { ConnectionRegistry } from '../sync/ConnectionRegistry.ts'
import type { AccessEvent } from '../sync/fanout/AccessEvents.ts'
import type { Rooms } from '../sync/Rooms.ts'
import type { SyncConnection } from '../sync/SyncConnection.ts'
import { ControlMessages } from './ControlMessages.ts'
import type { FlowState, FlowStore } from './FlowStore.ts'
import { applyTimerAction, type TimerAction } from './timerAction.ts'
import { type RoundInput, VotingRounds } from './VotingRounds.ts'
import type { Actor, CachedControl, Viewer } from './WorkshopControl.ts'
import type { WorkshopStore } from './WorkshopStore.ts'

export type { Actor, Viewer } from './WorkshopControl.ts'

export class ControlService {
  private readonly cache = new Map<string, Promise<CachedControl>>()
  private readonly byBoard = new Map<string, string>()
  private readonly voting: VotingRounds
  private readonly messages: ControlMessages
  /** Tells other instances (Redis) that a workshop's state changed here; see `apply`. */
  announce: (event: AccessEvent) => void = () => {}

  constructor(
    private readonly flow: FlowStore,
    private readonly workshops: WorkshopStore,
    private readonly rooms: Rooms,
    private readonly registry: ConnectionRegistry,
    private readonly log: Logger,
  ) {
    this.voting = new VotingRounds(flow, rooms, {
      load: (workshopId) => this.load(workshopId),
      publish: (workshopId) => this.publish(workshopId),
      setPhase: (workshopId, phase, actor) => this.setPhase(workshopId, phase, actor),
      publishVote: (c, voterId) => this.publishVote(c, voterId),
      fail: (err) => this.fail(err),
    })
    this.messages = new ControlMessages(rooms, this.voting)
    rooms.hooks = {
      onJoin: (conn) => void this.sendTo(conn).catch((err) => this.fail(err)),
      onIdeasAdded: (conn, ids) => void this.ideasAdded(conn, ids).catch((err) => this.fail(err)),
    }
  }

  private fail(err: unknown): void {
    this.log.error({ err }, 'workshop control failed')
  }

  /** Loads (once) and returns the cached control data of a workshop. */
  private load(workshopId: string): Promise<CachedControl> {
    let entry = this.cache.get(workshopId)
    if (!entry) {
      entry = (async () => {
        const info = await this.workshops.info(workshopId)
        if (!info) throw new ApiError(404, 'workshop_not_found', 'No such workshop')
        const [state, round, flags, history] = await Promise.all([
          this.flow.state(workshopId),
          this.flow.currentRound(workshopId),
          this.flow.flags(workshopId),
          this.flow.revealedRounds(workshopId),
        ])
        this.byBoard.set(info.boardId, workshopId)
        const cached: CachedControl = {
          workshopId,
          ...info,
          state,
          round,
          flags,
          history,
          roundTimer: null,
        }
        this.voting.scheduleEnd(cached)
        return cached
      })()
      entry.catch(() => this.cache.delete(workshopId))
      this.cache.set(workshopId, entry)
    }
    return entry
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
  async apply(event: AccessEvent): Promise<void> {
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
    patch: Partial<FlowState>,
    actor: Actor,
    type: string,
    data?: unknown,
  ) {
    const c = await this.load(workshopId)
    await this.flow.updateState(workshopId, patch)
    c.state = { ...c.state, ...patch }
    await this.flow.log(workshopId, actor.role, type, data)
    this.applyWritePermissions(c)
    await this.publish(workshopId)
  }

  private applyWritePermissions(c: CachedControl): void {
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
    const c = await this.load(workshopId)
    if (c.state.phase === phase) return
    await this.change(workshopId, { phase, phaseStartedAt: Date.now() }, actor, 'phase', {
      from: c.state.phase,
      to: phase,
    })
  }

  async timer(workshopId: string, action: TimerAction, ms: number, actor: Actor) {
    const c = await this.load(workshopId)
    const next = applyTimerAction(c.state.timer, action, ms, Date.now())
    await this.change(workshopId, { timer: next }, actor, 'timer', { action, ms })
  }

  async settings(
    workshopId: string,
    patch: Partial<
      Pick<
        FlowState,
        | 'locked'
        | 'privateCollection'
        | 'ideasRevealed'
        | 'premoderation'
        | 'anonymousIdeas'
        | 'storeAuthors'
        | 'spotlight'
        | 'follow'
        | 'showTally'
      >
    >,
    actor: Actor,
  ): Promise<void> {
    await this.change(workshopId, patch, actor, 'settings', patch)
  }

  async flagIdea(
    workshopId: string,
    ideaId: string,
    flag: 'hidden' | 'pending',
    on: boolean,
    actor: Actor,
  ) {
    const c = await this.load(workshopId)
    await this.flow.setFlag(workshopId, ideaId, flag, on)
    c.flags = await this.flow.flags(workshopId)
    await this.flow.log(workshopId, actor.role, on ? `idea-${flag}` : `idea-un${flag}`, { ideaId })
    await this.publish(workshopId)
  }

  private async ideasAdded(conn: SyncConnection, ideaIds: string[]): Promise<void> {
    if (conn.context.role !== 'participant') return
    const workshopId = await this.workshopOf(conn.context.boardId)
    if (!workshopId) return
    const c = await this.load(workshopId)
    if (!c.state.premoderation) return
    for (const id of ideaIds) await this.flow.setFlag(workshopId, id, 'pending', true)
    c.flags = await this.flow.flags(workshopId)
    await this.publish(workshopId)
  }

  // ---- voting ---------------------------------------------------------------------------

  /** Opens a voting round; see `VotingRounds.start`. */
  async startRound(workshopId: string, input: RoundInput, actor: Actor): Promise<RoundInfo> {
    return this.voting.start(workshopId, input, actor)
  }

  async closeRound(workshopId: string, actor: Actor): Promise<void> {
    await this.voting.close(workshopId, actor)
  }

  async reveal(workshopId: string, actor: Actor): Promise<void> {
    await this.voting.reveal(workshopId, actor)
  }

  async vote(workshopId: string, targetId: string, delta: 1 | -1, actor: Actor) {
    return this.voting.vote(workshopId, targetId, delta, actor)
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
    await this.flow.log(workshopId, actorRole, type, data)
  }

  /**
   * A guest's right to erasure: their ideas leave the board (and, by compaction, the database),
   * their dots leave open rounds, and the views are told.
   */
  async forgetGuest(workshopId: string, guestId: string): Promise<number> {
    const c = await this.load(workshopId)
    const room = await this.rooms.acquire(c.boardId)
    const board = new Board(room.doc as Y.Doc)
    const own = board.ideas().filter((idea) => idea.authorId === guestId)
    room.doc.transact(() => {
      for (const idea of own) board.deleteIdea(idea.id)
    })
    await room.purge()
    this.rooms.release(c.boardId)
    await this.flow.forgetVoter(guestId)
    await this.flow.log(workshopId, 'participant', 'guest-erased', { ideas: own.length })
    await this.publish(workshopId)
    return own.length
  }

  async activity(workshopId: string) {
    return this.flow.activity(workshopId)
  }

  close(): void {
    for (const id of [...this.cache.keys()]) this.forget(id)
  }
}
