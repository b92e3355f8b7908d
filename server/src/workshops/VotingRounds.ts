/**
 * Dot-voting rounds of a workshop: starting, closing (by hand or when the round's time is up) and
 * revealing them, placing and taking back dots, and what a viewer may see of a round. Ballots stay
 * secret: a participant sees only their own, a facilitator the turnout and, if shown, the tally.
 *
 * The cached control data and publishing belong to ControlService, which hands them in as a
 * `VotingHost`; this module only changes the `round`, `history` and `roundTimer` of an entry.
 */
import { Board, emptyBallot, type Phase, type RoundRules, rankTally } from '@ideenwand/board'
import type { ControlState, RankedEntry, RoundInfo } from '@ideenwand/protocol'
import type * as Y from 'yjs'
import { DomainError, DomainErrorCode } from '../DomainError.ts'
import type { Rooms } from '../sync/Rooms.ts'
import type { ControlStore } from './ControlStore.ts'
import type { Actor, Ballots, CachedControl, Viewer } from './WorkshopControl.ts'

/** A facilitator's settings for a new round. */
export interface RoundInput {
  targetKind: 'idea' | 'cluster'
  targetIds: string[] | null
  dotsPerPerson: number
  maxPerTarget: number
  durationMs: number | null
}

/** What voting needs from the service that owns the cached control state. */
export interface VotingHost {
  /** The cached control data of a workshop (loaded once). */
  load(workshopId: string): Promise<CachedControl>
  /** Pushes the workshop's state to every connection of its board, on every instance. */
  publish(workshopId: string): Promise<void>
  /** Moves the workshop to another phase (to `vote` when a round starts), then publishes. */
  setPhase(workshopId: string, phase: Phase, actor: Actor): Promise<void>
  /** After a dot: updates the voter's own and the facilitators' views, on every instance. */
  publishVote(c: CachedControl, voterId: string): Promise<void>
  /** Reports a failure of work nobody awaits (the round's timer). */
  fail(err: unknown): void
}

/** The part of a control view that depends on the round and on who looks at it. */
export type RoundView = Pick<ControlState, 'myBallot' | 'turnout' | 'tally'>

function dotsUsed(ballot: Record<string, number>): number {
  return Object.values(ballot).reduce((a, b) => a + b, 0)
}

/**
 * A voter's budget and cap per target in `round`. A table's shared device (issue 19 §2) votes
 * for its people: the round's dots per person and its maximum per target, each times the
 * table's people — as many dots as the table would have had on phones, and on one target at
 * most what its people together could have put there.
 */
export function ballotRules(
  round: Pick<RoundInfo, 'dotsPerPerson' | 'maxPerTarget'>,
  voter: Pick<Actor, 'table'>,
): Omit<RoundRules, 'targetIds'> {
  const people = voter.table?.people ?? 1
  return { dotsPerPerson: round.dotsPerPerson * people, maxPerTarget: round.maxPerTarget * people }
}

/** A ballot as its voter sees it; a table device also gets its own cap per target. */
function ballotView(
  votes: Record<string, number>,
  rules: Omit<RoundRules, 'targetIds'>,
  voter: Pick<Actor, 'table'>,
): NonNullable<RoundView['myBallot']> {
  const remaining = Math.max(0, rules.dotsPerPerson - dotsUsed(votes))
  return voter.table ? { votes, remaining, maxPerTarget: rules.maxPerTarget } : { votes, remaining }
}

function voterCount(ballots: Ballots): number {
  return [...ballots.values()].filter((b) => Object.keys(b).length > 0).length
}

export class VotingRounds {
  constructor(
    private readonly controlStore: ControlStore,
    private readonly rooms: Rooms,
    private readonly host: VotingHost,
  ) {}

  /** Opens a round (revealing a closed one first) and switches the workshop to the vote phase. */
  async start(workshopId: string, input: RoundInput, actor: Actor): Promise<RoundInfo> {
    const c = await this.host.load(workshopId)
    if (c.round?.status === 'open') throw new DomainError(DomainErrorCode.RoundOpen)
    if (c.round?.status === 'closed') await this.reveal(workshopId, actor)
    const round = await this.controlStore.createRound(workshopId, {
      targetKind: input.targetKind,
      targetIds: input.targetIds,
      dotsPerPerson: input.dotsPerPerson,
      maxPerTarget: Math.min(input.maxPerTarget, input.dotsPerPerson),
      endsAt: input.durationMs ? Date.now() + input.durationMs : null,
    })
    c.round = round
    this.scheduleEnd(c)
    await this.controlStore.log(workshopId, actor.role, 'round-started', {
      number: round.number,
      dots: round.dotsPerPerson,
    })
    if (c.state.phase !== 'vote') await this.host.setPhase(workshopId, 'vote', actor)
    else await this.host.publish(workshopId)
    return round
  }

  /** (Re)arms the timer that closes `c`'s round at its end; none unless an open round has one. */
  scheduleEnd(c: CachedControl): void {
    this.cancelEnd(c)
    c.roundTimer = null
    const round = c.round
    if (round?.status !== 'open' || round.endsAt === null) return
    const delay = Math.max(0, round.endsAt - Date.now())
    c.roundTimer = setTimeout(() => {
      void this.close(c.workshopId, { role: 'facilitator', id: 'timer' }).catch((err) =>
        this.host.fail(err),
      )
    }, delay)
    c.roundTimer.unref()
  }

  /** Stops `c`'s round timer (the entry is being dropped from the cache). */
  cancelEnd(c: CachedControl): void {
    if (c.roundTimer) clearTimeout(c.roundTimer)
  }

  /** Closes the open round, if there is one: no more dots, results not yet shown. */
  async close(workshopId: string, actor: Actor): Promise<void> {
    const c = await this.host.load(workshopId)
    if (c.round?.status !== 'open') return
    await this.controlStore.setRoundStatus(c.round.id, 'closed')
    c.round = { ...c.round, status: 'closed' }
    this.scheduleEnd(c)
    await this.controlStore.log(workshopId, actor.role, 'round-closed', { number: c.round.number })
    await this.host.publish(workshopId)
  }

  /** Closes the round if still open, stores its ranking and moves it to the history. */
  async reveal(workshopId: string, actor: Actor): Promise<void> {
    const c = await this.host.load(workshopId)
    const round = c.round
    if (!round) throw new DomainError(DomainErrorCode.NoRound)
    if (round.status === 'open') await this.close(workshopId, actor)
    const ballots = await this.controlStore.ballotsByVoter(round.id)
    const results = await this.ranking(c, round, ballots)
    const voters = voterCount(ballots)
    await this.controlStore.reveal(round.id, results, voters)
    c.round = null
    c.history = await this.controlStore.revealedRounds(workshopId)
    await this.controlStore.log(workshopId, actor.role, 'round-revealed', {
      number: round.number,
      voters,
    })
    await this.host.publish(workshopId)
  }

  /** A participant places (`1`) or takes back (`-1`) a dot; returns their ballot. */
  async vote(workshopId: string, targetId: string, delta: 1 | -1, actor: Actor) {
    const c = await this.host.load(workshopId)
    const round = c.round
    if (actor.role !== 'participant') throw new DomainError(DomainErrorCode.NotAVoter)
    if (round?.status !== 'open' || c.state.phase !== 'vote') {
      throw new DomainError(DomainErrorCode.NoOpenRound)
    }
    // Dots go only to what is a target now (a runoff's target hidden meanwhile takes none); one
    // already given can always be taken back (applyDot).
    const targetIds = (await this.targets(c, round)).map((t) => t.id)
    const budget = ballotRules(round, actor)
    const rules: RoundRules = { ...budget, targetIds }
    const result = await this.controlStore.placeDot(round.id, actor.id, targetId, delta, rules)
    // The ballot rules' refusals are domain codes of the same name.
    if (!result.ok) throw new DomainError(result.error)
    await this.host.publishVote(c, actor.id)
    return ballotView(result.ballot, budget, actor)
  }

  /** The ballots of a round not yet revealed (a revealed round's live in its results). */
  async ballots(round: RoundInfo | null): Promise<Ballots> {
    return round && round.status !== 'revealed'
      ? this.controlStore.ballotsByVoter(round.id)
      : new Map()
  }

  /**
   * What `viewer` may see of `round` (the workshop's current one, read by the caller before any
   * await): a participant their own ballot while it is open, a facilitator the turnout and, if
   * the workshop shows it, the tally.
   */
  async viewOf(
    c: CachedControl,
    round: RoundInfo | null,
    viewer: Viewer,
    ballots: Ballots,
  ): Promise<RoundView> {
    const { role, id: me } = viewer
    let myBallot: RoundView['myBallot'] = null
    if (round?.status === 'open' && role === 'participant') {
      const votes = ballots.get(me) ?? emptyBallot()
      myBallot = ballotView(votes, ballotRules(round, viewer), viewer)
    }
    let turnout: RoundView['turnout'] = null
    let tally: RoundView['tally'] = null
    if (round && role === 'facilitator') {
      let dots = 0
      for (const b of ballots.values()) for (const n of Object.values(b)) dots += n
      turnout = { voters: voterCount(ballots), dots }
      if (c.state.showTally) tally = await this.ranking(c, round, ballots)
    }
    return { myBallot, turnout, tally }
  }

  /**
   * The round's targets now, with their labels: the board's ideas (or clusters), or the round's
   * own list (a runoff). Hidden and pending ideas are none, whether or not the board's doc still
   * holds them (the flags say so), and neither is what the doc no longer holds (deleted): a
   * target without a label is never ranked or shown.
   */
  private async targets(
    c: CachedControl,
    round: RoundInfo,
  ): Promise<{ id: string; label: string }[]> {
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
    return round.targetIds.flatMap((id) => {
      const target = byId.get(id)
      return target ? [target] : []
    })
  }

  private async ranking(
    c: CachedControl,
    round: RoundInfo,
    ballots: Ballots,
  ): Promise<RankedEntry[]> {
    const targets = await this.targets(c, round)
    const labels = new Map(targets.map((t) => [t.id, t.label]))
    // Dots on what is no target any more (hidden or deleted during the round) are not ranked.
    const tally = new Map<string, number>()
    for (const b of ballots.values())
      for (const [t, n] of Object.entries(b))
        if (labels.has(t)) tally.set(t, (tally.get(t) ?? 0) + n)
    return rankTally(
      tally,
      targets.map((t) => t.id),
    ).map((e) => ({ ...e, label: labels.get(e.targetId) ?? '' }))
  }
}
