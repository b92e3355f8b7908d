/**
 * Outcomes against a real server: the report in every format and the open-data ZIP leave the
 * hidden idea out (also from a round it got dots in before it was hidden); the PDF, read back as
 * text, has the top idea and the chart's labels; export → import → export gives the same data
 * package; only the workshop's facilitators may export, and bad imports get clear errors.
 *
 * What differs on a round trip, by design: workshop and round ids, `datapackage.json`'s
 * `created` (the export time), and the activity log (the new workshop's starts with `imported`).
 * Idea and cluster ids are board-local and kept, so the CSVs are identical.
 */
import { Board, canvasStore } from '@ideenwand/board'
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiClient, type WorkshopFixture, workshopFixture } from './support/api.ts'
import { connectClient } from './support/clients.ts'
import { pdfText } from './support/pdfText.ts'
import { type RunningServer, startServer } from './support/servers.ts'

const TOP = 'Radweg Bad Belzig – Wiesenburg durchgehend ausbauen'
const SECOND = 'Skatepark am Bahnhof für die Jugend'
const THIRD = 'Rufbus am Wochenende, auch nach 22 Uhr'
const HIDDEN = 'Beleidigender Kommentar XYZ'
const UNSORTED = '=1+1 kostenloses WLAN im Kurpark'

let server: RunningServer
let w: WorkshopFixture
let participant: ApiClient
let hiddenId: string

/** GET with the client's cookie, keeping the body as bytes. */
async function download(client: ApiClient, path: string) {
  const res = await fetch(`${server.url}${path}`, {
    headers: client.cookie ? { cookie: client.cookie } : {},
  })
  return {
    status: res.status,
    headers: res.headers,
    bytes: new Uint8Array(await res.arrayBuffer()),
  }
}

async function upload(client: ApiClient, body: Uint8Array | string, type: string) {
  const res = await fetch(`${server.url}/api/workshops/import`, {
    method: 'POST',
    headers: { 'content-type': type, ...(client.cookie ? { cookie: client.cookie } : {}) },
    body: typeof body === 'string' ? body : new Blob([body as Uint8Array<ArrayBuffer>]),
  })
  return { status: res.status, body: await res.json() }
}

beforeAll(async () => {
  server = await startServer('pglite', { env: { RATE_LIMIT_JOIN_PER_MINUTE: '10000' } })
  w = await workshopFixture(server.url, {
    title: 'Themenlabor Freizeit',
    date: '2026-09-22',
    place: 'Bad Belzig',
  })
  // The board, written by the facilitator's stock y-websocket client.
  const fac = connectClient(server.wsUrl, w.boardId, { cookie: w.facilitator.cookie })
  await fac.synced()
  const board = new Board(fac.doc)
  const verkehr = board.addCluster({ title: 'Verkehr', color: 'blue' })
  const jugend = board.addCluster({ title: 'Jugend', color: 'green' })
  const top = board.addIdea({ text: TOP, clusterId: verkehr, authorName: 'Paula' })
  const second = board.addIdea({ text: SECOND, clusterId: jugend, authorName: 'Paula' })
  const third = board.addIdea({ text: THIRD, clusterId: verkehr })
  hiddenId = board.addIdea({ text: HIDDEN, clusterId: jugend })
  board.addIdea({ text: UNSORTED, color: 'violet' })
  canvasStore<Record<string, unknown>>(fac.doc).set(`shape:cluster-${verkehr}`, {
    id: `shape:cluster-${verkehr}`,
    typeName: 'shape',
    type: 'cluster-frame',
    parentId: 'page:page',
    x: 0,
    y: 0,
    props: { clusterId: verkehr, w: 520, h: 380 },
  })
  await fac.allConfirmed()
  fac.destroy()

  // A round in which the later hidden idea gets dots, revealed, then the idea is hidden.
  const voters = await Promise.all(
    ['Paula', 'Quentin', 'Rosa'].map((n) => w.join('participant', n)),
  )
  participant = voters[0]!
  const base = `/api/workshops/${w.workshopId}`
  expect((await w.facilitator.post(`${base}/rounds`, { dotsPerPerson: 3 })).status).toBe(201)
  const dots: [number, string][] = [
    [0, top],
    [0, top],
    [0, second],
    [1, top],
    [1, hiddenId],
    [1, third],
    [2, top],
    [2, second],
    [2, hiddenId],
  ]
  for (const [voter, target] of dots) {
    expect(
      (await voters[voter]!.post(`${base}/votes`, { targetId: target, delta: 1 })).status,
    ).toBe(200)
  }
  expect((await w.facilitator.post(`${base}/rounds/current/reveal`)).status).toBe(204)
  // Round 2 measures resistance (issue 20 §6) to the top, the second and the later hidden idea.
  const options = [top, second, hiddenId]
  expect(
    (await w.facilitator.post(`${base}/rounds`, { method: 'resistance', targetIds: options }))
      .status,
  ).toBe(201)
  for (const [i, voter] of voters.entries()) {
    for (const [k, targetId] of [...options, '::passive'].entries()) {
      const resistance = (i + k * 3) % 11
      expect((await voter.post(`${base}/resistance`, { targetId, resistance })).status).toBe(200)
    }
  }
  expect((await w.facilitator.post(`${base}/rounds/current/reveal`)).status).toBe(204)
  expect((await w.facilitator.post(`${base}/ideas/${hiddenId}/hide`)).status).toBe(204)
})

afterAll(async () => {
  await server?.stop()
})

describe('report', () => {
  it('PDF: a download named after the workshop, with the top idea and the chart labels, without the hidden idea', async () => {
    const res = await download(w.facilitator, `/api/workshops/${w.workshopId}/report?format=pdf`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/pdf')
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="ideenwand-themenlabor-freizeit-2026-09-22.pdf"',
    )
    expect(Number(res.headers.get('content-length'))).toBe(res.bytes.length)
    const text = await pdfText(res.bytes)
    expect(text).toContain(TOP)
    expect(text).toContain('Runde 1: Ideen')
    // Chart bar labels ("rank. label") and the count after the bar.
    expect(text).toContain('1. Radweg Bad Belzig – Wiesenburg durchgehend ausb…')
    expect(text).toContain('2. Skatepark am Bahnhof für die Jugend')
    expect(text).toMatch(/Verkehr \(2\)/)
    expect(text).toContain('Bild der Wand')
    // The resistance round: its heading, verdict and the passive solution's bar.
    expect(text).toContain('Runde 2: Widerstandsabfrage (Systemisches Konsensieren)')
    expect(text).toContain(`Am wenigsten Widerstand: ${TOP}`)
    expect(text).toContain('3. Passivlösung: alles bleibt, wie es ist')
    expect(text).not.toContain(HIDDEN)
    expect(text).not.toContain('Paula')
  })

  it('PDF in English', async () => {
    const res = await download(
      w.facilitator,
      `/api/workshops/${w.workshopId}/report?format=pdf&lang=en`,
    )
    const text = await pdfText(res.bytes)
    expect(text).toContain('Round 1: Ideas')
    expect(text).toContain('Picture of the board')
  })

  it('HTML and Markdown leave the hidden idea out; names only when asked for', async () => {
    for (const format of ['html', 'md'] as const) {
      const res = await download(
        w.facilitator,
        `/api/workshops/${w.workshopId}/report?format=${format}`,
      )
      expect(res.status).toBe(200)
      expect(res.headers.get('content-disposition')).toContain(
        `ideenwand-themenlabor-freizeit-2026-09-22.${format}`,
      )
      const text = strFromU8(res.bytes)
      expect(text).toContain(TOP)
      expect(text).not.toContain(HIDDEN)
      expect(text).not.toContain('Paula')
    }
    const named = await download(
      w.facilitator,
      `/api/workshops/${w.workshopId}/report?format=md&names=1`,
    )
    expect(strFromU8(named.bytes)).toContain('Paula')
  })
})

describe('open data', () => {
  it('the ZIP has the data package, DCAT-AP.de and the export, without the hidden idea', async () => {
    const res = await download(
      w.facilitator,
      `/api/workshops/${w.workshopId}/open-data.zip?licence=dl-by-de-2.0`,
    )
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="ideenwand-themenlabor-freizeit-2026-09-22-open-data.zip"',
    )
    const files = unzipSync(res.bytes)
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining([
        'datapackage.json',
        'ideas.csv',
        'clusters.csv',
        'votes.csv',
        'resistance.csv',
        'dcat-ap-de.jsonld',
        'ideenwand-export.json',
      ]),
    )
    for (const [name, content] of Object.entries(files)) {
      expect(strFromU8(content), name).not.toContain(HIDDEN)
      expect(strFromU8(content), name).not.toContain(hiddenId)
      expect(strFromU8(content), name).not.toContain('Paula')
    }
    const ideas = strFromU8(files['ideas.csv']!)
    expect(ideas).toContain(`'${UNSORTED}`)
    expect(ideas.split('\r\n').filter(Boolean)).toHaveLength(1 + 4)
    const votes = strFromU8(files['votes.csv']!).split('\r\n')
    expect(votes[1]).toMatch(/^1,[^,]+,idea,4,1,false$/)
    // Resistance: Paula 0/3/6/9, Quentin 1/4/7/10, Rosa 2/5/8/0 — the hidden idea left out.
    expect(strFromU8(files['resistance.csv']!).split('\r\n').slice(1, -1)).toEqual([
      expect.stringMatching(/^2,[^,]+,idea,[^,]+,3,3,1,9,1,false$/),
      expect.stringMatching(/^2,[^,]+,idea,[^,]+,3,12,4,6,2,false$/),
      '2,::passive,passive,"Passivlösung: alles bleibt, wie es ist",3,19,6.33,3.67,3,false',
    ])
    const dcat = JSON.parse(strFromU8(files['dcat-ap-de.jsonld']!))
    expect(dcat['dct:license']).toEqual({ '@id': 'http://dcat-ap.de/def/licenses/dl-by-de/2.0' })
    const pkg = JSON.parse(strFromU8(files['datapackage.json']!))
    expect(pkg.licenses[0].name).toBe('dl-de-by-2.0')
  })

  it('export → import → export gives the same data package', async () => {
    // What became of two ideas travels too (issue 20 §2).
    const api = `/api/workshops/${w.workshopId}`
    const listed = (await w.facilitator.get(`${api}/idea-status`)).body.ideas as {
      id: string
      text: string
    }[]
    const idOf = (text: string) => listed.find((i) => i.text === text)?.id ?? ''
    const statuses: [string, Record<string, unknown>][] = [
      [idOf(TOP), { status: 'implemented' }],
      [idOf(THIRD), { status: 'not_implemented', reason: 'Kein Fahrer frei' }],
      [idOf(SECOND), { status: 'merged', mergedInto: idOf(TOP) }],
    ]
    for (const [ideaId, body] of statuses) {
      expect((await w.facilitator.post(`${api}/ideas/${ideaId}/status`, body)).status).toBe(201)
    }
    const first = unzipSync(
      (await download(w.facilitator, `/api/workshops/${w.workshopId}/open-data.zip`)).bytes,
    )
    const zip = zipSync({ 'ideenwand-export.json': first['ideenwand-export.json']! })
    const imported = await upload(
      w.facilitator,
      (await download(w.facilitator, `/api/workshops/${w.workshopId}/open-data.zip`)).bytes,
      'application/zip',
    )
    expect(imported.status).toBe(201)
    expect(imported.body.id).not.toBe(w.workshopId)
    const again = unzipSync(
      (await download(w.facilitator, `/api/workshops/${imported.body.id}/open-data.zip`)).bytes,
    )
    for (const name of [
      'ideas.csv',
      'clusters.csv',
      'votes.csv',
      'resistance.csv',
      'status_changes.csv',
    ]) {
      expect(strFromU8(again[name]!), name).toBe(strFromU8(first[name]!))
    }
    expect(strFromU8(again['status_changes.csv']!).split('\r\n')).toHaveLength(1 + 3 + 1)
    // The new workshop starts its own versions of the open data.
    const withoutCreated = (bytes: Uint8Array) => {
      const { created: _c, version: _v, ...rest } = JSON.parse(strFromU8(bytes))
      return rest
    }
    expect(withoutCreated(again['datapackage.json']!)).toEqual(
      withoutCreated(first['datapackage.json']!),
    )
    // The imported board is a real board: a client sees the ideas and the canvas record.
    const client = connectClient(server.wsUrl, imported.body.boardId, {
      cookie: w.facilitator.cookie,
    })
    await client.synced()
    expect(new Board(client.doc).ideas().map((i) => i.text)).toContain(TOP)
    expect(canvasStore(client.doc).map.size).toBe(1)
    client.destroy()
    // The JSON alone (and a ZIP with only it) import as well.
    const json = strFromU8(first['ideenwand-export.json']!)
    expect((await upload(w.facilitator, json, 'application/json')).status).toBe(201)
    expect((await upload(w.facilitator, zip, 'application/zip')).status).toBe(201)
  })

  it('bad imports get 400 or 413 with the standard error body', async () => {
    const notZip = await upload(w.facilitator, 'hallo', 'application/zip')
    expect(notZip).toMatchObject({ status: 400, body: { error: { code: 'invalid_import' } } })
    const wrongJson = await upload(
      w.facilitator,
      JSON.stringify({ format: 'trello' }),
      'application/json',
    )
    expect(wrongJson).toMatchObject({ status: 400, body: { error: { code: 'invalid_import' } } })
    const noExport = await upload(
      w.facilitator,
      zipSync({ 'ideas.csv': strToU8('id\r\n') }),
      'application/zip',
    )
    expect(noExport).toMatchObject({ status: 400, body: { error: { code: 'invalid_import' } } })
    // Status changes that do not fit the export's ideas are refused whole, with the reason.
    const exported = JSON.parse(
      strFromU8(
        unzipSync(
          (await download(w.facilitator, `/api/workshops/${w.workshopId}/open-data.zip`)).bytes,
        )['ideenwand-export.json']!,
      ),
    )
    const someIdea = exported.ideas[0].id as string
    for (const [change, why] of [
      [{ ideaId: 'nicht-da', status: 'open', reason: null, mergedInto: null }, 'not among'],
      [{ ideaId: someIdea, status: 'not_implemented', reason: null, mergedInto: null }, 'reason'],
      [{ ideaId: someIdea, status: 'merged', reason: null, mergedInto: someIdea }, 'merge target'],
      [{ ideaId: someIdea, status: 'open', reason: null, mergedInto: someIdea }, 'mergedInto'],
      [{ ideaId: someIdea, status: 'bogus', reason: null, mergedInto: null }, 'status'],
    ] as const) {
      const bad = { ...exported, statusChanges: [{ ...change, changedAt: 1 }] }
      const res = await upload(w.facilitator, JSON.stringify(bad), 'application/json')
      expect(res, why).toMatchObject({ status: 400, body: { error: { code: 'invalid_import' } } })
      expect(res.body.error.message).toContain(why)
    }
    // A merge into an idea that was not public (the export names no target) is left out.
    const targetless = {
      ...exported,
      statusChanges: [
        { ideaId: someIdea, status: 'merged', reason: null, mergedInto: null, changedAt: 1 },
        { ideaId: someIdea, status: 'forwarded', reason: 'Bauamt', mergedInto: null, changedAt: 2 },
      ],
    }
    const kept = await upload(w.facilitator, JSON.stringify(targetless), 'application/json')
    expect(kept.status).toBe(201)
    const keptChanges = await w.facilitator.get(`/api/workshops/${kept.body.id}/idea-status`)
    expect(
      keptChanges.body.changes.map((c: { status: string; reason: string | null }) => [
        c.status,
        c.reason,
      ]),
    ).toEqual([['forwarded', 'Bauamt']])
    const broken = zipSync({ 'ideenwand-export.json': strToU8('{"format":') })
    expect((await upload(w.facilitator, broken, 'application/zip')).status).toBe(400)
    const huge = new Uint8Array(20 * 1024 * 1024 + 1)
    const tooLarge = await upload(w.facilitator, huge, 'application/zip')
    expect(tooLarge).toMatchObject({ status: 413, body: { error: { code: 'body_too_large' } } })
  })
})

describe('who may export and import', () => {
  it('participants get 403, strangers 401', async () => {
    const stranger = new ApiClient(server.url)
    for (const path of [
      `/api/workshops/${w.workshopId}/report?format=pdf`,
      `/api/workshops/${w.workshopId}/report?format=md`,
      `/api/workshops/${w.workshopId}/open-data.zip`,
    ]) {
      expect((await download(participant, path)).status, path).toBe(403)
      expect((await download(stranger, path)).status, path).toBe(401)
    }
    expect((await upload(participant, '{}', 'application/json')).status).toBe(403)
    expect((await upload(stranger, '{}', 'application/json')).status).toBe(401)
  })

  it('outcome settings: the licence chosen is the default of the export', async () => {
    const url = `/api/workshops/${w.workshopId}/outcome-settings`
    expect((await w.facilitator.get(url)).body).toEqual({
      licence: 'cc-by-4.0',
      publisher: null,
      reportNames: false,
    })
    expect(
      (await w.facilitator.patch(url, { licence: 'dl-by-de-2.0', publisher: 'Stadt Bad Belzig' }))
        .status,
    ).toBe(204)
    expect((await participant.patch(url, { licence: 'cc-by-4.0' })).status).toBe(403)
    const files = unzipSync(
      (await download(w.facilitator, `/api/workshops/${w.workshopId}/open-data.zip`)).bytes,
    )
    const dcat = JSON.parse(strFromU8(files['dcat-ap-de.jsonld']!))
    expect(dcat['dct:license']['@id']).toBe('http://dcat-ap.de/def/licenses/dl-by-de/2.0')
    expect(dcat['dct:publisher']['foaf:name']).toBe('Stadt Bad Belzig')
    await w.facilitator.patch(url, { licence: 'cc-by-4.0', publisher: null })
  })
})
