/** Facilitator panel: move between phases (back and forth) and run the shared timer. */
import { PHASES } from '@ideenwand/board'
import type { ControlState } from '@ideenwand/protocol'
import { useId, useState } from 'react'
import { controlApi } from '../api/control.ts'
import { useControlT } from '../i18n/useControlT.ts'
import { minutesOf } from './roundForm.ts'
import { useControlAction } from './useControlAction.ts'

const PRESETS = [2, 5, 10] as const

export function PhaseControls({ control }: { control: ControlState }) {
  const ct = useControlT()
  const { busy, act } = useControlAction()
  const index = PHASES.indexOf(control.phase)
  const prev = PHASES[index - 1]
  const next = PHASES[index + 1]
  return (
    <section className="iw-panel-section" aria-labelledby="iw-fp-phase">
      <h3 id="iw-fp-phase">{ct('panel.phaseHeading')}</h3>
      <div className="iw-segmented">
        {PHASES.map((phase) => (
          <button
            key={phase}
            type="button"
            className="iw-button iw-button-small"
            aria-pressed={phase === control.phase}
            title={ct('panel.goTo', { phase: ct(`phases.${phase}`) })}
            data-testid={`phase-${phase}`}
            disabled={busy}
            onClick={() => void act((id) => controlApi.setPhase(id, phase))}
          >
            {ct(`phases.${phase}`)}
          </button>
        ))}
      </div>
      <div className="iw-row">
        <button
          type="button"
          className="iw-button iw-button-small"
          data-testid="phase-back"
          disabled={busy || !prev}
          onClick={() => prev && void act((id) => controlApi.setPhase(id, prev))}
        >
          <span aria-hidden="true">← </span>
          {ct('panel.back')}
        </button>
        <button
          type="button"
          className="iw-button iw-button-small iw-button-primary"
          data-testid="phase-next"
          disabled={busy || !next}
          onClick={() => next && void act((id) => controlApi.setPhase(id, next))}
        >
          {ct('panel.next')}
          {next ? `: ${ct(`phases.${next}`)}` : ''}
          <span aria-hidden="true"> →</span>
        </button>
      </div>
    </section>
  )
}

export function TimerControls({ control }: { control: ControlState }) {
  const ct = useControlT()
  const { busy, act } = useControlAction()
  const [minutes, setMinutes] = useState('')
  const inputId = useId()
  const { status } = control.timer
  const start = (seconds: number) => void act((id) => controlApi.timer(id, 'start', seconds))
  const custom = minutesOf(minutes)

  return (
    <section className="iw-panel-section" aria-labelledby="iw-fp-timer">
      <h3 id="iw-fp-timer">{ct('panel.timerHeading')}</h3>
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
            {ct('panel.startMinutes', { n })}
          </button>
        ))}
      </div>
      <form
        className="iw-row iw-inline-form"
        onSubmit={(event) => {
          event.preventDefault()
          if (custom !== null) start(Math.round(custom * 60))
        }}
      >
        <label htmlFor={inputId}>{ct('panel.customMinutes')}</label>
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
          disabled={busy || custom === null}
        >
          {ct('panel.start')}
        </button>
      </form>
      <div className="iw-row iw-row-wrap">
        {status === 'running' ? (
          <button
            type="button"
            className="iw-button iw-button-small"
            data-testid="timer-pause"
            disabled={busy}
            onClick={() => void act((id) => controlApi.timer(id, 'pause'))}
          >
            <span aria-hidden="true">⏸ </span>
            {ct('panel.pause')}
          </button>
        ) : (
          <button
            type="button"
            className="iw-button iw-button-small"
            data-testid="timer-resume"
            disabled={busy || status !== 'paused'}
            onClick={() => void act((id) => controlApi.timer(id, 'resume'))}
          >
            <span aria-hidden="true">▶ </span>
            {ct('panel.resume')}
          </button>
        )}
        <button
          type="button"
          className="iw-button iw-button-small"
          data-testid="timer-add"
          disabled={busy || status === 'stopped'}
          onClick={() => void act((id) => controlApi.timer(id, 'add', 60))}
        >
          {ct('panel.addMinute')}
        </button>
        <button
          type="button"
          className="iw-button iw-button-small"
          data-testid="timer-reset"
          disabled={busy || (status === 'stopped' && control.timer.remainingMs === 0)}
          onClick={() => void act((id) => controlApi.timer(id, 'reset'))}
        >
          {ct('panel.reset')}
        </button>
      </div>
    </section>
  )
}
