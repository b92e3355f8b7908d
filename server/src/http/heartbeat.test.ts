/**
 * The heartbeat: one timer for every socket (none while there are none), dead sockets
 * terminated after a silent period, answering and draining ones kept.
 */
import { EventEmitter } from 'node:events'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { Heartbeat } from './heartbeat.ts'

class FakeSocket extends EventEmitter {
  bufferedAmount = 0
  pings = 0
  terminated = false
  /** Answers pings with a pong, like a live client. */
  answers = true

  ping(): void {
    this.pings++
    if (this.answers) queueMicrotask(() => this.emit('pong'))
  }

  terminate(): void {
    this.terminated = true
  }
}

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('Heartbeat', () => {
  it('runs one timer for all sockets, and none once they are gone', () => {
    const hb = new Heartbeat(1_000)
    const sockets = Array.from({ length: 500 }, () => new FakeSocket())
    expect(vi.getTimerCount()).toBe(0)
    for (const s of sockets) hb.watch(s)
    expect(vi.getTimerCount()).toBe(1)
    for (const s of sockets) hb.unwatch(s)
    expect(vi.getTimerCount()).toBe(0)
    expect(hb.size).toBe(0)
  })

  it('terminates a socket that stays silent for a period and keeps one that answers', async () => {
    const hb = new Heartbeat(1_000)
    const live = new FakeSocket()
    const dead = new FakeSocket()
    dead.answers = false
    hb.watch(live)
    hb.watch(dead)
    await vi.advanceTimersByTimeAsync(1_000)
    expect(live.pings).toBe(1)
    expect(dead.pings).toBe(1)
    expect(dead.terminated).toBe(false)
    await vi.advanceTimersByTimeAsync(1_000)
    expect(dead.terminated).toBe(true)
    expect(live.terminated).toBe(false)
    expect(hb.size).toBe(1)
    await vi.advanceTimersByTimeAsync(5_000)
    expect(live.terminated).toBe(false)
    expect(live.pings).toBe(7)
    hb.unwatch(live)
  })

  it('counts messages as signs of life, and a reader still draining a backlog as alive', async () => {
    const hb = new Heartbeat(1_000)
    const chatty = new FakeSocket()
    chatty.answers = false
    const slow = new FakeSocket()
    slow.answers = false
    slow.bufferedAmount = 50_000
    hb.watch(chatty)
    hb.watch(slow)
    for (let i = 0; i < 3; i++) {
      chatty.emit('message')
      slow.bufferedAmount -= 10_000
      await vi.advanceTimersByTimeAsync(1_000)
    }
    expect(chatty.terminated).toBe(false)
    expect(slow.terminated).toBe(false)
    // The backlog stops shrinking: now silence counts.
    await vi.advanceTimersByTimeAsync(2_000)
    expect(slow.terminated).toBe(true)
    expect(chatty.terminated).toBe(true)
  })
})
