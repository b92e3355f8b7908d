/**
 * The role × action matrix: every actor against every API route and the sync endpoint (connect,
 * write, awareness). Each cell gets a fresh workshop, so cells do not depend on each other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiClient, FACILITATOR, workshopFixture } from './support/api.ts'
import { awarenessFrame, ideaTexts, ideaUpdateFrame, RawSync } from './support/rawSync.ts'
import { type RunningServer, startServer } from './support/servers.ts'

const ACTORS = [
  'facilitator',
  'participant',
  'viewer',
  'otherGuest',
  'nobody',
  'expired',
  'loggedOut',
] as const
type Actor = (typeof ACTORS)[number]

interface Cell {
  server: RunningServer
  actor: ApiClient
  facilitator: ApiClient
  workshopId: string
  boardId: string
  guestId: string
}

let server: RunningServer

beforeAll(async () => {
  server = await startServer('pglite', { env: { RATE_LIMIT_JOIN_PER_MINUTE: '100000' } })
  await workshopFixture(server.url) // first-run setup
})

afterAll(async () => {
  await server.stop()
})

/** A fresh workshop (+ another one) and the actor's session for it. */
async function cell(actor: Actor): Promise<Cell> {
  const facilitator = new ApiClient(server.url)
  await facilitator.post('/api/auth/login', {
    email: FACILITATOR.email,
    password: FACILITATOR.password,
  })
  const fixture = await workshopFixture(server.url, { title: `Matrix ${actor}` })
  const other = await workshopFixture(server.url, { title: 'Another workshop' })
  const someGuest = await fixture.join('participant', 'Someone')
  const guestId = (await someGuest.get('/api/me')).body.guest.id as string
  let client: ApiClient
  switch (actor) {
    case 'facilitator':
      client = facilitator
      break
    case 'participant':
      client = await fixture.join('participant', 'Paula')
      break
    case 'viewer':
      client = await fixture.join('viewer')
      break
    case 'otherGuest':
      client = await other.join('participant', 'Olga')
      break
    case 'nobody':
      client = new ApiClient(server.url)
      break
    case 'expired': {
      client = await fixture.join('participant', 'Erik')
      const sessionId = client.cookie?.split('=')[1]?.split('.')[0]
      await server.server.db.query(
        `update sessions set created_at = now() - interval '30 days' where id = $1`,
        [sessionId],
      )
      break
    }
    case 'loggedOut': {
      client = await fixture.join('participant', 'Lena')
      const cookie = client.cookie
      expect((await client.post('/api/auth/logout')).status).toBe(204)
      client.cookie = cookie
      break
    }
  }
  // The workshop's routes are called with the facilitator's workshop (owned by the same person).
  return {
    server,
    actor: client,
    facilitator,
    workshopId: fixture.workshopId,
    boardId: fixture.boardId,
    guestId,
  }
}

type Expect = Partial<Record<Actor, number>> & { default: number }

const FACILITATOR_ONLY = (ok: number): Expect => ({
  facilitator: ok,
  participant: 403,
  viewer: 403,
  // A guest of another workshop is not told that this one exists.
  otherGuest: 404,
  default: 401,
})

/** Facilitator routes that name no workshop: every guest is refused alike. */
const NO_WORKSHOP_NAMED = (ok: number): Expect => ({ ...FACILITATOR_ONLY(ok), otherGuest: 403 })

const ROUTES: {
  name: string
  call: (c: Cell) => Promise<{ status: number }>
  expect: Expect
}[] = [
  {
    name: 'GET /api/me',
    call: (c) => c.actor.get('/api/me'),
    expect: { facilitator: 200, participant: 200, viewer: 200, otherGuest: 200, default: 401 },
  },
  {
    // A receipt (issue 20 §4): participants only, any workshop's; viewers and facilitators 403.
    name: 'POST /api/me/receipt',
    call: (c) => c.actor.post('/api/me/receipt'),
    expect: { facilitator: 403, participant: 200, viewer: 403, otherGuest: 200, default: 401 },
  },
  {
    name: 'GET /api/workshops',
    call: (c) => c.actor.get('/api/workshops'),
    expect: NO_WORKSHOP_NAMED(200),
  },
  {
    name: 'POST /api/workshops',
    call: (c) => c.actor.post('/api/workshops', { title: 'Neu' }),
    expect: NO_WORKSHOP_NAMED(201),
  },
  {
    name: 'GET /api/workshops/:id',
    call: (c) => c.actor.get(`/api/workshops/${c.workshopId}`),
    expect: FACILITATOR_ONLY(200),
  },
  {
    name: 'PATCH /api/workshops/:id',
    call: (c) => c.actor.patch(`/api/workshops/${c.workshopId}`, { place: 'Rathaus' }),
    expect: FACILITATOR_ONLY(200),
  },
  {
    name: 'POST /api/workshops/:id/archive',
    call: (c) => c.actor.post(`/api/workshops/${c.workshopId}/archive`),
    expect: FACILITATOR_ONLY(200),
  },
  {
    name: 'POST /api/workshops/:id/unarchive',
    call: (c) => c.actor.post(`/api/workshops/${c.workshopId}/unarchive`),
    expect: FACILITATOR_ONLY(200),
  },
  {
    name: 'DELETE /api/workshops/:id',
    call: (c) => c.actor.delete(`/api/workshops/${c.workshopId}`),
    expect: FACILITATOR_ONLY(204),
  },
  {
    name: 'POST /api/workshops/:id/invites/:role/rotate',
    call: (c) => c.actor.post(`/api/workshops/${c.workshopId}/invites/participant/rotate`),
    expect: FACILITATOR_ONLY(200),
  },
  {
    name: 'PATCH /api/workshops/:id/invites/:role',
    call: (c) => c.actor.patch(`/api/workshops/${c.workshopId}/invites/viewer`, { enabled: false }),
    expect: FACILITATOR_ONLY(200),
  },
  {
    name: 'GET /api/workshops/:id/invites/:role/qr.svg',
    call: (c) => c.actor.get(`/api/workshops/${c.workshopId}/invites/participant/qr.svg`),
    expect: FACILITATOR_ONLY(200),
  },
  {
    name: 'POST /api/workshops/:id/cofacilitators',
    call: (c) => c.actor.post(`/api/workshops/${c.workshopId}/cofacilitators`),
    expect: FACILITATOR_ONLY(201),
  },
  {
    name: 'DELETE /api/workshops/:id/cofacilitators/:facilitatorId',
    call: (c) => c.actor.delete(`/api/workshops/${c.workshopId}/cofacilitators/nobody`),
    expect: FACILITATOR_ONLY(404),
  },
  {
    name: 'GET /api/workshops/:id/participants',
    call: (c) => c.actor.get(`/api/workshops/${c.workshopId}/participants`),
    expect: FACILITATOR_ONLY(200),
  },
  {
    name: 'PATCH /api/workshops/:id/participants/:guestId',
    call: (c) =>
      c.actor.patch(`/api/workshops/${c.workshopId}/participants/${c.guestId}`, { role: 'viewer' }),
    expect: FACILITATOR_ONLY(200),
  },
  {
    name: 'POST /api/auth/password',
    call: (c) =>
      c.actor.post('/api/auth/password', {
        currentPassword: FACILITATOR.password,
        newPassword: FACILITATOR.password,
      }),
    expect: NO_WORKSHOP_NAMED(204),
  },
  {
    name: 'GET /api/boards/:boardId/access',
    call: (c) => c.actor.get(`/api/boards/${c.boardId}/access`),
    expect: { facilitator: 200, participant: 200, viewer: 200, otherGuest: 404, default: 401 },
  },
  {
    name: 'POST /api/boards/:boardId/ticket',
    call: (c) => c.actor.post(`/api/boards/${c.boardId}/ticket`),
    expect: { facilitator: 200, participant: 200, viewer: 200, otherGuest: 404, default: 401 },
  },
  {
    name: 'GET /api/workshops/:id/history',
    call: (c) => c.actor.get(`/api/workshops/${c.workshopId}/history`),
    expect: FACILITATOR_ONLY(200),
  },
  {
    name: 'POST /api/workshops/:id/history/restore',
    call: (c) => c.actor.post(`/api/workshops/${c.workshopId}/history/restore`, { before: 1 }),
    expect: FACILITATOR_ONLY(200),
  },
  {
    name: 'POST /api/workshops/:id/history/undo',
    call: (c) =>
      c.actor.post(`/api/workshops/${c.workshopId}/history/undo`, {
        before: 1,
        sender: { kind: 'guest', id: c.guestId },
      }),
    expect: FACILITATOR_ONLY(200),
  },
  {
    name: 'GET /api/workshops/:id/idea-status',
    call: (c) => c.actor.get(`/api/workshops/${c.workshopId}/idea-status`),
    expect: FACILITATOR_ONLY(200),
  },
  {
    // No idea on the fresh board: the facilitator gets past the role check to the idea's 404.
    name: 'POST /api/workshops/:id/ideas/:ideaId/status',
    call: (c) =>
      c.actor.post(`/api/workshops/${c.workshopId}/ideas/i-none/status`, { status: 'implemented' }),
    expect: FACILITATOR_ONLY(404),
  },
  {
    name: 'GET /api/workshops/:id/results-page',
    call: (c) => c.actor.get(`/api/workshops/${c.workshopId}/results-page`),
    expect: FACILITATOR_ONLY(200),
  },
  {
    name: 'PATCH /api/workshops/:id/results-page',
    call: (c) => c.actor.patch(`/api/workshops/${c.workshopId}/results-page`, { published: true }),
    expect: FACILITATOR_ONLY(200),
  },
  {
    // Not published (default): the same 404 for everyone, whoever asks.
    name: 'GET /ergebnisse/:id',
    call: (c) => c.actor.get(`/ergebnisse/${c.workshopId}`),
    expect: { default: 404 },
  },
  {
    name: 'POST /api/auth/logout',
    call: (c) => c.actor.post('/api/auth/logout'),
    expect: { default: 204 },
  },
  {
    name: 'GET /api/setup',
    call: (c) => c.actor.get('/api/setup'),
    expect: { default: 200 },
  },
  {
    name: 'POST /api/setup (after the first run)',
    call: (c) =>
      c.actor.post('/api/setup', { email: 'x@example.org', password: 'long enough!', name: 'X' }),
    expect: { default: 409 },
  },
]

describe.each(ROUTES)('$name', ({ call, expect: expected }) => {
  it.each(ACTORS)('%s', async (actor) => {
    const c = await cell(actor)
    const res = await call(c)
    expect(res.status).toBe(expected[actor] ?? expected.default)
  })
})

/** What each actor gets from the sync endpoint: open or a close code. */
const SYNC: Record<Actor, { open: true; write: boolean } | { open: false; code: number }> = {
  facilitator: { open: true, write: true },
  participant: { open: true, write: true },
  viewer: { open: true, write: false },
  otherGuest: { open: false, code: 4404 },
  nobody: { open: false, code: 4401 },
  expired: { open: false, code: 4401 },
  loggedOut: { open: false, code: 4401 },
}

describe('sync endpoint', () => {
  it.each(ACTORS)('%s: connect, write and awareness', async (actor) => {
    const c = await cell(actor)
    const opened = await RawSync.open(
      `${server.wsUrl}/${c.boardId}`,
      c.actor.cookie ? { cookie: c.actor.cookie } : {},
    )
    const expected = SYNC[actor]
    if (!expected.open) {
      expect(opened).toMatchObject({ ok: false, code: expected.code })
      return
    }
    if (!opened.ok) throw new Error(`expected to connect: ${JSON.stringify(opened)}`)
    const marker = `written by ${actor}`
    const { frame, clientId } = awarenessFrame(actor)
    const states = await opened.socket.sendAndSettle(ideaUpdateFrame(marker), frame)
    const room = server.server.rooms.get(c.boardId)
    await room?.flush()
    expect(ideaTexts(room?.doc).includes(marker)).toBe(expected.write)
    expect(states.has(clientId)).toBe(expected.write)
    const stored = await server.server.store.load(c.boardId)
    const bytes = Buffer.concat(stored.updates.map((u) => Buffer.from(u)))
    expect(bytes.includes(marker)).toBe(expected.write)
    opened.socket.close()
  })
})
