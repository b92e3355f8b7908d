/**
 * The types the workshop control modules share: a workshop's cached control data, who acts on it
 * and who looks at it. ControlCache keeps the entries for ControlService; Facilitation,
 * IdeaModeration, VotingRounds and ControlMessages work on the entries it hands them, so the shape
 * lives here rather than in any one of them.
 */
import type { IdeaStatus } from '@ideenwand/board'
import type { Role, RoundInfo, TableInfo } from '@ideenwand/protocol'
import type { ControlRow } from './ControlStore.ts'
import type { HeldRow } from './HeldIdeas.ts'
import type { RoundStore } from './RoundStore.ts'
import type { SpeakingData } from './SpeakingStore.ts'

/** A workshop's control data, loaded once (ControlCache) and kept current in memory. */
export interface CachedControl {
  workshopId: string
  boardId: string
  archived: boolean
  state: ControlRow
  round: RoundInfo | null
  flags: { hidden: string[]; pending: string[] }
  /** Ideas the server holds outside the board until they are public (HeldIdeas). */
  held: HeldRow[]
  /**
   * Their ids. The board's room reads this set (BoardPolicy.heldIdeaIds) and adds to it the
   * moment it takes an idea out, before the held store has it.
   */
  heldIds: Set<string>
  /** Who wrote each idea, as the server saw it (IdeaAuthors); shared with the room's policy. */
  authors: Map<string, string>
  history: Awaited<ReturnType<RoundStore['revealedRounds']>>
  /** Each idea's current status other than `open` (issue 20 §2), reloaded after a change. */
  statuses: Map<string, IdeaStatus>
  /** The speaking queue (SpeakingQueue), reloaded after each of its changes. */
  speaking: SpeakingData
  /** Closes the open round when its time is up (see `VotingRounds.scheduleEnd`). */
  roundTimer: NodeJS.Timeout | null
}

/** Who a control view is for. */
export interface Viewer {
  role: Role
  id: string
  name: string | null
  canWrite: boolean
  /** A table's shared device (issue 19 §2): it votes for its people. */
  table?: TableInfo | null
}

export interface Actor {
  role: Role
  /** Guest or facilitator id. */
  id: string
  /** A table's shared device (issue 19 §2): it votes for its people. */
  table?: TableInfo | null
}

/** The dots of a round by voter: voter id → target id → dots. */
export type Ballots = Map<string, Record<string, number>>
