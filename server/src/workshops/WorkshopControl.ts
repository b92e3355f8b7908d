/**
 * The types the workshop control modules share: a workshop's cached control data, who acts on it
 * and who looks at it. ControlService owns the cache; VotingRounds and ControlMessages work on
 * the entries it hands them, so the shape lives here rather than in any one of them.
 */
import type { RoundInfo } from '@ideenwand/protocol'
import type { FlowState, FlowStore } from './FlowStore.ts'

/** A workshop's control data, loaded once by ControlService and kept current in memory. */
export interface CachedControl {
  workshopId: string
  boardId: string
  archived: boolean
  state: FlowState
  round: RoundInfo | null
  flags: { hidden: string[]; pending: string[] }
  history: Awaited<ReturnType<FlowStore['revealedRounds']>>
  /** Closes the open round when its time is up (see `VotingRounds.scheduleEnd`). */
  roundTimer: NodeJS.Timeout | null
}

/** Who a control view is for. */
export interface Viewer {
  role: 'facilitator' | 'participant' | 'viewer'
  id: string
  name: string | null
  canWrite: boolean
}

export interface Actor {
  role: 'facilitator' | 'participant' | 'viewer'
  /** Guest or facilitator id. */
  id: string
}

/** The dots of a round by voter: voter id → target id → dots. */
export type Ballots = Map<string, Record<string, number>>
