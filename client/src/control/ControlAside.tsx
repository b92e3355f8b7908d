/**
 * The column beside the canvas: a participant's "Wortmeldung", their rating in a resistance
 * round and ideas that are not public yet, the results panel and the facilitator panel. A sibling of the
 * board page's `<main>`; `control.css` puts the page into two columns while it is there. Renders
 * nothing (and takes no room) when neither panel applies.
 */

import { useControlContext } from './ControlContext.tsx'
import { FacilitatorPanel } from './FacilitatorPanel.tsx'
import { HeldIdeasPanel, holdsNewIdeas } from './HeldIdeasPanel.tsx'
import { ParticipantSpeaking } from './ParticipantSpeaking.tsx'
import { ResistancePanel } from './ResistancePanel.tsx'
import { ResultsPanel } from './ResultsPanel.tsx'
import './control.css'

export function ControlAside() {
  const control = useControlContext()?.control ?? null
  if (!control) return null
  const ownHeld =
    control.me.role === 'participant' &&
    (holdsNewIdeas(control) || control.heldIdeas.some((h) => h.mine))
  // Participants always get "Wortmeldung" here, so the aside is there for them too.
  const show =
    control.me.role === 'facilitator' ||
    control.me.role === 'participant' ||
    control.history.length > 0 ||
    control.tally !== null ||
    ownHeld
  if (!show) return null
  return (
    <aside className="iw-control-aside" data-testid="control-aside">
      <ParticipantSpeaking />
      <ResistancePanel />
      <HeldIdeasPanel />
      <ResultsPanel />
      <FacilitatorPanel />
    </aside>
  )
}
