/**
 * The workshop timer: the server decides when it ends (`endsAt`, server clock), the client only
 * counts down with the corrected clock (`BoardConnection.serverNow()`). Rendered as `mm:ss`
 * (control/countdown.ts, the same clock as the facilitator's phase bar) in a
 * `role="timer"` element (not announced every second; views announce "1 minute left" themselves).
 */
import type { TimerState } from '@ideenwand/protocol'
import type { TFunction } from 'i18next'
import { useEffect, useState } from 'react'
import type { BoardConnection } from '../../board/BoardConnection.ts'
import { formatClock, timeLeft } from '../../control/countdown.ts'
import { useT } from '../../i18n/LangProvider.tsx'

/** Milliseconds left now, or null when no timer is set; re-renders every second while running. */
export function useRemainingMs(
  connection: BoardConnection | null,
  timer: TimerState | null | undefined,
): number | null {
  const [, tick] = useState(0)
  const running = timer?.status === 'running' && timer.endsAt !== null
  useEffect(() => {
    if (!running) return
    const id = window.setInterval(() => tick((n) => n + 1), 500)
    return () => window.clearInterval(id)
  }, [running])
  if (!timer || (!running && timer.status !== 'paused')) return null
  return timeLeft(timer, connection ? connection.serverNow() : Date.now())
}

/** "noch 2 Minuten 5 Sekunden" for screen readers. */
function spokenTimeLeft(t: TFunction<'views'>, totalSeconds: number): string {
  const minutes = Math.floor(totalSeconds / 60)
  const seconds = t('seconds', { count: totalSeconds % 60 })
  return minutes > 0
    ? t('timeLeft', { minutes: t('minutes', { count: minutes }), seconds })
    : t('timeLeftSeconds', { seconds })
}

export function Timer({
  connection,
  timer,
  className,
}: {
  connection: BoardConnection | null
  timer: TimerState | null | undefined
  className?: string
}) {
  const t = useT('views')
  const remaining = useRemainingMs(connection, timer)
  if (remaining === null || !timer) return null
  const total = Math.ceil(remaining / 1000)
  const paused = timer.status === 'paused'
  return (
    <div className={`iwv-timer ${paused ? 'iwv-timer-paused' : ''} ${className ?? ''}`}>
      <span
        role="timer"
        aria-label={`${t('timerLabel')}: ${spokenTimeLeft(t, total)}`}
        data-testid="timer"
        data-status={timer.status}
      >
        <span aria-hidden="true">{formatClock(remaining)}</span>
      </span>
      {paused ? <span className="iwv-timer-note"> ({t('timerPaused')})</span> : null}
    </div>
  )
}
