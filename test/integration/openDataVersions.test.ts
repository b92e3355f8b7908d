/**
 * Versioned open data (issue 20 §5) against a real server, on both engines. Publishing the
 * results page publishes version 1; each status change that changes something, and each export
 * after the board changed, publishes the next version with its changelog; nothing else does
 * (a repeated status, an export of unchanged data, public reads, five publishes at once of one
 * change make one version). Every version stays at its own URL with the same bytes, the newest at
 * stable URLs that the DCAT file points to — all answering 200 to anyone while the page is
 * published, and 404 (the same as for made-up ids, versions and files) when it is not. The
 * reference library `datapackage` reads a downloaded version with its changelog. Participants
 * can neither list nor publish versions, and erasure takes a person's idea out of every version.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Board } from '@ideenwand/board'
import { DATA_PACKAGE_FILES } from '@ideenwand/report'
import { unzipSync } from 'fflate'
import { afterAll, describe, expect, it } from 'vitest'
import { type WorkshopFixture, workshopFixture } from './support/api.ts'
import { connectClient } from './support/clients.ts'
import { ENGINES, type Engine } from './support/engines.ts'
import { perTest } from './support/perTest.ts'
import { startServer } from './support/servers.ts'
import { workshopClients } from './support/workshopClients.ts'

// The Frictionless reference library, as the report package's tests use it (typed there).
interface DataPackage {
  errors: Error[]
  resources: {
    name: string
    read(options?: { keyed?: boolean }): Promise<Record<string, unknown>[]>
  }[]
}
const requireFromReport = createRequire(
  new URL('../../packages/report/package.json', import.meta.url),
)
const { Package } = requireFromReport('datapackage') as {
  Package: { load(path: string): Promise<DataPackage> }
}

const t = perTest()
const clients = workshopClients(t)
const dirs: string[] = []
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

async function setUp(engine: Engine) {
  t.server = await startServer(engine, { env: { RATE_LIMIT_JOIN_PER_MINUTE: '10000' } })
  const s = t.server
  const w = await workshopFixture(s.url, { title: 'Umweltlabor Bad Belzig', date: '2026-11-20' })
  const fac = connectClient(s.wsUrl, w.boardId, { cookie: w.facilitator.cookie })
  t.clients.push(fac)
  await fac.synced()
  const board = new Board(fac.doc)
  const radweg = board.addIdea({ text: 'Radweg nach Wiesenburg' })
  const bus = board.addIdea({ text: 'Rufbus am Wochenende' })
  await fac.allConfirmed()
  return { s, w, board, fac, radweg, bus }
}

/** An anonymous GET: what a portal's harvester or a resident's browser gets. */
async function anon(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { headers })
  return { status: res.status, headers: res.headers, text: await res.text() }
}

const api = (w: WorkshopFixture) => `/api/workshops/${w.workshopId}`

async function versionsOf(w: WorkshopFixture) {
  const res = await w.facilitator.get(`${api(w)}/open-data-versions`)
  expect(res.status).toBe(200)
  return res.body as {
    versions: {
      number: number
      created: number
      changes: { change: string; itemId: string | null; detail: string }[]
    }[]
    url: string
    published: boolean
  }
}

const rowsOf = (csv: string) => csv.split('\r\n').slice(1, -1)

describe.each(ENGINES)('versioned open data (%s)', (engine) => {
  it('publishing, status changes and exports make versions; old ones keep their bytes; DCAT URLs answer 200', async () => {
    const { s, w, board, fac, radweg } = await setUp(engine)
    const f = w.facilitator
    expect((await versionsOf(w)).versions).toEqual([])

    const page = await f.patch(`${api(w)}/results-page`, { published: true })
    expect(page.status).toBe(200)
    let list = await versionsOf(w)
    expect(list.published).toBe(true)
    expect(list.versions.map((v) => v.number)).toEqual([1])
    expect(list.versions[0]?.changes).toEqual([
      { change: 'published', itemId: null, detail: 'Erste Version: 2 Ideen, 0 Cluster' },
    ])
    const base = list.url
    expect(base).toBe(`${s.url}/ergebnisse/${w.workshopId}/daten/`)

    const v1Ideas = await anon(`${base}ideas.csv`)
    expect(v1Ideas.status).toBe(200)
    expect(v1Ideas.headers.get('content-type')).toContain('text/csv')
    expect(v1Ideas.headers.get('x-open-data-version')).toBe('1')
    expect(v1Ideas.text).toContain('Radweg nach Wiesenburg')

    // A status change publishes version 2; a repeated one changes nothing and makes none.
    const status = `${api(w)}/ideas/${radweg}/status`
    expect((await f.post(status, { status: 'implemented' })).status).toBe(201)
    expect((await f.post(status, { status: 'implemented' })).status).toBe(204)
    list = await versionsOf(w)
    expect(list.versions.map((v) => v.number)).toEqual([2, 1])
    expect(list.versions[0]?.changes).toEqual([
      {
        change: 'status_changed',
        itemId: radweg,
        detail: 'Stand geändert von offen auf umgesetzt: Radweg nach Wiesenburg',
      },
    ])

    // Version 1 keeps its bytes at its own URL; the stable URLs now serve version 2.
    const v1Again = await anon(`${base}v/1/ideas.csv`)
    expect(v1Again.status).toBe(200)
    expect(v1Again.text).toBe(v1Ideas.text)
    const latest = await anon(`${base}ideas.csv`)
    expect(latest.text).toBe((await anon(`${base}v/2/ideas.csv`)).text)
    expect(latest.text).toContain(`${radweg},Radweg nach Wiesenburg,`)
    expect(rowsOf(latest.text).find((r) => r.startsWith(radweg))).toContain(',implemented,')
    expect(rowsOf(v1Ideas.text).find((r) => r.startsWith(radweg))).toContain(',open,')
    const descriptor = JSON.parse((await anon(`${base}datapackage.json`)).text)
    expect(descriptor.version).toBe('2')
    expect(JSON.parse((await anon(`${base}v/1/datapackage.json`)).text).version).toBe('1')

    // The results page links the newest version and an older one.
    const pageHtml = (await anon(`${s.url}/ergebnisse/${w.workshopId}`)).text
    expect(pageHtml).toContain('<h2 id="h-data">Offene Daten</h2>')
    expect(pageHtml).toMatch(/<strong>Version 2 vom [^<]+<\/strong>/)
    expect(pageHtml).toContain(`href="${base}changelog.csv"`)
    expect(pageHtml).toContain(`href="${base}v/1/datapackage.json"`)

    // The DCAT file: version, modified, notes; every download URL answers 200 with its file.
    const dcat = JSON.parse((await anon(`${base}dcat-ap-de.jsonld`)).text)
    expect(dcat['owl:versionInfo']).toBe('2')
    expect(dcat['adms:versionNotes']['@value']).toContain('umgesetzt')
    expect(Date.parse(dcat['dct:modified']['@value'])).toBeGreaterThanOrEqual(
      Date.parse(dcat['dct:issued']['@value']),
    )
    expect(dcat['dcat:landingPage']['@id']).toBe(`${s.url}/ergebnisse/${w.workshopId}`)
    const urls = (dcat['dcat:distribution'] as { 'dcat:downloadURL': { '@id': string } }[]).map(
      (d) => d['dcat:downloadURL']['@id'],
    )
    expect(urls.map((u) => u.slice(base.length))).toEqual(
      DATA_PACKAGE_FILES.filter((f) => f.endsWith('.csv')),
    )
    for (const url of urls) expect((await anon(url)).status, url).toBe(200)
    expect((await anon(`${base}${'datapackage.json'}`)).status).toBe(200)

    // An export of unchanged data makes no version and carries version 2 with its changelog.
    const zip = unzipSync(
      new Uint8Array(
        await (
          await fetch(`${s.url}${api(w)}/open-data.zip`, { headers: { cookie: f.cookie ?? '' } })
        ).arrayBuffer(),
      ),
    )
    const text = (name: string) => new TextDecoder().decode(zip[name])
    expect(JSON.parse(text('datapackage.json')).version).toBe('2')
    expect(text('changelog.csv')).toBe((await anon(`${base}changelog.csv`)).text)
    expect(JSON.parse(text('dcat-ap-de.jsonld'))['owl:versionInfo']).toBe('2')
    expect((await versionsOf(w)).versions).toHaveLength(2)

    // A late edit on the board shows in the next export: version 3, idea added.
    const late = board.addIdea({ text: 'Trinkbrunnen am Markt' })
    await fac.allConfirmed()
    await fetch(`${s.url}${api(w)}/open-data.zip`, { headers: { cookie: f.cookie ?? '' } })
    list = await versionsOf(w)
    expect(list.versions[0]).toMatchObject({
      number: 3,
      changes: [
        { change: 'idea_added', itemId: late, detail: 'Idee hinzugefügt: Trinkbrunnen am Markt' },
      ],
    })

    // The reference library reads the downloaded version 3 with its types and changelog.
    const dir = mkdtempSync(join(tmpdir(), 'ideenwand-versions-'))
    dirs.push(dir)
    for (const file of DATA_PACKAGE_FILES) {
      const res = await anon(`${base}v/3/${file}`)
      expect(res.status, file).toBe(200)
      writeFileSync(join(dir, file), res.text)
    }
    const pkg = await Package.load(join(dir, 'datapackage.json'))
    expect(pkg.errors.map((e) => e.message)).toEqual([])
    const log = await pkg.resources.find((r) => r.name === 'changelog')?.read({ keyed: true })
    expect(log?.map((e) => [e.entry, e.version, e.change, e.item_id])).toEqual([
      [1, 1, 'published', null],
      [2, 2, 'status_changed', radweg],
      [3, 3, 'idea_added', late],
    ])
    expect(log?.[2]?.modified).toBeInstanceOf(Date)
  })

  it('one change published five times at once makes one version; public reads make none', async () => {
    const { w, board, fac } = await setUp(engine)
    const f = w.facilitator
    expect((await f.patch(`${api(w)}/results-page`, { published: true })).status).toBe(200)
    const base = (await versionsOf(w)).url
    for (let i = 0; i < 5; i++) expect((await anon(`${base}ideas.csv`)).status).toBe(200)
    expect((await versionsOf(w)).versions).toHaveLength(1)
    // A change on the board publishes nothing by itself; five publishes at once make one version.
    board.addIdea({ text: 'Sitzbank am Bahnhof' })
    await fac.allConfirmed()
    expect((await versionsOf(w)).versions).toHaveLength(1)
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => f.post(`${api(w)}/open-data-versions`)),
    )
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200])
    expect(new Set(answers.map((a) => a.body.number))).toEqual(new Set([2]))
    expect((await versionsOf(w)).versions.map((v) => v.number)).toEqual([2, 1])
  })

  it('hostile callers: participants cannot list or publish; unpublished and made-up URLs are 404', async () => {
    const { s, w } = await setUp(engine)
    const f = w.facilitator
    const mallory = await w.join('participant', 'Mallory')
    expect((await mallory.get(`${api(w)}/open-data-versions`)).status).toBe(403)
    expect((await mallory.post(`${api(w)}/open-data-versions`)).status).toBe(403)
    // A page on another site cannot make the facilitator's browser publish (CSRF check).
    const crossSite = await fetch(`${s.url}${api(w)}/open-data-versions`, {
      method: 'POST',
      headers: {
        cookie: f.cookie ?? '',
        origin: 'https://evil.example',
        'sec-fetch-site': 'cross-site',
      },
    })
    expect(crossSite.status).toBe(403)
    expect((await crossSite.json()).error.code).toBe('cross_site_request')
    const base = `${s.url}/ergebnisse/${w.workshopId}/daten/`
    // Not published: the same 404 as for anything made up, and no version was made.
    expect((await anon(`${base}ideas.csv`)).status).toBe(404)
    expect((await versionsOf(w)).versions).toEqual([])
    expect((await f.patch(`${api(w)}/results-page`, { published: true })).status).toBe(200)
    for (const path of ['v/1/ideas.csv', 'dcat-ap-de.jsonld'])
      expect((await anon(`${base}${path}`)).status, path).toBe(200)
    for (const path of [
      'v/0/ideas.csv',
      'v/2/ideas.csv',
      'v/abc/ideas.csv',
      'v/1e0/ideas.csv',
      'v/99999999999/ideas.csv',
      'v/-1/ideas.csv',
      'v/1/passwd',
      'ideenwand-export.json',
      '..%2F..%2Fapi%2Fme',
    ])
      expect((await anon(`${base}${path}`)).status, path).toBe(404)
    expect((await anon(`${s.url}/ergebnisse/nicht-da/daten/ideas.csv`)).status).toBe(404)
    // Taken down: every version is gone at once.
    expect((await f.patch(`${api(w)}/results-page`, { published: false })).status).toBe(200)
    expect((await anon(`${base}ideas.csv`)).status).toBe(404)
    expect((await anon(`${base}v/1/ideas.csv`)).status).toBe(404)
    const etag = (await anon(`${base}ideas.csv`)).headers.get('etag')
    expect(etag).toBeNull()
  })

  it("erasure takes a person's idea out of every version", async () => {
    const { s, w } = await setUp(engine)
    const f = w.facilitator
    const { guest: paula, ideaId: hers } = await clients.participantIdea(
      s,
      w,
      'Paula',
      'Paulas Hollerbusch',
    )
    expect((await f.patch(`${api(w)}/results-page`, { published: true })).status).toBe(200)
    expect(
      (await f.post(`${api(w)}/ideas/${hers}/status`, { status: 'forwarded', reason: 'Grünamt' }))
        .status,
    ).toBe(201)
    const base = (await versionsOf(w)).url
    expect((await anon(`${base}v/1/ideas.csv`)).text).toContain('Paulas Hollerbusch')
    expect((await paula.post('/api/me/forget')).status).toBe(200)
    for (const v of [1, 2]) {
      for (const file of ['ideas.csv', 'status_changes.csv', 'changelog.csv']) {
        const res = await anon(`${base}v/${v}/${file}`)
        expect(res.status).toBe(200)
        expect(res.text, `v${v} ${file}`).not.toContain('Paulas Hollerbusch')
        expect(res.text, `v${v} ${file}`).not.toContain(hers)
      }
    }
    expect(rowsOf((await anon(`${base}v/1/ideas.csv`)).text)).toHaveLength(2)
  })

  it('a hidden idea leaves every published version; shown again, it is in the next', async () => {
    const { w, bus } = await setUp(engine)
    const f = w.facilitator
    expect((await f.patch(`${api(w)}/results-page`, { published: true })).status).toBe(200)
    const base = (await versionsOf(w)).url
    expect((await anon(`${base}v/1/ideas.csv`)).text).toContain('Rufbus am Wochenende')
    expect((await f.post(`${api(w)}/ideas/${bus}/hide`)).status).toBe(204)
    expect((await anon(`${base}v/1/ideas.csv`)).text).not.toContain('Rufbus am Wochenende')
    expect((await anon(`${base}v/1/changelog.csv`)).text).toContain('Erste Version: 2 Ideen')
    // A participant cannot hide (and so cannot rewrite published versions).
    const mallory = await w.join('participant', 'Mallory')
    expect((await mallory.post(`${api(w)}/ideas/${bus}/unhide`)).status).toBe(403)
    expect((await f.post(`${api(w)}/ideas/${bus}/unhide`)).status).toBe(204)
    const next = await f.post(`${api(w)}/open-data-versions`)
    expect(next.body.number).toBe(2)
    expect((await versionsOf(w)).versions[0]?.changes.map((c) => c.change)).toEqual(['idea_added'])
    expect((await anon(`${base}ideas.csv`)).text).toContain('Rufbus am Wochenende')
    expect((await anon(`${base}v/1/ideas.csv`)).text).not.toContain('Rufbus am Wochenende')
  })

  it('carrying ideas in makes a version: changelog, provenance columns, dct:source', async () => {
    const { s, w, radweg } = await setUp(engine)
    const f = w.facilitator
    // Workshop B of the same facilitator, with its results published.
    const created = await f.post('/api/workshops', { title: 'OK Lab Fläming', date: '2026-12-10' })
    expect(created.status).toBe(201)
    const b = created.body as { id: string }
    expect((await f.patch(`/api/workshops/${b.id}/results-page`, { published: true })).status).toBe(
      200,
    )
    const before = await f.get(`/api/workshops/${b.id}/open-data-versions`)
    expect(before.body.versions.map((v: { number: number }) => v.number)).toEqual([1])
    const carry = await f.post(`/api/workshops/${b.id}/carry`, {
      fromWorkshopId: w.workshopId,
      ideaIds: [radweg],
    })
    expect(carry.status, JSON.stringify(carry.body)).toBe(200)
    const newId = carry.body.carried[0].ideaId
    const after = await f.get(`/api/workshops/${b.id}/open-data-versions`)
    expect(after.body.versions[0]).toMatchObject({
      number: 2,
      changes: [
        {
          change: 'idea_carried',
          itemId: newId,
          detail:
            'Idee übernommen aus „Umweltlabor Bad Belzig (2026-11-20)“: Radweg nach Wiesenburg',
        },
      ],
    })
    const base = after.body.url as string
    const ideas = (await anon(`${base}ideas.csv`)).text
    expect(ideas.split('\r\n')[0]).toContain('carried_from_workshop,carried_from_idea')
    expect(ideas).toContain(`${w.workshopId},${radweg}`)
    // dct:source names the source's open data only while the source is published.
    const sourceOf = async () =>
      JSON.parse((await anon(`${base}dcat-ap-de.jsonld`)).text)['dct:source'] as
        | { '@id': string }[]
        | undefined
    expect(await sourceOf()).toBeUndefined()
    expect((await f.patch(`${api(w)}/results-page`, { published: true })).status).toBe(200)
    expect(await sourceOf()).toEqual([
      { '@id': `${s.url}/ergebnisse/${w.workshopId}/daten/#dataset` },
    ])
  })
})
