/**
 * Carrying ideas from one workshop into another (issue 20 §1, "Workshop series") over the API.
 * Only facilitators of both workshops carry; the server reads the ideas, their clusters and the
 * votes of the source's latest revealed round itself — the request names ids only.
 */
import { ID_PATTERN, IDEA_COLORS } from '@ideenwand/board'
import { z } from 'zod'

/** Most ideas one request carries (clusters' ideas counted). */
export const MAX_CARRY_IDEAS = 500

const Id = z.string().regex(ID_PATTERN, 'not a valid id')

/**
 * `POST /api/workshops/{id}/carry` (`id`: the target workshop): carry these public ideas and
 * whole clusters (with their public ideas) of `fromWorkshopId`. At least one id.
 */
export const CarryRequest = z
  .object({
    fromWorkshopId: Id,
    ideaIds: z.array(Id).max(MAX_CARRY_IDEAS).optional(),
    clusterIds: z.array(Id).max(MAX_CARRY_IDEAS).optional(),
  })
  .refine(
    (r) => (r.ideaIds?.length ?? 0) + (r.clusterIds?.length ?? 0) > 0,
    'name at least one idea or cluster',
  )
export type CarryRequest = z.input<typeof CarryRequest>

/** What a carry did: the new ids in the target, and what was carried before and skipped. */
export const CarryResult = z.object({
  workshopId: z.string(),
  carried: z.array(
    z.object({
      fromIdeaId: z.string(),
      ideaId: z.string(),
      clusterId: z.string().nullable(),
    }),
  ),
  /** Ideas of the source that this target has carried already (not carried twice). */
  skipped: z.array(z.object({ fromIdeaId: z.string(), reason: z.literal('already_carried') })),
  /** Clusters of the source and the target's cluster their ideas went into. */
  clusters: z.array(z.object({ fromClusterId: z.string(), clusterId: z.string() })),
})
export type CarryResult = z.infer<typeof CarryResult>

/** One public idea of the source, with its votes in the latest revealed round. */
export const CarryIdea = z.object({
  id: z.string(),
  text: z.string(),
  dots: z.number().nullable(),
  rank: z.number().nullable(),
})
export type CarryIdea = z.infer<typeof CarryIdea>

/** `GET /api/workshops/{id}/carry-candidates` (facilitators): what can be carried from it. */
export const CarryCandidates = z.object({
  workshop: z.object({ id: z.string(), title: z.string(), date: z.string().nullable() }),
  /** The round whose dots are shown; null when no dot round on ideas was revealed. */
  round: z.object({ number: z.number(), revealedAt: z.number() }).nullable(),
  clusters: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      color: z.enum(IDEA_COLORS),
      ideas: z.array(CarryIdea),
    }),
  ),
  unsorted: z.array(CarryIdea),
})
export type CarryCandidates = z.infer<typeof CarryCandidates>
