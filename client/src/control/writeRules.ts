/**
 * What this person may change on the canvas now, from the control state (the server enforces
 * the document part and drops a participant's writes when `me.canWrite` is false; the UI
 * follows so nobody types into a board that silently ignores them).
 */
import { PHASE_RULES } from '@ideenwand/board'
import type { ControlState } from '@ideenwand/protocol'

/**
 * Why "Idee hinzufügen" is not available to a participant now: the board is locked, or this
 * phase collects no ideas; `readonly` when the server says no for another reason (archived).
 * Null when it is available (always for facilitators).
 */
export function addIdeaBlock(control: ControlState | null): 'locked' | 'phase' | 'readonly' | null {
  if (!control || control.me.role === 'facilitator') return null
  if (control.me.role !== 'participant') return 'readonly'
  if (control.locked) return 'locked'
  if (!PHASE_RULES[control.phase].addIdeas) return 'phase'
  if (!control.me.canWrite) return 'readonly'
  return null
}

/** Whether a participant's toolbar stays visible (disabled, explained) although they cannot write. */
export function explainsBlock(block: ReturnType<typeof addIdeaBlock>): boolean {
  return block === 'locked' || block === 'phase'
}

/** Whether the canvas is editable for this connection (before the first state: as before). */
export function controlAllowsWrite(control: ControlState | null): boolean {
  return control ? control.me.canWrite : true
}
