/** Facilitator panel: move between phases (back and forth) and run the shared timer. */
import { PHASES } from '@ideenwand/board'
import type { ControlState } from '@ideenwand/protocol'
import { useId, useState } from 'react'
import { flowApi } from '../api/flow.ts'
import { useFlowT } from '../i18n/useFlowT.ts'
import { useFlowAction } from './useFlowAction.ts'

const PRESETS = [2, 5, 10] as const

export function PhaseControls({ control }: { control: ControlState }) {
  const ft = useFlowT()
  const { busy, act } = useFlowAction()
  const index = PHASES.indexOf(control.phase)
  const prev = PHASES[index - 1]
  const next = PHASES[index + 1]
  return (
    <section className="iw-panel-section" aria-labelledby="iw-fp-phase">
      <h3 id="iw-fp-phase">{ft('panel.phaseHeading')}</h3>
      <div className="iw-segmented">
        {PHASES.map((phase) => (
          <button
            key={phase}
            type="button"
            className="iw-button iw-button-small"
            aria-pressed={phase === control.phase}
            title={ft('panel.goTo', { phase: ft(`phases.${phase}`) })}
            data-testid={`phase-${phase}`}
            disabled={busy}
            onClick={() => void act((id) => flowApi.setPhase(id, phase))}
          >
            {ft(`phases.${phase}`)}
          </button>
        ))}
      </div>
      <div className="iw-row">
        <button
          type="button"
          className="iw-button iw-button-small"
          data-testid="phase-back"
          disabled={busy || !prev}
          onClick={() => prev && void act((id) => flowApi.setPhase(id, prev))}
        >
          <span aria-hidden="true">← </span>
          {ft('panel.back')}
        </button>
        <button
          type="button"
          className="iw-button iw-button-small iw-button-primary"
          data-testid="phase-next"
          disabled={busy || !next}
          onClick={() => next && void act((id) => flowApi.setPhase(id, next))}
        >
          {ft('panel.next')}
          {next ? `: ${ft(`phases.${next}`)}` : ''}
          <span aria-hidden="true"> →</span>
        </button>
      </div>
    </section>
  )
}

export function TimerControls({ control }: { control: ControlState }) {
  const ft = useFlowT()
  const { busy, act } = useFlowAction()
  const [minutes, setMinutes] = useState('')
  const inputId = useId()
  const { status } = control.timer
  const start = (seconds: number) => void act((id) => flowApi.timer(id, 'start', seconds))
  const custom = Number.parseFloat(minutes.replace(',', '.'))
  const customOk = Number.isFinite(custom) && custom > 0 && custom <= 240

  return (
    <section className="iw-panel-section" aria-labelledby="iw-fp-timer">
      <h3 id="iw-fp-timer">{ft('panel.timerHeading')}</h3>
      <div className="iw-row iw-row-wrap">
        {PRESETS.map((n) => (
          <button
            key={n}
            type="button"
            className="iw-button iw-button-small"
            data-testid={`timer-start-${n}`}
            disabled={busy}
            onClick={() => start(n * 60)}
          >
            <span aria-hidden="true">▶ </span>
            {ft('panel.startMinutes', { n })}
          </button>
        ))}
      </div>
      <form
        className="iw-row iw-inline-form"
        onSubmit={(event) => {
          event.preventDefault()
          if (customOk) start(Math.round(custom * 60))
        }}
      >
        <label htmlFor={inputId}>{ft('panel.customMinutes')}</label>
        <input
          id={inputId}
          inputMode="decimal"
          size={4}
          value={minutes}
          data-testid="timer-minutes"
          onChange={(event) => setMinutes(event.target.value)}
        />
        <button
          type="submit"
          className="iw-button iw-button-small"
          data-testid="timer-start-custom"
          disabled={busy || !customOk}
        >
          {ft('panel.start')}
        </button>
      </form>
      <div className="iw-row iw-row-wrap">
        {status === 'running' ? (
          <button
            type="button"
            className="iw-button iw-button-small"
            data-testid="timer-pause"
            disabled={busy}
            onClick={() => void act((id) => flowApi.timer(id, 'pause'))}
          >
            <span aria-hidden="true">⏸ </span>
            {ft('panel.pause')}
          </button>
        ) : (
          <button
            type="button"
            className="iw-button iw-button-small"
            data-testid="timer-resume"
            disabled={busy || status !== 'paused'}
            onClick={() => void act((id) => flowApi.timer(id, 'resume'))}
          >
            <span aria-hidden="true">▶ </span>
            {ft('panel.resume')}
          </button>
        )}
        <button
          type="button"
          className="iw-button iw-button-small"
          data-testid="timer-add"
          disabled={busy || status === 'stopped'}
          onClick={() => void act((id) => flowApi.timer(id, 'add', 60))}
        >
          {ft('panel.addMinute')}
        </button>
        <button
          type="button"
          className="iw-button iw-button-small"
          data-testid="timer-reset"
          disabled={busy || (status === 'stopped' && control.timer.remainingMs === 0)}
          onClick={() => void act((id) => flowApi.timer(id, 'reset'))}
        >
          {ft('panel.reset')}
        </button>
      </div>
    </section>
  )
}
