/**
 * Carrying ideas from one workshop into another (issue 20 §1, "Workshop series"). A facilitator
 * of both workshops names public ideas and whole clusters of the source; the server reads them
 * from the source's outcome (so hidden and pending ideas, and every name, stay behind), adds the
 * votes of the source's latest revealed dot round on ideas, and writes them into the target's
 * board as new ideas with `carriedFrom` — through the target's room, as a server edit on the
 * facilitator's behalf, so connected clients see them at once and the room stores them like any
 * update. A source idea this target carried already is skipped, never carried twice.
 */
import { Board, type CarriedFrom } from '@ideenwand/board'
import type { CarryCandidates, CarryIdea, CarryResult } from '@ideenwand/protocol'
import { MAX_CARRY_IDEAS } from '@ideenwand/protocol'
import { latestRound, type Outcome, type OutcomeColor, type OutcomeIdea } from '@ideenwand/report'
import { DomainError, DomainErrorCode } from '../DomainError.ts'
import type { Rooms } from '../sync/Rooms.ts'
import { EditedBy } from '../sync/updateSender.ts'
import type { ControlStore } from '../workshops/ControlStore.ts'
import type { WorkshopStore } from '../workshops/WorkshopStore.ts'

/** What carrying needs of the outcome service. */
export interface CarrySources {
  outcome(workshopId: string, request: { names: false }): Promise<Outcome>
}

/** What a facilitator asked to carry (already validated: `CarryRequest`). */
export interface CarryInput {
  fromWorkshopId: string
  ideaIds: readonly string[]
  clusterIds: readonly string[]
}

type Votes = Map<string, { dots: number; rank: number }>

/** The dots and ranks of the outcome's latest revealed dot round on ideas, and that round. */
export function latestIdeaVotes(outcome: Outcome): {
  round: { number: number; revealedAt: number } | null
  votes: Votes
} {
  const round = latestRound(outcome, 'idea')
  if (!round) return { round: null, votes: new Map() }
  return {
    round: { number: round.number, revealedAt: round.revealedAt },
    votes: new Map(round.results.map((r) => [r.targetId, { dots: r.dots, rank: r.rank }])),
  }
}

export class Carrying {
  constructor(
    private readonly sources: CarrySources,
    private readonly workshops: Pick<WorkshopStore, 'info'>,
    private readonly rooms: Rooms,
    private readonly control: Pick<ControlStore, 'log'>,
  ) {}

  /** What can be carried from a workshop: its public ideas by cluster, with their votes. */
  async candidates(workshopId: string): Promise<CarryCandidates> {
    const outcome = await this.sources.outcome(workshopId, { names: false })
    const { round, votes } = latestIdeaVotes(outcome)
    const idea = (i: OutcomeIdea): CarryIdea => ({
      id: i.id,
      text: i.text,
      dots: votes.get(i.id)?.dots ?? null,
      rank: votes.get(i.id)?.rank ?? null,
    })
    return {
      workshop: { id: workshopId, title: outcome.workshop.title, date: outcome.workshop.date },
      round,
      clusters: outcome.groups.flatMap((g) =>
        g.cluster
          ? [
              {
                id: g.cluster.id,
                title: g.cluster.title,
                color: g.cluster.color,
                ideas: g.ideas.map(idea),
              },
            ]
          : [],
      ),
      unsorted: outcome.groups.find((g) => g.cluster === null)?.ideas.map(idea) ?? [],
    }
  }

  /**
   * Carries the named ideas and clusters of `input.fromWorkshopId` into `targetId`. The caller
   * has checked that the actor facilitates both. Refuses the same workshop (400), an unknown or
   * non-public idea (404 `idea_not_found`), an unknown cluster (404 `cluster_not_found`), more
   * than {@link MAX_CARRY_IDEAS} ideas (400) and an archived target (409).
   */
  async carry(targetId: string, input: CarryInput, actorId: string): Promise<CarryResult> {
    if (input.fromWorkshopId === targetId) throw new DomainError(DomainErrorCode.CarrySameWorkshop)
    const target = await this.workshops.info(targetId)
    if (!target) throw new DomainError(DomainErrorCode.WorkshopNotFound)
    if (target.archived) throw new DomainError(DomainErrorCode.WorkshopArchived)
    const outcome = await this.sources.outcome(input.fromWorkshopId, { names: false })
    const plan = planCarry(outcome, input)
    const { votes } = latestIdeaVotes(outcome)
    const carriedAt = Date.now()
    const provenance = (ideaId: string): CarriedFrom => ({
      workshopId: input.fromWorkshopId,
      ideaId,
      title: outcome.workshop.title,
      date: outcome.workshop.date,
      dots: votes.get(ideaId)?.dots ?? null,
      rank: votes.get(ideaId)?.rank ?? null,
      carriedAt,
    })

    const result: CarryResult = { workshopId: targetId, carried: [], skipped: [], clusters: [] }
    const room = await this.rooms.acquire(target.boardId)
    try {
      if (room.isClosed) throw new DomainError(DomainErrorCode.BoardUnavailable)
      const board = new Board(room.doc, { now: () => carriedAt })
      const already = new Set(
        board
          .ideas()
          .filter((i) => i.carriedFrom?.workshopId === input.fromWorkshopId)
          .map((i) => i.carriedFrom?.ideaId),
      )
      room.doc.transact(
        () => {
          for (const group of plan) {
            const fresh = group.ideas.filter((i) => !already.has(i.id))
            for (const i of group.ideas) {
              if (already.has(i.id))
                result.skipped.push({ fromIdeaId: i.id, reason: 'already_carried' })
            }
            let clusterId: string | null = null
            if (group.cluster) {
              // A cluster of the same title in the target takes the ideas (a second carry of the
              // same cluster, or a theme the series has already); otherwise a new one.
              const title = group.cluster.title
              clusterId =
                board.clusters().find((c) => c.title === title)?.id ??
                board.addCluster({ title, color: group.cluster.color })
              result.clusters.push({ fromClusterId: group.cluster.id, clusterId })
            }
            for (const i of fresh) {
              const ideaId = board.addIdea({
                text: i.text,
                color: i.color,
                clusterId,
                carriedFrom: provenance(i.id),
              })
              already.add(i.id)
              result.carried.push({ fromIdeaId: i.id, ideaId, clusterId })
            }
          }
        },
        new EditedBy({ kind: 'facilitator', id: actorId }),
      )
      // Stored before the answer: the carried ideas survive a restart from here on.
      await room.flush()
    } finally {
      this.rooms.release(target.boardId)
    }
    await this.control.log(targetId, 'facilitator', 'ideas-carried', {
      from: input.fromWorkshopId,
      ideas: result.carried.length,
      clusters: result.clusters.length,
      skipped: result.skipped.length,
    })
    return result
  }
}

interface CarryGroup {
  cluster: { id: string; title: string; color: OutcomeColor } | null
  ideas: OutcomeIdea[]
}

/**
 * Which ideas go where: each named cluster with its public ideas, then the named ideas that are
 * not in a named cluster (unsorted in the target). Throws for unknown ids and too many ideas.
 */
export function planCarry(outcome: Outcome, input: CarryInput): CarryGroup[] {
  const ideas = new Map<string, OutcomeIdea>()
  for (const g of outcome.groups) for (const i of g.ideas) ideas.set(i.id, i)
  const groups: CarryGroup[] = []
  const taken = new Set<string>()
  for (const clusterId of new Set(input.clusterIds)) {
    const group = outcome.groups.find((g) => g.cluster?.id === clusterId)
    if (!group?.cluster) {
      throw new DomainError(
        DomainErrorCode.ClusterNotFound,
        `No cluster ${clusterId} in the source`,
      )
    }
    for (const i of group.ideas) taken.add(i.id)
    groups.push({ cluster: group.cluster, ideas: group.ideas })
  }
  const single: OutcomeIdea[] = []
  for (const ideaId of new Set(input.ideaIds)) {
    const idea = ideas.get(ideaId)
    // Hidden, pending, deleted or another workshop's: not public here, so not carried.
    if (!idea)
      throw new DomainError(DomainErrorCode.IdeaNotFound, `No public idea ${ideaId} in the source`)
    if (!taken.has(ideaId)) {
      taken.add(ideaId)
      single.push(idea)
    }
  }
  if (single.length > 0) groups.push({ cluster: null, ideas: single })
  if (taken.size > MAX_CARRY_IDEAS) {
    throw new DomainError(
      DomainErrorCode.CarryTooMany,
      `At most ${MAX_CARRY_IDEAS} ideas at once (${taken.size} named)`,
    )
  }
  return groups
}
