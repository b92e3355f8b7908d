/**
 * Beside the whiteboard: a participant rates the options of an open resistance round here (the
 * cards carry no dot buttons in such a round), with the same form as the phone and list views.
 */
import { ResistanceRating } from '../views/shared/ResistanceRating.tsx'
import { useIdeas } from '../views/shared/useIdeas.ts'
import { useVoting } from '../views/shared/useVoting.ts'
import { useControlContext } from './ControlContext.tsx'

export function ResistancePanel() {
  const ctx = useControlContext()
  const control = ctx?.control ?? null
  const visible = useIdeas(ctx?.board ?? null, control)
  const voting = useVoting(control, visible)
  if (control?.me.role !== 'participant' || !voting.rating) return null
  return <ResistanceRating voting={voting} />
}
