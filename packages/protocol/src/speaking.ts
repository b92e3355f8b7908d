/**
 * The speaking queue ("Wortmeldungen", issue 19 §1) as the control state carries it: one queue
 * for the people in the room and those at home, decided by the server. Everyone in the workshop
 * sees the queue as the projector shows it — a channel and, where the person gave a name and
 * names are allowed, that name; never a guest id. Each participant also learns which entry is
 * theirs (`mine`, `me`).
 */
import { z } from 'zod'

/** Where a person speaks from: in the room ("Saal") or from home ("zu Hause"). */
export const SpeakingChannel = z.enum(['room', 'home'])
export type SpeakingChannel = z.infer<typeof SpeakingChannel>

export const SpeakingEntry = z.object({
  /** The request's own id (random); it names nobody. */
  id: z.string(),
  channel: SpeakingChannel,
  /** The person's name where they gave one and the workshop shows names; else null. */
  name: z.string().nullable(),
  /** This connection's person made the request. */
  mine: z.boolean(),
  requestedAt: z.number(),
  /** While speaking: when the turn started. */
  startedAt: z.number().nullable(),
})
export type SpeakingEntry = z.infer<typeof SpeakingEntry>

/** Finished turns of one channel so far. */
const ChannelTurns = z.object({ count: z.number(), totalMs: z.number() })

export const SpeakingState = z.object({
  /** Call room and home in turn ("abwechselnd Saal und zu Hause"). */
  alternate: z.boolean(),
  /** Who speaks now, or null. */
  current: SpeakingEntry.nullable(),
  /** Waiting requests in the order they will be called (alternation applied). */
  queue: z.array(SpeakingEntry),
  /** This person's own request, if any: its 1-based place while waiting, null while speaking. */
  me: z
    .object({
      id: z.string(),
      channel: SpeakingChannel,
      status: z.enum(['waiting', 'speaking']),
      position: z.number().nullable(),
    })
    .nullable(),
  turns: z.object({ room: ChannelTurns, home: ChannelTurns }),
})
export type SpeakingState = z.infer<typeof SpeakingState>

/** A participant's request to speak (`POST …/speaking`). */
export const SpeakingRequest = z.strictObject({ channel: SpeakingChannel })

/** A facilitator's change of the queue's settings (`PATCH …/speaking`). */
export const SpeakingSettings = z.strictObject({ alternate: z.boolean() })

/** A facilitator moves a waiting request to a place of the queue (0 = first). */
export const SpeakingMove = z.strictObject({ index: z.number().int().min(0).max(10_000) })
