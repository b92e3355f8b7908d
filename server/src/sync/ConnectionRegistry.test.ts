import { CloseCode } from '@ideenwand/protocol'
import { afterEach, describe, expect, it } from 'vitest'
import { type ConnectionLimits, ConnectionRegistry } from './ConnectionRegistry.ts'
import { RateLimiter } from './RateLimiter.ts'
import { type ConnectionContext, SyncConnection } from './SyncConnection.ts'

const registries: ConnectionRegistry[] = []
afterEach(() => {
  for (const r of registries.splice(0)) r.close()
})

function registry(): ConnectionRegistry {
  const r = new ConnectionRegistry(() => {}, 60_000)
  registries.push(r)
  return r
}

function context(patch: Partial<ConnectionContext> = {}): ConnectionContext {
  return {
    boardId: 'board',
    sessionId: 's1',
    facilitatorId: null,
    guestId: 'g1',
    displayName: 'Anna',
    role: 'participant',
    canWrite: true,
    expiresAt: null,
    wantsAck: false,
    ip: '10.0.0.1',
    ...patch,
  }
}

/** A connection whose socket records how it was closed. */
function connection(ctx: ConnectionContext): SyncConnection & { closedWith: number | null } {
  let closedWith: number | null = null
  const conn = new SyncConnection(
    ctx,
    {
      send() {},
      close(code) {
        closedWith = code
      },
    },
    new RateLimiter(1000, 1000),
  )
  return Object.defineProperty(conn, 'closedWith', { get: () => closedWith }) as SyncConnection & {
    closedWith: number | null
  }
}

const LIMITS: ConnectionLimits = { perSession: 3, sessionsPerIp: 2, extraPerIp: 2 }

describe('ConnectionRegistry counts', () => {
  it('revalidate: connections it closes leave the counts, so their places are free again', async () => {
    const r = registry()
    const anna = [connection(context()), connection(context()), connection(context())]
    const ben = connection(context({ sessionId: 's2', guestId: 'g2' }))
    for (const c of [...anna, ben]) r.add(c)
    expect(r.usage(context())).toEqual({ session: 3, sessions: 2, extra: 2 })
    expect(r.overLimit(context(), LIMITS)).toBe('session')

    // Anna's session ended while this instance missed the event; Ben stays.
    const closed = await r.revalidate(async (ctx) =>
      ctx.sessionId === 's1' ? { close: CloseCode.SessionEnded } : { canWrite: true },
    )
    expect(closed).toBe(3)
    expect(anna.map((c) => c.closedWith)).toEqual([4401, 4401, 4401])
    expect(r.size).toBe(1)
    expect(r.usage(context())).toEqual({ session: 0, sessions: 1, extra: 0 })
    // The socket's own close event comes later and must not count anything twice.
    for (const c of anna) r.delete(c)
    expect(r.usage(context({ sessionId: 's2' }))).toEqual({ session: 1, sessions: 1, extra: 0 })
    expect(r.overLimit(context(), LIMITS)).toBeNull()
    r.delete(ben)
    expect(r.usage(context({ sessionId: 's2' }))).toEqual({ session: 0, sessions: 0, extra: 0 })
  })

  it('the other removal paths keep the counts exact as well', () => {
    const r = registry()
    const a = connection(context({ expiresAt: 1 }))
    const b = connection(context({ sessionId: 's2', guestId: 'g2' }))
    const c = connection(context({ sessionId: 's3', guestId: 'g3', boardId: 'other' }))
    for (const conn of [a, b, c]) r.add(conn)
    r.add(a) // added twice by mistake: counted once
    expect(r.sweepExpired(2)).toBe(1)
    expect(r.closeGuest('g2')).toBe(1)
    expect(r.closeBoard('other')).toBe(1)
    expect(r.size).toBe(0)
    for (const ctx of [a.context, b.context, c.context]) {
      expect(r.usage(ctx)).toEqual({ session: 0, sessions: 0, extra: 0 })
    }
  })
})

describe('ConnectionRegistry limits: one person cannot take the others’ places', () => {
  it('counts sessions per address, not sockets: many tabs of one session leave room for others', () => {
    const r = registry()
    const limits = { perSession: 8, sessionsPerIp: 3, extraPerIp: 4 }
    // One session opens tabs until refused: its own cap and the shared further-tab pool.
    let opened = 0
    while (r.overLimit(context(), limits) === null) {
      r.add(connection(context()))
      opened++
    }
    expect(opened).toBe(5) // 1 first + 4 further tabs
    expect(r.overLimit(context(), limits)).toBe('extra')
    // Someone else at the same address still gets their first connection.
    expect(r.overLimit(context({ sessionId: 's2', guestId: 'g2' }), limits)).toBeNull()
    r.add(connection(context({ sessionId: 's2', guestId: 'g2' })))
    r.add(connection(context({ sessionId: 's3', guestId: 'g3' })))
    // Three sessions is the cap here: the fourth person is refused …
    expect(r.overLimit(context({ sessionId: 's4', guestId: 'g4' }), limits)).toBe('sessions')
    // … but not on another board, from another address, nor a facilitator.
    expect(r.overLimit(context({ sessionId: 's4', boardId: 'b2' }), limits)).toBeNull()
    expect(r.overLimit(context({ sessionId: 's4', ip: '10.0.0.2' }), limits)).toBeNull()
    const facilitator = context({ sessionId: 'f', guestId: null, facilitatorId: 'f1' })
    expect(r.overLimit(facilitator, limits)).toBeNull()
  })
})

describe('ConnectionRegistry: every way a connection ends leaves the counts once', () => {
  it('closed by the server elsewhere (its room, a rate limit): out of the counts at once', () => {
    const r = registry()
    const conn = connection(context())
    r.add(conn)
    expect(r.size).toBe(1)
    // A room closes it (too slow, malformed frame, …) without going through the registry.
    conn.close(CloseCode.TooSlow)
    expect(conn.state).toBe('closing')
    expect(r.size).toBe(0)
    expect(r.usage(context())).toEqual({ session: 0, sessions: 0, extra: 0 })
    // The socket's close event follows; nothing is counted twice.
    conn.socketClosed()
    expect(conn.state).toBe('closed')
    expect(r.usage(context())).toEqual({ session: 0, sessions: 0, extra: 0 })
  })

  it('closed by the client: the socket close event takes it out', () => {
    const r = registry()
    const conn = connection(context())
    r.add(conn)
    conn.socketClosed()
    expect(conn.closedWith).toBeNull()
    expect(r.size).toBe(0)
    // Closing a connection that is gone sends nothing.
    conn.close(CloseCode.Forbidden)
    expect(conn.closedWith).toBeNull()
  })
})

describe('ConnectionRegistry: access changes on live connections', () => {
  function withHooks() {
    const downgraded: number[] = []
    const told: number[] = []
    const announced: string[] = []
    const r = new ConnectionRegistry((conn) => downgraded.push(conn.id), 60_000)
    registries.push(r)
    r.accessChanged = (conn) => told.push(conn.id)
    r.announce = (event) => announced.push(event.type)
    return { r, downgraded, told, announced }
  }

  it('a board made read-only and writable again tells the person again that it is read-only', () => {
    const { r } = withHooks()
    const anna = connection(context())
    r.add(anna)
    // Voting: read-only. Her first refused write gets the notice, later ones not.
    r.setBoardWrite('board', () => false)
    expect(anna.takeReadOnlyNotice()).toBe(true)
    expect(anna.takeReadOnlyNotice()).toBe(false)
    // Collecting again, then the next vote: she is told again (the board-wide path kept the
    // old "told" mark, unlike a change of her own role).
    r.setBoardWrite('board', () => true)
    r.setBoardWrite('board', () => false)
    expect(anna.takeReadOnlyNotice()).toBe(true)
  })

  it('the board-wide change drops presence on downgrades only and leaves the telling to the workshop control', () => {
    const { r, downgraded, told } = withHooks()
    const anna = connection(context())
    const facilitator = connection(
      context({ sessionId: 'f', guestId: null, facilitatorId: 'f1', role: 'facilitator' }),
    )
    const elsewhere = connection(context({ sessionId: 's9', guestId: 'g9', boardId: 'other' }))
    for (const c of [anna, facilitator, elsewhere]) r.add(c)
    r.setBoardWrite('board', (c) => c.context.role === 'facilitator')
    expect(anna.context.canWrite).toBe(false)
    expect(facilitator.context.canWrite).toBe(true)
    expect(elsewhere.context.canWrite).toBe(true)
    expect(downgraded).toEqual([anna.id])
    expect(told).toEqual([])
    // Unchanged permissions change nothing.
    r.setBoardWrite('board', (c) => c.context.role === 'facilitator')
    expect(downgraded).toEqual([anna.id])
  })

  it('a guest made viewer: role and permission change, presence dropped, told, announced', () => {
    const { r, downgraded, told, announced } = withHooks()
    const tabs = [connection(context()), connection(context())]
    const ben = connection(context({ sessionId: 's2', guestId: 'g2' }))
    for (const c of [...tabs, ben]) r.add(c)
    r.setGuestWrite('g1', false, 'viewer')
    for (const c of tabs) expect([c.context.role, c.context.canWrite]).toEqual(['viewer', false])
    expect([ben.context.role, ben.context.canWrite]).toEqual(['participant', true])
    expect(downgraded).toEqual(tabs.map((c) => c.id))
    expect(told).toEqual(tabs.map((c) => c.id))
    expect(announced).toEqual(['guest-write'])
    // Made participant again: an upgrade is told, but drops nothing.
    r.setGuestWrite('g1', true, 'participant')
    expect(downgraded).toHaveLength(2)
    expect(told).toHaveLength(4)
    // The same event from another instance is applied, not announced again.
    r.apply({ type: 'guest-write', guestId: 'g1', canWrite: false })
    expect(tabs[0]?.context.role).toBe('participant')
    expect(tabs[0]?.context.canWrite).toBe(false)
    expect(announced).toEqual(['guest-write', 'guest-write'])
  })

  it('a removed co-facilitator loses only that board, with 4403', () => {
    const { r } = withHooks()
    const f = { sessionId: 'f', guestId: null, facilitatorId: 'f1', role: 'facilitator' as const }
    const here = connection(context(f))
    const otherBoard = connection(context({ ...f, boardId: 'other' }))
    const guest = connection(context())
    for (const c of [here, otherBoard, guest]) r.add(c)
    expect(r.closeFacilitatorOnBoard('f1', 'board')).toBe(1)
    expect([here.closedWith, otherBoard.closedWith, guest.closedWith]).toEqual([4403, null, null])
    expect(r.size).toBe(2)
  })

  it('ended sessions close with 4401 "session ended"; other sessions stay', () => {
    const { r, announced } = withHooks()
    const anna = connection(context())
    const ben = connection(context({ sessionId: 's2', guestId: 'g2' }))
    for (const c of [anna, ben]) r.add(c)
    expect(r.closeSessions([])).toBe(0)
    expect(announced).toEqual([])
    expect(r.closeSessions(['s1'])).toBe(1)
    expect([anna.closedWith, ben.closedWith]).toEqual([4401, null])
    expect(announced).toEqual(['sessions-ended'])
  })

  it('revalidate keeps a connection whose check fails, and skips those closed meanwhile', async () => {
    const { r } = withHooks()
    const anna = connection(context())
    const ben = connection(context({ sessionId: 's2', guestId: 'g2' }))
    for (const c of [anna, ben]) r.add(c)
    const closed = await r.revalidate(async (ctx) => {
      if (ctx.sessionId === 's1') throw new Error('database away')
      ben.close(CloseCode.GoingAway)
      return { close: CloseCode.SessionEnded }
    })
    expect(closed).toBe(0)
    expect(anna.closedWith).toBeNull()
    expect(ben.closedWith).toBe(1001)
    expect(r.size).toBe(1)
  })

  it('the sweep closes exactly the expired sessions with 4401 "session expired"', () => {
    const { r } = withHooks()
    const expired = connection(context({ expiresAt: 1_000 }))
    const later = connection(context({ sessionId: 's2', guestId: 'g2', expiresAt: 5_000 }))
    const never = connection(context({ sessionId: 's3', guestId: 'g3' }))
    for (const c of [expired, later, never]) r.add(c)
    expect(r.sweepExpired(1_000)).toBe(1)
    expect([expired.closedWith, later.closedWith, never.closedWith]).toEqual([4401, null, null])
    expect(r.sweepExpired(10_000)).toBe(1)
    expect(r.size).toBe(1)
  })
})
