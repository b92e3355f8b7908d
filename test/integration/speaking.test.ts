/**
 * The speaking queue ("Wortmeldungen", issue 19 §1) against a real server on both engines:
 * requests from the room and from home, the call order with and without alternation, turns that
 * record their length, a queue that survives a restart and erasure — and participants with raw
 * HTTP clients trying what only facilitators or the person themselves may do.
 */
import type { ControlState } from '@ideenwand/protocol'
import { afterEach, describe, expect, it } from 'vitest'
import { ApiClient, type WorkshopFixture, workshopFixture } from './support/api.ts'
import { connectClient, type TestClient, waitFor } from './support/clients.ts'
import { ENGINES, type Engine, freshDatabaseEnv } from './support/engines.ts'
import { pdfText } from './support/pdfText.ts'
import { type RunningServer, startServer } from './support/servers.ts'

let servers: RunningServer[] = []
const clients: TestClient[] = []

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  for (const s of servers.splice(0)) await s.stop()
})

async function boot(engine: Engine, env: Record<string, string> = {}) {
  const s = await startServer(engine, { env: { RATE_LIMIT_JOIN_PER_MINUTE: '10000', ...env } })
  servers.push(s)
  return s
}

const last = (c: TestClient): ControlState | undefined => c.controls.at(-1)
const names = (state: ControlState | undefined) =>
  state?.speaking.queue.map((e) => `${e.name ?? '?'}/${e.channel}`).join(' ')

/** A started server, a workshop, its speaking API, and two participants who joined. */
async function annaAndBen(engine: Engine) {
  const s = await boot(engine)
  const w = await workshopFixture(s.url)
  const anna = await w.join('participant', 'Anna')
  const ben = await w.join('participant', 'Ben')
  return { s, w, q: api(w), anna, ben }
}

function api(w: WorkshopFixture) {
  const base = `/api/workshops/${w.workshopId}/speaking`
  return {
    base,
    ask: (who: ApiClient, channel: unknown) => who.post(base, { channel }),
    next: (who: ApiClient) => who.post(`${base}/next`),
    call: (who: ApiClient, id: string) => who.post(`${base}/${id}/call`),
    finish: (who: ApiClient) => who.post(`${base}/finish`),
    move: (who: ApiClient, id: string, index: unknown) => who.post(`${base}/${id}/move`, { index }),
    remove: (who: ApiClient, id: string) => who.delete(`${base}/${id}`),
    alternate: (who: ApiClient, alternate: unknown) => who.patch(base, { alternate }),
    clear: (who: ApiClient) => who.delete(base),
  }
}

describe.each(ENGINES)('speaking queue on %s', (engine) => {
  it('one queue for room and home: ask, see the place, be called, finish, alternate, reorder', async () => {
    const { s, w, q, anna, ben } = await annaAndBen(engine)
    const cem = await w.join('participant', 'Cem')
    const annaWs = connectClient(s.wsUrl, w.boardId, { cookie: anna.cookie })
    const projector = connectClient(s.wsUrl, w.boardId, { cookie: (await w.join('viewer')).cookie })
    clients.push(annaWs, projector)
    await Promise.all([annaWs.synced(), projector.synced()])

    expect((await q.ask(anna, 'room')).status).toBe(200)
    expect((await q.ask(ben, 'home')).status).toBe(200)
    const cemRequest = await q.ask(cem, 'room')
    expect(cemRequest.status).toBe(200)
    await waitFor(
      () => last(projector)?.speaking.queue.length === 3,
      5000,
      'three on the projector',
    )
    expect(names(last(projector))).toBe('Anna/room Ben/home Cem/room')
    expect(last(annaWs)?.speaking.me).toMatchObject({ status: 'waiting', position: 1 })
    expect(last(projector)?.speaking.me).toBeNull()

    // Asking again while waiting switches the channel; it is still one request.
    const again = await q.ask(cem, 'home')
    expect(again.body.id).toBe(cemRequest.body.id)
    await waitFor(() => names(last(projector)) === 'Anna/room Ben/home Cem/home')

    expect((await q.next(w.facilitator)).status).toBe(204)
    await waitFor(() => last(annaWs)?.speaking.me?.status === 'speaking', 5000, 'Anna called')
    expect(last(projector)?.speaking.current).toMatchObject({ name: 'Anna', channel: 'room' })
    expect(names(last(projector))).toBe('Ben/home Cem/home')

    // Room and home in turn: Dora from the room goes before the second person from home.
    const dora = await w.join('participant', 'Dora')
    await q.ask(dora, 'room')
    expect((await q.alternate(w.facilitator, true)).status).toBe(204)
    await waitFor(() => names(last(projector)) === 'Ben/home Dora/room Cem/home')
    expect(last(projector)?.speaking.alternate).toBe(true)

    // Ben is called: Anna's turn ends and is counted for the room.
    expect((await q.next(w.facilitator)).status).toBe(204)
    await waitFor(() => last(projector)?.speaking.current?.name === 'Ben')
    expect(last(projector)?.speaking.turns.room.count).toBe(1)
    expect(last(annaWs)?.speaking.me).toBeNull()

    // The facilitator moves Cem to the front, then calls Dora by name and finishes her turn.
    const cemId = cemRequest.body.id as string
    expect((await q.move(w.facilitator, cemId, 0)).status).toBe(204)
    await q.alternate(w.facilitator, false)
    await waitFor(() => names(last(projector)) === 'Cem/home Dora/room')
    const doraId = last(projector)?.speaking.queue[1]?.id ?? ''
    expect((await q.call(w.facilitator, doraId)).status).toBe(204)
    await waitFor(() => last(projector)?.speaking.current?.name === 'Dora')
    expect((await q.finish(w.facilitator)).status).toBe(204)
    await waitFor(() => last(projector)?.speaking.current === null)
    expect(last(projector)?.speaking.turns).toMatchObject({
      room: { count: 2 },
      home: { count: 1 },
    })
    expect((await q.finish(w.facilitator)).body.error.code).toBe('nobody_speaking')

    // Cem withdraws; the queue is empty; "next" with nobody at all is refused.
    expect((await q.remove(cem, cemId)).status).toBe(204)
    await waitFor(() => last(projector)?.speaking.queue.length === 0)
    expect((await q.next(w.facilitator)).body.error.code).toBe('speaking_queue_empty')

    // Clearing removes everyone waiting and ends the turn.
    await q.ask(anna, 'room')
    await q.ask(ben, 'home')
    await q.next(w.facilitator)
    expect((await q.clear(w.facilitator)).status).toBe(204)
    await waitFor(
      () => last(projector)?.speaking.queue.length === 0 && !last(projector)?.speaking.current,
    )
    expect(last(projector)?.speaking.turns.room.count).toBe(3)

    // The report counts turns per channel; without the names opt-in it names nobody.
    const report = `/api/workshops/${w.workshopId}/report?format=md`
    const md = (await w.facilitator.get(report)).body as string
    expect(md).toContain('## Wortmeldungen')
    expect(md).toMatch(/\| Saal \| 3 \|/)
    expect(md).toMatch(/\| Zu Hause \| 1 \|/)
    expect(md).not.toContain('Anna')
    const named = (await w.facilitator.get(`${report}&names=1&lang=en`)).body as string
    expect(named).toMatch(/\| In the room \| Anna \|/)
    const pdf = await fetch(`${s.url}/api/workshops/${w.workshopId}/report?format=pdf`, {
      headers: { cookie: w.facilitator.cookie ?? '' },
    })
    const text = await pdfText(new Uint8Array(await pdf.arrayBuffer()))
    expect(text).toContain('Wortmeldungen')
    expect(text).toMatch(/Saal Wortmeldungen: 3/)
    expect(text).not.toContain('Anna')
  })

  it('the queue survives a restart: it is stored, not held in memory', async () => {
    const env = await freshDatabaseEnv(engine)
    const first = await boot(engine, env)
    const w = await workshopFixture(first.url)
    const anna = await w.join('participant', 'Anna')
    const ben = await w.join('participant', 'Ben')
    await api(w).ask(anna, 'room')
    await api(w).ask(ben, 'home')
    await api(w).alternate(w.facilitator, true)
    await api(w).next(w.facilitator)
    await first.stop()
    servers = servers.filter((s) => s !== first)

    const second = await boot(engine, env)
    const benAgain = new ApiClient(second.url)
    benAgain.cookie = ben.cookie
    const state = (await benAgain.get(`/api/workshops/${w.workshopId}/state`)).body as ControlState
    expect(state.speaking.alternate).toBe(true)
    expect(state.speaking.current).toMatchObject({ name: 'Anna', channel: 'room' })
    expect(state.speaking.me).toMatchObject({ status: 'waiting', position: 1, channel: 'home' })
  })

  it('refuses participants what only facilitators or the person themselves may do', async () => {
    const s = await boot(engine)
    const w = await workshopFixture(s.url)
    const other = await workshopFixture(s.url, { title: 'Anderer Workshop' })
    const q = api(w)
    const anna = await w.join('participant', 'Anna')
    const mallory = await w.join('participant', 'Mallory')
    const viewer = await w.join('viewer')
    const stranger = await other.join('participant', 'Fremd')
    const annaId = (await q.ask(anna, 'room')).body.id as string
    const code = (r: { body: { error?: { code: string } } }) => r.body.error?.code

    // Only facilitators run the queue.
    for (const attempt of [
      q.next(mallory),
      q.call(mallory, annaId),
      q.finish(mallory),
      q.move(mallory, annaId, 0),
      q.alternate(mallory, true),
      q.clear(mallory),
    ]) {
      const res = await attempt
      expect([res.status, code(res)]).toEqual([403, 'forbidden'])
    }
    // Nobody withdraws someone else's request; an unknown id looks the same.
    for (const res of [await q.remove(mallory, annaId), await q.remove(mallory, 'nope')]) {
      expect([res.status, code(res)]).toEqual([404, 'speaking_request_not_found'])
    }
    // Viewers (the projector) and facilitators do not ask to speak; other workshops' guests see nothing.
    expect(code(await q.ask(viewer, 'room'))).toBe('not_a_speaker')
    expect((await q.ask(viewer, 'room')).status).toBe(403)
    expect(code(await q.ask(w.facilitator, 'home'))).toBe('not_a_speaker')
    const foreign = await stranger.post(q.base, { channel: 'room' })
    expect([foreign.status, code(foreign)]).toEqual([404, 'workshop_not_found'])
    expect((await q.remove(stranger, annaId)).status).toBe(404)

    // Adding someone else, or anything but a channel: the body is refused whole.
    for (const body of [
      { channel: 'room', guestId: 'someone-else' },
      { channel: 'moon' },
      {},
      { channel: ['room'] },
    ]) {
      const res = await mallory.post(q.base, body)
      expect([res.status, code(res)]).toEqual([400, 'invalid_request'])
    }
    const huge = await mallory.post(q.base, { channel: 'room', pad: 'x'.repeat(70_000) })
    expect([huge.status, code(huge)]).toEqual([413, 'body_too_large'])
    expect(code(await q.move(w.facilitator, annaId, -1))).toBe('invalid_request')
    expect(code(await q.move(w.facilitator, annaId, 'first'))).toBe('invalid_request')
    expect(code(await q.alternate(w.facilitator, 'yes'))).toBe('invalid_request')
    expect((await w.facilitator.post(`${q.base}/__proto__/call`)).status).toBe(400)

    // None of it changed the queue: Anna alone, waiting.
    const state = (await w.facilitator.get(`/api/workshops/${w.workshopId}/state`))
      .body as ControlState
    expect(state.speaking.current).toBeNull()
    expect(state.speaking.queue.map((e) => e.name)).toEqual(['Anna'])
  })

  it('participants see what the projector shows: no guest ids, names only where allowed', async () => {
    const { w, q, anna, ben } = await annaAndBen(engine)
    const anonymous = await w.join('participant')
    await q.ask(anna, 'room')
    await q.ask(anonymous, 'home')
    const annaGuest = (await anna.get('/api/me')).body.guest.id as string
    const raw = await ben.get(`/api/workshops/${w.workshopId}/state`)
    const text = JSON.stringify(raw.body)
    expect(text).not.toContain(annaGuest)
    expect(raw.body.speaking.queue).toMatchObject([
      { name: 'Anna', channel: 'room', mine: false },
      { name: null, channel: 'home', mine: false },
    ])
    expect(raw.body.speaking.me).toBeNull()
    const mine = (await anonymous.get(`/api/workshops/${w.workshopId}/state`)).body.speaking
    expect(mine.queue[1].mine).toBe(true)
    expect(mine.me).toMatchObject({ position: 2, channel: 'home' })

    // With anonymous ideas names are not shown to the room, only to facilitators.
    await w.facilitator.patch(`/api/workshops/${w.workshopId}/settings`, { anonymousIdeas: true })
    const hidden = (await ben.get(`/api/workshops/${w.workshopId}/state`)).body.speaking
    expect(hidden.queue.map((e: { name: string | null }) => e.name)).toEqual([null, null])
    const fac = (await w.facilitator.get(`/api/workshops/${w.workshopId}/state`)).body.speaking
    expect(fac.queue[0].name).toBe('Anna')
  })

  it('erasure takes the person out of the queue and out of every stored request', async () => {
    const { s, w, q, anna, ben } = await annaAndBen(engine)
    const annaGuest = (await anna.get('/api/me')).body.guest.id as string
    await q.ask(anna, 'room')
    await q.next(w.facilitator)
    await q.finish(w.facilitator) // a finished turn of Anna's
    await q.ask(anna, 'home') // and a waiting request
    await q.ask(ben, 'room')
    expect((await anna.post('/api/me/forget')).status).toBe(200)

    const state = (await w.facilitator.get(`/api/workshops/${w.workshopId}/state`))
      .body as ControlState
    expect(state.speaking.queue.map((e) => e.name)).toEqual(['Ben'])
    expect(state.speaking.turns.room.count).toBe(1) // the figure stays, anonymous
    const rows = await s.server.db.query(
      'select guest_id from speaking_requests where guest_id = $1',
      [annaGuest],
    )
    expect(rows).toEqual([])
  })

  it('the retention job takes the names out of the queue and the report', async () => {
    const { s, w, q, anna, ben } = await annaAndBen(engine)
    await q.ask(anna, 'room')
    await q.next(w.facilitator)
    await q.finish(w.facilitator)
    await q.ask(ben, 'home')
    const state = () => w.facilitator.get(`/api/workshops/${w.workshopId}/state`)
    expect((await state()).body.speaking.queue[0].name).toBe('Ben')
    const retention = await w.facilitator.request(
      'PUT',
      `/api/workshops/${w.workshopId}/retention`,
      { namesDays: 1, workshopDays: null },
    )
    expect(retention.status).toBe(200)
    const run = await s.server.retention.run(new Date(Date.now() + 2 * 86_400_000))
    expect(run.namesDeleted).toEqual([w.workshopId])

    const after = (await state()).body as ControlState
    expect(after.speaking.queue).toMatchObject([{ name: null, channel: 'home' }])
    const md = (await w.facilitator.get(`/api/workshops/${w.workshopId}/report?format=md&names=1`))
      .body as string
    expect(md).toContain('## Wortmeldungen')
    expect(md).not.toContain('Anna')
  })

  it('a removed guest leaves the queue; toggling one request is throttled', async () => {
    const { w, q, anna, ben } = await annaAndBen(engine)
    await q.ask(anna, 'room')
    await q.ask(ben, 'home')
    const benId = (await ben.get('/api/me')).body.guest.id as string
    const removed = await w.facilitator.patch(
      `/api/workshops/${w.workshopId}/participants/${benId}`,
      { status: 'removed' },
    )
    expect(removed.status).toBe(200)
    const state = (await w.facilitator.get(`/api/workshops/${w.workshopId}/state`))
      .body as ControlState
    expect(state.speaking.queue.map((e) => e.name)).toEqual(['Anna'])

    // Anna asks and withdraws over and over: each change reaches every screen, so it is bounded.
    const statuses: number[] = []
    for (let i = 0; i < 12; i++) {
      const asked = await q.ask(anna, 'room')
      statuses.push(asked.status)
      if (asked.status === 200) statuses.push((await q.remove(anna, asked.body.id)).status)
    }
    // Twenty own changes a minute, her first request included.
    expect(statuses.filter((st) => st !== 429).length).toBe(19)
    const refused = await q.ask(anna, 'room')
    expect([refused.status, refused.body.error.code]).toEqual([429, 'speaking_too_fast'])
    expect(refused.headers.get('retry-after')).toBe('60')
    // Facilitators are not throttled.
    expect((await q.clear(w.facilitator)).status).toBe(204)
  })
})
