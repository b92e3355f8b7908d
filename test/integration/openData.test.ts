/**
 * Exports of issue 16: the CSVs in German Excel's dialect (semicolon, BOM, CRLF) when asked; the
 * DCAT file without a placeholder contributor id (a given one is used); every download URL it
 * names answers with the file the ZIP holds; and hostile callers of the new file endpoint (a
 * participant's cookie, no cookie, made-up file names, a made-up dialect) get clear refusals. The
 * PDF report prints "Łódź → 🎉" as written, in embedded fonts.
 */
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { Board } from '@ideenwand/board'
import { DATA_PACKAGE_FILES } from '@ideenwand/report'
import { unzipSync } from 'fflate'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ApiClient, type WorkshopFixture, workshopFixture } from './support/api.ts'
import { connectClient } from './support/clients.ts'
import { type RunningServer, startServer } from './support/servers.ts'

const require = createRequire(import.meta.url)
const STANDARD_FONTS = `${join(dirname(require.resolve('pdfjs-dist/package.json')), 'standard_fonts')}/`

let server: RunningServer
let w: WorkshopFixture
let participant: ApiClient
const PLACE = 'Łódź → 🎉; Treffen'

async function get(client: ApiClient | null, path: string) {
  const res = await fetch(`${server.url}${path}`, {
    headers: client?.cookie ? { cookie: client.cookie } : {},
  })
  return {
    status: res.status,
    headers: res.headers,
    bytes: new Uint8Array(await res.arrayBuffer()),
  }
}

const text = (bytes: Uint8Array | undefined) =>
  new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)

beforeAll(async () => {
  server = await startServer('pglite', { env: { RATE_LIMIT_JOIN_PER_MINUTE: '10000' } })
  w = await workshopFixture(server.url, { title: 'Themenlabor Mobilität Wiesenburg' })
  const fac = connectClient(server.wsUrl, w.boardId, { cookie: w.facilitator.cookie })
  await fac.synced()
  const board = new Board(fac.doc)
  const cluster = board.addCluster({ title: 'Bus und Bahn' })
  board.addIdea({ text: PLACE, clusterId: cluster })
  board.addIdea({ text: 'Kaffee, Kuchen und "Bänke"' })
  await fac.allConfirmed()
  fac.destroy()
  participant = await w.join('participant', 'Mallory')
})

afterAll(async () => {
  await server?.stop()
})

describe('open-data exports', () => {
  const base = () => `/api/workshops/${w.workshopId}`

  it('offers the German Excel dialect: semicolon, BOM, CRLF, and the data package says so', async () => {
    const res = await get(w.facilitator, `${base()}/open-data.zip?csv=excel-de`)
    expect(res.status).toBe(200)
    const files = unzipSync(res.bytes)
    const ideas = text(files['ideas.csv'])
    expect(ideas.startsWith('\ufeffid;text;cluster_id;')).toBe(true)
    expect(ideas).toContain(`;"${PLACE}";`)
    expect(ideas).toContain(';"Kaffee, Kuchen und ""Bänke""";')
    expect(ideas.split('\r\n').length).toBe(4)
    const pkg = JSON.parse(text(files['datapackage.json'])) as {
      resources: { dialect: { delimiter: string } }[]
    }
    expect(pkg.resources.every((r) => r.dialect.delimiter === ';')).toBe(true)

    const standard = unzipSync((await get(w.facilitator, `${base()}/open-data.zip`)).bytes)
    expect(text(standard['ideas.csv']).startsWith('id,text,cluster_id,')).toBe(true)
  })

  it('ids in the CSV match the board and the JSON: no quote prefix', async () => {
    const files = unzipSync((await get(w.facilitator, `${base()}/open-data.zip`)).bytes)
    const exported = JSON.parse(text(files['ideenwand-export.json'])) as {
      ideas?: { id: string }[]
      board?: { ideas?: { id: string }[] }
    }
    const ids = (exported.ideas ?? exported.board?.ideas ?? []).map((i) => i.id)
    const csvIds = text(files['ideas.csv'])
      .split('\r\n')
      .slice(1, -1)
      .map((line) => line.split(',')[0])
    expect(csvIds.length).toBe(2)
    for (const id of csvIds) expect(id).toMatch(/^[A-Za-z0-9]/)
    if (ids.length > 0) expect(new Set(csvIds)).toEqual(new Set(ids))
  })

  it("the DCAT file has no placeholder contributor id, uses a given one, and its download URLs answer with the ZIP's files", async () => {
    // The download URLs are the public open-data addresses: they answer once the results are
    // published (issue 20 §5), to anyone.
    expect((await w.facilitator.patch(`${base()}/results-page`, { published: true })).status).toBe(
      200,
    )
    const zip = unzipSync((await get(w.facilitator, `${base()}/open-data.zip`)).bytes)
    const dcatText = text(zip['dcat-ap-de.jsonld'])
    expect(dcatText).not.toMatch(/REPLACE|PLACEHOLDER/i)
    const dcat = JSON.parse(dcatText) as Record<string, unknown>
    expect(dcat).not.toHaveProperty('dcatde:contributorID')
    const urls = (dcat['dcat:distribution'] as Record<string, { '@id': string }>[]).map(
      (d) => d['dcat:downloadURL']?.['@id'] ?? '',
    )
    expect(urls.map((url) => url.split('/').at(-1))).toEqual(
      DATA_PACKAGE_FILES.filter((f) => f.endsWith('.csv')),
    )
    expect(text(zip['status_changes.csv'])).toBe(
      'change,idea_id,status,reason,merged_into,changed\r\n',
    )
    expect(text(zip['ideas.csv']).split('\r\n')[0]).toContain(
      ',status,status_reason,merged_into,status_changed',
    )
    for (const url of urls) {
      expect(new URL(url).pathname).toBe(
        `/ergebnisse/${w.workshopId}/daten/${url.split('/').at(-1)}`,
      )
      const file = url.split('/').at(-1) ?? ''
      const res = await get(null, new URL(url).pathname)
      expect(res.status, url).toBe(200)
      expect(res.headers.get('content-type')).toContain('text/csv')
      expect(text(res.bytes)).toBe(text(zip[file]))
    }
    // The facilitators' own file endpoint serves the same published version.
    const pkg = await get(w.facilitator, `${base()}/open-data/datapackage.json`)
    expect(pkg.status).toBe(200)
    expect(text(pkg.bytes)).toBe(text(zip['datapackage.json']))
    expect((await w.facilitator.patch(`${base()}/results-page`, { published: false })).status).toBe(
      200,
    )

    const contributor = 'http://dcat-ap.de/def/contributors/brandenburg'
    const given = unzipSync(
      (
        await get(
          w.facilitator,
          `${base()}/open-data.zip?contributorId=${encodeURIComponent(contributor)}`,
        )
      ).bytes,
    )
    expect(JSON.parse(text(given['dcat-ap-de.jsonld']))['dcatde:contributorID']).toEqual({
      '@id': contributor,
    })
  })

  it('a revealed resistance round is its own CSV: sums per option, described by its schema', async () => {
    const ideas = text(
      unzipSync((await get(w.facilitator, `${base()}/open-data.zip`)).bytes)['ideas.csv'],
    )
      .split('\r\n')
      .slice(1, -1)
      .map((line) => line.split(',')[0] ?? '')
    const started = await w.facilitator.post(`${base()}/rounds`, {
      method: 'resistance',
      targetIds: ideas,
    })
    expect(started.status).toBe(201)
    for (const [targetId, resistance] of [
      [ideas[0], 2],
      [ideas[1], 7],
      ['::passive', 9],
    ] as const) {
      const res = await participant.post(`${base()}/resistance`, { targetId, resistance })
      expect(res.status).toBe(200)
    }
    expect((await w.facilitator.post(`${base()}/rounds/current/reveal`)).status).toBe(204)
    const zip = unzipSync((await get(w.facilitator, `${base()}/open-data.zip`)).bytes)
    const csv = text(zip['resistance.csv'])
    const [header, ...rows] = csv.split('\r\n').slice(0, -1)
    const pkg = JSON.parse(text(zip['datapackage.json'])) as {
      resources: {
        name: string
        path: string
        schema: { fields: { name: string; type: string }[] }
      }[]
    }
    const resource = pkg.resources.find((r) => r.name === 'resistance')
    expect(resource?.path).toBe('resistance.csv')
    expect(header?.split(',')).toEqual(resource?.schema.fields.map((f) => f.name))
    expect(rows.map((r) => r.split(',').slice(0, 3).concat(r.split(',').slice(-6)))).toEqual([
      ['1', ideas[0], 'idea', '1', '2', '2', '8', '1', 'false'],
      ['1', ideas[1], 'idea', '1', '7', '7', '3', '2', 'false'],
      ['1', '::passive', 'passive', '1', '9', '9', '1', '3', 'false'],
    ])
    expect(csv).toContain('"Passivlösung: alles bleibt, wie es ist"')
    // Aggregates only: nobody's id or name.
    const mallory = (await participant.get('/api/me')).body.guest.id as string
    for (const file of Object.values(zip)) {
      expect(text(file).includes(mallory)).toBe(false)
    }
    // The dot rounds' file has no row of it; the file endpoint serves the same CSV.
    expect(text(zip['votes.csv']).split('\r\n')).toHaveLength(2)
    const served = await get(w.facilitator, `${base()}/open-data/resistance.csv`)
    expect(served.status).toBe(200)
    expect(text(served.bytes)).toBe(csv)
    expect((await get(participant, `${base()}/open-data/resistance.csv`)).status).toBe(403)
  })

  it('hostile callers of the file endpoint are refused clearly', async () => {
    const file = `${base()}/open-data/ideas.csv`
    expect((await get(participant, file)).status).toBe(403)
    expect((await get(null, file)).status).toBe(401)
    const viewer = await w.join('viewer')
    expect((await get(viewer, file)).status).toBe(403)
    for (const bad of ['secrets.csv', 'report.html', '..%2F..%2Fpackage.json', 'ideas.csv%00']) {
      const res = await get(w.facilitator, `${base()}/open-data/${bad}`)
      expect(res.status, bad).toBe(400)
      expect(text(res.bytes)).not.toContain(PLACE)
    }
    expect(
      (await get(w.facilitator, `/api/workshops/w-doesnotexist/open-data/ideas.csv`)).status,
    ).toBe(404)
    const dialect = await get(w.facilitator, `${base()}/open-data.zip?csv=excel-fr`)
    expect(dialect.status).toBe(400)
    const contributor = await get(
      w.facilitator,
      `${base()}/open-data.zip?contributorId=javascript:alert(1)`,
    )
    expect([400, 200]).toContain(contributor.status)
  })
})

describe('PDF report', () => {
  it('prints European names, arrows and emoji as written, in embedded self-hosted fonts', async () => {
    const res = await get(w.facilitator, `/api/workshops/${w.workshopId}/report?format=pdf`)
    expect(res.status).toBe(200)
    // pdf.js takes the buffer over; read the font names first.
    const raw = Buffer.from(res.bytes).toString('latin1')
    const pdf = await getDocument({ data: res.bytes, standardFontDataUrl: STANDARD_FONTS }).promise
    let all = ''
    for (let i = 1; i <= pdf.numPages; i++) {
      const content = await (await pdf.getPage(i)).getTextContent()
      all += content.items.map((item) => ('str' in item ? item.str : '')).join('')
    }
    await pdf.destroy()
    for (const part of ['Łódź', '→', '🎉', 'Mobilität', 'Bänke']) expect(all).toContain(part)
    expect(all).not.toContain('?ódz')
    expect(raw).toMatch(/\/FontName \/[A-Z]{6}\+NotoSans/)
    expect(raw).toMatch(/\/FontName \/[A-Z]{6}\+NotoEmoji/)
    expect(raw).not.toMatch(/\/BaseFont \/Helvetica/)
  })
})
