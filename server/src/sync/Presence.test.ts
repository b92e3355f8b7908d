import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { Presence, STOPPED_MS } from './Presence.ts'
import { RateLimiter } from './RateLimiter.ts'
import { type ConnectionContext, SyncConnection } from './SyncConnection.ts'

const context: ConnectionContext = {
  boardId: 'b',
  sessionId: 's',
  facilitatorId: null,
  guestId: 'g',
  displayName: 'P',
  role: 'participant',
  canWrite: true,
  expiresAt: null,
  wantsAck: false,
  ip: '127.0.0.1',
}

/** Client ids in each presence frame a connection received. */
function receiver() {
  const frames: number[][] = []
  const socket = {
    send(data: Uint8Array) {
      const d = decoding.createDecoder(data)
      decoding.readVarUint(d) // message type (awareness)
      const inner = decoding.createDecoder(decoding.readVarUint8Array(d))
      const ids: number[] = []
      const n = decoding.readVarUint(inner)
      for (let i = 0; i < n; i++) {
        ids.push(decoding.readVarUint(inner))
        decoding.readVarUint(inner)
        decoding.readVarString(inner)
      }
      frames.push(ids)
    },
    close() {},
  }
  const conn = new SyncConnection(context, socket, new RateLimiter(1000, 1000))
  return { conn, frames }
}

/** A client's awareness update: one state with the given clock. */
function state(clientId: number, clock: number, x: number): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 1)
  encoding.writeVarUint(e, clientId)
  encoding.writeVarUint(e, clock)
  encoding.writeVarString(e, JSON.stringify({ cursor: { x, y: 0 } }))
  return encoding.toUint8Array(e)
}

describe('presence thinning', () => {
  let t = 0
  beforeEach(() => {
    vi.useFakeTimers()
    t = 1_000_000
    vi.setSystemTime(t)
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  function setup(cap: number) {
    const { conn, frames } = receiver()
    const sender = new SyncConnection(context, { send() {}, close() {} }, new RateLimiter(1, 1))
    const presence = new Presence(new Y.Doc(), {
      tickMs: 40,
      cap,
      connections: () => [conn],
      publish: () => {},
    })
    const clocks = new Map<number, number>()
    const move = (id: number) => {
      const clock = (clocks.get(id) ?? 0) + 1
      clocks.set(id, clock)
      presence.apply(state(id, clock, clock), sender)
    }
    const at = (ms: number) => {
      t = ms
      vi.setSystemTime(t)
    }
    return { presence, frames, move, at }
  }

  it("sends a stopped cursor's final position soon, even while the cap is taken by moving ones", () => {
    const { presence, frames, move, at } = setup(2)
    const movers = [2, 3, 4, 5, 6]
    for (const id of [1, ...movers]) move(id)
    presence.tick(t)
    // Joins always go out, whatever the cap.
    expect(frames.at(-1)?.sort()).toEqual([1, 2, 3, 4, 5, 6])
    const start = t
    at(start + 10)
    move(1) // client 1 moves once more, then stops
    // Five cursors keep moving every 20 ms; each 40 ms tick has room for two states.
    let sentOne = -1
    for (let ms = 20; ms <= STOPPED_MS + 100; ms += 20) {
      at(start + ms)
      for (const id of movers) move(id)
      if (ms % 40 === 0) {
        presence.tick(t)
        if (sentOne < 0 && frames.at(-1)?.includes(1)) sentOne = ms
      }
    }
    // Before the rule for stopped cursors it waited for a reserved slot after a full second.
    expect(sentOne).toBeGreaterThanOrEqual(STOPPED_MS)
    expect(sentOne).toBeLessThanOrEqual(STOPPED_MS + 80)
    // Moving cursors fill the rest, freshest first: never more than the cap of them per tick.
    for (const frame of frames.slice(1)) {
      expect(frame.filter((id) => id !== 1).length).toBeLessThanOrEqual(2)
    }
    presence.destroy()
  })

  it('sends moving cursors freshest first; the others wait with their latest state', () => {
    const { presence, frames, move, at } = setup(2)
    for (const id of [1, 2, 3, 4]) move(id)
    presence.tick(t)
    const start = t
    for (const [i, id] of [1, 2, 3, 4].entries()) {
      at(start + 1 + i)
      move(id)
    }
    at(start + 40)
    presence.tick(t)
    expect(frames.at(-1)?.sort()).toEqual([3, 4])
    // 1 and 2 wait with their latest state; when they move again that replaces it.
    expect(presence.stats.thinned).toBe(2)
    at(start + 60)
    move(1)
    at(start + 80)
    presence.tick(t)
    expect(frames.at(-1)?.sort()).toEqual([1, 2])
    presence.destroy()
  })

  it('keeps every queued change and sends it once the board calms down', () => {
    const { presence, frames, move, at } = setup(3)
    const ids = Array.from({ length: 10 }, (_, i) => i + 1)
    for (const id of ids) move(id)
    presence.tick(t)
    const start = t
    at(start + 5)
    for (const id of ids) move(id)
    const seen = new Set<number>()
    for (let ms = 40; ms <= 2_000; ms += 40) {
      at(start + ms)
      presence.tick(t)
      for (const id of frames.at(-1) ?? []) seen.add(id)
    }
    expect([...seen].sort((a, b) => a - b)).toEqual(ids)
    presence.destroy()
  })
})
