/**
 * The `Control` message (type 101) of a workshop, built per connection: the same control state
 * for everyone, but the round part as that connection's viewer may see it (see
 * `VotingRounds.viewOf`), so each connection gets its own frame. Sends to this instance's
 * connections only; telling other instances is ControlService's job.
 */
import type { IdeaStatus } from '@ideenwand/board'
import { type ControlState, encodeControl, type HeldIdea } from '@ideenwand/protocol'
import type { Rooms } from '../sync/Rooms.ts'
import type { SyncConnection } from '../sync/SyncConnection.ts'
import type { IdeaSupport } from './IdeaSupport.ts'
import { speakingView } from './SpeakingQueue.ts'
import type { VotingRounds } from './VotingRounds.ts'
import type { Ballots, CachedControl, Viewer } from './WorkshopControl.ts'

/** The viewer behind a board connection. */
function viewerOf(conn: SyncConnection): Viewer {
  return {
    role: conn.context.role ?? 'viewer',
    id: conn.context.guestId ?? conn.context.facilitatorId ?? '',
    name: conn.context.displayName,
    canWrite: conn.context.canWrite,
    table: conn.context.table ?? null,
  }
}

/** The held ideas `viewer` may see: facilitators all, a participant their own, a viewer none. */
function heldFor(c: CachedControl, viewer: Viewer): HeldIdea[] {
  if (viewer.role === 'viewer') return []
  const hidden = new Set(c.flags.hidden)
  const pending = new Set(c.flags.pending)
  const ideas: HeldIdea[] = []
  for (const h of c.held) {
    const mine = h.authorId !== null && h.authorId === viewer.id
    if (!h.idea || (viewer.role !== 'facilitator' && !mine)) continue
    const reasons: HeldIdea['reasons'] = []
    if (pending.has(h.ideaId)) reasons.push('pending')
    if (hidden.has(h.ideaId)) reasons.push('hidden')
    if (h.private && c.state.privateCollection && !c.state.ideasRevealed) reasons.push('private')
    const named = viewer.role === 'facilitator' && !c.state.anonymousIdeas
    ideas.push({
      id: h.ideaId,
      text: h.idea.text,
      color: h.idea.color,
      clusterId: h.idea.clusterId,
      authorName: named || mine ? h.idea.authorName : null,
      // Where it came from (issue 19 §2), for facilitators deciding about it.
      ...(viewer.role === 'facilitator' && h.idea.source && h.idea.source !== 'own'
        ? { source: h.idea.source, table: h.idea.table ?? null }
        : {}),
      createdAt: h.idea.createdAt,
      reasons,
      mine,
    })
  }
  return ideas
}

/** The statuses of public ideas (not held, hidden or pending), as everyone may see them. */
function statusesOf(c: CachedControl): Record<string, IdeaStatus> {
  const hidden = new Set([...c.flags.hidden, ...c.flags.pending])
  const statuses: Record<string, IdeaStatus> = {}
  for (const [ideaId, status] of c.statuses) {
    if (!hidden.has(ideaId) && !c.heldIds.has(ideaId)) statuses[ideaId] = status
  }
  return statuses
}

function ownIdeas(c: CachedControl, guestId: string): string[] {
  const ids: string[] = []
  for (const [ideaId, author] of c.authors) if (author === guestId) ids.push(ideaId)
  return ids
}

export class ControlMessages {
  constructor(
    private readonly rooms: Rooms,
    private readonly voting: VotingRounds,
    private readonly supports: IdeaSupport,
  ) {}

  /** The control state of `c` as `viewer` sees it. */
  async view(c: CachedControl, viewer: Viewer, ballots: Ballots): Promise<ControlState> {
    const round = c.round
    const { myBallot, turnout, tally } = await this.voting.viewOf(c, round, viewer, ballots)
    const { support, supportedIdeaIds } = await this.supports.viewOf(c, viewer)
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
      collaborativeClustering: c.state.collaborativeClustering,
      spotlight: c.state.spotlight,
      follow: c.state.follow,
      hiddenIdeaIds: c.flags.hidden,
      pendingIdeaIds: c.flags.pending,
      support,
      ideaStatus: statusesOf(c),
      heldIdeas: heldFor(c, viewer),
      round,
      myBallot,
      turnout,
      tally,
      history: c.history,
      speaking: speakingView(c, viewer),
      me: {
        role: viewer.role,
        id: viewer.id,
        name: viewer.name,
        canWrite: viewer.canWrite,
        ideaIds: viewer.role === 'participant' ? ownIdeas(c, viewer.id) : [],
        supportedIdeaIds,
        ...(viewer.table ? { table: viewer.table } : {}),
      },
    }
    return state
  }

  /** Sends `conn` its view of `c` (when it joins the board). */
  async sendTo(c: CachedControl, conn: SyncConnection): Promise<void> {
    conn.send(await this.frameFor(c, conn, await this.voting.ballots(c.round)))
  }

  /**
   * Sends its view of `c` to each of this instance's connections of the board that `to` selects
   * (all by default), reading the ballots once for all of them.
   */
  async publish(
    c: CachedControl,
    to: (conn: SyncConnection) => boolean = () => true,
  ): Promise<void> {
    const ballots = await this.voting.ballots(c.round)
    for (const conn of this.rooms.connectionsOf(c.boardId)) {
      if (to(conn)) conn.send(await this.frameFor(c, conn, ballots))
    }
  }

  private async frameFor(c: CachedControl, conn: SyncConnection, ballots: Ballots) {
    return encodeControl(await this.view(c, viewerOf(conn), ballots))
  }
}
