/**
 * Voting rounds of a workshop: starting, closing (by hand or when the round's time is up) and
 * revealing them, placing and taking back dots, and what a viewer may see of a round. Ballots stay
 * secret: a participant sees only their own, a facilitator the turnout and, if shown, the tally.
 *
 * A round decides by dots or by resistance ("Systemisches Konsensieren", `@ideenwand/board`
 * resistance.ts): each participant rates each option 0–10, the passive solution is always one of
 * them, and the least total resistance wins. Both methods share this machinery — start, close,
 * reveal, timer, secrecy; a resistance round has no running tally, its figures show at the
 * reveal only.
 *
 * The cached control data and publishing belong to ControlService, which hands them in as a
 * `VotingHost`; this module only changes the `round`, `history` and `roundTimer` of an entry.
 */
import {
  Board,
  ballotComplete,
  emptyBallot,
  isResistance,
  PASSIVE_OPTION,
  type Phase,
  RESISTANCE_MAX,
  RESISTANCE_MAX_OPTIONS,
  type ResistanceEntry,
  type RoundRules,
  rankResistance,
  rankTally,
} from '@ideenwand/board'
import type { ControlState, RankedEntry, RoundInfo, RoundMethod } from '@ideenwand/protocol'
import type * as Y from 'yjs'
import { DomainError, DomainErrorCode } from '../DomainError.ts'
import type { Rooms } from '../sync/Rooms.ts'
import type { ControlStore } from './ControlStore.ts'
import type { RoundStore } from './RoundStore.ts'
import type { Actor, Ballots, CachedControl, Viewer } from './WorkshopControl.ts'

/** A facilitator's settings for a new round. */
export interface RoundInput {
  /** Dots (the default) or resistance 0–10 per option. */
  method?: RoundMethod
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

/** People with a dot: a table device counts as its people (issue 19 §2), anyone else as one. */
function voterCount(ballots: Ballots, people: ReadonlyMap<string, number>): number {
  let voters = 0
  for (const [voter, ballot] of ballots) {
    if (Object.keys(ballot).length > 0) voters += people.get(voter) ?? 1
  }
  return voters
}

/** A person's ratings of the options still in the round, and how many they have not rated. */
function ratingsOf(ballot: Record<string, number>, options: readonly { id: string }[]) {
  const votes = emptyBallot()
  for (const { id } of options) if (Object.hasOwn(ballot, id)) votes[id] = ballot[id] ?? 0
  return { votes, remaining: options.length - Object.keys(votes).length }
}

export class VotingRounds {
  constructor(
    private readonly rounds: RoundStore,
    /** For the activity log. */
    private readonly controlStore: Pick<ControlStore, 'log'>,
    private readonly rooms: Rooms,
    private readonly host: VotingHost,
  ) {}

  /** Opens a round (revealing a closed one first) and switches the workshop to the vote phase. */
  async start(workshopId: string, input: RoundInput, actor: Actor): Promise<RoundInfo> {
    const c = await this.host.load(workshopId)
    if (c.round?.status === 'open') throw new DomainError(DomainErrorCode.RoundOpen)
    const method = input.method ?? 'dots'
    // A resistance round fixes its options now: everyone rates the same list, whatever is added
    // to the board meanwhile.
    const options = method === 'resistance' ? await this.resistanceOptions(c, input) : null
    if (c.round?.status === 'closed') await this.reveal(workshopId, actor)
    const round = await this.rounds.createRound(workshopId, {
      method,
      targetKind: input.targetKind,
      targetIds: options ?? input.targetIds,
      dotsPerPerson: options ? RESISTANCE_MAX : input.dotsPerPerson,
      maxPerTarget: options ? RESISTANCE_MAX : Math.min(input.maxPerTarget, input.dotsPerPerson),
      endsAt: input.durationMs ? Date.now() + input.durationMs : null,
    })
    c.round = round
    this.scheduleEnd(c)
    await this.controlStore.log(workshopId, actor.role, 'round-started', {
      number: round.number,
      ...(options ? { method, options: options.length + 1 } : { dots: round.dotsPerPerson }),
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
    await this.rounds.setRoundStatus(c.round.id, 'closed')
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
    const ballots = await this.rounds.ballotsByVoter(round)
    let results: RankedEntry[] | ResistanceEntry[]
    let voters: number
    if (round.method === 'resistance') {
      const weights = await this.rounds.ratingWeights(round.id)
      const ranking = rankResistance(ballots, await this.resistanceTargets(c, round), weights)
      results = ranking
      voters = ranking[0]?.raters ?? 0
    } else {
      results = await this.ranking(c, round, ballots)
      voters = voterCount(ballots, await this.rounds.tablePeople(workshopId))
    }
    await this.rounds.reveal(round.id, results, voters)
    c.round = null
    c.history = await this.rounds.revealedRounds(workshopId)
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
    if (round.method !== 'dots') throw new DomainError(DomainErrorCode.WrongMethod)
    // Dots go only to what is a target now (a runoff's target hidden meanwhile takes none); one
    // already given can always be taken back (applyDot).
    const targetIds = (await this.targets(c, round)).map((t) => t.id)
    const budget = ballotRules(round, actor)
    const rules: RoundRules = { ...budget, targetIds }
    const result = await this.rounds.placeDot(round.id, actor.id, targetId, delta, rules)
    // The ballot rules' refusals are domain codes of the same name.
    if (!result.ok) throw new DomainError(result.error)
    await this.host.publishVote(c, actor.id)
    return ballotView(result.ballot, budget, actor)
  }

  /**
   * A participant sets their resistance (0–10) to an option of the open resistance round; they
   * can change it until the round closes. Returns their ratings and how many options they have
   * not rated yet.
   */
  async rate(workshopId: string, targetId: string, resistance: number, actor: Actor) {
    const c = await this.host.load(workshopId)
    const round = c.round
    if (actor.role !== 'participant') throw new DomainError(DomainErrorCode.NotAVoter)
    if (round?.status !== 'open' || c.state.phase !== 'vote') {
      throw new DomainError(DomainErrorCode.NoOpenRound)
    }
    if (round.method !== 'resistance') throw new DomainError(DomainErrorCode.WrongMethod)
    if (!isResistance(resistance)) throw new DomainError(DomainErrorCode.InvalidResistance)
    const options = await this.resistanceTargets(c, round)
    if (!options.some((o) => o.id === targetId)) {
      throw new DomainError(DomainErrorCode.InvalidTarget)
    }
    // A table's device rates for its people (issue 19 §2): its ballot counts once per person.
    const weight = actor.table?.people ?? 1
    await this.rounds.rate(round.id, actor.id, targetId, resistance, weight)
    await this.host.publishVote(c, actor.id)
    const ballots = await this.rounds.ballotsByVoter(round)
    return ratingsOf(ballots.get(actor.id) ?? emptyBallot(), options)
  }

  /** The ballots of a round not yet revealed (a revealed round's live in its results). */
  async ballots(round: RoundInfo | null): Promise<Ballots> {
    return round && round.status !== 'revealed' ? this.rounds.ballotsByVoter(round) : new Map()
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
    if (round?.method === 'resistance') return this.resistanceView(c, round, viewer, ballots)
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
      const people = await this.rounds.tablePeople(c.workshopId)
      turnout = { voters: voterCount(ballots, people), dots }
      if (c.state.showTally) tally = await this.ranking(c, round, ballots)
    }
    return { myBallot, turnout, tally }
  }

  /**
   * A resistance round as `viewer` sees it: a participant their own ratings while it is open, a
   * facilitator how many rated and how many ballots are complete — never a figure of an option.
   */
  private async resistanceView(
    c: CachedControl,
    round: RoundInfo,
    viewer: Viewer,
    ballots: Ballots,
  ): Promise<RoundView> {
    const empty: RoundView = { myBallot: null, turnout: null, tally: null }
    if (viewer.role === 'viewer') return empty
    if (viewer.role === 'participant' && round.status !== 'open') return empty
    const options = await this.resistanceTargets(c, round)
    if (viewer.role === 'participant') {
      return { ...empty, myBallot: ratingsOf(ballots.get(viewer.id) ?? emptyBallot(), options) }
    }
    const ids = options.map((o) => o.id)
    let voters = 0
    let ratings = 0
    let complete = 0
    for (const b of ballots.values()) {
      const n = Object.keys(b).length
      if (n > 0) voters++
      ratings += n
      if (ballotComplete(b, ids)) complete++
    }
    return { ...empty, turnout: { voters, dots: ratings, complete } }
  }

  /**
   * The options a new resistance round offers: the chosen ideas or clusters (or all visible),
   * at least one and at most `RESISTANCE_MAX_OPTIONS`; the passive solution comes on top.
   */
  private async resistanceOptions(c: CachedControl, input: RoundInput): Promise<string[]> {
    const targets = await this.targets(c, input)
    const ids = targets.map((t) => t.id).filter((id) => id !== PASSIVE_OPTION)
    if (ids.length === 0) throw new DomainError(DomainErrorCode.NoOptions)
    if (ids.length > RESISTANCE_MAX_OPTIONS) {
      throw new DomainError(
        DomainErrorCode.TooManyOptions,
        `A resistance round offers at most ${RESISTANCE_MAX_OPTIONS} ideas or clusters (${ids.length} chosen); choose fewer`,
      )
    }
    return ids
  }

  /** A resistance round's options now: its ideas or clusters still shown, then the passive one. */
  private async resistanceTargets(c: CachedControl, round: RoundInfo) {
    const targets = (await this.targets(c, round)).filter((t) => t.id !== PASSIVE_OPTION)
    return [...targets, { id: PASSIVE_OPTION, label: '' }]
  }

  /**
   * The round's targets now, with their labels: the board's ideas (or clusters), or the round's
   * own list (a runoff). Hidden and pending ideas are none, whether or not the board's doc still
   * holds them (the flags say so), and neither is what the doc no longer holds (deleted): a
   * target without a label is never ranked or shown.
   */
  private async targets(
    c: CachedControl,
    round: Pick<RoundInfo, 'targetKind' | 'targetIds'>,
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
