/**
 * The workshop phases and what each one allows. The server enforces the document-level part
 * (who may change the board at all); views use the rest to show what to do now.
 */
export const PHASES = ['collect', 'cluster', 'vote', 'discuss'] as const
export type Phase = (typeof PHASES)[number]

/** Who someone is on a board; the one list (the API and the control message use it too). */
export const ROLES = ['facilitator', 'participant', 'viewer'] as const
export type Role = (typeof ROLES)[number]

export interface PhaseRules {
  /** Participants may add ideas. */
  addIdeas: boolean
  /** Participants may edit and delete their own ideas. */
  editOwnIdeas: boolean
  /** Participants may move ideas between clusters and change the canvas. */
  arrange: boolean
  /** Dots can be placed (when a round is open). */
  vote: boolean
}

export const PHASE_RULES: Record<Phase, PhaseRules> = {
  collect: { addIdeas: true, editOwnIdeas: true, arrange: true, vote: false },
  cluster: { addIdeas: false, editOwnIdeas: true, arrange: true, vote: false },
  vote: { addIdeas: false, editOwnIdeas: false, arrange: false, vote: true },
  discuss: { addIdeas: false, editOwnIdeas: false, arrange: false, vote: false },
}

export function isPhase(value: unknown): value is Phase {
  return typeof value === 'string' && (PHASES as readonly string[]).includes(value)
}

/**
 * Whether a role may change the board document now. Facilitators always may (unless the
 * workshop is archived); viewers never; participants while the phase lets them add, edit or
 * arrange and the board is not locked.
 */
export function mayWriteBoard(
  role: Role,
  state: { phase: Phase; locked: boolean; archived: boolean },
): boolean {
  if (state.archived || role === 'viewer') return false
  if (role === 'facilitator') return true
  const rules = PHASE_RULES[state.phase]
  return !state.locked && (rules.addIdeas || rules.editOwnIdeas || rules.arrange)
}

/** The phase after `phase`, or null after the last. */
export function nextPhase(phase: Phase): Phase | null {
  return PHASES[PHASES.indexOf(phase) + 1] ?? null
}
