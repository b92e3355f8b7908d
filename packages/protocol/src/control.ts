/**
 * The workshop's control state — phase, timer, voting round, facilitation — which the server
 * decides and pushes to every connection of the board as a `Control` message (type 101, JSON).
 * Parts are per connection: a participant gets only their own ballot; facilitators get turnout
 * (and the tally when they chose to see it); everyone gets the results after the reveal.
 */

import { PHASES } from '@ideenwand/board'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { z } from 'zod'
import { Role } from './api.ts'
import { IdeaStatus } from './ideaStatus.ts'
import { MessageType } from './messages.ts'
import { SpeakingState } from './speaking.ts'
import { IdeaSource, TableInfo } from './tables.ts'

export const Phase = z.enum(PHASES)

export const TimerState = z.object({
  status: z.enum(['stopped', 'running', 'paused']),
  /** Length the timer was set to (ms). */
  durationMs: z.number(),
  /** Server time (ms epoch) the timer ends at, while running. */
  endsAt: z.number().nullable(),
  /** Time left (ms) while paused or stopped. */
  remainingMs: z.number(),
})
export type TimerState = z.infer<typeof TimerState>

export const RankedEntry = z.object({
  targetId: z.string(),
  label: z.string(),
  dots: z.number(),
  rank: z.number(),
  tied: z.boolean(),
})
export type RankedEntry = z.infer<typeof RankedEntry>

/**
 * One option of a revealed resistance round ("Systemisches Konsensieren", see
 * `@ideenwand/board` resistance.ts): least total resistance ranks first.
 */
export const ResistanceEntry = z.object({
  targetId: z.string(),
  /** The idea text or cluster title at the reveal; empty for the passive solution. */
  label: z.string(),
  /** The passive solution ("alles bleibt, wie es ist"); the views name it in their language. */
  passive: z.boolean(),
  raters: z.number(),
  total: z.number(),
  mean: z.number().nullable(),
  acceptance: z.number().nullable(),
  rank: z.number(),
  tied: z.boolean(),
})
export type ResistanceEntry = z.infer<typeof ResistanceEntry>

/** How a round decides: dot voting, or resistance 0–10 per option (Systemisches Konsensieren). */
export const RoundMethod = z.enum(['dots', 'resistance'])
export type RoundMethod = z.infer<typeof RoundMethod>

export const RoundInfo = z.object({
  id: z.string(),
  number: z.number(),
  status: z.enum(['open', 'closed', 'revealed']),
  method: RoundMethod,
  targetKind: z.enum(['idea', 'cluster']),
  /**
   * The round's ideas or clusters, or null for everything visible (dot rounds only). A
   * resistance round always lists its options (the passive solution is not listed: it is always
   * one).
   */
  targetIds: z.array(z.string()).nullable(),
  /** Dot rounds; a resistance round holds the top of its scale (10) in both. */
  dotsPerPerson: z.number(),
  maxPerTarget: z.number(),
  endsAt: z.number().nullable(),
})
export type RoundInfo = z.infer<typeof RoundInfo>

export const RevealedRound = RoundInfo.extend({
  revealedAt: z.number(),
  /** Dot rounds: people with a dot; resistance rounds: people whose ballot counts (complete). */
  voters: z.number(),
  /** Dot rounds' ranking; empty for a resistance round. */
  results: z.array(RankedEntry),
  /** A resistance round's ranking; null for a dot round. */
  resistance: z.array(ResistanceEntry).nullable(),
})
export type RevealedRound = z.infer<typeof RevealedRound>

export const Spotlight = z.object({ kind: z.enum(['idea', 'cluster']), id: z.string() })

/**
 * An idea the server holds outside the board because it is not public yet (pending approval,
 * hidden, or written during private collection before the reveal). Only its author and
 * facilitators receive it; `authorName` only goes to facilitators, and not with anonymous ideas.
 */
export const HeldIdea = z.object({
  id: z.string(),
  text: z.string(),
  color: z.string(),
  clusterId: z.string().nullable(),
  authorName: z.string().nullable(),
  createdAt: z.number(),
  reasons: z.array(z.enum(['pending', 'hidden', 'private'])),
  /** The viewer wrote it (a participant's own idea). */
  mine: z.boolean(),
  /** Facilitators only, when not `own`: a table device's idea or one typed in from paper. */
  source: IdeaSource.optional(),
  /** With source `table`: the table's label. */
  table: z.string().nullable().optional(),
})
export type HeldIdea = z.infer<typeof HeldIdea>

/** The workshop's switches, as the control state carries them and facilitators change them. */
const SettingFlags = z.object({
  locked: z.boolean(),
  privateCollection: z.boolean(),
  /** With private collection: whether everyone's ideas are shown now. */
  ideasRevealed: z.boolean(),
  premoderation: z.boolean(),
  anonymousIdeas: z.boolean(),
  /** With anonymous ideas: false means new ideas carry no author id at all. */
  storeAuthors: z.boolean(),
  /**
   * Participants may move everyone's cards and change cluster membership while the phase allows
   * arranging; off: only their own cards, and only facilitators sort into clusters.
   */
  collaborativeClustering: z.boolean(),
})

/**
 * A facilitator's request to change settings (`PATCH …/control/settings`): any of the switches,
 * whether they see the tally during a round, the spotlight and whom everyone follows.
 */
export const ControlSettings = SettingFlags.extend({
  showTally: z.boolean(),
  spotlight: Spotlight.nullable(),
  follow: z.string().min(1).max(100).nullable(),
}).partial()
export type ControlSettings = z.input<typeof ControlSettings>

export const ControlState = z.object({
  serverTime: z.number(),
  workshopId: z.string(),
  phase: Phase,
  phaseStartedAt: z.number(),
  timer: TimerState,
  ...SettingFlags.shape,
  spotlight: Spotlight.nullable(),
  /** tldraw user id everyone's canvas follows ("bring everyone to me"), or null. */
  follow: z.string().nullable(),
  hiddenIdeaIds: z.array(z.string()),
  pendingIdeaIds: z.array(z.string()),
  /** "+1" supports per public idea (ideas without support left out); everyone sees them. */
  support: z.record(z.string(), z.number()),
  /**
   * What became of the public ideas (issue 20 §2): the current status of each idea whose status
   * is not `open`; everyone in the workshop sees it (the history stays with the facilitators).
   */
  ideaStatus: z.record(z.string(), IdeaStatus),
  /** Ideas not public yet that this connection may see: its own; facilitators: all. */
  heldIdeas: z.array(HeldIdea),
  round: RoundInfo.nullable(),
  /**
   * This connection's own ballot in the open round: dots per target and dots left; in a
   * resistance round its ratings (0–10) per option and how many options it has not rated yet.
   * A table device (issue 19 §2) votes for its people: its dots are the round's dots × people,
   * and `maxPerTarget` (sent to table devices only) is its own cap per target, the round's ×
   * people.
   */
  myBallot: z
    .object({
      votes: z.record(z.string(), z.number()),
      remaining: z.number(),
      maxPerTarget: z.number().optional(),
    })
    .nullable(),
  /**
   * Facilitators only: people who voted and dots placed; in a resistance round people who rated
   * anything, ratings given and `complete` ballots (those count).
   */
  turnout: z
    .object({ voters: z.number(), dots: z.number(), complete: z.number().optional() })
    .nullable(),
  /**
   * Dot rounds: facilitators who asked to see it during the round. A resistance round has no
   * running tally for anyone: its figures show at the reveal only.
   */
  tally: z.array(RankedEntry).nullable(),
  history: z.array(RevealedRound),
  /** The speaking queue ("Wortmeldungen"), see `speaking.ts`. */
  speaking: SpeakingState,
  me: z.object({
    role: Role,
    /** Guest or facilitator id; authors of ideas are stored under it. */
    id: z.string(),
    /**
     * Ideas on the board this person wrote by the server's record — also anonymous ones, whose
     * document entry names nobody. Sent to this person only.
     */
    ideaIds: z.array(z.string()),
    /** Public ideas this person supports ("+1"); participants only. */
    supportedIdeaIds: z.array(z.string()),
    name: z.string().nullable(),
    canWrite: z.boolean(),
    /** This connection is a table's shared device (issue 19 §2): its label and people. */
    table: TableInfo.nullable().optional(),
  }),
})
export type ControlState = z.infer<typeof ControlState>

export function encodeControl(state: ControlState): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.Control)
  encoding.writeVarString(encoder, JSON.stringify(state))
  return encoding.toUint8Array(encoder)
}

/** Reads the payload of a Control message (after its type); null if it does not parse. */
export function decodeControl(decoder: decoding.Decoder): ControlState | null {
  try {
    const parsed = ControlState.safeParse(JSON.parse(decoding.readVarString(decoder)))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}
