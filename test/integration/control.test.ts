/**
 * The workshop control against a real server with stock y-websocket clients: phases and what they
 * allow, the shared timer, facilitation, and dot voting — concurrent, secret until the reveal,
 * ranked with ties, kept in a history.
 */
import { Board } from '@ideenwand/board'
import type { ControlState } from '@ideenwand/protocol'
import { describe, expect, it } from 'vitest'
import { ApiClient, type WorkshopFixture, workshopFixture } from './support/api.ts'
import { waitFor } from './support/clients.ts'
import { perTest } from './support/perTest.ts'
import { ideaTexts, ideaUpdateFrame, RawSync } from './support/rawSync.ts'
import { type RunningServer, startServer } from './support/servers.ts'
import { workshopClients } from './support/workshopClients.ts'

const t = perTest()

async function boot(): Promise<{ s: RunningServer; w: WorkshopFixture }> {
  t.server = await startServer('pglite', { env: { RATE_LIMIT_JOIN_PER_MINUTE: '10000' } })
  return { s: t.server, w: await workshopFixture(t.server.url) }
}

const { connect, seedIdeas, last } = workshopClients(t)

describe('phases', () => {
  it('every client gets the phase; participants may write while collecting, not while voting', async () => {
    const { s, w } = await boot()
    const guest = await w.join('participant', 'Paula')
    const viewer = connect(s, w, await w.join('viewer'))
    const client = connect(s, w, guest)
    await Promise.all([client.synced(), viewer.synced()])
    await waitFor(() => last(client)?.phase === 'collect' && last(viewer)?.phase === 'collect')
    expect(last(client)?.me).toMatchObject({ role: 'participant', canWrite: true })

    expect(
      (await w.facilitator.post(`/api/workshops/${w.workshopId}/phase`, { phase: 'vote' })).status,
    ).toBe(204)
    await waitFor(() => last(client)?.phase === 'vote' && last(viewer)?.phase === 'vote')
    expect(last(client)?.me.canWrite).toBe(false)
    const raw = await RawSync.open(`${s.wsUrl}/${w.boardId}`, { cookie: guest.cookie ?? '' })
    if (!('socket' in raw)) throw new Error('not connected')
    await raw.socket.sendAndSettle(ideaUpdateFrame('während der Abstimmung'))
    expect(ideaTexts(s.server.rooms.get(w.boardId)?.doc)).toBe('')

    await w.facilitator.post(`/api/workshops/${w.workshopId}/phase`, { phase: 'collect' })
    await raw.socket.sendAndSettle(ideaUpdateFrame('wieder sammeln'))
    expect(ideaTexts(s.server.rooms.get(w.boardId)?.doc)).toBe('wieder sammeln')
    raw.socket.close()
    expect(
      (await guest.post(`/api/workshops/${w.workshopId}/phase`, { phase: 'discuss' })).status,
    ).toBe(403)
  })

  it('locking the board makes participants read-only until unlocked', async () => {
    const { s, w } = await boot()
    const client = connect(s, w, await w.join('participant', 'Paula'))
    await client.synced()
    await w.facilitator.patch(`/api/workshops/${w.workshopId}/settings`, { locked: true })
    await waitFor(() => last(client)?.locked === true)
    expect(last(client)?.me.canWrite).toBe(false)
    await w.facilitator.patch(`/api/workshops/${w.workshopId}/settings`, { locked: false })
    await waitFor(() => last(client)?.me.canWrite === true)
  })
})

describe('timer', () => {
  it('runs on t.server time for everyone: start, pause, add time, resume, reset', async () => {
    const { s, w } = await boot()
    const client = connect(s, w, await w.join('participant', 'Paula'))
    await client.synced()
    const url = `/api/workshops/${w.workshopId}/timer`
    expect((await w.facilitator.post(url, { action: 'start' })).status).toBe(400)
    const before = Date.now()
    await w.facilitator.post(url, { action: 'start', seconds: 300 })
    await waitFor(() => last(client)?.timer.status === 'running')
    const running = last(client)!
    expect(running.timer.endsAt! - running.serverTime).toBeGreaterThan(299_000)
    expect(running.timer.endsAt!).toBeGreaterThanOrEqual(before + 300_000)
    await w.facilitator.post(url, { action: 'pause' })
    await waitFor(() => last(client)?.timer.status === 'paused')
    const left = last(client)!.timer.remainingMs
    expect(left).toBeLessThanOrEqual(300_000)
    await w.facilitator.post(url, { action: 'add', seconds: 60 })
    await waitFor(() => last(client)?.timer.remainingMs === left + 60_000)
    await w.facilitator.post(url, { action: 'resume' })
    await waitFor(() => last(client)?.timer.status === 'running')
    await w.facilitator.post(url, { action: 'reset' })
    await waitFor(() => last(client)?.timer.status === 'stopped')
  })

  it('does not carry into the next phase (issue 16: "0:00 Zeit ist um" while voting)', async () => {
    const { s, w } = await boot()
    const client = connect(s, w, await w.join('participant', 'Paula'))
    await client.synced()
    const url = `/api/workshops/${w.workshopId}/timer`
    await w.facilitator.post(url, { action: 'start', seconds: 1 })
    await waitFor(() => last(client)?.timer.status === 'running')
    await w.facilitator.post(`/api/workshops/${w.workshopId}/phase`, { phase: 'cluster' })
    await waitFor(() => last(client)?.phase === 'cluster')
    expect(last(client)?.timer).toEqual({
      status: 'stopped',
      durationMs: 0,
      endsAt: null,
      remainingMs: 0,
    })
    // A round with a duration still ends on its own clock.
    await w.facilitator.post(`/api/workshops/${w.workshopId}/rounds`, {
      dotsPerPerson: 3,
      durationSeconds: 60,
    })
    await waitFor(() => last(client)?.round?.status === 'open')
    expect(last(client)?.round?.endsAt).not.toBeNull()
    expect(last(client)?.timer.status).toBe('stopped')
  })
})

describe('dot voting', () => {
  it('50 voters clicking at once, each request sent twice: no budget exceeded, the tally is exact', async () => {
    const { s, w } = await boot()
    const ideas = await seedIdeas(s, w, ['Radweg', 'Skatepark', 'Wanderkarte', 'Bus', 'Kino'])
    await w.facilitator.post(`/api/workshops/${w.workshopId}/rounds`, {
      dotsPerPerson: 3,
      maxPerTarget: 2,
    })
    const voters = await Promise.all(
      Array.from({ length: 50 }, (_, i) => w.join('participant', `V${i}`)),
    )
    const results = await Promise.all(
      voters.flatMap((voter, i) => {
        const wanted = [ideas[i % 5]!, ideas[(i + 1) % 5]!, ideas[i % 5]!, ideas[(i + 2) % 5]!]
        // Every click is sent twice, concurrently.
        return [...wanted, ...wanted].map((targetId) =>
          voter
            .post(`/api/workshops/${w.workshopId}/votes`, { targetId, delta: 1 })
            .then((res) => ({ i, targetId, res })),
        )
      }),
    )
    const accepted = results.filter((r) => r.res.status === 200)
    const refused = results.filter((r) => r.res.status === 409)
    expect(accepted.length + refused.length).toBe(results.length)
    const perVoter = new Map<number, number>()
    const expected = new Map<string, number>()
    for (const r of accepted) {
      perVoter.set(r.i, (perVoter.get(r.i) ?? 0) + 1)
      expected.set(r.targetId, (expected.get(r.targetId) ?? 0) + 1)
    }
    expect([...perVoter.values()].every((n) => n === 3)).toBe(true)
    expect(perVoter.size).toBe(50)
    await w.facilitator.post(`/api/workshops/${w.workshopId}/rounds/current/reveal`)
    const history = (await w.facilitator.get(`/api/workshops/${w.workshopId}/rounds`)).body
    const tally = new Map(
      history[0].results.map((e: { targetId: string; dots: number }) => [e.targetId, e.dots]),
    )
    for (const id of ideas) expect(tally.get(id) ?? 0).toBe(expected.get(id) ?? 0)
    expect(history[0].voters).toBe(50)
  })

  it('keeps ballots secret until the reveal, then everyone gets the same ranking with ties', async () => {
    const { s, w } = await boot()
    const [a, b, c] = await seedIdeas(s, w, [
      'Radweg nach Wiesenburg',
      'Skatepark',
      'Kino im Sommer',
    ])
    const anna = await w.join('participant', 'Anna')
    const ben = await w.join('participant', 'Ben')
    const annaWs = connect(s, w, anna)
    const benWs = connect(s, w, ben)
    const facWs = connect(s, w, w.facilitator)
    await Promise.all([annaWs.synced(), benWs.synced(), facWs.synced()])
    await w.facilitator.post(`/api/workshops/${w.workshopId}/rounds`, { dotsPerPerson: 2 })
    const vote = (who: ApiClient, targetId: string) =>
      who.post(`/api/workshops/${w.workshopId}/votes`, { targetId, delta: 1 })
    expect((await vote(anna, a!)).body).toEqual({ votes: { [a!]: 1 }, remaining: 1 })
    await vote(anna, b!)
    await vote(ben, a!)
    const benBallot = (await vote(ben, b!)).body
    expect(benBallot).toEqual({ votes: { [a!]: 1, [b!]: 1 }, remaining: 0 })
    expect((await vote(ben, c!)).status).toBe(409)

    await waitFor(() => last(facWs)?.turnout?.dots === 4)
    expect(last(facWs)?.tally).toBeNull()
    await waitFor(() => last(annaWs)?.myBallot?.remaining === 0)
    // Nothing Anna received — HTTP or WebSocket — mentions Ben's ballot or a tally.
    const annaState = (await anna.get(`/api/workshops/${w.workshopId}/state`)).body as ControlState
    for (const state of [...annaWs.controls, annaState]) {
      expect(state.tally).toBeNull()
      expect(state.turnout).toBeNull()
      expect(Object.keys(state.myBallot?.votes ?? {}).every((id) => id === a || id === b)).toBe(
        true,
      )
    }
    const annaBytes = Buffer.concat(annaWs.frames.map((f) => Buffer.from(f)))
    expect(annaBytes.includes('"tally":[')).toBe(false)
    expect(annaBytes.includes('"dots":')).toBe(false)
    expect(annaBytes.includes(ben.cookie?.split('=')[1] ?? 'none')).toBe(false)

    await w.facilitator.patch(`/api/workshops/${w.workshopId}/settings`, { showTally: true })
    await waitFor(() => (last(facWs)?.tally?.length ?? 0) === 3)
    expect(last(annaWs)?.tally).toBeNull()

    await w.facilitator.post(`/api/workshops/${w.workshopId}/rounds/current/reveal`)
    await waitFor(() => last(annaWs)?.history.length === 1 && last(benWs)?.history.length === 1)
    const seen = [annaWs, benWs, facWs].map((x) => last(x)?.history[0]?.results)
    expect(seen[0]).toEqual(seen[1])
    expect(seen[0]).toEqual(seen[2])
    const byLabel = Object.fromEntries(
      seen[0]?.map((e) => [e.label, [e.dots, e.rank, e.tied]]) ?? [],
    )
    expect(byLabel).toEqual({
      'Radweg nach Wiesenburg': [2, 1, true],
      Skatepark: [2, 1, true],
      'Kino im Sommer': [0, 3, false],
    })
    expect(seen[0]?.at(-1)?.label).toBe('Kino im Sommer')
  })

  it('a second round runs on the top ideas of the first; a time limit closes a round by itself', async () => {
    const { s, w } = await boot()
    const ideas = await seedIdeas(s, w, ['A', 'B', 'C', 'D'])
    const voter = await w.join('participant', 'Vera')
    const rounds = `/api/workshops/${w.workshopId}/rounds`
    await w.facilitator.post(rounds, { dotsPerPerson: 3, maxPerTarget: 1 })
    for (const id of ideas.slice(0, 3)) {
      expect(
        (await voter.post(`/api/workshops/${w.workshopId}/votes`, { targetId: id, delta: 1 }))
          .status,
      ).toBe(200)
    }
    await w.facilitator.post(`${rounds}/current/reveal`)
    const second = await w.facilitator.post(rounds, {
      dotsPerPerson: 1,
      fromRound: { number: 1, top: 2 },
      durationSeconds: 1,
    })
    expect(second.status, JSON.stringify(second.body)).toBe(201)
    // A, B and C are tied at the cut, so all three are in; D (no dots) is not.
    expect([...second.body.targetIds].sort()).toEqual(ideas.slice(0, 3).sort())
    const outside = await voter.post(`/api/workshops/${w.workshopId}/votes`, {
      targetId: ideas[3],
      delta: 1,
    })
    expect(outside.status).toBe(409)
    expect(outside.body.error.code).toBe('invalid-target')
    const client = connect(s, w, voter)
    await waitFor(
      () => last(client)?.round?.status === 'closed',
      5_000,
      'round closed by its time limit',
    )
    const late = await voter.post(`/api/workshops/${w.workshopId}/votes`, {
      targetId: ideas[0],
      delta: 1,
    })
    expect(late.status).toBe(409)
  })

  it('viewers and facilitators cannot place dots; voting outside a round is refused', async () => {
    const { s, w } = await boot()
    const [idea] = await seedIdeas(s, w, ['Idee'])
    const viewer = await w.join('viewer')
    const participant = await w.join('participant', 'P')
    const url = `/api/workshops/${w.workshopId}/votes`
    expect((await participant.post(url, { targetId: idea, delta: 1 })).status).toBe(409)
    await w.facilitator.post(`/api/workshops/${w.workshopId}/rounds`, { dotsPerPerson: 1 })
    expect((await viewer.post(url, { targetId: idea, delta: 1 })).status).toBe(403)
    expect((await w.facilitator.post(url, { targetId: idea, delta: 1 })).status).toBe(403)
    expect((await new ApiClient(s.url).post(url, { targetId: idea, delta: 1 })).status).toBe(401)
  })
})

describe('facilitation', () => {
  it('hides ideas, holds participants’ ideas for approval, and logs what happened', async () => {
    const { s, w } = await boot()
    const [first] = await seedIdeas(s, w, ['Bleibt sichtbar?'])
    const guest = await w.join('participant', 'Paula')
    const client = connect(s, w, guest)
    await client.synced()
    await w.facilitator.post(`/api/workshops/${w.workshopId}/ideas/${first}/hide`)
    await waitFor(() => last(client)?.hiddenIdeaIds.includes(first!) === true)
    await w.facilitator.patch(`/api/workshops/${w.workshopId}/settings`, { premoderation: true })
    await waitFor(() => last(client)?.premoderation === true)
    const pendingId = new Board(client.doc).addIdea({ text: 'Bitte prüfen' })
    await client.allConfirmed()
    await waitFor(() => last(client)?.pendingIdeaIds.includes(pendingId) === true)
    await w.facilitator.post(`/api/workshops/${w.workshopId}/ideas/${pendingId}/approve`)
    await waitFor(() => last(client)?.pendingIdeaIds.length === 0)
    await w.facilitator.patch(`/api/workshops/${w.workshopId}/settings`, {
      spotlight: { kind: 'idea', id: pendingId },
      follow: 'user:facilitator',
    })
    await waitFor(
      () =>
        last(client)?.spotlight?.id === pendingId && last(client)?.follow === 'user:facilitator',
    )
    const activity = (await w.facilitator.get(`/api/workshops/${w.workshopId}/activity`)).body as {
      type: string
    }[]
    expect(activity.map((a) => a.type)).toEqual(
      expect.arrayContaining(['join', 'idea-hidden', 'settings', 'idea-unpending']),
    )
    expect((await guest.get(`/api/workshops/${w.workshopId}/activity`)).status).toBe(403)
  })
})
