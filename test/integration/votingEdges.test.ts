/**
 * Voting edge cases of issue 16 §11 against a real server: a dot on an idea hidden during the
 * round can be taken back (the budget is not stuck); hidden or deleted ideas are not ranked (no
 * empty labels on the projector), also not in the facilitator's live tally; a runoff target
 * hidden meanwhile takes no dots. Hostile voters cannot use the take-back to touch anything else.
 */
import { Board } from '@ideenwand/board'
import type { ControlState } from '@ideenwand/protocol'
import { describe, expect, it } from 'vitest'
import { type ApiClient, type WorkshopFixture, workshopFixture } from './support/api.ts'
import { connectClient, type TestClient, waitFor } from './support/clients.ts'
import { perTest } from './support/perTest.ts'
import { type RunningServer, startServer } from './support/servers.ts'

const t = perTest()

async function boot(): Promise<{ s: RunningServer; w: WorkshopFixture; fac: TestClient }> {
  t.server = await startServer('pglite', { env: { RATE_LIMIT_JOIN_PER_MINUTE: '10000' } })
  const w = await workshopFixture(t.server.url)
  const fac = connectClient(t.server.wsUrl, w.boardId, { cookie: w.facilitator.cookie })
  t.clients.push(fac)
  await fac.synced()
  return { s: t.server, w, fac }
}

const last = (c: TestClient): ControlState | undefined => c.controls.at(-1)

function api(w: WorkshopFixture) {
  const base = `/api/workshops/${w.workshopId}`
  return {
    vote: (who: ApiClient, targetId: string, delta: 1 | -1) =>
      who.post(`${base}/votes`, { targetId, delta }),
    hide: (id: string) => w.facilitator.post(`${base}/ideas/${id}/hide`),
    start: (body: object) => w.facilitator.post(`${base}/rounds`, body),
    reveal: () => w.facilitator.post(`${base}/rounds/current/reveal`),
  }
}

describe('voting edge cases', () => {
  it('a dot on an idea hidden during the round can be taken back; hidden and deleted ideas are not ranked', async () => {
    const { w, fac } = await boot()
    const board = new Board(fac.doc)
    const [a, b, c] = ['Radweg', 'Bank am Teich', 'Bücherschrank'].map((text) =>
      board.addIdea({ text }),
    ) as [string, string, string]
    await fac.allConfirmed()
    const { vote, hide, start, reveal } = api(w)
    const vera = await w.join('participant', 'Vera')
    const mallory = await w.join('participant', 'Mallory')
    expect((await start({ dotsPerPerson: 3 })).status).toBe(201)
    await vote(vera, b, 1)
    expect((await vote(vera, b, 1)).body).toMatchObject({ remaining: 1 })
    await vote(vera, c, 1)
    expect((await vote(mallory, a, 1)).status).toBe(200)

    expect((await hide(b)).status).toBe(204)
    await waitFor(() => last(fac)?.hiddenIdeaIds.includes(b) === true)
    // No new dot on the hidden idea …
    const more = await vote(vera, b, 1)
    expect(more.status).toBe(409)
    expect(more.body.error.code).toBe('invalid-target')
    // … but the ones given can be taken back, and the budget is free again.
    const back = await vote(vera, b, -1)
    expect(back.status, JSON.stringify(back.body)).toBe(200)
    expect(back.body).toEqual({ votes: { [b]: 1, [c]: 1 }, remaining: 1 })
    // Mallory cannot take back Vera's dot, nor one she never gave.
    const steal = await vote(mallory, b, -1)
    expect(steal.status).toBe(409)
    expect(steal.body.error.code).toBe('no-dot-to-remove')
    expect((await vote(mallory, 'i-nothing-here', -1)).body.error.code).toBe('no-dot-to-remove')

    // The facilitator's live tally does not list the hidden idea either.
    await w.facilitator.patch(`/api/workshops/${w.workshopId}/settings`, { showTally: true })
    await waitFor(() => (last(fac)?.tally?.length ?? 0) > 0)
    expect(last(fac)?.tally?.map((e) => e.targetId)).not.toContain(b)

    // Vera's other idea is deleted from the board before the reveal.
    board.deleteIdea(c)
    await fac.allConfirmed()
    expect((await reveal()).status).toBe(204)
    await waitFor(() => last(fac)?.history.length === 1)
    const results = last(fac)?.history[0]?.results ?? []
    expect(results.map((e) => e.targetId)).toEqual([a])
    expect(results.every((e) => e.label.trim() !== '')).toBe(true)
    expect(results[0]).toMatchObject({ label: 'Radweg', dots: 1, rank: 1 })
  })

  it('in a runoff, a target hidden meanwhile takes no dots and is not ranked', async () => {
    const { w, fac } = await boot()
    const board = new Board(fac.doc)
    const ids = ['A', 'B', 'C'].map((text) => board.addIdea({ text }))
    await fac.allConfirmed()
    const [a, b] = ids as [string, string]
    const { vote, hide, start, reveal } = api(w)
    const voter = await w.join('participant', 'Vera')
    await start({ dotsPerPerson: 2, maxPerTarget: 1 })
    await vote(voter, a, 1)
    await vote(voter, b, 1)
    await reveal()
    const runoff = await start({ dotsPerPerson: 2, fromRound: { number: 1, top: 2 } })
    expect(runoff.status).toBe(201)
    expect([...runoff.body.targetIds].sort()).toEqual([a, b].sort())
    await vote(voter, b, 1)
    await hide(b)
    await waitFor(() => last(fac)?.hiddenIdeaIds.includes(b) === true)
    const refused = await vote(voter, b, 1)
    expect(refused.status).toBe(409)
    expect(refused.body.error.code).toBe('invalid-target')
    expect((await vote(voter, a, 1)).status).toBe(200)
    await reveal()
    await waitFor(() => last(fac)?.history.length === 2)
    const results = last(fac)?.history[1]?.results ?? []
    expect(results.map((e) => [e.label, e.dots])).toEqual([['A', 1]])
  })
})
