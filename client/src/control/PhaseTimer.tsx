/**
 * The shared timer in the phase bar: mm:ss from the server's `endsAt` and the offset-corrected
 * server clock, redrawn every 250 ms while running. Announces "1 minute left" and "time's up"
 * through the control's live region (the `role="timer"` element itself stays silent, so a screen
 * reader is not told every second), shows "Zeit ist um" in words at 0 and can beep (WebAudio,
 * off by default, toggled with a pressed-state button kept per device).
 */
import type { ControlState } from '@ideenwand/protocol'
import { useEffect, useRef, useState } from 'react'
import type { BoardConnection } from '../board/BoardConnection.ts'
import { useControlT } from '../i18n/useControlT.ts'
import { beep, unlockAudio } from './beep.ts'
import { useControlContext } from './ControlContext.tsx'
import { formatClock, timeLeft, timerCrossing } from './countdown.ts'

const TICK_MS = 250
const SOUND_KEY = 'ideenwand:timer-sound'

function readSound(): boolean {
  try {
    return localStorage.getItem(SOUND_KEY) === '1'
  } catch {
    return false
  }
}

function ClockIcon() {
  return (
    <svg className="iw-icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <circle cx="8" cy="9" r="6" fill="none" stroke="currentColor" strokeWidth="1.6" />
      <path d="M8 5.5V9l2.5 1.5M6 1.5h4" fill="none" stroke="currentColor" strokeWidth="1.6" />
    </svg>
  )
}

function BellIcon({ off }: { off: boolean }) {
  return (
    <svg className="iw-icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path
        d="M4 11V7a4 4 0 0 1 8 0v4l1.5 1.5h-11zM6.5 14a1.5 1.5 0 0 0 3 0"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.5"
      />
      {off ? <path d="M2 2l12 12" stroke="currentColor" strokeWidth="1.8" /> : null}
    </svg>
  )
}

export function PhaseTimer({
  timer,
  connection,
}: {
  timer: ControlState['timer']
  connection: BoardConnection
}) {
  const ct = useControlT()
  const ctx = useControlContext()
  const [now, setNow] = useState(() => connection.serverNow())
  const [sound, setSound] = useState(readSound)

  useEffect(() => {
    setNow(connection.serverNow())
    if (timer.status !== 'running') return
    const id = window.setInterval(() => setNow(connection.serverNow()), TICK_MS)
    return () => window.clearInterval(id)
  }, [connection, timer])

  const left = timeLeft(timer, now)
  const expired = timer.status === 'running' && left <= 0

  // Announce crossings only (not on load: a late joiner is not told "time's up" at once).
  const previous = useRef<{ left: number; endsAt: number | null } | null>(null)
  const announce = ctx?.announce
  useEffect(() => {
    const before = previous.current
    previous.current = { left, endsAt: timer.endsAt }
    if (!before || timer.status !== 'running' || before.endsAt !== timer.endsAt) return
    const crossing = timerCrossing(before.left, left)
    if (crossing) announce?.(ct(`announce.${crossing}`))
    if (crossing === 'timeUp' && sound) beep()
  }, [left, timer, announce, ct, sound])

  const label =
    timer.status === 'stopped' && timer.remainingMs === 0 ? ct('timer.stopped') : formatClock(left)

  return (
    <div
      className={`iw-timer${expired ? ' iw-timer-expired' : ''}`}
      data-testid="timer"
      data-status={timer.status}
      data-expired={expired ? 'true' : 'false'}
    >
      <span role="timer" aria-label={ct('timer.label')} className="iw-timer-clock">
        <ClockIcon /> {label}
        {timer.status === 'paused' ? (
          <span className="iw-timer-state"> ({ct('timer.paused')})</span>
        ) : null}
      </span>
      {expired ? <strong className="iw-timer-up">{ct('timer.timeUp')}</strong> : null}
      <button
        type="button"
        className="iw-button iw-button-small"
        aria-pressed={sound}
        title={ct('timer.sound')}
        data-testid="timer-sound"
        onClick={() => {
          const next = !sound
          if (next) unlockAudio()
          setSound(next)
          try {
            localStorage.setItem(SOUND_KEY, next ? '1' : '0')
          } catch {
            // Storage unavailable: the choice lasts for this page.
          }
        }}
      >
        <BellIcon off={!sound} />
        <span className="iw-visually-hidden">{ct('timer.sound')}</span>
      </button>
    </div>
  )
}
