/**
 * Timer arithmetic for the phase bar: time left from the server's timer state, mm:ss, and which
 * moment a tick crossed ("1 minute left", "time's up").
 */
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

/** The moments announced while a timer runs. */
export type TimerCrossing = 'oneMinute' | 'timeUp'

/**
 * What to announce when the time left of one running timer goes from `before` to `left` (ms)
 * between two ticks: the last minute begins, or the time is up; null for any other tick, so each
 * is announced once, and a timer that was over already (a late joiner) is not announced at all.
 */
export function timerCrossing(before: number, left: number): TimerCrossing | null {
  if (before > 60_000 && left <= 60_000 && left > 0) return 'oneMinute'
  if (before > 0 && left <= 0) return 'timeUp'
  return null
}
