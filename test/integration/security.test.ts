/**
 * Access control in depth: origins, CSRF, login throttling, inert injection payloads, cookies,
 * and live sockets following logout, removal, role changes, expiry, archive and deletion.
 */
import { Board } from '@ideenwand/board'
import { describe, expect, it } from 'vitest'
import { ApiClient, FACILITATOR, type WorkshopFixture, workshopFixture } from './support/api.ts'
import { boardExists } from './support/boardRows.ts'
import { connectClient } from './support/clients.ts'
import { perTest } from './support/perTest.ts'
import { awarenessFrame, ideaTexts, ideaUpdateFrame, RawSync } from './support/rawSync.ts'
import { type RunningServer, startServer } from './support/servers.ts'

const t = perTest()

async function boot(
  env: Record<string, string> = {},
): Promise<{ s: RunningServer; w: WorkshopFixture }> {
  t.server = await startServer('pglite', { env })
  return { s: t.server, w: await workshopFixture(t.server.url) }
}

async function open(s: RunningServer, boardId: string, headers: Record<string, string>) {
  const opened = await RawSync.open(`${s.wsUrl}/${boardId}`, headers)
  if ('socket' in opened) t.sockets.push(opened.socket)
  return opened
}

function connected(opened: Awaited<ReturnType<typeof open>>): RawSync {
  if (!('socket' in opened)) throw new Error(`not connected: ${JSON.stringify(opened)}`)
  return opened.socket
}

describe('origins and CSRF', () => {
  it('refuses a WebSocket from a foreign origin and accepts the same origin', async () => {
    const { s, w } = await boot()
    const cookie = w.facilitator.cookie ?? ''
    expect(await open(s, w.boardId, { cookie, origin: 'https://evil.example' })).toEqual({
      ok: false,
      httpStatus: 403,
    })
    const same = await open(s, w.boardId, { cookie, origin: s.url })
    expect(same.ok).toBe(true)
  })

  it('with PUBLIC_URL only that origin may connect', async () => {
    const { s, w } = await boot({ PUBLIC_URL: 'https://ideenwand.bad-belzig.de' })
    const cookie = w.facilitator.cookie ?? ''
    expect(await open(s, w.boardId, { cookie, origin: s.url })).toEqual({
      ok: false,
      httpStatus: 403,
    })
    expect(
      (await open(s, w.boardId, { cookie, origin: 'https://ideenwand.bad-belzig.de' })).ok,
    ).toBe(true)
  })

  it('refuses cross-site form posts and cross-site fetches', async () => {
    const { s, w } = await boot()
    const form = await fetch(`${s.url}/api/join`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'https://evil.example',
      },
      body: `code=${w.participantCode}`,
    })
    expect(form.status).toBe(403)
    expect((await form.json()).error.code).toBe('cross_site_request')
    const crossSite = await new ApiClient(s.url, { 'sec-fetch-site': 'cross-site' }).post(
      '/api/join',
      {
        code: w.participantCode,
      },
    )
    expect(crossSite.status).toBe(403)
    const logout = await new ApiClient(s.url, { origin: 'https://evil.example' }).post(
      '/api/auth/logout',
    )
    expect(logout.status).toBe(403)
    const sameOrigin = await new ApiClient(s.url, {
      'sec-fetch-site': 'same-origin',
      origin: s.url,
    }).post('/api/join', { code: w.participantCode })
    expect(sameOrigin.status).toBe(200)
  })
})

describe('authentication', () => {
  it('throttles repeated failed logins, even with the right password afterwards', async () => {
    const { s } = await boot()
    const client = new ApiClient(s.url)
    for (let i = 0; i < 5; i++) {
      const res = await client.post('/api/auth/login', {
        email: FACILITATOR.email,
        password: 'wrong password',
      })
      expect(res.status).toBe(401)
    }
    const blocked = await client.post('/api/auth/login', {
      email: FACILITATOR.email,
      password: FACILITATOR.password,
    })
    expect(blocked.status).toBe(429)
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0)
  })

  it('refuses a second setup', async () => {
    const { s } = await boot()
    const res = await new ApiClient(s.url).post('/api/setup', {
      email: 'mallory@example.org',
      password: 'a long password',
      name: 'Mallory',
    })
    expect(res.status).toBe(409)
    expect(res.body.error.code).toBe('setup_done')
  })

  it('sets an HttpOnly SameSite=Lax cookie; on https with the __Host- prefix and Secure', async () => {
    const plain = await boot()
    const join = await fetch(`${plain.s.url}/api/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: plain.w.participantCode }),
    })
    const cookie = join.headers.get('set-cookie') ?? ''
    expect(cookie).toMatch(/^ideenwand_session=[a-z0-9]{24}\.[a-z0-9]{24};/)
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Lax/)
    expect(cookie).toMatch(/Path=\//)
    await t.server?.stop()
    const https = await boot({ PUBLIC_URL: 'https://ideenwand.example.org' })
    const secure = await fetch(`${https.s.url}/api/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: https.w.participantCode }),
    })
    const secureCookie = secure.headers.get('set-cookie') ?? ''
    expect(secureCookie).toMatch(/^__Host-ideenwand_session=/)
    expect(secureCookie).toMatch(/Secure/)
    expect(secureCookie).not.toMatch(/Domain/)
  })

  it('stores only a hash of the session secret', async () => {
    const { s, w } = await boot()
    const secret = w.facilitator.cookie?.split('.')[1] ?? ''
    const rows = await s.server.db.query<{ secret_hash: Uint8Array }>(
      'select secret_hash from sessions',
    )
    for (const row of rows) expect(Buffer.from(row.secret_hash).toString()).not.toContain(secret)
    expect(rows.every((r) => r.secret_hash.length === 32)).toBe(true)
  })

  it('non-browser t.clients use single-use tickets', async () => {
    const { s, w } = await boot()
    const ticket = (await w.facilitator.post(`/api/boards/${w.boardId}/ticket`)).body
      .ticket as string
    const first = await open(s, w.boardId, {})
    expect(first).toMatchObject({ ok: false, code: 4401 })
    const withTicket = await RawSync.open(`${s.wsUrl}/${w.boardId}?ticket=${ticket}`)
    expect(withTicket.ok).toBe(true)
    if ('socket' in withTicket) t.sockets.push(withTicket.socket)
    const again = await RawSync.open(`${s.wsUrl}/${w.boardId}?ticket=${ticket}`)
    expect(again).toMatchObject({ ok: false, code: 4401 })
    const other = await workshopFixture(s.url, { title: 'Other' })
    const foreign = (await w.facilitator.post(`/api/boards/${w.boardId}/ticket`)).body
      .ticket as string
    expect(await RawSync.open(`${s.wsUrl}/${other.boardId}?ticket=${foreign}`)).toMatchObject({
      ok: false,
      code: 4401,
    })
  })
})

describe('hostile text is stored and returned inert', () => {
  const payloads = [
    `'; drop table workshops; --`,
    '<script>alert("xss")</script>',
    '<img src=x onerror=alert(1)>',
    `" onmouseover="alert(1)`,
    "Robert'); DELETE FROM sessions; --",
    '{{constructor.constructor("alert(1)")()}}',
  ]

  it.each(payloads)('%s', async (payload) => {
    const { s, w } = await boot()
    const created = await w.facilitator.post('/api/workshops', {
      title: payload,
      place: payload,
      description: payload,
    })
    expect(created.status).toBe(201)
    expect(created.headers.get('content-type')).toMatch(/^application\/json/)
    expect(created.headers.get('x-content-type-options')).toBe('nosniff')
    const read = await w.facilitator.get(`/api/workshops/${created.body.id}`)
    expect(read.body).toMatchObject({ title: payload, place: payload, description: payload })
    const guest = new ApiClient(s.url)
    const joined = await guest.post('/api/join', { code: w.participantCode, name: payload })
    expect(joined.status).toBe(200)
    expect((await guest.get('/api/me')).body.guest.name).toBe(payload)
    const list = await w.facilitator.get(`/api/workshops/${w.workshopId}/participants`)
    expect(list.body.map((g: { name: string }) => g.name)).toContain(payload)
    // The tables are all still there.
    const tables = await s.server.db.query<{ n: string }>(
      `select count(*) as n from information_schema.tables where table_name in ('workshops', 'sessions', 'guests')`,
    )
    expect(Number(tables[0]?.n)).toBe(3)
  })
})

describe('live t.sockets follow access changes within two seconds', () => {
  it('logout closes the session’s t.sockets with 4401', async () => {
    const { s, w } = await boot()
    const guest = await w.join('participant', 'Paula')
    const socket = connected(await open(s, w.boardId, { cookie: guest.cookie ?? '' }))
    const started = Date.now()
    await guest.post('/api/auth/logout')
    expect(await socket.closed).toEqual({ code: 4401, reason: 'session ended' })
    expect(Date.now() - started).toBeLessThan(2000)
  })

  it('a removed participant is disconnected with 4403 and cannot come back', async () => {
    const { s, w } = await boot()
    const guest = await w.join('participant', 'Paula')
    const guestId = (await guest.get('/api/me')).body.guest.id
    const socket = connected(await open(s, w.boardId, { cookie: guest.cookie ?? '' }))
    const started = Date.now()
    const res = await w.facilitator.patch(
      `/api/workshops/${w.workshopId}/participants/${guestId}`,
      {
        status: 'removed',
      },
    )
    expect(res.status).toBe(200)
    expect(await socket.closed).toEqual({ code: 4403, reason: 'removed from workshop' })
    expect(Date.now() - started).toBeLessThan(2000)
    expect((await guest.get('/api/me')).status).toBe(401)
    expect(await open(s, w.boardId, { cookie: guest.cookie ?? '' })).toMatchObject({
      ok: false,
      code: 4401,
    })
  })

  it('a participant turned viewer can no longer write or show a cursor; back again, can', async () => {
    const { s, w } = await boot()
    const guest = await w.join('participant', 'Paula')
    const guestId = (await guest.get('/api/me')).body.guest.id
    const socket = connected(await open(s, w.boardId, { cookie: guest.cookie ?? '' }))
    const cursor = awarenessFrame('Paula')
    expect(
      (await socket.sendAndSettle(ideaUpdateFrame('before'), cursor.frame)).has(cursor.clientId),
    ).toBe(true)
    const toViewer = await w.facilitator.patch(
      `/api/workshops/${w.workshopId}/participants/${guestId}`,
      { role: 'viewer' },
    )
    expect(toViewer.status).toBe(200)
    const after = await socket.sendAndSettle(ideaUpdateFrame('AFTER'))
    expect(after.has(cursor.clientId)).toBe(false)
    const room = s.server.rooms.get(w.boardId)
    expect(ideaTexts(room?.doc)).toBe('before')
    const back = await w.facilitator.patch(
      `/api/workshops/${w.workshopId}/participants/${guestId}`,
      { role: 'participant' },
    )
    expect(back.status, JSON.stringify(back.body)).toBe(200)
    await socket.sendAndSettle(ideaUpdateFrame('again'))
    expect(ideaTexts(room?.doc)).toContain('again')
  })

  it('an expired session is disconnected with 4401 "session expired"', async () => {
    const { s, w } = await boot({ GUEST_SESSION_MAX_AGE_SECONDS: '2' })
    const guest = await w.join('participant', 'Kurz')
    const socket = connected(await open(s, w.boardId, { cookie: guest.cookie ?? '' }))
    expect(await socket.closed).toEqual({ code: 4401, reason: 'session expired' })
  })

  it('the lobby: a waiting guest is refused until admitted', async () => {
    t.server = await startServer('pglite')
    const w = await workshopFixture(t.server.url, { title: 'Mit Lobby', lobby: true })
    const guest = await w.join('participant', 'Wartend')
    const me = (await guest.get('/api/me')).body.guest
    expect(me.status).toBe('waiting')
    expect((await guest.get(`/api/boards/${w.boardId}/access`)).status).toBe(403)
    expect(await open(t.server, w.boardId, { cookie: guest.cookie ?? '' })).toMatchObject({
      ok: false,
      code: 4403,
      reason: 'waiting for admission',
    })
    await w.facilitator.patch(`/api/workshops/${w.workshopId}/participants/${me.id}`, {
      status: 'admitted',
    })
    expect((await open(t.server, w.boardId, { cookie: guest.cookie ?? '' })).ok).toBe(true)
  })

  it('a password change ends the other sessions and their sockets', async () => {
    const { s, w } = await boot()
    const other = new ApiClient(s.url)
    await other.post('/api/auth/login', {
      email: FACILITATOR.email,
      password: FACILITATOR.password,
    })
    const socket = connected(await open(s, w.boardId, { cookie: other.cookie ?? '' }))
    const res = await w.facilitator.post('/api/auth/password', {
      currentPassword: FACILITATOR.password,
      newPassword: 'Ein neues, langes Passwort',
    })
    expect(res.status).toBe(204)
    expect((await socket.closed).code).toBe(4401)
    expect((await other.get('/api/me')).status).toBe(401)
    expect((await w.facilitator.get('/api/me')).status).toBe(200)
  })

  it('archiving makes the board read-only and the codes stop working', async () => {
    const { s, w } = await boot()
    const guest = await w.join('participant', 'Paula')
    const socket = connected(await open(s, w.boardId, { cookie: guest.cookie ?? '' }))
    await socket.sendAndSettle(ideaUpdateFrame('vorher '))
    await w.facilitator.post(`/api/workshops/${w.workshopId}/archive`)
    expect((await new ApiClient(s.url).post('/api/join', { code: w.participantCode })).status).toBe(
      404,
    )
    await socket.sendAndSettle(ideaUpdateFrame('nach dem Archivieren'))
    const room = s.server.rooms.get(w.boardId)
    await room?.flush()
    expect(ideaTexts(room?.doc)).toBe('vorher ')
    await w.facilitator.post(`/api/workshops/${w.workshopId}/unarchive`)
    await socket.sendAndSettle(ideaUpdateFrame('wieder offen '))
    expect(ideaTexts(room?.doc)).toContain('wieder offen')
  })

  it('deleting a workshop closes its t.sockets with 4404 and removes all board data', async () => {
    const { s, w } = await boot()
    const guest = await w.join('participant', 'Paula')
    const writer = connectClient(s.wsUrl, w.boardId, { cookie: guest.cookie })
    t.clients.push(writer)
    await writer.synced()
    new Board(writer.doc).addIdea({ text: 'bald gelöscht' })
    await writer.allConfirmed()
    const closed = new Promise<number>((resolve) =>
      writer.provider.on('connection-close', (event) => resolve(event?.code ?? 0)),
    )
    expect((await w.facilitator.delete(`/api/workshops/${w.workshopId}`)).status).toBe(204)
    expect(await closed).toBe(4404)
    expect(await s.server.store.counts(w.boardId)).toEqual({ updates: 0, snapshots: 0 })
    expect(await boardExists(s.server.db, w.boardId)).toBe(false)
    const guests = await s.server.db.query('select 1 from guests where workshop_id = $1', [
      w.workshopId,
    ])
    expect(guests).toHaveLength(0)
    expect((await guest.get('/api/me')).status).toBe(401)
  })
})

describe('the API contract', () => {
  it('serves an OpenAPI 3.1 document with every route', async () => {
    const { s } = await boot()
    const doc = (await new ApiClient(s.url).get('/api/openapi.json')).body
    expect(doc.openapi).toBe('3.1.0')
    for (const path of [
      '/setup',
      '/auth/login',
      '/auth/logout',
      '/me',
      '/workshops',
      '/join',
      '/boards/{boardId}/ticket',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path)
    }
    expect(doc.paths['/workshops'].post.requestBody.content['application/json'].schema).toBeTruthy()
  })

  it('answers invalid input with 400 and an error body, oversize with 413, unknown with 404', async () => {
    const { w } = await boot()
    const bad = await w.facilitator.post('/api/workshops', { title: '', date: 'morgen' })
    expect(bad.status).toBe(400)
    expect(bad.body.error.code).toBe('invalid_request')
    expect(bad.body.error.message).toMatch(/title|date/)
    const big = await w.facilitator.post('/api/workshops', {
      title: 'x',
      description: 'y'.repeat(100_000),
    })
    expect(big.status).toBe(413)
    const unknown = await w.facilitator.get('/api/nothing-here')
    expect(unknown.status).toBe(404)
    expect(unknown.body.error.code).toBe('not_found')
  })

  it('sends a CSP that allows only the own origin', async () => {
    const { s } = await boot()
    const res = await fetch(`${s.url}/api/setup`)
    const csp = res.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("default-src 'self'")
    expect(csp).toContain("script-src 'self'")
    expect(csp).toContain("frame-ancestors 'none'")
  })
})
