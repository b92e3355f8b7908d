/**
 * The server side of the workshop flow: it owns each workshop's control state (phase, timer,
 * facilitation, voting rounds), applies facilitators' and participants' requests with their
 * rules, stores them, and pushes a per-connection view (`Control` message) to every connection
 * of the board. Ballots stay secret: a connection only ever receives its own.
 */
import { Board, mayWriteBoard, type Phase, type RoundRules, rankTally } from '@ideenwand/board'
import {
  type ControlState,
  encodeControl,
  type RankedEntry,
  type RoundInfo,
  type TimerState,
} from '@ideenwand/protocol'
import type * as Y from 'yjs'
import { ApiError } from '../http/errors.ts'
import type { Logger } from '../logger.ts'
import type { ConnectionRegistry } from '../sync/ConnectionRegistry.ts'
import type { AccessEvent } from '../sync/fanout/AccessEvents.ts'
import type { Rooms } from '../sync/Rooms.ts'
import type { SyncConnection } from '../sync/SyncConnection.ts'
import type { FlowState, FlowStore } from './FlowStore.ts'
import type { WorkshopStore } from './WorkshopStore.ts'

interface Cached {
  workshopId: string
  boardId: string
  archived: boolean
  state: FlowState
  round: RoundInfo | null
  flags: { hidden: string[]; pending: string[] }
  history: Awaited<ReturnType<FlowStore['revealedRounds']>>
  roundTimer: NodeJS.Timeout | null
}

/** Who a control view is for. */
export interface Viewer {
  role: 'facilitator' | 'participant' | 'viewer'
  id: string
  name: string | null
  canWrite: boolean
}

function viewerOf(conn: SyncConnection): Viewer {
  return {
    role: conn.context.role ?? 'viewer',
    id: conn.context.guestId ?? conn.context.facilitatorId ?? '',
    name: conn.context.displayName,
    canWrite: conn.context.canWrite,
  }
}

export interface Actor {
  role: 'facilitator' | 'participant' | 'viewer'
  /** Guest or facilitator id. */
  id: string
}

export class ControlService {
  private readonly cache = new Map<string, Promise<Cached>>()
  private readonly byBoard = new Map<string, string>()
  /** Tells other instances (Redis) that a workshop's state changed here; see `apply`. */
  announce: (event: AccessEvent) => void = () => {}

  constructor(
    private readonly flow: FlowStore,
    private readonly workshops: WorkshopStore,
    private readonly rooms: Rooms,
    private readonly registry: ConnectionRegistry,
    private readonly log: Logger,
  ) {
    rooms.hooks = {
      onJoin: (conn) => void this.sendTo(conn).catch((err) => this.fail(err)),
      onIdeasAdded: (conn, ids) => void this.ideasAdded(conn, ids).catch((err) => this.fail(err)),
    }
  }

  private fail(err: unknown): void {
    this.log.error({ err }, 'workshop control failed')
  }

  /** Loads (once) and returns the cached control data of a workshop. */
  private load(workshopId: string): Promise<Cached> {
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
        const cached: Cached = {
          workshopId,
          ...info,
          state,
          round,
          flags,
          history,
          roundTimer: null,
        }
        this.scheduleRoundEnd(cached)
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
      (c) => {
        if (c.roundTimer) clearTimeout(c.roundTimer)
      },
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

  private async view(
    c: Cached,
    viewer: Viewer,
    ballots: Map<string, Record<string, number>>,
  ): Promise<ControlState> {
    const { role, id: me } = viewer
    const round = c.round
    let myBallot: ControlState['myBallot'] = null
    if (round?.status === 'open' && role === 'participant') {
      const votes = ballots.get(me) ?? {}
      const used = Object.values(votes).reduce((a, b) => a + b, 0)
      myBallot = { votes, remaining: round.dotsPerPerson - used }
    }
    let turnout: ControlState['turnout'] = null
    let tally: ControlState['tally'] = null
    if (round && role === 'facilitator') {
      let dots = 0
      for (const b of ballots.values()) for (const n of Object.values(b)) dots += n
      turnout = {
        voters: [...ballots.values()].filter((b) => Object.keys(b).length > 0).length,
        dots,
      }
      if (c.state.showTally) tally = await this.ranking(c, round, ballots)
    }
    const state: ControlState = {
      serverTime: Date.now(),
      workshopId: c.workshopId,
      phase: c.state.phase,
      phaseStartedAt: c.state.phaseStartedAt,
      timer: c.state.timer,
      locked: c.state.locked,
      privateCollection: c.state.privateCollection,
      ideasRevealed: c.state.ideasRevealed,
      premoderation: c.state.premoderation,
      anonymousIdeas: c.state.anonymousIdeas,
      storeAuthors: c.state.storeAuthors,
      spotlight: c.state.spotlight,
      follow: c.state.follow,
      hiddenIdeaIds: c.flags.hidden,
      pendingIdeaIds: c.flags.pending,
      round,
      myBallot,
      turnout,
      tally,
      history: c.history,
      me: { role, id: me, name: viewer.name, canWrite: viewer.canWrite },
    }
    return state
  }

  private async frameFor(
    c: Cached,
    conn: SyncConnection,
    ballots: Map<string, Record<string, number>>,
  ) {
    return encodeControl(await this.view(c, viewerOf(conn), ballots))
  }

  /** The control state as `viewer` sees it (for the HTTP API). */
  async stateFor(workshopId: string, viewer: Viewer): Promise<ControlState> {
    const c = await this.load(workshopId)
    return this.view(c, viewer, await this.ballots(c.round))
  }

  private async ballots(round: RoundInfo | null): Promise<Map<string, Record<string, number>>> {
    return round && round.status !== 'revealed' ? this.flow.ballotsByVoter(round.id) : new Map()
  }

  private async sendTo(conn: SyncConnection): Promise<void> {
    const workshopId = await this.workshopOf(conn.context.boardId)
    if (!workshopId) return
    const c = await this.load(workshopId)
    conn.send(await this.frameFor(c, conn, await this.ballots(c.round)))
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
    const c = await this.load(workshopId)
    const ballots = await this.ballots(c.round)
    for (const conn of this.rooms.connectionsOf(c.boardId)) {
      conn.send(await this.frameFor(c, conn, ballots))
    }
  }

  private async workshopOf(boardId: string): Promise<string | null> {
    const known = this.byBoard.get(boardId)
    if (known) return known
    const w = await this.workshops.byBoard(boardId)
    if (w) this.byBoard.set(boardId, w.id)
    return w?.id ?? null
  }

  /** Ideas as ranking targets: the board's ideas (or clusters) with their labels. */
  private async targets(c: Cached, round: RoundInfo): Promise<{ id: string; label: string }[]> {
    const room = await this.rooms.acquire(c.boardId)
    const board = new Board(room.doc as Y.Doc)
    const hidden = new Set([...c.flags.hidden, ...c.flags.pending])
    const all =
      round.targetKind === 'idea'
        ? board
            .ideas()
            .filter((i) => !hidden.has(i.id))
            .map((i) => ({ id: i.id, label: i.text }))
        : board.clusters().map((cl) => ({ id: cl.id, label: cl.title }))
    if (!round.targetIds) return all
    const byId = new Map(all.map((t) => [t.id, t]))
    return round.targetIds.map((id) => byId.get(id) ?? { id, label: '' })
  }

  private async ranking(
    c: Cached,
    round: RoundInfo,
    ballots: Map<string, Record<string, number>>,
  ): Promise<RankedEntry[]> {
    const tally = new Map<string, number>()
    for (const b of ballots.values())
      for (const [t, n] of Object.entries(b)) tally.set(t, (tally.get(t) ?? 0) + n)
    const targets = await this.targets(c, round)
    const labels = new Map(targets.map((t) => [t.id, t.label]))
    return rankTally(
      tally,
      targets.map((t) => t.id),
    ).map((e) => ({ ...e, label: labels.get(e.targetId) ?? '' }))
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

  private applyWritePermissions(c: Cached): void {
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

  async timer(
    workshopId: string,
    action: 'start' | 'pause' | 'resume' | 'reset' | 'add',
    ms: number,
    actor: Actor,
  ) {
    const c = await this.load(workshopId)
    const now = Date.now()
    const t = c.state.timer
    const left =
      t.status === 'running' && t.endsAt !== null ? Math.max(0, t.endsAt - now) : t.remainingMs
    let next: TimerState
    switch (action) {
      case 'start':
        next = { status: 'running', durationMs: ms, endsAt: now + ms, remainingMs: ms }
        break
      case 'pause':
        next = { ...t, status: 'paused', endsAt: null, remainingMs: left }
        break
      case 'resume':
        next = { ...t, status: 'running', endsAt: now + left, remainingMs: left }
        break
      case 'add':
        next =
          t.status === 'running'
            ? {
                ...t,
                durationMs: t.durationMs + ms,
                endsAt: now + left + ms,
                remainingMs: left + ms,
              }
            : { ...t, durationMs: t.durationMs + ms, remainingMs: Math.max(0, left + ms) }
        break
      case 'reset':
        next = { status: 'stopped', durationMs: 0, endsAt: null, remainingMs: 0 }
        break
    }
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

  async startRound(
    workshopId: string,
    input: {
      targetKind: 'idea' | 'cluster'
      targetIds: string[] | null
      dotsPerPerson: number
      maxPerTarget: number
      durationMs: number | null
    },
    actor: Actor,
  ): Promise<RoundInfo> {
    const c = await this.load(workshopId)
    if (c.round?.status === 'open')
      throw new ApiError(409, 'round_open', 'Close the open round first')
    if (c.round?.status === 'closed') await this.reveal(workshopId, actor)
    const round = await this.flow.createRound(workshopId, {
      targetKind: input.targetKind,
      targetIds: input.targetIds,
      dotsPerPerson: input.dotsPerPerson,
      maxPerTarget: Math.min(input.maxPerTarget, input.dotsPerPerson),
      endsAt: input.durationMs ? Date.now() + input.durationMs : null,
    })
    c.round = round
    this.scheduleRoundEnd(c)
    await this.flow.log(workshopId, actor.role, 'round-started', {
      number: round.number,
      dots: round.dotsPerPerson,
    })
    if (c.state.phase !== 'vote') await this.setPhase(workshopId, 'vote', actor)
    else await this.publish(workshopId)
    return round
  }

  private scheduleRoundEnd(c: Cached): void {
    if (c.roundTimer) clearTimeout(c.roundTimer)
    c.roundTimer = null
    const round = c.round
    if (round?.status !== 'open' || round.endsAt === null) return
    const delay = Math.max(0, round.endsAt - Date.now())
    c.roundTimer = setTimeout(() => {
      void this.closeRound(c.workshopId, { role: 'facilitator', id: 'timer' }).catch((err) =>
        this.fail(err),
      )
    }, delay)
    c.roundTimer.unref()
  }

  async closeRound(workshopId: string, actor: Actor): Promise<void> {
    const c = await this.load(workshopId)
    if (c.round?.status !== 'open') return
    await this.flow.setRoundStatus(c.round.id, 'closed')
    c.round = { ...c.round, status: 'closed' }
    this.scheduleRoundEnd(c)
    await this.flow.log(workshopId, actor.role, 'round-closed', { number: c.round.number })
    await this.publish(workshopId)
  }

  async reveal(workshopId: string, actor: Actor): Promise<void> {
    const c = await this.load(workshopId)
    const round = c.round
    if (!round) throw new ApiError(409, 'no_round', 'There is no round to reveal')
    if (round.status === 'open') await this.closeRound(workshopId, actor)
    const ballots = await this.flow.ballotsByVoter(round.id)
    const results = await this.ranking(c, round, ballots)
    const voters = [...ballots.values()].filter((b) => Object.keys(b).length > 0).length
    await this.flow.reveal(round.id, results, voters)
    c.round = null
    c.history = await this.flow.revealedRounds(workshopId)
    await this.flow.log(workshopId, actor.role, 'round-revealed', { number: round.number, voters })
    await this.publish(workshopId)
  }

  async vote(workshopId: string, targetId: string, delta: 1 | -1, actor: Actor) {
    const c = await this.load(workshopId)
    const round = c.round
    if (actor.role !== 'participant')
      throw new ApiError(403, 'not_a_voter', 'Only participants vote')
    if (round?.status !== 'open' || c.state.phase !== 'vote') {
      throw new ApiError(409, 'no_open_round', 'Voting is not open')
    }
    let targetIds = round.targetIds
    if (!targetIds) targetIds = (await this.targets(c, round)).map((t) => t.id)
    const rules: RoundRules = {
      dotsPerPerson: round.dotsPerPerson,
      maxPerTarget: round.maxPerTarget,
      targetIds,
    }
    const result = await this.flow.placeDot(round.id, actor.id, targetId, delta, rules)
    if (!result.ok) {
      const messages = {
        'budget-exhausted': 'All your dots are used',
        'target-maximum': 'This one has the most dots you may give it',
        'invalid-target': 'This cannot be voted on in this round',
        'no-dot-to-remove': 'There is no dot to take back',
      } as const
      throw new ApiError(409, result.error, messages[result.error])
    }
    await this.publishVote(c, actor.id)
    const used = Object.values(result.ballot).reduce((a, b) => a + b, 0)
    return { votes: result.ballot, remaining: round.dotsPerPerson - used }
  }

  /** After a dot: the voter's own connections and the facilitators need a new view. */
  private async publishVote(c: Cached, voterId: string, announce = true): Promise<void> {
    if (announce) this.announce({ type: 'vote', workshopId: c.workshopId, voterId })
    const ballots = await this.ballots(c.round)
    for (const conn of this.rooms.connectionsOf(c.boardId)) {
      if (conn.context.guestId === voterId || conn.context.role === 'facilitator') {
        conn.send(await this.frameFor(c, conn, ballots))
      }
    }
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
