import type { TimerState } from '@ideenwand/protocol'
import { describe, expect, it } from 'vitest'
import { applyTimerAction } from './timerAction.ts'

const stopped: TimerState = { status: 'stopped', durationMs: 0, endsAt: null, remainingMs: 0 }

describe('applyTimerAction', () => {
  it('pauses with the time left and resumes from it', () => {
    const running = applyTimerAction(stopped, 'start', 60_000, 1_000)
    expect(running).toEqual({
      status: 'running',
      durationMs: 60_000,
      endsAt: 61_000,
      remainingMs: 60_000,
    })
    const paused = applyTimerAction(running, 'pause', 0, 21_000)
    expect(paused).toMatchObject({ status: 'paused', endsAt: null, remainingMs: 40_000 })
    const resumed = applyTimerAction(paused, 'resume', 0, 100_000)
    expect(resumed).toMatchObject({ status: 'running', endsAt: 140_000, remainingMs: 40_000 })
  })

  it('adds time to a running timer and never takes a paused one below zero', () => {
    const running = applyTimerAction(stopped, 'start', 10_000, 0)
    expect(applyTimerAction(running, 'add', 5_000, 4_000)).toEqual({
      status: 'running',
      durationMs: 15_000,
      endsAt: 15_000,
      remainingMs: 11_000,
    })
    const paused = applyTimerAction(running, 'pause', 0, 8_000)
    expect(applyTimerAction(paused, 'add', -5_000, 9_000)).toMatchObject({
      durationMs: 5_000,
      remainingMs: 0,
    })
    expect(applyTimerAction(paused, 'reset', 0, 9_000)).toEqual(stopped)
  })
})
