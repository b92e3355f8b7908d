/**
 * What this person may do now, from the server's control state: the server drops doc writes
 * unless `me.canWrite` (collect/cluster phases, not locked), and the phase rules say which of
 * add / edit own / arrange apply to participants. Facilitators may do everything they can write.
 */
import { PHASE_RULES } from '@ideenwand/board'
import type { ControlState } from './useControl.ts'

export interface ViewPermissions {
  readonly addIdeas: boolean
  readonly editOwnIdeas: boolean
  readonly arrange: boolean
  readonly manageClusters: boolean
  readonly facilitator: boolean
}

const NOTHING: ViewPermissions = {
  addIdeas: false,
  editOwnIdeas: false,
  arrange: false,
  manageClusters: false,
  facilitator: false,
}

export function viewPermissions(control: ControlState | null): ViewPermissions {
  if (!control?.me.canWrite) return NOTHING
  const facilitator = control.me.role === 'facilitator'
  if (facilitator) {
    return {
      addIdeas: true,
      editOwnIdeas: true,
      arrange: true,
      manageClusters: true,
      facilitator,
    }
  }
  const rules = PHASE_RULES[control.phase]
  return {
    addIdeas: rules.addIdeas,
    editOwnIdeas: rules.editOwnIdeas,
    arrange: rules.arrange,
    manageClusters: false,
    facilitator,
  }
}
