/**
 * Workshop series (issue 20 §1) against a real server on both engines: a facilitator carries a
 * cluster and single ideas — with the dots of the source's latest revealed round — from workshop A
 * into workshop B. A stock y-websocket client on B's board sees them at once; the store has them;
 * the report, ideas.csv and an import of the machine export keep where they came from. Hostile
 * callers: a participant forging `carriedFrom` (4403, nothing stored), a facilitator's client
 * changing it (4403), a participant calling the route, a facilitator of only one workshop, a
 * hidden idea, the same workshop, and carrying twice (skipped).
 */
import { Board, type CarriedFrom } from '@ideenwand/board'
import { CloseCode } from '@ideenwand/protocol'
import { strFromU8, unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { ApiClient, type WorkshopFixture, workshopFixture } from './support/api.ts'
import { storedBoard } from './support/boardRows.ts'
import { closedBy, connectClient, type TestClient, waitFor } from './support/clients.ts'
import { ENGINES } from './support/engines.ts'
import { perTest } from './support/perTest.ts'
import { startServer } from './support/servers.ts'

const t = perTest()

function connect(boardId: string, who: ApiClient): TestClient {
  const c = connectClient(t.server!.wsUrl, boardId, { cookie: who.cookie })
  t.clients.push(c)
  return c
}

/** Workshop A with a cluster "Verkehr" (two ideas), two unsorted ideas and a revealed round. */
async function sourceWorkshop(w: WorkshopFixture) {
  const fc = connect(w.boardId, w.facilitator)
  await fc.synced()
  const board = new Board(fc.doc)
  const verkehr = board.addCluster({ title: 'Verkehr', color: 'blue' })
  const radweg = board.addIdea({ text: 'Radweg durchgehend', clusterId: verkehr, color: 'blue' })
  const tempo = board.addIdea({ text: 'Tempo 30', clusterId: verkehr, authorName: 'Jonas' })
  const baeume = board.addIdea({ text: 'Mehr Bäume', color: 'green', authorName: 'Ana' })
  const geheim = board.addIdea({ text: 'Versteckte Idee' })
  await fc.allConfirmed()
  const api = `/api/workshops/${w.workshopId}`
  const voter = await w.join('participant', 'Paula')
  expect(
    (await w.facilitator.post(`${api}/rounds`, { dotsPerPerson: 5, maxPerTarget: 3 })).status,
  ).toBe(201)
  for (const [idea, n] of [
    [baeume, 3],
    [radweg, 2],
  ] as const) {
    for (let i = 0; i < n; i++) {
      expect((await voter.post(`${api}/votes`, { targetId: idea, delta: 1 })).status).toBe(200)
    }
  }
  expect((await w.facilitator.post(`${api}/rounds/current/reveal`)).status).toBeLessThan(300)
  expect((await w.facilitator.post(`${api}/ideas/${geheim}/hide`)).status).toBe(204)
  fc.destroy()
  return { verkehr, radweg, tempo, baeume, geheim, voter }
}

/** A second workshop of the same facilitator. */
async function targetWorkshop(w: WorkshopFixture, title = 'Umsetzungswerkstatt') {
  const created = await w.facilitator.post('/api/workshops', { title })
  expect(created.status).toBe(201)
  return { id: created.body.id as string, boardId: created.body.boardId as string }
}

describe.each(ENGINES)('workshop series: carrying ideas (%s)', (engine) => {
  it('carries a cluster and an idea with their dots, live and stored, into report and open data', async () => {
    t.server = await startServer(engine)
    const w = await workshopFixture(t.server.url, {
      title: 'Umweltlabor',
      date: '2026-03-12',
    })
    const a = await sourceWorkshop(w)
    const b = await targetWorkshop(w)

    // What A offers: public ideas only, by cluster, with the dots of the revealed round.
    const offer = await w.facilitator.get(`/api/workshops/${w.workshopId}/carry-candidates`)
    expect(offer.status).toBe(200)
    expect(offer.body.workshop).toEqual({
      id: w.workshopId,
      title: 'Umweltlabor',
      date: '2026-03-12',
    })
    expect(offer.body.round).toMatchObject({ number: 1 })
    expect(offer.body.clusters).toHaveLength(1)
    expect(offer.body.clusters[0]).toMatchObject({ id: a.verkehr, title: 'Verkehr', color: 'blue' })
    expect(offer.body.clusters[0].ideas).toEqual(
      expect.arrayContaining([
        { id: a.radweg, text: 'Radweg durchgehend', dots: 2, rank: 2 },
        { id: a.tempo, text: 'Tempo 30', dots: 0, rank: 3 },
      ]),
    )
    expect(offer.body.unsorted).toEqual([{ id: a.baeume, text: 'Mehr Bäume', dots: 3, rank: 1 }])

    // A stock client is on B's board when the ideas arrive.
    const bc = connect(b.boardId, w.facilitator)
    await bc.synced()
    const live = new Board(bc.doc)
    const res = await w.facilitator.post(`/api/workshops/${b.id}/carry`, {
      fromWorkshopId: w.workshopId,
      ideaIds: [a.baeume, a.radweg],
      clusterIds: [a.verkehr],
    })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body.carried).toHaveLength(3)
    expect(res.body.skipped).toEqual([])
    expect(res.body.clusters).toHaveLength(1)
    await waitFor(() => live.ideas().length === 3, 5000, 'carried ideas arrive live')

    const byText = (board: Board, text: string) => board.ideas().find((i) => i.text === text)
    const cluster = live.clusters()[0]!
    expect(cluster).toMatchObject({ title: 'Verkehr', color: 'blue' })
    const baeume = byText(live, 'Mehr Bäume')!
    expect(baeume).toMatchObject({
      clusterId: null,
      color: 'green',
      authorId: null,
      authorName: null,
    })
    expect(baeume.carriedFrom).toMatchObject({
      workshopId: w.workshopId,
      ideaId: a.baeume,
      title: 'Umweltlabor',
      date: '2026-03-12',
      dots: 3,
      rank: 1,
    } satisfies Partial<CarriedFrom>)
    expect(baeume.id).not.toBe(a.baeume)
    // The idea named singly is in the named cluster: it goes with the cluster, once.
    expect(byText(live, 'Radweg durchgehend')).toMatchObject({
      clusterId: cluster.id,
      carriedFrom: { ideaId: a.radweg, dots: 2, rank: 2 },
    })
    // Names never travel: Jonas's idea arrives without an author.
    expect(byText(live, 'Tempo 30')).toMatchObject({
      authorName: null,
      carriedFrom: { ideaId: a.tempo, dots: 0, rank: 3 },
    })
    // The hidden idea stayed behind.
    expect(byText(live, 'Versteckte Idee')).toBeUndefined()

    // Stored: a board loaded from the database (as after a restart) has the same.
    const stored = await storedBoard(t.server, b.boardId)
    expect(
      stored
        .ideas()
        .map((i) => [i.text, i.carriedFrom?.ideaId])
        .sort(),
    ).toEqual(
      [
        ['Mehr Bäume', a.baeume],
        ['Radweg durchgehend', a.radweg],
        ['Tempo 30', a.tempo],
      ].sort(),
    )

    // Carrying again skips what B has already; the cluster of the same title takes the rest.
    const again = await w.facilitator.post(`/api/workshops/${b.id}/carry`, {
      fromWorkshopId: w.workshopId,
      ideaIds: [],
      clusterIds: [a.verkehr],
    })
    expect(again.status).toBe(200)
    expect(again.body.carried).toEqual([])
    expect(again.body.skipped.map((s: { fromIdeaId: string }) => s.fromIdeaId).sort()).toEqual(
      [a.radweg, a.tempo].sort(),
    )
    expect(again.body.clusters).toEqual([{ fromClusterId: a.verkehr, clusterId: cluster.id }])
    expect((await storedBoard(t.server, b.boardId)).ideas()).toHaveLength(3)

    // The views link the source's results page only while it is published: they ask the page
    // itself (HEAD), which answers like for anyone.
    const head = async () =>
      (await fetch(`${t.server!.url}/ergebnisse/${w.workshopId}`, { method: 'HEAD' })).status
    expect(await head()).toBe(404)
    const published = await w.facilitator.patch(`/api/workshops/${w.workshopId}/results-page`, {
      published: true,
    })
    expect(published.status).toBe(200)
    expect(await head()).toBe(200)

    // Report and open data of B.
    const api = `/api/workshops/${b.id}`
    const md = (await w.facilitator.get(`${api}/report?format=md&lang=de`)).body as string
    expect(md).toContain(
      'Mehr Bäume _(übernommen aus „Umweltlabor“ (12.03.2026), 3 Punkte (Platz 1))_',
    )
    expect(md).toMatch(/\| Aus früheren Workshops \| 3 \|/)
    const csv = (await w.facilitator.get(`${api}/open-data/ideas.csv`)).body as string
    const [header, ...rows] = csv
      .trim()
      .split('\r\n')
      .map((line) => line.split(','))
    const col = (name: string) => header!.indexOf(name)
    expect(col('carried_from_workshop')).toBeGreaterThan(0)
    const row = rows.find((r) => r[1] === 'Mehr Bäume')!
    expect([row[col('carried_from_workshop')], row[col('carried_from_idea')]]).toEqual([
      w.workshopId,
      a.baeume,
    ])

    // The activity log of B records the carry.
    const logged = await t.server.server.db.query<{ data: unknown }>(
      `select data from activity where workshop_id = $1 and type = 'ideas-carried' order by id`,
      [b.id],
    )
    expect(logged).toHaveLength(2)

    // The machine export keeps the provenance, and so does an import of it.
    const zip = await fetch(`${t.server.url}${api}/open-data.zip`, {
      headers: { cookie: w.facilitator.cookie ?? '' },
    })
    const files = unzipSync(new Uint8Array(await zip.arrayBuffer()))
    const exported = strFromU8(files['ideenwand-export.json']!)
    expect(JSON.parse(exported).ideas[0].carriedFrom).toMatchObject({ workshopId: w.workshopId })
    const imported = await fetch(`${t.server.url}/api/workshops/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: w.facilitator.cookie ?? '' },
      body: exported,
    })
    const copy = (await imported.json()) as { boardId: string }
    expect(imported.status, JSON.stringify(copy)).toBe(201)
    const copied = await storedBoard(t.server, copy.boardId)
    expect(byText(copied, 'Mehr Bäume')?.carriedFrom).toEqual(baeume.carriedFrom)
  })

  it('refuses hostile callers and clients; nothing forged is stored', async () => {
    t.server = await startServer(engine)
    const w = await workshopFixture(t.server.url, { title: 'Umweltlabor' })
    const a = await sourceWorkshop(w)
    const b = await targetWorkshop(w)
    const carry = (who: ApiClient, target: string, body: Record<string, unknown>) =>
      who.post(`/api/workshops/${target}/carry`, {
        fromWorkshopId: w.workshopId,
        ideaIds: [a.baeume],
        clusterIds: [],
        ...body,
      })
    const code = async (res: Promise<{ status: number; body: { error?: { code: string } } }>) => {
      const r = await res
      return [r.status, r.body?.error?.code]
    }

    // A participant of A (on the route, either way round) and a signed-out caller.
    expect(await code(carry(a.voter, b.id, {}))).toEqual([404, 'workshop_not_found'])
    expect(await code(carry(a.voter, w.workshopId, { fromWorkshopId: b.id }))).toEqual([
      403,
      'forbidden',
    ])
    expect(await code(a.voter.get(`/api/workshops/${w.workshopId}/carry-candidates`))).toEqual([
      403,
      'forbidden',
    ])
    expect((await carry(new ApiClient(t.server.url), b.id, {})).status).toBe(401)

    // A facilitator of only one of the two workshops: 404, whichever one.
    const token = (await w.facilitator.post(`/api/workshops/${b.id}/cofacilitators`)).body.inviteUrl
    const co = new ApiClient(t.server.url)
    const accepted = await co.post(
      `/api/facilitator-invites/${String(token).split('/invite/')[1]}/accept`,
      { email: 'co@example.org', password: 'Co-Moderation-2026', name: 'Co' },
    )
    expect(accepted.status).toBe(200)
    expect(await code(carry(co, b.id, {}))).toEqual([404, 'workshop_not_found'])
    expect(await code(co.get(`/api/workshops/${w.workshopId}/carry-candidates`))).toEqual([
      404,
      'workshop_not_found',
    ])
    const own = await co.post('/api/workshops', { title: 'Eigener Workshop' })
    expect(await code(carry(co, own.body.id, {}))).toEqual([404, 'workshop_not_found'])

    // Hidden, unknown, the same workshop, nothing named.
    expect(await code(carry(w.facilitator, b.id, { ideaIds: [a.geheim] }))).toEqual([
      404,
      'idea_not_found',
    ])
    expect(await code(carry(w.facilitator, b.id, { ideaIds: ['nope'] }))).toEqual([
      404,
      'idea_not_found',
    ])
    expect(await code(carry(w.facilitator, b.id, { ideaIds: [], clusterIds: ['nope'] }))).toEqual([
      404,
      'cluster_not_found',
    ])
    expect(await code(carry(w.facilitator, w.workshopId, {}))).toEqual([400, 'carry_same_workshop'])
    expect(await code(carry(w.facilitator, b.id, { ideaIds: [] }))).toEqual([
      400,
      'invalid_request',
    ])
    expect((await storedBoard(t.server, b.boardId)).ideas()).toEqual([])

    // Sync: a participant forging `carriedFrom` is closed with 4403; nothing of it is stored.
    const forged: CarriedFrom = {
      workshopId: w.workshopId,
      ideaId: a.baeume,
      title: 'Umweltlabor',
      date: null,
      dots: 99,
      rank: 1,
      carriedAt: Date.now(),
    }
    const bw: WorkshopFixture = { ...w, workshopId: b.id, boardId: b.boardId }
    const participants = await w.facilitator.get(`/api/workshops/${b.id}`)
    const code_ = (participants.body.invites as { role: string; code: string }[]).find(
      (i) => i.role === 'participant',
    )!.code
    const guest = new ApiClient(t.server.url)
    expect((await guest.post('/api/join', { code: code_, name: 'Harald' })).status).toBe(200)
    const hc = connect(bw.boardId, guest)
    await hc.synced()
    const closed = closedBy(hc)
    new Board(hc.doc).addIdea({ text: 'Gefälscht', authorName: 'Harald', carriedFrom: forged })
    expect(await closed).toEqual(CloseCode.ChangeRefused)
    hc.destroy()

    // Nor may a facilitator's client change the provenance of a carried idea.
    expect((await carry(w.facilitator, b.id, {})).status).toBe(200)
    const fc = connect(b.boardId, w.facilitator)
    await fc.synced()
    const carried = new Board(fc.doc).ideas()[0]!
    const fclosed = closedBy(fc)
    ;(fc.doc.getMap('ideas').get(carried.id) as Y.Map<unknown>).set('carriedFrom', forged)
    expect(await fclosed).toEqual(CloseCode.ChangeRefused)
    fc.destroy()

    const board = await storedBoard(t.server, b.boardId)
    expect(board.ideas().map((i) => [i.text, i.carriedFrom?.dots])).toEqual([['Mehr Bäume', 3]])
  })
})
