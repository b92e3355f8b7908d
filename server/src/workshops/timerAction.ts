/**
 * The facilitator's countdown timer as a pure state transition, so the arithmetic (what is left
 * of a running timer, adding time to a paused one) can be read and tested apart from storage.
 */
import type { TimerState } from '@ideenwand/protocol'

export type TimerAction = 'start' | 'pause' | 'resume' | 'reset' | 'add'

/**
 * The timer after `action` at time `now`; `ms` is the duration for `start` and the time added
 * (or, if negative, taken off) for `add`, and is ignored otherwise.
 *
 * @example applyTimerAction(stopped, 'start', 60_000, Date.now()) // running for a minute
 */
export function applyTimerAction(
  t: TimerState,
  action: TimerAction,
  ms: number,
  now: number,
): TimerState {
  const left =
    t.status === 'running' && t.endsAt !== null ? Math.max(0, t.endsAt - now) : t.remainingMs
  switch (action) {
    case 'start':
      return { status: 'running', durationMs: ms, endsAt: now + ms, remainingMs: ms }
    case 'pause':
      return { ...t, status: 'paused', endsAt: null, remainingMs: left }
    case 'resume':
      return { ...t, status: 'running', endsAt: now + left, remainingMs: left }
    case 'add':
      return t.status === 'running'
        ? { ...t, durationMs: t.durationMs + ms, endsAt: now + left + ms, remainingMs: left + ms }
        : { ...t, durationMs: t.durationMs + ms, remainingMs: Math.max(0, left + ms) }
    case 'reset':
      return { status: 'stopped', durationMs: 0, endsAt: null, remainingMs: 0 }
  }
}
