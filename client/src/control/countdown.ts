/** Timer arithmetic for the phase bar: time left from the server's timer state, and mm:ss. */
import type { ControlState } from '@ideenwand/protocol'

type TimerState = ControlState['timer']

/** Milliseconds left at server time `now` (never negative). */
export function timeLeft(timer: TimerState, now: number): number {
  if (timer.status === 'running' && timer.endsAt !== null) return Math.max(0, timer.endsAt - now)
  return Math.max(0, timer.remainingMs)
}

/** "mm:ss" (minutes may exceed 59: "75:00"), rounding up so 0:00 means really over. */
export function formatClock(ms: number): string {
  const total = Math.ceil(ms / 1000)
  const minutes = Math.floor(total / 60)
  const seconds = total % 60
  return `${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`
}
