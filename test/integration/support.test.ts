/**
 * "+1" support of public ideas (issue 19 §3) against a real server, on both engines: the count
 * reaches everyone in the control state and each person sees their own supports; the server
 * refuses what the UI never offers — a second support, one's own idea (anonymous ones too), a
 * held, hidden or unknown idea, another workshop's idea, the wrong role or phase, bad ids — with
 * clear 4xx codes; erasure removes a person's supports and the supports of their ideas.
 */
import { Board } from '@ideenwand/board'
import type { ControlState } from '@ideenwand/protocol'
import { describe, expect, it } from 'vitest'
import { type ApiClient, type WorkshopFixture, workshopFixture } from './support/api.ts'
import { connectClient, type TestClient, waitFor } from './support/clients.ts'
import { ENGINES, type Engine } from './support/engines.ts'
import { perTest } from './support/perTest.ts'
import { startServer } from './support/servers.ts'

const t = perTest()

const last = (c: TestClient): ControlState | undefined => c.controls.at(-1)

async function connect(w: WorkshopFixture, who: ApiClient): Promise<TestClient> {
  const server = t.server
  if (!server) throw new Error('no server')
  const c = connectClient(server.wsUrl, w.boardId, { cookie: who.cookie })
  t.clients.push(c)
  await c.synced()
  await waitFor(() => last(c) !== undefined)
  return c
}

/** A participant writes an idea on their own client (named, as the views write it). */
async function write(c: TestClient, text: string, author: ApiClient): Promise<string> {
  const me = (await author.get('/api/me')).body.guest as { id: string; name: string | null }
  const id = new Board(c.doc).addIdea({ text, authorId: me.id, authorName: me.name })
  await c.allConfirmed()
  return id
}

/** A workshop with Paula and Max connected, and the facilitator's client. */
async function twoParticipants(engine: Engine) {
  t.server = await startServer(engine)
  const w = await workshopFixture(t.server.url)
  const paula = await w.join('participant', 'Paula')
  const max = await w.join('participant', 'Max')
  const [pc, mc, fc] = await Promise.all([
    connect(w, paula),
    connect(w, max),
    connect(w, w.facilitator),
  ])
  return { s: t.server, w, paula, max, pc, mc, fc }
}

const supportPath = (w: WorkshopFixture, ideaId: string) =>
  `/api/workshops/${w.workshopId}/ideas/${ideaId}/support`

describe.each(ENGINES)('idea support (%s)', (engine) => {
  it('one support per person: everyone sees the count, each person their own; withdrawable', async () => {
    const { s, w, paula, max, pc, mc, fc } = await twoParticipants(engine)
    const radweg = await write(pc, 'Radweg nach Wiesenburg', paula)

    expect((await max.post(supportPath(w, radweg))).status).toBe(204)
    await waitFor(() => last(fc)?.support[radweg] === 1 && last(pc)?.support[radweg] === 1)
    await waitFor(() => last(mc)?.me.supportedIdeaIds.includes(radweg) === true)
    expect(last(pc)?.me.supportedIdeaIds).toEqual([])
    expect(last(fc)?.me.supportedIdeaIds).toEqual([])

    // Twice is refused, and the count stays 1.
    const twice = await max.post(supportPath(w, radweg))
    expect(twice.status).toBe(409)
    expect(twice.body.error.code).toBe('already_supported')
    const rows = await s.server.db.query(
      'select supporter_id from idea_support where idea_id = $1',
      [radweg],
    )
    expect(rows).toHaveLength(1)

    expect((await max.delete(supportPath(w, radweg))).status).toBe(204)
    await waitFor(() => last(fc)?.support[radweg] === undefined)
    await waitFor(() => last(mc)?.me.supportedIdeaIds.length === 0)
    const again = await max.delete(supportPath(w, radweg))
    expect(again.status).toBe(409)
    expect(again.body.error.code).toBe('not_supported')

    // The state over HTTP says the same.
    expect((await max.post(supportPath(w, radweg))).status).toBe(204)
    const state = (await max.get(`/api/workshops/${w.workshopId}/state`)).body as ControlState
    expect(state.support).toEqual({ [radweg]: 1 })
    expect(state.me.supportedIdeaIds).toEqual([radweg])

    // The report and the open data carry the count.
    const api = `/api/workshops/${w.workshopId}`
    const csv = (await w.facilitator.get(`${api}/open-data/ideas.csv`)).body as string
    // (Later columns — source, status — follow; the count is read by its column's name.)
    const [header, row] = csv.split('\r\n').map((line) => line.split(','))
    expect(header?.slice(0, 6)).toEqual([
      'id',
      'text',
      'cluster_id',
      'created',
      'colour',
      'supports',
    ])
    expect(csv).toContain(`${radweg},Radweg nach Wiesenburg,`)
    expect(row?.[header?.indexOf('supports') ?? -1]).toBe('1')
    const report = (await w.facilitator.get(`${api}/report?format=md&lang=de`)).body as string
    expect(report).toContain('- Radweg nach Wiesenburg **+1**')
  })

  it('refuses hostile requests with clear codes', async () => {
    t.server = await startServer(engine)
    const w = await workshopFixture(t.server.url)
    const paula = await w.join('participant', 'Paula')
    const max = await w.join('participant', 'Max')
    const viewer = await w.join('viewer')
    const pc = await connect(w, paula)
    const own = await write(pc, 'Spielplatz im Kurpark', paula)
    const api = `/api/workshops/${w.workshopId}`

    const code = async (res: Promise<{ status: number; body: { error?: { code: string } } }>) => {
      const r = await res
      return [r.status, r.body?.error?.code]
    }
    expect(await code(paula.post(supportPath(w, own)))).toEqual([409, 'own_idea'])
    expect(await code(viewer.post(supportPath(w, own)))).toEqual([403, 'not_a_supporter'])
    expect(await code(w.facilitator.post(supportPath(w, own)))).toEqual([403, 'not_a_supporter'])
    expect(await code(max.post(supportPath(w, 'no-such-idea')))).toEqual([404, 'idea_not_found'])
    expect((await max.post(supportPath(w, '__proto__'))).status).toBe(400)
    expect((await max.post(`${api}/ideas/${'x'.repeat(500)}/support`)).status).toBe(400)
    expect((await max.request('PUT', supportPath(w, own), { delta: 5 })).status).toBe(404)
    // A body is ignored, never trusted: the supporter is the session, not a field.
    expect((await max.post(supportPath(w, own), { supporterId: 'someone-else' })).status).toBe(204)
    const who = await t.server.server.db.query<{ supporter_id: string }>(
      'select supporter_id from idea_support',
    )
    const maxId = (await max.get('/api/me')).body.guest.id
    expect(who.map((r) => r.supporter_id)).toEqual([maxId])

    // Another workshop's idea: not on this board; and not this guest's workshop.
    const other = await workshopFixture(t.server.url, { title: 'Anderer Workshop' })
    const stranger = await other.join('participant', 'Fremd')
    const sc = await connect(other, stranger)
    const foreign = await write(sc, 'Fremde Idee', stranger)
    expect(await code(max.post(supportPath(w, foreign)))).toEqual([404, 'idea_not_found'])
    expect(await code(max.post(supportPath(other, foreign)))).toEqual([404, 'workshop_not_found'])
    expect((await max.post(supportPath(w, own))).status).toBe(409)

    // Hidden: not public, so not supportable, and its count is not shown.
    expect((await w.facilitator.post(`${api}/ideas/${own}/hide`)).status).toBe(204)
    expect(await code(max.delete(supportPath(w, own)))).toEqual([404, 'idea_not_found'])
    expect(((await max.get(`${api}/state`)).body as ControlState).support).toEqual({})
    expect((await w.facilitator.post(`${api}/ideas/${own}/unhide`)).status).toBe(204)
    expect(((await max.get(`${api}/state`)).body as ControlState).support).toEqual({ [own]: 1 })

    // Closed phases and a locked board.
    await w.facilitator.post(`${api}/phase`, { phase: 'vote' })
    expect(await code(max.delete(supportPath(w, own)))).toEqual([409, 'support_closed'])
    await w.facilitator.post(`${api}/phase`, { phase: 'cluster' })
    expect((await max.delete(supportPath(w, own))).status).toBe(204)
    await w.facilitator.patch(`${api}/settings`, { locked: true })
    expect(await code(max.post(supportPath(w, own)))).toEqual([409, 'support_closed'])
  })

  it('a pending idea cannot be supported; an anonymous one not by its author', async () => {
    t.server = await startServer(engine)
    const w = await workshopFixture(t.server.url)
    const api = `/api/workshops/${w.workshopId}`
    await w.facilitator.patch(`${api}/settings`, { anonymousIdeas: true })
    const paula = await w.join('participant', 'Paula')
    const max = await w.join('participant', 'Max')
    const pc = await connect(w, paula)
    const anonymous = new Board(pc.doc).addIdea({ text: 'Bänke im Park' })
    await pc.allConfirmed()
    await waitFor(() => last(pc)?.me.ideaIds.includes(anonymous) === true)
    const own = await paula.post(supportPath(w, anonymous))
    expect([own.status, own.body.error.code]).toEqual([409, 'own_idea'])
    expect((await max.post(supportPath(w, anonymous))).status).toBe(204)

    await w.facilitator.patch(`${api}/settings`, { premoderation: true })
    const pending = new Board(pc.doc).addIdea({ text: 'Wartet auf Freigabe' })
    await pc.allConfirmed()
    await waitFor(() => last(pc)?.heldIdeas.some((h) => h.id === pending) === true)
    const held = await max.post(supportPath(w, pending))
    expect([held.status, held.body.error.code]).toEqual([404, 'idea_not_found'])
  })

  it('erasure removes the person’s supports and the supports of their ideas', async () => {
    const { s, w, paula, max, pc, mc, fc } = await twoParticipants(engine)
    const hers = await write(pc, 'Bus am Wochenende', paula)
    const his = await write(mc, 'WLAN am Markt', max)
    expect((await max.post(supportPath(w, hers))).status).toBe(204)
    expect((await paula.post(supportPath(w, his))).status).toBe(204)
    await waitFor(() => Object.keys(last(fc)?.support ?? {}).length === 2)

    expect((await paula.post('/api/me/forget')).status).toBe(200)
    await waitFor(() => Object.keys(last(fc)?.support ?? {}).length === 0)
    const rows = await s.server.db.query('select 1 from idea_support')
    expect(rows).toHaveLength(0)
  })
})
