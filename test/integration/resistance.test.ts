/**
 * Resistance voting ("Systemisches Konsensieren", issue 20 §6) against a real server on both
 * engines, with stock y-websocket clients and raw HTTP: many participants rating at once (totals
 * exact), secret until the reveal (no participant, projector or facilitator learns a figure of an
 * option before it — checked on the wire), hostile ratings refused with clear errors and nothing
 * stored, and the counting rules (complete ballots, fixed options, the passive solution).
 */
import { PASSIVE_OPTION } from '@ideenwand/board'
import type { ControlState, ResistanceEntry } from '@ideenwand/protocol'
import { describe, expect, it } from 'vitest'
import { ApiClient, type WorkshopFixture, workshopFixture } from './support/api.ts'
import { type TestClient, waitFor } from './support/clients.ts'
import { ENGINES, type Engine } from './support/engines.ts'
import { perTest } from './support/perTest.ts'
import { type RunningServer, startServer } from './support/servers.ts'
import { workshopClients } from './support/workshopClients.ts'

const t = perTest()

async function boot(engine: Engine): Promise<{ s: RunningServer; w: WorkshopFixture }> {
  t.server = await startServer(engine, { env: { RATE_LIMIT_JOIN_PER_MINUTE: '10000' } })
  return { s: t.server, w: await workshopFixture(t.server.url) }
}

const { connect, seedIdeas, last } = workshopClients(t)

const api = (w: WorkshopFixture) => `/api/workshops/${w.workshopId}`
const rate = (w: WorkshopFixture, who: ApiClient, targetId: string, resistance: unknown) =>
  who.post(`${api(w)}/resistance`, { targetId, resistance })

async function ratingRows(s: RunningServer) {
  return s.server.db.query<{ voter_id: string; target_id: string; resistance: number }>(
    'select voter_id, target_id, resistance from resistance_ratings order by voter_id, target_id',
  )
}

describe.each(ENGINES)('resistance voting (%s)', (engine) => {
  it('40 participants rating at once, every request sent twice: the totals are exact', async () => {
    const { s, w } = await boot(engine)
    const ideas = await seedIdeas(s, w, ['Radweg', 'Skatepark', 'Bus am Sonntag'])
    const started = await w.facilitator.post(`${api(w)}/rounds`, { method: 'resistance' })
    expect(started.status, JSON.stringify(started.body)).toBe(201)
    expect(started.body.method).toBe('resistance')
    // All visible ideas, fixed at the start (the board's order; ideas written in the same
    // millisecond may come in any order).
    expect([...started.body.targetIds].sort()).toEqual([...ideas].sort())
    const options = [...ideas, PASSIVE_OPTION]
    const people = await Promise.all(
      Array.from({ length: 40 }, (_, i) => w.join('participant', `R${i}`)),
    )
    const value = (i: number, o: number) => (i * 7 + o * 3) % 11
    // First a wrong value everywhere, then the final one: a person's change overwrites.
    await Promise.all(
      people.flatMap((p, i) => options.map((id, o) => rate(w, p, id, 10 - value(i, o)))),
    )
    const results = await Promise.all(
      people.flatMap((p, i) =>
        options.flatMap((id, o) => [rate(w, p, id, value(i, o)), rate(w, p, id, value(i, o))]),
      ),
    )
    expect(results.map((r) => r.status).every((status) => status === 200)).toBe(true)
    expect(await ratingRows(s)).toHaveLength(40 * options.length)
    expect((await w.facilitator.post(`${api(w)}/rounds/current/reveal`)).status).toBe(204)
    const history = (await w.facilitator.get(`${api(w)}/rounds`)).body
    const ranking = history[0].resistance as ResistanceEntry[]
    expect(history[0].voters).toBe(40)
    expect(history[0].results).toEqual([])
    for (const [o, id] of options.entries()) {
      const expected = people.reduce((sum, _, i) => sum + value(i, o), 0)
      expect(ranking.find((e) => e.targetId === id)).toMatchObject({
        total: expected,
        raters: 40,
        mean: Math.round((expected / 40) * 100) / 100,
      })
    }
    const totals = ranking.map((e) => e.total)
    expect([...totals].sort((a, b) => a - b)).toEqual(totals)
    expect(ranking.find((e) => e.passive)?.targetId).toBe(PASSIVE_OPTION)
  }, 60_000)

  it('no participant, projector or facilitator learns a figure before the reveal', async () => {
    const { s, w } = await boot(engine)
    const [a, b] = await seedIdeas(s, w, ['Radweg nach Wiesenburg', 'Skatepark'])
    const anna = await w.join('participant', 'Anna')
    const ben = await w.join('participant', 'Ben')
    const projector = await w.join('viewer')
    const annaWs = connect(s, w, anna)
    const benWs = connect(s, w, ben)
    const projWs = connect(s, w, projector)
    const facWs = connect(s, w, w.facilitator)
    await Promise.all([annaWs, benWs, projWs, facWs].map((c) => c.synced()))
    // The facilitator even asks for the running tally: a resistance round has none.
    await w.facilitator.patch(`${api(w)}/settings`, { showTally: true })
    await w.facilitator.post(`${api(w)}/rounds`, { method: 'resistance', targetIds: [a, b] })
    await waitFor(() => last(annaWs)?.round?.method === 'resistance')

    const mine = await rate(w, anna, a!, 3)
    expect(mine.status).toBe(200)
    expect(mine.body).toEqual({ votes: { [a!]: 3 }, remaining: 2 })
    for (const [id, value] of [
      [b!, 9],
      [PASSIVE_OPTION, 7],
    ] as const) {
      expect((await rate(w, anna, id, value)).status).toBe(200)
    }
    for (const [id, value] of [
      [a!, 8],
      [b!, 1],
      [PASSIVE_OPTION, 6],
    ] as const) {
      expect((await rate(w, ben, id, value)).status).toBe(200)
    }
    await waitFor(() => last(facWs)?.turnout?.complete === 2, 5_000, 'turnout')
    await waitFor(() => last(annaWs)?.myBallot?.remaining === 0, 5_000, 'own ballot')
    expect(last(facWs)?.turnout).toEqual({ voters: 2, dots: 6, complete: 2 })
    expect(last(annaWs)?.myBallot?.votes).toEqual({ [a!]: 3, [b!]: 9, [PASSIVE_OPTION]: 7 })

    // Over HTTP too: each reads only what its own connection got.
    const stateOf = async (who: ApiClient) =>
      (await who.get(`${api(w)}/state`)).body as ControlState
    const annaState = await stateOf(anna)
    const projState = await stateOf(projector)
    const facState = await stateOf(w.facilitator)
    for (const state of [...annaWs.controls, ...projWs.controls, ...facWs.controls]) {
      expect(state.tally).toBeNull()
      expect(state.history).toEqual([])
    }
    for (const state of [...annaWs.controls, annaState]) {
      expect(state.turnout).toBeNull()
      // Only Anna's own ratings (so far), never Ben's 8, 1, 6.
      const own: Record<string, number> = { [a!]: 3, [b!]: 9, [PASSIVE_OPTION]: 7 }
      for (const [id, v] of Object.entries(state.myBallot?.votes ?? {})) expect(v).toBe(own[id])
    }
    for (const state of [...projWs.controls, projState]) {
      expect(state.myBallot).toBeNull()
      expect(state.turnout).toBeNull()
    }
    expect(facState.myBallot).toBeNull()
    expect(facState.turnout).toEqual({ voters: 2, dots: 6, complete: 2 })
    // On the wire: no total, mean or ranking reached anyone; Ben's ballot reached nobody.
    const bytes = (c: TestClient) => Buffer.concat(c.frames.map((f) => Buffer.from(f))).toString()
    for (const c of [annaWs, projWs, facWs]) {
      for (const key of ['"total"', '"mean"', '"acceptance"', '"raters"', '"resistance":[']) {
        expect(bytes(c).includes(key), key).toBe(false)
      }
    }
    expect(bytes(annaWs).includes(`"${a}":8`)).toBe(false)
    expect(bytes(projWs).includes('"votes":{"')).toBe(false)
    expect(bytes(facWs).includes('"votes":{"')).toBe(false)
    // The revealed rounds' list and the activity log say nothing either.
    expect((await anna.get(`${api(w)}/rounds`)).body).toEqual([])
    const activity = JSON.stringify((await w.facilitator.get(`${api(w)}/activity`)).body)
    expect(activity.includes('"total"')).toBe(false)

    // Closed but not revealed: still nothing; participants' own ballots leave their view.
    await w.facilitator.post(`${api(w)}/rounds/current/close`)
    await waitFor(() => last(annaWs)?.round?.status === 'closed')
    expect(last(annaWs)?.myBallot).toBeNull()
    expect(bytes(projWs).includes('"total"')).toBe(false)

    await w.facilitator.post(`${api(w)}/rounds/current/reveal`)
    await waitFor(() => [annaWs, benWs, projWs, facWs].every((c) => last(c)?.history.length === 1))
    const seen = [annaWs, benWs, projWs, facWs].map((c) => last(c)?.history[0]?.resistance)
    for (const other of seen.slice(1)) expect(other).toEqual(seen[0])
    expect(seen[0]?.map((e) => [e.targetId, e.total, e.rank, e.tied])).toEqual([
      [b!, 10, 1, false],
      [a!, 11, 2, false],
      [PASSIVE_OPTION, 13, 3, false],
    ])
    expect(seen[0]?.[0]).toMatchObject({
      label: 'Skatepark',
      raters: 2,
      mean: 5,
      acceptance: 5,
      passive: false,
    })
    // Only sums are kept: the individual ratings went with the reveal's round, never out.
    expect(last(annaWs)?.round).toBeNull()
  }, 60_000)

  it('refuses hostile ratings with clear errors and stores nothing of them', async () => {
    const { s, w } = await boot(engine)
    const [a, b] = await seedIdeas(s, w, ['Bank am Teich', 'Wasserspender'])
    const hostile = await w.join('participant', 'Harald')
    const viewer = await w.join('viewer')
    const outsider = await (await workshopFixture(s.url, { title: 'Anderer Workshop' })).join(
      'participant',
      'Fremd',
    )
    // Before any round: not open.
    const early = await rate(w, hostile, a!, 5)
    expect([early.status, early.body.error.code]).toEqual([409, 'no_open_round'])

    await w.facilitator.post(`${api(w)}/rounds`, { method: 'resistance', targetIds: [a] })
    expect((await rate(w, hostile, a!, 4)).status).toBe(200)
    const cases: [unknown, unknown, number, string][] = [
      [a, 11, 400, 'invalid_request'],
      [a, -1, 400, 'invalid_request'],
      [a, 3.5, 400, 'invalid_request'],
      [a, '5', 400, 'invalid_request'],
      [a, null, 400, 'invalid_request'],
      [a, 1e308, 400, 'invalid_request'],
      ['__proto__', 5, 400, 'invalid_request'],
      [b, 5, 409, 'invalid-target'], // an idea of the board, but not of this round
      ['unbekannt', 5, 409, 'invalid-target'],
    ]
    for (const [targetId, value, status, code] of cases) {
      const res = await rate(w, hostile, targetId as string, value)
      expect([res.status, res.body?.error?.code], `${targetId} ${value}`).toEqual([status, code])
      expect(res.body.error.message.length).toBeGreaterThan(0)
    }
    // Not a participant of this workshop, or not a participant at all.
    const refusals = [
      [await rate(w, viewer, a!, 5), 403, 'not_a_voter'],
      [await rate(w, w.facilitator, a!, 5), 403, 'not_a_voter'],
      [await rate(w, outsider, a!, 5), 404, 'workshop_not_found'],
    ] as const
    for (const [res, status, code] of refusals) {
      expect([res.status, res.body.error.code]).toEqual([status, code])
    }
    // A dot in a resistance round is the other method.
    const dot = await hostile.post(`${api(w)}/votes`, { targetId: a, delta: 1 })
    expect([dot.status, dot.body.error.code]).toEqual([409, 'wrong_method'])

    // After the close nothing changes any more.
    await w.facilitator.post(`${api(w)}/rounds/current/close`)
    const late = await rate(w, hostile, a!, 0)
    expect([late.status, late.body.error.code]).toEqual([409, 'no_open_round'])
    const hostileId = (await hostile.get('/api/me')).body.guest.id
    expect(await ratingRows(s)).toEqual([{ voter_id: hostileId, target_id: a, resistance: 4 }])

    // In a dot round a rating is the other method; a resistance round's best start no round.
    expect((await w.facilitator.post(`${api(w)}/rounds/current/reveal`)).status).toBe(204)
    const fromResistance = await w.facilitator.post(`${api(w)}/rounds`, {
      dotsPerPerson: 2,
      fromRound: { number: 1, top: 1 },
    })
    expect([fromResistance.status, fromResistance.body.error.code]).toEqual([409, 'wrong_method'])
    await w.facilitator.post(`${api(w)}/rounds`, { dotsPerPerson: 2 })
    const wrong = await rate(w, hostile, a!, 5)
    expect([wrong.status, wrong.body.error.code]).toEqual([409, 'wrong_method'])
    expect(await ratingRows(s)).toHaveLength(1)
  }, 60_000)

  it('fixes the options at the start, counts complete ballots only, and knows the passive one', async () => {
    const { s, w } = await boot(engine)
    const rounds = `${api(w)}/rounds`
    const none = await w.facilitator.post(rounds, { method: 'resistance' })
    expect([none.status, none.body.error.code]).toEqual([409, 'no_options'])
    const many = await seedIdeas(
      s,
      w,
      Array.from({ length: 21 }, (_, i) => `Idee ${i + 1}`),
    )
    const tooMany = await w.facilitator.post(rounds, { method: 'resistance' })
    expect([tooMany.status, tooMany.body.error.code]).toEqual([409, 'too_many_options'])
    expect(tooMany.body.error.message).toContain('at most 20')
    const dotsMissing = await w.facilitator.post(rounds, { targetIds: [many[0]] })
    expect(dotsMissing.status).toBe(400)
    const badMethod = await w.facilitator.post(rounds, { method: 'veto', dotsPerPerson: 1 })
    expect(badMethod.status).toBe(400)

    const [x, y, z] = many as [string, string, string]
    const started = await w.facilitator.post(rounds, { method: 'resistance', targetIds: [x, y, z] })
    expect(started.status).toBe(201)
    // An idea written after the start is no option; a hidden one leaves the round.
    const [later] = await seedIdeas(s, w, ['Nachzügler'])
    const full = await w.join('participant', 'Vollständig')
    const partial = await w.join('participant', 'Halb')
    expect((await rate(w, full, later!, 0)).body.error.code).toBe('invalid-target')
    for (const [id, v] of [
      [x, 2],
      [y, 10],
      [z, 9],
      [PASSIVE_OPTION, 5],
    ] as const) {
      expect((await rate(w, full, id, v)).status).toBe(200)
    }
    expect((await rate(w, partial, x, 10)).body).toEqual({ votes: { [x]: 10 }, remaining: 3 })
    expect((await w.facilitator.post(`${api(w)}/ideas/${z}/hide`)).status).toBe(204)
    expect((await rate(w, partial, z, 0)).body.error.code).toBe('invalid-target')
    // A person who erases themselves takes their ratings of the open round with them.
    const partialId = (await partial.get('/api/me')).body.guest.id
    expect((await partial.post('/api/me/forget')).status).toBe(200)
    expect((await ratingRows(s)).some((r) => r.voter_id === partialId)).toBe(false)
    await w.facilitator.post(`${rounds}/current/reveal`)
    const [round] = (await w.facilitator.get(rounds)).body
    expect(round.voters).toBe(1)
    expect(
      (round.resistance as ResistanceEntry[]).map((e) => [e.targetId, e.total, e.raters, e.rank]),
    ).toEqual([
      [x, 2, 1, 1],
      [PASSIVE_OPTION, 5, 1, 2],
      [y, 10, 1, 3],
    ])
    // The next round is a dot round again by default; a rating there is refused (see above).
    const dots = await w.facilitator.post(rounds, { dotsPerPerson: 1 })
    expect(dots.body.method).toBe('dots')
  }, 60_000)

  it("a table's shared device rates for its people: its ballot counts once per person", async () => {
    const { s, w } = await boot(engine)
    const [a] = await seedIdeas(s, w, ['Spielplatz'])
    const created = await w.facilitator.post(`${api(w)}/tables`, { label: 'Tisch 3', people: 3 })
    expect(created.status).toBe(201)
    const device = new ApiClient(s.url)
    const token = (created.body.url as string).split('/tisch/')[1]
    expect((await device.post('/api/tables/claim', { token })).status).toBe(200)
    const phone = await w.join('participant', 'Einzeln')
    await w.facilitator.post(`${api(w)}/rounds`, { method: 'resistance', targetIds: [a] })
    for (const [who, own, passive] of [
      [device, 2, 6],
      [phone, 10, 0],
    ] as const) {
      expect((await rate(w, who, a!, own)).status).toBe(200)
      expect((await rate(w, who, PASSIVE_OPTION, passive)).status).toBe(200)
    }
    await w.facilitator.post(`${api(w)}/rounds/current/reveal`)
    const [round] = (await w.facilitator.get(`${api(w)}/rounds`)).body
    expect(round.voters).toBe(4)
    expect(
      (round.resistance as ResistanceEntry[]).map((e) => [e.targetId, e.total, e.raters, e.mean]),
    ).toEqual([
      [a, 3 * 2 + 10, 4, 4],
      [PASSIVE_OPTION, 3 * 6 + 0, 4, 4.5],
    ])
  }, 60_000)
})
