/**
 * The join funnel (issue 19 §5): per channel, how many people opened the join link, joined,
 * wrote a first idea and voted — so a facilitator sees where people need help. Aggregate only:
 * counts, never who. `GET /api/workshops/{id}/funnel`, facilitators of the workshop only.
 */
import { z } from 'zod'
import { SpeakingChannel } from './speaking.ts'

/** Where a person takes part from: in the room ("Saal") or from home ("zu Hause"). */
export const Channel = SpeakingChannel
export type Channel = SpeakingChannel

export const FunnelCounts = z.object({
  /** Join-link openings counted by the join page (one per browser and code). */
  opened: z.number().int(),
  /** Participants who joined (the projector's viewers are not counted). */
  joined: z.number().int(),
  /** Of those, who got at least one idea onto the board (public or held). */
  firstIdea: z.number().int(),
  /** Of those, who placed at least one dot in any round. */
  voted: z.number().int(),
})
export type FunnelCounts = z.infer<typeof FunnelCounts>

export const JoinFunnel = z.object({
  room: FunnelCounts,
  home: FunnelCounts,
  /** Participants whose device did not say (joined through the API or before the funnel). */
  unknown: FunnelCounts,
})
export type JoinFunnel = z.infer<typeof JoinFunnel>

/** `?channel=` of the join preview: the join page counts an opening (once per browser). */
export const JoinPreviewQuery = z.object({ channel: Channel.optional() })
