/**
 * The phase bar's timer arithmetic (countdown.ts): time left from the server's timer state,
 * "mm:ss" rounded up (00:00 means really over), and the moments announced while it runs —
 * "1 minute left" and "time's up" once each, driven here by the same 250 ms tick the phase bar
 * uses, on fake timers.
 */
import type { ControlState } from '@ideenwand/protocol'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { formatClock, type TimerCrossing, timeLeft, timerCrossing } from './countdown.ts'

type Timer = ControlState['timer']

const NOW = 1_764_000_000_000
const running = (endsAt: number): Timer => ({
  status: 'running',
  durationMs: 300_000,
  endsAt,
  remainingMs: 0,
})

const paused = (remainingMs: number): Timer => ({
  status: 'paused',
  durationMs: 300_000,
  endsAt: null,
  remainingMs,
})

describe('timeLeft', () => {
  it('counts down to endsAt while running', () => {
    expect(timeLeft(running(NOW + 90_000), NOW)).toBe(90_000)
    expect(timeLeft(running(NOW + 90_000), NOW + 89_999)).toBe(1)
  })

  it('is never negative once a running timer is over', () => {
    expect(timeLeft(running(NOW), NOW)).toBe(0)
    expect(timeLeft(running(NOW), NOW + 5_000)).toBe(0)
  })

  it('holds remainingMs while paused or stopped, whatever the clock says', () => {
    expect(timeLeft(paused(42_000), NOW)).toBe(42_000)
    expect(timeLeft(paused(42_000), NOW + 600_000)).toBe(42_000)
    const stopped: Timer = { ...paused(0), status: 'stopped' }
    expect(timeLeft(stopped, NOW)).toBe(0)
  })

  it('falls back to remainingMs for a running timer without endsAt', () => {
    const odd: Timer = { status: 'running', durationMs: 60_000, endsAt: null, remainingMs: 7_000 }
    expect(timeLeft(odd, NOW)).toBe(7_000)
  })
})

describe('formatClock', () => {
  it('writes mm:ss with two digits each', () => {
    expect(formatClock(0)).toBe('00:00')
    expect(formatClock(5_000)).toBe('00:05')
    expect(formatClock(65_000)).toBe('01:05')
  })

  it('rounds a started second up, so 00:00 shows only when the time is really over', () => {
    expect(formatClock(1)).toBe('00:01')
    expect(formatClock(59_001)).toBe('01:00')
    expect(formatClock(60_000)).toBe('01:00')
  })

  it('lets minutes pass 59 instead of wrapping to hours', () => {
    expect(formatClock(75 * 60_000)).toBe('75:00')
    expect(formatClock(240 * 60_000)).toBe('240:00')
  })
})

describe('timerCrossing', () => {
  it('announces the last minute when a tick crosses 60 s, at exactly 60 s too', () => {
    expect(timerCrossing(60_250, 60_000)).toBe('oneMinute')
    expect(timerCrossing(61_000, 59_000)).toBe('oneMinute')
  })

  it('announces nothing on ticks inside the last minute or before it', () => {
    expect(timerCrossing(60_000, 59_750)).toBeNull()
    expect(timerCrossing(120_000, 119_750)).toBeNull()
  })

  it('announces time up when a tick reaches 0, also when it jumps over the last minute', () => {
    expect(timerCrossing(250, 0)).toBe('timeUp')
    expect(timerCrossing(90_000, 0)).toBe('timeUp')
  })

  it('does not announce time up again, nor for a timer that was over already', () => {
    expect(timerCrossing(0, 0)).toBeNull()
  })

  describe('on the phase bar’s 250 ms tick', () => {
    beforeEach(() => {
      vi.useFakeTimers()
      vi.setSystemTime(NOW)
    })
    afterEach(() => {
      vi.useRealTimers()
    })

    /** Runs the phase bar's loop over `timer` for `ms` and returns what it announced, when. */
    function announcements(timer: Timer, ms: number) {
      const heard: { at: number; crossing: TimerCrossing }[] = []
      let before = timeLeft(timer, Date.now())
      const id = setInterval(() => {
        const left = timeLeft(timer, Date.now())
        const crossing = timerCrossing(before, left)
        if (crossing) heard.push({ at: Date.now() - NOW, crossing })
        before = left
      }, 250)
      vi.advanceTimersByTime(ms)
      clearInterval(id)
      return heard
    }

    it('says "1 minute left" and "time is up" once each over a 2-minute timer', () => {
      expect(announcements(running(NOW + 120_000), 180_000)).toEqual([
        { at: 60_000, crossing: 'oneMinute' },
        { at: 120_000, crossing: 'timeUp' },
      ])
    })

    it('says only "time is up" for a timer started with less than a minute', () => {
      expect(announcements(running(NOW + 30_000), 60_000)).toEqual([
        { at: 30_000, crossing: 'timeUp' },
      ])
    })

    it('says nothing for a paused timer, however long it waits', () => {
      expect(announcements(paused(61_000), 300_000)).toEqual([])
    })
  })
})
