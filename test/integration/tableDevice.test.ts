/**
 * A table's shared device (issue 19 §2) against a real server on both engines: a facilitator
 * marks a device as "Tisch 3, 5 Personen" and hands it a one-time link; the device's ideas carry
 * the table (stamped by the server), a phone's carry nothing (own), a facilitator's can be
 * marked "von Papier übertragen"; in a dot round the table places dots × people. Hostile
 * participants with raw HTTP and stock y-websocket clients try to claim a table, forge a source,
 * re-count a table or take more dots: refused with clear codes, nothing stored.
 */
import { Board } from '@ideenwand/board'
import { CloseCode, type ControlState } from '@ideenwand/protocol'
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

const last = (c: TestClient): ControlState | undefined => c.controls.at(-1)

function connect(w: WorkshopFixture, who: ApiClient): TestClient {
  const c = connectClient(t.server!.wsUrl, w.boardId, { cookie: who.cookie })
  t.clients.push(c)
  return c
}

/** The board as the database holds it. */
const stored = (boardId: string): Promise<Board> => storedBoard(t.server!, boardId)

const tokenOf = (url: string) => url.split('/tisch/')[1] ?? ''

/** Creates "Tisch 3" with 5 people and opens its link in a fresh browser (an ApiClient). */
async function tableDevice(w: WorkshopFixture, label = 'Tisch 3', people = 5) {
  const created = await w.facilitator.post(`/api/workshops/${w.workshopId}/tables`, {
    label,
    people,
  })
  expect(created.status).toBe(201)
  const device = new ApiClient(t.server!.url)
  const claimed = await device.post('/api/tables/claim', { token: tokenOf(created.body.url) })
  expect(claimed.status).toBe(200)
  return { device, id: created.body.device.id as string, url: created.body.url as string }
}

describe.each(ENGINES)('table devices (%s)', (engine) => {
  it('a table device adds ideas for its table; phones add own ideas; facilitators mark paper', async () => {
    t.server = await startServer(engine)
    const w = await workshopFixture(t.server.url)
    const api = `/api/workshops/${w.workshopId}`

    const created = await w.facilitator.post(`${api}/tables`, { label: ' Tisch 3 ', people: 5 })
    expect(created.status).toBe(201)
    expect(created.body.device).toMatchObject({
      label: 'Tisch 3',
      people: 5,
      status: 'active',
      linkOpen: true,
    })
    expect(created.body.url).toMatch(/\/tisch\/[a-z0-9]{24}$/)
    expect(created.body.qrSvg).toContain('<svg')

    // The link makes a browser the table's guest, once.
    const device = new ApiClient(t.server.url)
    const token = tokenOf(created.body.url)
    const claimed = await device.post('/api/tables/claim', { token })
    expect(claimed.status).toBe(200)
    expect(claimed.body).toEqual({
      workshopId: w.workshopId,
      boardId: w.boardId,
      table: { label: 'Tisch 3', people: 5 },
    })
    const me = (await device.get('/api/me')).body
    expect(me.guest).toMatchObject({ name: null, role: 'participant', status: 'admitted' })
    expect(me.guest.table).toEqual({ label: 'Tisch 3', people: 5 })
    const again = await new ApiClient(t.server.url).post('/api/tables/claim', { token })
    expect(again.status).toBe(404)
    expect(again.body.error.code).toBe('invalid_table_link')
    const listed = (await w.facilitator.get(`${api}/tables`)).body
    expect(listed).toMatchObject([{ label: 'Tisch 3', people: 5, linkOpen: false }])

    // The device is no person joining: the join funnel does not count it.
    const funnel = (await w.facilitator.get(`${api}/funnel`)).body
    expect(funnel.unknown.joined).toBe(0)

    // Its ideas carry the table; it never writes the source itself.
    const dc = connect(w, device)
    const phone = await w.join('participant', 'Paula')
    const pc = connect(w, phone)
    const fc = connect(w, w.facilitator)
    await Promise.all([dc.synced(), pc.synced(), fc.synced()])
    await waitFor(() => last(dc)?.me.table?.people === 5, 5000, 'the device knows its table')
    expect(last(pc)?.me.table).toBeUndefined()
    const tableIdea = new Board(dc.doc).addIdea({ text: 'Mehr Sitzbänke im Park' })
    const ownIdea = new Board(pc.doc).addIdea({ text: 'Radweg', authorName: 'Paula' })
    const paperIdea = new Board(fc.doc).addIdea({ text: 'Von der Karte', source: 'paper' })
    await Promise.all([dc.allConfirmed(), pc.allConfirmed(), fc.allConfirmed()])
    const fb = new Board(fc.doc)
    await waitFor(() => fb.idea(tableIdea)?.source === 'table' && fb.ideas().length === 3)
    expect(fb.idea(tableIdea)).toMatchObject({
      source: 'table',
      table: 'Tisch 3',
      authorName: null,
    })
    expect(new Board(dc.doc).idea(tableIdea)?.table).toBe('Tisch 3')
    expect(fb.idea(ownIdea)).toMatchObject({ source: 'own', table: null })
    expect(fb.idea(paperIdea)).toMatchObject({ source: 'paper', table: null })
    // Facilitators mark an idea as paper later, or take the mark back.
    fb.setIdeaSource(ownIdea, 'paper')
    fb.setIdeaSource(ownIdea, 'own')
    await fc.allConfirmed()

    // A rename reaches the device at once (it reconnects, 4509); later ideas carry the new label.
    const closed = closedBy(dc)
    const renamed = await w.facilitator.patch(`${api}/tables/${me.guest.id}`, {
      label: 'Tisch 3 (Fenster)',
    })
    expect(renamed.status).toBe(200)
    expect(await closed).toEqual(CloseCode.TableChanged)
    await waitFor(() => last(dc)?.me.table?.label === 'Tisch 3 (Fenster)', 10_000, 'renamed')
    const later = new Board(dc.doc).addIdea({ text: 'Trinkbrunnen am Markt' })
    await dc.allConfirmed()
    await waitFor(() => fb.idea(later)?.table === 'Tisch 3 (Fenster)')
    expect(fb.idea(tableIdea)?.table).toBe('Tisch 3')

    // The store has the same.
    const board = await stored(w.boardId)
    expect(board.idea(tableIdea)).toMatchObject({ source: 'table', table: 'Tisch 3' })
    expect(board.idea(later)).toMatchObject({ source: 'table', table: 'Tisch 3 (Fenster)' })
    expect(board.idea(paperIdea)?.source).toBe('paper')
    expect(board.idea(ownIdea)?.source).toBe('own')

    // The report counts ideas per source; the open data has the column.
    const md = (await w.facilitator.get(`${api}/report?format=md&lang=de`)).body as string
    expect(md).toContain('## Herkunft der Ideen')
    expect(md).toMatch(/\| Eigenes Gerät \| 1 \|/)
    expect(md).toMatch(/\| Tischgerät: Tisch 3 \| 1 \|/)
    expect(md).toMatch(/\| Tischgerät: Tisch 3 \(Fenster\) · 5 Personen \| 1 \|/)
    expect(md).toMatch(/\| Von Papier übertragen \| 1 \|/)
    const csv = (await w.facilitator.get(`${api}/open-data/ideas.csv`)).body as string
    const [header, ...rows] = csv
      .trim()
      .split('\r\n')
      .map((line) => line.split(','))
    const at = (name: string) => header!.indexOf(name)
    expect(at('source')).toBeGreaterThan(0)
    const cells = (id: string) => {
      const row = rows.find((r) => r[0] === id)!
      return [row[at('source')], row[at('table')]]
    }
    expect(cells(tableIdea)).toEqual(['table', 'Tisch 3'])
    expect(cells(later)).toEqual(['table', 'Tisch 3 (Fenster)'])
    expect(cells(paperIdea)).toEqual(['paper', ''])
    expect(cells(ownIdea)).toEqual(['own', ''])

    // The machine export carries the sources, and an import of it keeps them.
    const zip = await fetch(`${t.server.url}${api}/open-data.zip`, {
      headers: { cookie: w.facilitator.cookie ?? '' },
    })
    const files = unzipSync(new Uint8Array(await zip.arrayBuffer()))
    const res = await fetch(`${t.server.url}/api/workshops/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: w.facilitator.cookie ?? '' },
      body: strFromU8(files['ideenwand-export.json']!),
    })
    const imported = (await res.json()) as { boardId: string }
    expect(res.status, JSON.stringify(imported)).toBe(201)
    const copy = await stored(imported.boardId)
    expect(copy.idea(tableIdea)).toMatchObject({ source: 'table', table: 'Tisch 3' })
    expect(copy.idea(paperIdea)).toMatchObject({ source: 'paper', table: null })
    expect(copy.idea(ownIdea)).toMatchObject({ source: 'own', table: null })
  })

  it('votes with the table’s people: dots and the cap per idea times people, not more', async () => {
    t.server = await startServer(engine)
    const w = await workshopFixture(t.server.url)
    const api = `/api/workshops/${w.workshopId}`
    const { device, id } = await tableDevice(w, 'Tisch 3', 5)
    const phone = await w.join('participant', 'Paula')
    const fc = connect(w, w.facilitator)
    const dc = connect(w, device)
    await Promise.all([fc.synced(), dc.synced()])
    const fb = new Board(fc.doc)
    const a = fb.addIdea({ text: 'Spielplatz' })
    const b = fb.addIdea({ text: 'Bücherei länger offen' })
    await fc.allConfirmed()
    expect(
      (await w.facilitator.post(`${api}/rounds`, { dotsPerPerson: 3, maxPerTarget: 2 })).status,
    ).toBe(201)
    await waitFor(() => last(dc)?.myBallot !== null && last(dc)?.round?.status === 'open')
    expect(last(dc)?.myBallot).toEqual({ votes: {}, remaining: 15, maxPerTarget: 10 })

    const vote = (who: ApiClient, targetId: string, delta = 1) =>
      who.post(`${api}/votes`, { targetId, delta })
    for (let i = 0; i < 10; i++) expect((await vote(device, a)).status).toBe(200)
    const eleventh = await vote(device, a)
    expect(eleventh.status).toBe(409)
    expect(eleventh.body.error.code).toBe('target-maximum')
    for (let i = 0; i < 4; i++) expect((await vote(device, b)).status).toBe(200)
    const last15 = await vote(device, b)
    expect(last15.body).toEqual({ votes: { [a]: 10, [b]: 5 }, remaining: 0, maxPerTarget: 10 })
    const sixteenth = await vote(device, b)
    expect(sixteenth.status).toBe(409)
    expect(sixteenth.body.error.code).toBe('budget-exhausted')

    // A person on a phone still has their own three dots, two per idea at most.
    expect((await vote(phone, a)).body).toEqual({ votes: { [a]: 1 }, remaining: 2 })
    await vote(phone, a)
    expect((await vote(phone, a)).body.error.code).toBe('target-maximum')
    await vote(phone, b)
    expect((await vote(phone, b)).body.error.code).toBe('budget-exhausted')

    // Fewer people at the table: the device reconnects with its new budget; dots it has beyond
    // it stay (they were given) but no new one is taken until it is back under the budget.
    expect((await w.facilitator.patch(`${api}/tables/${id}`, { people: 2 })).status).toBe(200)
    await waitFor(() => last(dc)?.myBallot?.maxPerTarget === 4, 10_000, 'new budget')
    expect(last(dc)?.myBallot?.remaining).toBe(0)
    expect((await vote(device, b)).body.error.code).toBe('budget-exhausted')
    expect((await vote(device, b, -1)).status).toBe(200)

    // The turnout counts people: the table's 2 and Paula.
    const state = (await w.facilitator.get(`${api}/state`)).body as ControlState
    expect(state.turnout).toEqual({ voters: 3, dots: 17 })
    await w.facilitator.post(`${api}/rounds/current/reveal`)
    const history = (await w.facilitator.get(`${api}/rounds`)).body
    expect(history[0].voters).toBe(3)
    const results = history[0].results as { targetId: string; dots: number }[]
    expect(results.find((r) => r.targetId === a)?.dots).toBe(12)
    expect(results.find((r) => r.targetId === b)?.dots).toBe(5)
  })

  it('refuses hostile participants: no table of their own, no forged source, no re-count', async () => {
    t.server = await startServer(engine)
    const w = await workshopFixture(t.server.url)
    const api = `/api/workshops/${w.workshopId}`
    const { device, id } = await tableDevice(w)
    const hostile = await w.join('participant', 'Harald')
    const code = async (res: Promise<{ status: number; body: { error?: { code: string } } }>) => {
      const r = await res
      return [r.status, r.body?.error?.code]
    }

    // HTTP: only facilitators manage table devices; a device may not re-count itself.
    for (const who of [hostile, device]) {
      expect(await code(who.post(`${api}/tables`, { label: 'Tisch 9', people: 20 }))).toEqual([
        403,
        'forbidden',
      ])
      expect(await code(who.patch(`${api}/tables/${id}`, { people: 30 }))).toEqual([
        403,
        'forbidden',
      ])
      expect(await code(who.post(`${api}/tables/${id}/link`))).toEqual([403, 'forbidden'])
      expect(await code(who.delete(`${api}/tables/${id}`))).toEqual([403, 'forbidden'])
      expect(await code(who.get(`${api}/tables`))).toEqual([403, 'forbidden'])
    }
    // Guessing a link, or bodies outside the rules.
    expect(await code(hostile.post('/api/tables/claim', { token: 'a'.repeat(24) }))).toEqual([
      404,
      'invalid_table_link',
    ])
    expect((await hostile.post('/api/tables/claim', { token: '' })).status).toBe(400)
    for (const body of [
      { label: 'Tisch', people: 0 },
      { label: 'Tisch', people: 31 },
      { label: 'Tisch', people: 2.5 },
      { label: '   ', people: 3 },
      { label: 'x'.repeat(41), people: 3 },
      { label: 'Tisch', people: 3, name: 'Anna Muster' },
    ]) {
      const res = await w.facilitator.post(`${api}/tables`, body)
      expect(res.status, JSON.stringify(body)).toBe(400)
    }
    expect(await code(w.facilitator.patch(`${api}/tables/nope`, { people: 3 }))).toEqual([
      404,
      'table_not_found',
    ])
    // Nobody at the table erases the table's ideas for everyone.
    expect(await code(device.post('/api/me/forget'))).toEqual([403, 'table_device'])
    expect((await device.get('/api/me')).status).toBe(200)
    // The hostile guest is no table, and still only a person.
    expect((await hostile.get('/api/me')).body.guest.table).toBeUndefined()
    const listed = (await w.facilitator.get(`${api}/tables`)).body
    expect(listed).toMatchObject([{ id, people: 5, label: 'Tisch 3' }])

    // Sync: forging a source or a table is refused with 4403 and nothing of it is stored.
    const fc = connect(w, w.facilitator)
    const hc0 = connect(w, hostile)
    await Promise.all([fc.synced(), hc0.synced()])
    const own = new Board(hc0.doc).addIdea({ text: 'Meine Idee', authorName: 'Harald' })
    await hc0.allConfirmed()
    hc0.destroy()
    const attacks: ((b: Board, doc: Y.Doc) => void)[] = [
      (b) => b.addIdea({ text: 'Gefälscht', source: 'table', table: 'Tisch 3' }),
      (b) => b.addIdea({ text: 'Gefälscht', source: 'paper' }),
      (b) => b.setIdeaSource(own, 'paper'),
      (_b, doc) => {
        const entry = doc.getMap('ideas').get(own) as Y.Map<unknown>
        entry.set('table', 'Tisch 3')
      },
    ]
    for (const attack of attacks) {
      const hc = connect(w, hostile)
      await hc.synced()
      const closed = closedBy(hc)
      attack(new Board(hc.doc), hc.doc)
      expect(await closed).toEqual(CloseCode.ChangeRefused)
      hc.destroy()
    }
    // A table device may not claim "paper" or another table either.
    for (const attack of [
      (b: Board) => b.addIdea({ text: 'Papier?', source: 'paper' }),
      (b: Board) => b.addIdea({ text: 'Anderer Tisch', source: 'table', table: 'Tisch 1' }),
    ]) {
      const dc = connect(w, device)
      await dc.synced()
      const closed = closedBy(dc)
      attack(new Board(dc.doc))
      expect(await closed).toEqual(CloseCode.ChangeRefused)
      dc.destroy()
    }
    const board = await stored(w.boardId)
    expect(board.ideas().map((i) => [i.text, i.source])).toEqual([['Meine Idee', 'own']])

    // A hostile participant cannot take more dots than a person, whatever it sends.
    const fb = new Board(fc.doc)
    const a = fb.addIdea({ text: 'Spielplatz' })
    await fc.allConfirmed()
    await w.facilitator.post(`${api}/rounds`, { dotsPerPerson: 2, maxPerTarget: 2 })
    await hostile.post(`${api}/votes`, { targetId: a, delta: 1, people: 30 })
    expect((await hostile.post(`${api}/votes`, { targetId: a, delta: 1 })).body).toEqual({
      votes: { [a]: 2 },
      remaining: 0,
    })
    expect(await code(hostile.post(`${api}/votes`, { targetId: a, delta: 1 }))).toEqual([
      409,
      'budget-exhausted',
    ])
  })

  it('under pre-moderation a table idea waits without its table in the board and comes back with it', async () => {
    t.server = await startServer(engine)
    const w = await workshopFixture(t.server.url)
    const api = `/api/workshops/${w.workshopId}`
    expect((await w.facilitator.patch(`${api}/settings`, { premoderation: true })).status).toBe(204)
    const { device } = await tableDevice(w)
    const fc = connect(w, w.facilitator)
    const dc = connect(w, device)
    await Promise.all([fc.synced(), dc.synced()])
    const idea = new Board(dc.doc).addIdea({ text: 'Wasserspender im Saal' })
    await dc.allConfirmed()
    // Held: not in the board; the facilitator's control state says where it came from.
    await waitFor(() => last(fc)?.heldIdeas.some((h) => h.id === idea) === true)
    expect(last(fc)?.heldIdeas.find((h) => h.id === idea)).toMatchObject({
      source: 'table',
      table: 'Tisch 3',
    })
    expect(new Board(fc.doc).idea(idea)).toBeUndefined()
    expect((await w.facilitator.post(`${api}/ideas/${idea}/approve`)).status).toBe(204)
    const fb = new Board(fc.doc)
    await waitFor(() => fb.idea(idea) !== undefined, 5000, 'approved idea on the board')
    expect(fb.idea(idea)).toMatchObject({ source: 'table', table: 'Tisch 3' })
    expect((await stored(w.boardId)).idea(idea)).toMatchObject({
      source: 'table',
      table: 'Tisch 3',
    })
  })

  it('a new link moves the table to another browser; ending it signs the device out', async () => {
    t.server = await startServer(engine)
    const w = await workshopFixture(t.server.url)
    const api = `/api/workshops/${w.workshopId}`
    const { device, id } = await tableDevice(w)
    const dc = connect(w, device)
    await dc.synced()
    const idea = new Board(dc.doc).addIdea({ text: 'Mehr Licht am Bahnhof' })
    await dc.allConfirmed()

    const closed = closedBy(dc)
    const renewed = await w.facilitator.post(`${api}/tables/${id}/link`)
    expect(renewed.status).toBe(200)
    expect(renewed.body.device).toMatchObject({ id, linkOpen: true })
    expect(await closed).toEqual(CloseCode.SessionEnded)
    expect((await device.get('/api/me')).status).toBe(401)
    const tablet = new ApiClient(t.server.url)
    expect(
      (await tablet.post('/api/tables/claim', { token: tokenOf(renewed.body.url) })).status,
    ).toBe(200)
    expect((await tablet.get('/api/me')).body.guest.id).toBe(id)

    const ended = await w.facilitator.delete(`${api}/tables/${id}`)
    expect(ended.status).toBe(200)
    expect(ended.body).toMatchObject({ id, status: 'ended', linkOpen: false })
    expect((await tablet.get('/api/me')).status).toBe(401)
    // An ended table is not re-linked or re-counted; its ideas stay with their table.
    expect((await w.facilitator.post(`${api}/tables/${id}/link`)).status).toBe(404)
    expect((await w.facilitator.patch(`${api}/tables/${id}`, { people: 4 })).status).toBe(404)
    const board = await stored(w.boardId)
    expect(board.idea(idea)).toMatchObject({ source: 'table', table: 'Tisch 3' })
  })
})
