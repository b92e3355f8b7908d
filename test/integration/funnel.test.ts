/**
 * The join funnel (issue 19 §5): per channel, how many opened the join link, joined, wrote a
 * first idea and voted — counts only, for the workshop's facilitators. Tried honestly and as a
 * hostile participant with raw requests.
 */
import { Board } from '@ideenwand/board'
import { describe, expect, it } from 'vitest'
import { ApiClient, type WorkshopFixture, workshopFixture } from './support/api.ts'
import { connectClient } from './support/clients.ts'
import { ENGINES } from './support/engines.ts'
import { perTest } from './support/perTest.ts'
import { startServer } from './support/servers.ts'

const t = perTest()

async function joinAs(w: WorkshopFixture, channel?: string, code = w.participantCode) {
  const guest = new ApiClient(t.server!.url)
  const res = await guest.post('/api/join', { code, ...(channel ? { channel } : {}) })
  return { guest, res }
}

const funnelOf = (who: ApiClient, w: WorkshopFixture) =>
  who.get(`/api/workshops/${w.workshopId}/funnel`)

describe.each(ENGINES)('join funnel (%s)', (engine) => {
  it('counts openings, joins, first ideas and votes per channel', async () => {
    t.server = await startServer(engine, { env: { RATE_LIMIT_JOIN_PER_MINUTE: '10000' } })
    const w = await workshopFixture(t.server.url)
    const anyone = new ApiClient(t.server.url)
    // Three phones and one laptop open the link; a preview without a channel is not counted,
    // nor is the projector's viewer code.
    for (const channel of ['room', 'room', 'room', 'home']) {
      expect((await anyone.get(`/api/join/${w.participantCode}?channel=${channel}`)).status).toBe(
        200,
      )
    }
    expect((await anyone.get(`/api/join/${w.participantCode}`)).status).toBe(200)
    expect((await anyone.get(`/api/join/${w.viewerCode}?channel=room`)).status).toBe(200)

    const anna = await joinAs(w, 'room')
    const ben = await joinAs(w, 'room')
    const carla = await joinAs(w, 'home')
    const api = await joinAs(w) // an API client that does not say
    await joinAs(w, 'room', w.viewerCode) // the projector
    for (const j of [anna, ben, carla, api]) expect(j.res.status).toBe(200)

    // Anna writes an idea over a stock client; a second one does not count twice.
    const client = connectClient(t.server.wsUrl, w.boardId, { cookie: anna.guest.cookie })
    t.clients.push(client)
    await client.synced()
    const board = new Board(client.doc)
    const idea = board.addIdea({
      text: 'Mehr Bänke am Marktplatz',
      authorId: null,
      authorName: null,
    })
    board.addIdea({ text: 'Trinkbrunnen', authorId: null, authorName: null })
    await client.allConfirmed()
    const base = `/api/workshops/${w.workshopId}`
    expect((await w.facilitator.post(`${base}/rounds`, { dotsPerPerson: 3 })).status).toBe(201)
    expect((await anna.guest.post(`${base}/votes`, { targetId: idea, delta: 1 })).status).toBe(200)
    expect((await carla.guest.post(`${base}/votes`, { targetId: idea, delta: 1 })).status).toBe(200)

    // The first idea is noted once the room has taken it (a moment after the ack).
    await expect.poll(async () => (await funnelOf(w.facilitator, w)).body.room.firstIdea).toBe(1)
    const funnel = (await funnelOf(w.facilitator, w)).body
    expect(funnel).toEqual({
      room: { opened: 3, joined: 2, firstIdea: 1, voted: 1 },
      home: { opened: 1, joined: 1, firstIdea: 0, voted: 1 },
      unknown: { opened: 0, joined: 1, firstIdea: 0, voted: 0 },
    })
    // Nothing in it names anyone: counts only.
    expect(JSON.stringify(funnel)).not.toMatch(/[A-Za-z0-9]{16}/)

    // A removed participant leaves the funnel (and erasure takes everything with the guest).
    const guests = (await w.facilitator.get(`${base}/participants`)).body as { id: string }[]
    expect(guests.length).toBeGreaterThan(0)
    expect((await ben.guest.post('/api/me/forget')).status).toBeLessThan(300)
    expect((await funnelOf(w.facilitator, w)).body.room.joined).toBe(1)
  })

  it('refuses what a participant or stranger may not do, and bad channels', async () => {
    t.server = await startServer(engine, { env: { RATE_LIMIT_JOIN_PER_MINUTE: '10000' } })
    const w = await workshopFixture(t.server.url)
    const other = await workshopFixture(t.server.url, { title: 'Umweltlabor' })
    const mallory = await joinAs(w, 'room')
    // The funnel is the facilitators': 403 for the workshop's own guests, 404 for others'
    // guests, 401 signed out.
    expect((await funnelOf(mallory.guest, w)).status).toBe(403)
    const stranger = await joinAs(other, 'home')
    expect((await funnelOf(stranger.guest, w)).status).toBe(404)
    expect((await funnelOf(new ApiClient(t.server.url), w)).status).toBe(401)
    // Only the two channels; anything else is a clear 400 and counts nothing.
    const bad = await new ApiClient(t.server.url).get(
      `/api/join/${w.participantCode}?channel=everywhere`,
    )
    expect(bad.status).toBe(400)
    expect((await joinAs(w, '<script>')).res.status).toBe(400)
    expect((await funnelOf(w.facilitator, w)).body).toEqual({
      room: { opened: 0, joined: 1, firstIdea: 0, voted: 0 },
      home: { opened: 0, joined: 0, firstIdea: 0, voted: 0 },
      unknown: { opened: 0, joined: 0, firstIdea: 0, voted: 0 },
    })
  })
})
