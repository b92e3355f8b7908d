/**
 * The column beside the canvas: the results panel and the facilitator panel. A sibling of the
 * board page's `<main>`; `flow.css` puts the page into two columns while it is there. Renders
 * nothing (and takes no room) when neither panel applies.
 */
import { FacilitatorPanel } from './FacilitatorPanel.tsx'
import { useFlow } from './FlowContext.tsx'
import { ResultsPanel } from './ResultsPanel.tsx'
import './flow.css'

export function FlowAside() {
  const control = useFlow()?.control ?? null
  if (!control) return null
  const show =
    control.me.role === 'facilitator' || control.history.length > 0 || control.tally !== null
  if (!show) return null
  return (
    <aside className="iw-flow-aside" data-testid="flow-aside">
      <ResultsPanel />
      <FacilitatorPanel />
    </aside>
  )
}
