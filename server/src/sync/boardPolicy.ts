/**
 * What a participant may do on a board now: the workshop state the update check depends on
 * (`BoardPolicy`, pushed by the workshop control, see ControlService), the writer's identity as
 * the server established it, and the rights both give in the current phase.
 */
import { PHASE_RULES, type Phase } from '@ideenwand/board'

/** The workshop state the rights depend on (pushed by the workshop control, see ControlService). */
export interface BoardPolicy {
  phase: Phase
  locked: boolean
  /** Participants may move everyone's cards and change cluster membership (default on). */
  collaborativeClustering: boolean
  /**
   * Participants' new ideas are not public yet (pre-moderation, or private collection before the
   * reveal): the room takes them out of the board as they arrive and the server holds them
   * (workshops/HeldIdeas.ts).
   */
  holdNewIdeas: boolean
  /**
   * Ideas the server holds now; a whiteboard may still write their card once, which is held too.
   * The room adds to it the moment it takes an idea out.
   */
  heldIdeaIds: Set<string>
  /**
   * The server's record of who wrote each idea (idea id → guest id, workshops/IdeaAuthors.ts):
   * "own idea" for anonymous ideas, which carry no author in the document. The room adds to it
   * when a participant creates an idea, if `recordAuthors`.
   */
  ideaAuthors: Map<string, string>
  /** The workshop keeps authorship at all (off: "Urheberschaft gar nicht speichern"). */
  recordAuthors: boolean
}

/** A board without a workshop (tests, bench) behaves like an unlocked collect phase. */
export const OPEN_POLICY: BoardPolicy = {
  phase: 'collect',
  locked: false,
  collaborativeClustering: true,
  holdNewIdeas: false,
  heldIdeaIds: new Set(),
  ideaAuthors: new Map(),
  recordAuthors: false,
}

/** Who sends the update: the connection's identity as the server established it. */
export interface Writer {
  /** Guest id (participants). Null never owns an idea. */
  id: string | null
  /** Display name as the server knows it. */
  name: string | null
}

/** Rights of a participant in the current policy. */
export interface Rights {
  addIdeas: boolean
  editOwn: boolean
  arrange: boolean
}

export function rightsOf(policy: BoardPolicy): Rights {
  const rules = PHASE_RULES[policy.phase]
  const open = !policy.locked
  return {
    addIdeas: open && rules.addIdeas,
    editOwn: open && rules.editOwnIdeas,
    arrange: open && rules.arrange && policy.collaborativeClustering,
  }
}
