/**
 * The facilitator's side panel (only for `me.role === 'facilitator'`): phase, timer, speaking
 * queue, board settings and moderation, voting round, canvas actions, the board's history
 * (restore) and the public results page's address (issue 20 §3).
 * Collapsible with a disclosure button (`aria-expanded`); the choice is kept per device.
 */
import { useState } from 'react'
import { useControlT } from '../i18n/useControlT.ts'
import { BoardSettings } from './BoardSettings.tsx'
import { CanvasControls } from './CanvasControls.tsx'
import { useControlContext } from './ControlContext.tsx'
import { HistoryControls } from './HistoryControls.tsx'
import { JoinFunnelPanel } from './JoinFunnelPanel.tsx'
import { PhaseControls, TimerControls } from './PhaseTimerControls.tsx'
import { ResultsPageLink } from './ResultsPageLink.tsx'
import { RoundControls } from './RoundControls.tsx'
import { SpeakingControls } from './SpeakingControls.tsx'
import { TablesPanel } from './TablesPanel.tsx'

const OPEN_KEY = 'ideenwand:facilitator-panel'

function readOpen(): boolean {
  try {
    return localStorage.getItem(OPEN_KEY) !== '0'
  } catch {
    return true
  }
}

export function FacilitatorPanel() {
  const ct = useControlT()
  const control = useControlContext()?.control ?? null
  const [open, setOpen] = useState(readOpen)
  if (control?.me.role !== 'facilitator') return null

  const toggle = () => {
    const next = !open
    setOpen(next)
    try {
      localStorage.setItem(OPEN_KEY, next ? '1' : '0')
    } catch {
      // Storage unavailable: the choice lasts for this page.
    }
  }

  return (
    <section
      className={`iw-facilitator-panel${open ? '' : ' iw-collapsed'}`}
      aria-labelledby="iw-fp-title"
      data-testid="facilitator-panel"
      data-open={open ? 'true' : 'false'}
    >
      <div className="iw-panel-head">
        <h2 id="iw-fp-title">{ct('panel.title')}</h2>
        <button
          type="button"
          className="iw-button iw-button-small"
          aria-expanded={open}
          aria-controls="iw-fp-body"
          data-testid="facilitator-panel-toggle"
          onClick={toggle}
        >
          <span aria-hidden="true">{open ? '▸ ' : '◂ '}</span>
          {open ? ct('panel.close') : ct('panel.open')}
        </button>
      </div>
      <div id="iw-fp-body" className="iw-panel-body" hidden={!open}>
        <PhaseControls control={control} />
        <TimerControls control={control} />
        <SpeakingControls control={control} />
        <JoinFunnelPanel workshopId={control.workshopId} />
        <TablesPanel workshopId={control.workshopId} />
        <RoundControls control={control} />
        <CanvasControls control={control} />
        <BoardSettings control={control} />
        <HistoryControls />
        <ResultsPageLink workshopId={control.workshopId} />
      </div>
    </section>
  )
}
