/**
 * The phase bar above the canvas, for everyone: the four phases as a stepper (the current one
 * is bold, boxed, numbered and `aria-current="step"` — never colour alone), one line on what to
 * do now for this role, dots left in an open round, the shared timer and the control's polite live
 * region (phase changes, timer, round start and reveal, failed requests).
 */
import { PHASE_RULES, PHASES } from '@ideenwand/board'
import type { ControlState } from '@ideenwand/protocol'
import type { TFunction } from 'i18next'
import { useEffect, useRef } from 'react'
import type { BoardConnection } from '../board/BoardConnection.ts'
import { useControlT } from '../i18n/useControlT.ts'
import { useControlContext } from './ControlContext.tsx'
import { PhaseTimer } from './PhaseTimer.tsx'
import { StrandedDots } from './StrandedDots.tsx'
import './control.css'

function instructionFor(ct: TFunction<'control'>, control: ControlState): string {
  const { phase, round, me } = control
  const base = ct(`instruction.${phase}.${me.role}`)
  if (phase === 'vote' && me.role !== 'facilitator') {
    if (!round) return control.history.length > 0 ? ct('resultIn') : ct('waitingForRound')
    if (round.status !== 'open') return ct('roundClosed')
    if (round.method === 'resistance' && me.role === 'participant') return ct('resistanceRate')
  }
  if (me.role === 'participant' && control.locked && PHASE_RULES[phase].arrange) {
    return `${base} ${ct('addIdeaLocked')}`
  }
  return base
}

/** Announces phase changes, a new round and a reveal (not what was already so on load). */
function useControlAnnouncements(control: ControlState | null) {
  const ct = useControlT()
  const ctx = useControlContext()
  const announce = ctx?.announce
  const seen = useRef<{ phase: string; roundId: string | null; revealed: number } | null>(null)
  useEffect(() => {
    if (!control || !announce) return
    const now = {
      phase: control.phase,
      roundId: control.round?.status === 'open' ? control.round.id : null,
      revealed: control.history.length,
    }
    const before = seen.current
    seen.current = now
    if (!before) return
    if (before.phase !== now.phase)
      announce(ct('announce.phase', { name: ct(`phases.${control.phase}`) }))
    if (now.roundId && before.roundId !== now.roundId && control.me.role === 'participant') {
      announce(
        control.round?.method === 'resistance'
          ? ct('announce.resistanceOpen')
          : ct('announce.roundOpen', { count: control.round?.dotsPerPerson ?? 0 }),
      )
    }
    if (now.revealed > before.revealed) {
      const last = control.history[control.history.length - 1]
      if (last) announce(ct('announce.revealed', { n: last.number }))
    }
  }, [control, announce, ct])
}

export function PhaseBar({ connection }: { connection: BoardConnection | null }) {
  const ct = useControlT()
  const ctx = useControlContext()
  const control = ctx?.control ?? null
  useControlAnnouncements(control)
  if (!control || !connection) return null

  const current = PHASES.indexOf(control.phase)
  const ballot = control.myBallot
  const voting =
    control.phase === 'vote' && control.round?.status === 'open' && control.round.method === 'dots'
  const notice = ctx?.notice ?? null

  return (
    <section
      className="iw-phase-bar"
      aria-label={ct('phaseBarLabel')}
      data-testid="phase-bar"
      data-phase={control.phase}
    >
      <ol className="iw-stepper">
        {PHASES.map((phase, index) => {
          const isCurrent = index === current
          const done = index < current
          return (
            <li
              key={phase}
              className={`iw-step${isCurrent ? ' iw-step-current' : ''}${done ? ' iw-step-done' : ''}`}
              aria-current={isCurrent ? 'step' : undefined}
              data-testid={`step-${phase}`}
            >
              <span className="iw-step-number" aria-hidden="true">
                {done ? '✓' : index + 1}
              </span>
              <span className="iw-step-name">{ct(`phases.${phase}`)}</span>
              {isCurrent ? <span className="iw-visually-hidden"> {ct('currentStep')}</span> : null}
              {done ? <span className="iw-visually-hidden"> {ct('stepDone')}</span> : null}
            </li>
          )
        })}
      </ol>
      <p className="iw-phase-instruction" data-testid="phase-instruction">
        {instructionFor(ct, control)}
      </p>
      {voting && ballot ? (
        <p
          className="iw-dots-left"
          role="status"
          data-testid="dots-left"
          data-remaining={ballot.remaining}
        >
          <span className="iw-dots-row" aria-hidden="true">
            {Array.from({ length: Math.min(ballot.remaining, 12) }, (_, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: identical dots, order is the identity
              <span key={i} className="iw-dot" />
            ))}
          </span>
          {ct('dotsLeft', { count: ballot.remaining })}
        </p>
      ) : null}
      {voting ? <StrandedDots control={control} /> : null}
      <PhaseTimer timer={control.timer} connection={connection} />
      <p
        className={`iw-control-notice${notice?.kind === 'error' ? ' iw-control-notice-error' : ''}`}
        role="status"
        aria-live="polite"
        data-testid="control-notice"
      >
        {notice ? (
          <>
            {notice.kind === 'error' ? <span aria-hidden="true">⚠ </span> : null}
            {notice.text}
          </>
        ) : null}
      </p>
    </section>
  )
}
