import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { MAX_IDS_PER_CONNECTION, Presence, STOPPED_MS } from './Presence.ts'
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
    // Each client id is its own connection's (presence belongs to its connection).
    const senders = new Map<number, SyncConnection>()
    const senderOf = (id: number) => {
      let sender = senders.get(id)
      if (!sender) {
        sender = new SyncConnection(
          { ...context, sessionId: `s${id}` },
          { send() {}, close() {} },
          new RateLimiter(1, 1),
        )
        senders.set(id, sender)
      }
      return sender
    }
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
      presence.apply(state(id, clock, clock), senderOf(id))
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
    // Client 1 was sent more recently than the others, so they go first while they move.
    at(start + 5)
    move(1)
    at(start + 8)
    presence.tick(t)
    expect(frames.at(-1)).toEqual([1])
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
    // Moving cursors fill the rest: never more than the cap of them per tick.
    for (const frame of frames.slice(2)) {
      expect(frame.filter((id) => id !== 1).length).toBeLessThanOrEqual(2)
    }
    presence.destroy()
  })

  it('sends cursors that moved since the last tick first; the others wait with their latest state', () => {
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
    // All four moved and were sent at the same time: two go out, two wait.
    expect(frames.at(-1)).toHaveLength(2)
    expect(presence.stats.thinned).toBe(2)
    const waited = [1, 2, 3, 4].filter((id) => !frames.at(-1)?.includes(id))
    // One of those waiting moves again (its new state replaces the old one); a cursor that did
    // not move since the last tick is sent only while there is room, after those that did.
    at(start + 60)
    move(waited[0]!)
    at(start + 62)
    move(1 + ((waited[0]! + 1) % 4)) // one that went out last time moves too
    at(start + 80)
    presence.tick(t)
    expect(frames.at(-1)?.sort()).toEqual([waited[0]!, 1 + ((waited[0]! + 1) % 4)].sort())
    at(start + 120)
    presence.tick(t)
    expect(frames.at(-1)).toEqual([waited[1]!])
    presence.destroy()
  })

  it('gives every moving cursor its share of the ticks, whatever its rhythm against the tick', () => {
    // Four cursors move once per 40 ms tick: two early in the tick, two late. Choosing the freshest
    // sent the late ones every time and the early ones never, as long as they kept moving.
    const { presence, frames, move, at } = setup(2)
    for (const id of [1, 2, 3, 4]) move(id)
    presence.tick(t)
    const start = t
    const sentAt = new Map<number, number[]>([1, 2, 3, 4].map((id) => [id, []]))
    for (let tick = 1; tick <= 50; tick++) {
      const base = start + (tick - 1) * 40
      at(base + 5)
      move(1)
      move(2)
      at(base + 35)
      move(3)
      move(4)
      at(base + 40)
      presence.tick(t)
      for (const id of frames.at(-1) ?? []) sentAt.get(id)?.push(t)
    }
    for (const [id, times] of sentAt) {
      // Half the ticks each, and never more than two ticks between two of its positions.
      expect(times.length, `cursor ${id}`).toBeGreaterThanOrEqual(24)
      const gaps = times.slice(1).map((time, i) => time - times[i]!)
      expect(Math.max(...gaps), `cursor ${id}`).toBeLessThanOrEqual(80)
    }
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

describe('presence belongs to its connection', () => {
  function setup() {
    const { conn: watcher } = receiver()
    const presence = new Presence(new Y.Doc(), {
      tickMs: 40,
      cap: 64,
      connections: () => [watcher],
      publish: () => {},
    })
    const connect = (sessionId: string) =>
      new SyncConnection(
        { ...context, sessionId },
        { send() {}, close() {} },
        new RateLimiter(1, 1),
      )
    const name = (id: number) =>
      (presence.awareness.getStates().get(id) as { cursor?: { x: number } } | undefined)?.cursor?.x
    return { presence, connect, name }
  }

  /** An awareness update of several entries: [client id, clock, cursor x or null = removal]. */
  function update(...entries: [number, number, number | null][]): Uint8Array {
    const e = encoding.createEncoder()
    encoding.writeVarUint(e, entries.length)
    for (const [id, clock, x] of entries) {
      encoding.writeVarUint(e, id)
      encoding.writeVarUint(e, clock)
      encoding.writeVarString(e, x === null ? 'null' : JSON.stringify({ cursor: { x, y: 0 } }))
    }
    return encoding.toUint8Array(e)
  }

  it("drops entries for another connection's client id, keeps the connection's own", () => {
    const { presence, connect, name } = setup()
    const facilitator = connect('f')
    const intruder = connect('p')
    presence.apply(state(1, 1, 100), facilitator)
    // One frame: a spoofed move of id 1 and the intruder's own id 2; then a removal of id 1.
    presence.apply(update([1, 5, 666], [2, 1, 7]), intruder)
    presence.apply(update([1, 9, null]), intruder)
    expect(name(1)).toBe(100)
    expect(name(2)).toBe(7)
    expect([...facilitator.awarenessIds]).toEqual([1])
    expect([...intruder.awarenessIds]).toEqual([2])
    // The owner still moves and removes its own.
    presence.apply(state(1, 10, 101), facilitator)
    expect(name(1)).toBe(101)
    presence.apply(update([1, 11, null]), facilitator)
    expect(presence.awareness.getStates().has(1)).toBe(false)
    expect(facilitator.awarenessIds.size).toBe(0)
    presence.destroy()
  })

  it('refuses a flood of made-up ids and shows at most MAX_IDS_PER_CONNECTION per connection', () => {
    const { presence, connect } = setup()
    const conn = connect('p')
    const e = encoding.createEncoder()
    encoding.writeVarUint(e, 3000)
    for (let id = 1; id <= 3000; id++) {
      encoding.writeVarUint(e, id)
      encoding.writeVarUint(e, 1)
      encoding.writeVarString(e, JSON.stringify({ user: { name: `fake ${id}` } }))
    }
    expect(() => presence.apply(encoding.toUint8Array(e), conn)).toThrow(/more than 64/)
    expect(presence.awareness.getStates().size).toBe(0)
    for (let id = 1; id <= MAX_IDS_PER_CONNECTION; id++) presence.apply(state(id, 1, id), conn)
    presence.apply(state(99, 1, 99), conn)
    expect(presence.awareness.getStates().has(99)).toBe(false)
    expect(conn.awarenessIds.size).toBe(MAX_IDS_PER_CONNECTION)
    presence.destroy()
  })

  it("an echo of others' presence takes over nothing, not even a same-session tab's id", () => {
    const { presence, connect } = setup()
    const a = connect('s')
    const b = connect('s')
    presence.apply(state(1, 1, 1), a)
    presence.apply(state(2, 1, 2), b)
    // b sends back what it received (a stock client does): a's id 1 together with its own.
    presence.apply(update([1, 1, 1], [2, 1, 2]), b)
    expect([...a.awarenessIds]).toEqual([1])
    expect([...b.awarenessIds]).toEqual([2])
    presence.destroy()
  })

  it('hands a client id over to a new tab of the same session, not to another session', () => {
    const { presence, connect, name } = setup()
    const old = connect('s')
    presence.apply(state(1, 1, 1), old)
    const other = connect('t')
    presence.apply(state(1, 2, 2), other)
    expect(name(1)).toBe(1)
    const reconnected = connect('s')
    presence.apply(state(1, 3, 3), reconnected)
    expect(name(1)).toBe(3)
    expect(old.awarenessIds.size).toBe(0)
    // The old tab leaving does not take the new tab's presence with it.
    presence.remove(old.awarenessIds)
    expect(name(1)).toBe(3)
    presence.destroy()
  })
})
