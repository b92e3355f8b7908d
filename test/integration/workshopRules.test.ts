/**
 * Rules of a workshop that hold whoever asks: accepting a co-facilitator invitation tells nobody
 * whether an e-mail has an account; only the owner may make retention delete the workshop;
 * an archived workshop changes no more; ids named like Object.prototype's properties are
 * refused with 4xx, never a 500. Both storage engines.
 */
import { BOARD_KEYS, Board } from '@ideenwand/board'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { ApiClient, FACILITATOR, workshopFixture } from './support/api.ts'
import { connectClient } from './support/clients.ts'
import { ENGINES } from './support/engines.ts'
import { perTest } from './support/perTest.ts'
import { RawSync, textUpdateFrame } from './support/rawSync.ts'
import { type RunningServer, startServer } from './support/servers.ts'

const t = perTest()

const PROTOTYPE_IDS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty']

/** A co-facilitator invitation's token, created by the owner. */
async function inviteToken(owner: ApiClient, workshopId: string): Promise<string> {
  const res = await owner.post(`/api/workshops/${workshopId}/cofacilitators`)
  expect(res.status).toBe(201)
  return String(res.body.inviteUrl).split('/invite/')[1] ?? ''
}

describe.each(ENGINES)('co-facilitator invitations (%s)', (engine) => {
  it('an e-mail with an account gets no "taken" answer, and the link answers that only once', async () => {
    t.server = await startServer(engine)
    const w = await workshopFixture(t.server.url)
    const token = await inviteToken(w.facilitator, w.workshopId)
    const stranger = new ApiClient(t.server.url)
    const taken = await stranger.post(`/api/facilitator-invites/${token}/accept`, {
      email: FACILITATOR.email,
      password: 'not the password',
      name: 'Mallory',
    })
    expect(taken.status).toBe(403)
    expect(taken.body.error.code).toBe('invite_not_accepted')
    expect(JSON.stringify(taken.body)).not.toMatch(/taken|has an account|exists/i)
    expect(stranger.cookie).toBeNull()
    // Used up: nobody can go on trying e-mails with it.
    expect((await stranger.get(`/api/facilitator-invites/${token}`)).status).toBe(404)
    const next = await stranger.post(`/api/facilitator-invites/${token}/accept`, {
      email: 'someone.new@example.org',
      password: 'a long enough password',
      name: 'Neu',
    })
    expect(next.status).toBe(404)
    expect(next.body.error.code).toBe('invalid_invite')
  })

  it("with that account's password the invitation is accepted as that account", async () => {
    t.server = await startServer(engine)
    const w = await workshopFixture(t.server.url)
    // A second account, made through an invitation to another workshop of the owner's.
    const other = await w.facilitator.post('/api/workshops', { title: 'Zweiter Workshop' })
    const first = await inviteToken(w.facilitator, other.body.id)
    const bea = new ApiClient(t.server.url)
    const account = { email: 'bea@example.org', password: 'Beas langes Passwort', name: 'Bea' }
    const created = await bea.post(`/api/facilitator-invites/${first}/accept`, account)
    expect(created.status).toBe(200)

    const token = await inviteToken(w.facilitator, w.workshopId)
    const signedOut = new ApiClient(t.server.url)
    const accepted = await signedOut.post(`/api/facilitator-invites/${token}/accept`, {
      ...account,
      name: 'ignored',
    })
    expect(accepted.status).toBe(200)
    expect(accepted.body).toMatchObject({ id: created.body.id, email: account.email, name: 'Bea' })
    const list = await signedOut.get('/api/workshops')
    expect(list.body.map((x: { id: string }) => x.id)).toContain(w.workshopId)
  })

  it('a new e-mail still creates an account and accepts', async () => {
    t.server = await startServer(engine)
    const w = await workshopFixture(t.server.url)
    const token = await inviteToken(w.facilitator, w.workshopId)
    const neu = new ApiClient(t.server.url)
    const res = await neu.post(`/api/facilitator-invites/${token}/accept`, {
      email: 'neu@example.org',
      password: 'ein langes Passwort',
      name: 'Neu',
    })
    expect(res.status).toBe(200)
    expect((await neu.get(`/api/workshops/${w.workshopId}`)).status).toBe(200)
  })
})

describe.each(ENGINES)('ids named like Object.prototype (%s)', (engine) => {
  it('votes, rounds and moderation on such ids get 400, never 500, also when the board holds them', async () => {
    t.server = await startServer(engine)
    const w = await workshopFixture(t.server.url)
    const base = `/api/workshops/${w.workshopId}`
    // The board holds an honest idea and, written past the Board API as a raw client could,
    // ideas under prototype names.
    const fac = connectClient(t.server.wsUrl, w.boardId, { cookie: w.facilitator.cookie })
    t.clients.push(fac)
    await fac.synced()
    const honest = new Board(fac.doc).addIdea({ text: 'Trinkbrunnen am Markt' })
    const ideas = fac.doc.getMap(BOARD_KEYS.ideas)
    fac.doc.transact(() => {
      for (const id of PROTOTYPE_IDS) {
        const entry = new Y.Map<unknown>()
        entry.set('text', new Y.Text(`Idee ${id}`))
        entry.set('authorId', null)
        entry.set('authorName', null)
        entry.set('createdAt', Date.now())
        entry.set('color', 'yellow')
        entry.set('clusterId', null)
        ideas.set(id, entry)
      }
    })
    await fac.allConfirmed()
    const guest = await w.join('participant', 'Paula')

    const statuses: number[] = []
    for (const id of PROTOTYPE_IDS) {
      const round = await w.facilitator.post(`${base}/rounds`, {
        targetIds: [id],
        dotsPerPerson: 3,
      })
      expect(round.status).toBe(400)
      for (const action of ['hide', 'unhide', 'approve']) {
        const res = await w.facilitator.post(`${base}/ideas/${id}/${action}`)
        expect(res.status).toBe(400)
        statuses.push(res.status)
      }
    }
    // A round over the whole board (the prototype-named ideas included) works as before.
    const round = await w.facilitator.post(`${base}/rounds`, { dotsPerPerson: 3 })
    expect(round.status).toBe(201)
    await w.facilitator.patch(`${base}/settings`, { showTally: true })
    for (const id of PROTOTYPE_IDS) {
      for (const delta of [1, -1]) {
        const vote = await guest.post(`${base}/votes`, { targetId: id, delta })
        expect(vote.status).toBe(400)
        statuses.push(vote.status)
      }
    }
    const vote = await guest.post(`${base}/votes`, { targetId: honest, delta: 1 })
    expect(vote.status).toBe(200)
    expect(vote.body).toEqual({ votes: { [honest]: 1 }, remaining: 2 })
    for (const who of [w.facilitator, guest]) {
      expect((await who.get(`${base}/state`)).status).toBe(200)
    }
    expect((await w.facilitator.post(`${base}/rounds/current/reveal`)).status).toBe(204)
    const history = await guest.get(`${base}/rounds`)
    expect(history.status).toBe(200)
    expect(history.body[0].results[0]).toMatchObject({ targetId: honest, dots: 1, rank: 1 })
    for (const format of ['md', 'html']) {
      expect((await w.facilitator.get(`${base}/report?format=${format}`)).status).toBe(200)
    }
    expect(statuses.every((status) => status < 500)).toBe(true)
  })
})

/** A co-facilitator of `workshopId`, signed in (a new account through an invitation). */
async function coFacilitator(baseUrl: string, owner: ApiClient, workshopId: string) {
  const token = await inviteToken(owner, workshopId)
  const co = new ApiClient(baseUrl)
  const res = await co.post(`/api/facilitator-invites/${token}/accept`, {
    email: 'co@example.org',
    password: 'Co-Moderation-2026',
    name: 'Co',
  })
  expect(res.status).toBe(200)
  return co
}

describe.each(ENGINES)('retention that deletes the workshop (%s)', (engine) => {
  it('only the owner may have the workshop deleted, or sooner; a co-facilitator may keep it longer', async () => {
    t.server = await startServer(engine, { env: { RETENTION_DEFAULT_WORKSHOP_DAYS: '30' } })
    const w = await workshopFixture(t.server.url)
    const co = await coFacilitator(t.server.url, w.facilitator, w.workshopId)
    const path = `/api/workshops/${w.workshopId}/retention`
    const put = (who: ApiClient, namesDays: number | null, workshopDays: number | null) =>
      who.request('PUT', path, { namesDays, workshopDays })

    // The t.server default (30 days) unchanged, names shorter: allowed.
    expect((await put(co, 5, 30)).status).toBe(200)
    const sooner = await put(co, 5, 1)
    expect(sooner.status).toBe(403)
    expect(sooner.body.error.code).toBe('retention_owner_only')
    expect((await co.get(path)).body.workshopDays).toBe(30)
    // Longer, then for good: allowed.
    expect((await put(co, 5, 60)).body.workshopDays).toBe(60)
    expect((await put(co, 5, null)).body.workshopDays).toBeNull()
    // Kept for good: making retention delete it at all is the owner's.
    expect((await put(co, 5, 3650)).status).toBe(403)
    expect((await co.get(path)).body.workshopDays).toBeNull()
    expect((await put(w.facilitator, 5, 1)).status).toBe(200)
    expect((await co.get(path)).body).toMatchObject({ namesDays: 5, workshopDays: 1 })
    // Keeping the owner's value (not sooner) is allowed, as is keeping it for good.
    expect((await put(co, 1, 1)).status).toBe(200)
    expect((await put(co, 1, null)).status).toBe(200)
  })
})

/** A raw sync socket of `who` on the board (connected, or the test fails). */
async function rawSocket(s: RunningServer, boardId: string, who: ApiClient): Promise<RawSync> {
  const opened = await RawSync.open(`${s.wsUrl}/${boardId}`, { cookie: who.cookie ?? '' })
  if (!('socket' in opened)) throw new Error(`not connected: ${JSON.stringify(opened)}`)
  t.sockets.push(opened.socket)
  return opened.socket
}

describe.each(ENGINES)('archived workshops (%s)', (engine) => {
  it('refuse every control change with 409 and keep their boards read-only for everyone', async () => {
    t.server = await startServer(engine)
    const w = await workshopFixture(t.server.url)
    const base = `/api/workshops/${w.workshopId}`
    const guest = await w.join('participant', 'Paula')
    const viewer = await w.join('viewer', 'Vera')
    const fac = connectClient(t.server.wsUrl, w.boardId, { cookie: w.facilitator.cookie })
    t.clients.push(fac)
    await fac.synced()
    const ideaId = new Board(fac.doc).addIdea({ text: 'Bänke am See' })
    await fac.allConfirmed()
    expect((await w.facilitator.post(`${base}/rounds`, { dotsPerPerson: 3 })).status).toBe(201)
    const before = (await w.facilitator.get(`${base}/state`)).body

    expect((await w.facilitator.post(`${base}/archive`)).status).toBe(200)
    const refused = [
      await w.facilitator.post(`${base}/phase`, { phase: 'discuss' }),
      await w.facilitator.post(`${base}/timer`, { action: 'start', seconds: 60 }),
      await w.facilitator.patch(`${base}/settings`, { locked: true }),
      await w.facilitator.patch(`${base}/settings`, { spotlight: { kind: 'idea', id: ideaId } }),
      await w.facilitator.post(`${base}/ideas/${ideaId}/hide`),
      await w.facilitator.post(`${base}/ideas/${ideaId}/unhide`),
      await w.facilitator.post(`${base}/ideas/${ideaId}/approve`),
      await w.facilitator.post(`${base}/rounds/current/close`),
      await w.facilitator.post(`${base}/rounds/current/reveal`),
      await w.facilitator.post(`${base}/rounds`, { dotsPerPerson: 2 }),
      await guest.post(`${base}/votes`, { targetId: ideaId, delta: 1 }),
    ]
    for (const res of refused) {
      expect({ status: res.status, code: res.body.error?.code }).toEqual({
        status: 409,
        code: 'workshop_archived',
      })
    }
    const after = (await w.facilitator.get(`${base}/state`)).body
    expect(after).toMatchObject({
      phase: before.phase,
      timer: before.timer,
      locked: before.locked,
      spotlight: before.spotlight,
      hiddenIdeaIds: before.hiddenIdeaIds,
    })
    expect(after.round).toMatchObject({ number: 1, status: 'open' })
    expect((await guest.get(`${base}/state`)).body.myBallot).toMatchObject({ remaining: 3 })

    // The board: nobody's update is applied, a facilitator's included, also when a viewer is
    // made participant while the workshop is archived.
    const room = t.server.server.rooms.get(w.boardId)
    const text = () => room?.doc.getText('t').toString()
    const facSocket = await rawSocket(t.server, w.boardId, w.facilitator)
    const guestSocket = await rawSocket(t.server, w.boardId, guest)
    const viewerSocket = await rawSocket(t.server, w.boardId, viewer)
    const viewerId = (await viewer.get('/api/me')).body.guest.id
    expect(
      (await w.facilitator.patch(`${base}/participants/${viewerId}`, { role: 'participant' }))
        .status,
    ).toBe(200)
    await facSocket.sendAndSettle(textUpdateFrame('Moderation '))
    await guestSocket.sendAndSettle(textUpdateFrame('Paula '))
    await viewerSocket.sendAndSettle(textUpdateFrame('Vera '))
    await room?.flush()
    expect(text()).toBe('')

    // Brought back, it changes again.
    expect((await w.facilitator.post(`${base}/unarchive`)).status).toBe(200)
    expect((await w.facilitator.post(`${base}/phase`, { phase: 'discuss' })).status).toBe(204)
    await facSocket.sendAndSettle(textUpdateFrame('wieder offen'))
    expect(text()).toContain('wieder offen')
  })
})
