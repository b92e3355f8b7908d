/**
 * The public results page (issue 20 §3) against a real server, on both engines: off until a
 * facilitator publishes it, and until then (and after taking it down) the same 404 as an
 * unknown id — for everyone, guests of the workshop included. Published, it shows the clusters
 * with their ideas ranked by the revealed voting round only (dots of a round not yet revealed
 * never show), each idea's status and reason, no names unless the workshop opted in, in German
 * or English, as plain HTML with the response's CSP nonce; every piece of user text is escaped,
 * in the page and in its Atom feed, which is well-formed Atom 1.0 with one entry per change and
 * never names the facilitator who made it.
 */
import { Board } from '@ideenwand/board'
import { describe, expect, it } from 'vitest'
import { type ApiClient, type WorkshopFixture, workshopFixture } from './support/api.ts'
import { connectClient } from './support/clients.ts'
import { ENGINES, type Engine } from './support/engines.ts'
import { perTest } from './support/perTest.ts'
import { startServer } from './support/servers.ts'
import { childrenNamed, parseXml } from './support/xml.ts'

const t = perTest()

const XSS_IDEA = '<script>alert("idee")</script> Jugendclub & Co'
const XSS_REASON = '<img src=x onerror=alert(1)> kein Geld'

async function setUp(engine: Engine) {
  t.server = await startServer(engine, { env: { RATE_LIMIT_JOIN_PER_MINUTE: '10000' } })
  const s = t.server
  const w = await workshopFixture(s.url, {
    title: 'Themenlabor <Freizeit>',
    date: '2026-09-22',
    place: 'Bad Belzig, Rathaus',
  })
  const paula = await w.join('participant', 'Paula')
  const max = await w.join('participant', 'Max')
  const me = (await paula.get('/api/me')).body.guest as { id: string; name: string }
  const pc = connectClient(s.wsUrl, w.boardId, { cookie: paula.cookie })
  t.clients.push(pc)
  await pc.synced()
  const board = new Board(pc.doc)
  const named = { authorId: me.id, authorName: me.name }
  const radweg = board.addIdea({ text: 'Radweg nach Wiesenburg', ...named })
  const bus = board.addIdea({ text: 'Rufbus am Wochenende', ...named })
  const club = board.addIdea({ text: XSS_IDEA, ...named })
  await pc.allConfirmed()
  return { s, w, paula, max, radweg, bus, club }
}

const api = (w: WorkshopFixture) => `/api/workshops/${w.workshopId}`
const page = (base: string, id: string, rest = '', headers: Record<string, string> = {}) =>
  fetch(`${base}/ergebnisse/${id}${rest}`, { headers })

async function publish(w: WorkshopFixture, published: boolean) {
  const res = await w.facilitator.patch(`${api(w)}/results-page`, { published })
  expect(res.status).toBe(200)
  return res.body as { published: boolean; url: string; feedUrl: string }
}

/** Votes (Paula 2 on the bus, Max 1 on the bus and 1 on the club) without revealing. */
async function vote(
  w: WorkshopFixture,
  paula: ApiClient,
  max: ApiClient,
  bus: string,
  club: string,
) {
  expect((await w.facilitator.post(`${api(w)}/rounds`, { dotsPerPerson: 2 })).status).toBe(201)
  for (const [who, target] of [
    [paula, bus],
    [paula, bus],
    [max, bus],
    [max, club],
  ] as const) {
    expect((await who.post(`${api(w)}/votes`, { targetId: target, delta: 1 })).status).toBe(200)
  }
}

describe.each(ENGINES)('public results page (%s)', (engine) => {
  it('is the same 404 as an unknown id until published, for everyone; only facilitators publish', async () => {
    const { s, w, paula } = await setUp(engine)
    const unknown = await page(s.url, 'w-gibt-es-nicht')
    const notPublished = await page(s.url, w.workshopId, '', { cookie: paula.cookie ?? '' })
    const feed = await page(s.url, w.workshopId, '/feed.atom')
    const odd = await page(s.url, '%3Cscript%3E')
    expect([unknown.status, notPublished.status, feed.status, odd.status]).toEqual([
      404, 404, 404, 404,
    ])
    const bodies = await Promise.all([unknown, notPublished, feed, odd].map((r) => r.text()))
    expect(new Set(bodies).size).toBe(1)
    expect(bodies[0]).not.toContain('Freizeit')

    // Guests cannot publish (raw HTTP with their cookie); the facilitator can, and take it down.
    const refused = await paula.patch(`${api(w)}/results-page`, { published: true })
    expect(refused.status).toBe(403)
    expect(refused.body.error.code).toBe('forbidden')
    expect((await page(s.url, w.workshopId)).status).toBe(404)
    const info = await publish(w, true)
    expect(info).toEqual({
      published: true,
      url: `${s.url}/ergebnisse/${w.workshopId}`,
      feedUrl: `${s.url}/ergebnisse/${w.workshopId}/feed.atom`,
    })
    expect((await page(s.url, w.workshopId)).status).toBe(200)
    expect((await page(s.url, w.workshopId, '/feed.atom')).status).toBe(200)
    expect((await w.facilitator.get(`${api(w)}/results-page`)).body.published).toBe(true)
    await publish(w, false)
    const down = await page(s.url, w.workshopId)
    expect(down.status).toBe(404)
    expect(await down.text()).toBe(bodies[0])
  })

  it('shows the ranking of revealed rounds only, with status and reason, escaped, without names', async () => {
    const { s, w, paula, max, radweg, bus, club } = await setUp(engine)
    await publish(w, true)
    await vote(w, paula, max, bus, club)
    const f = w.facilitator
    expect(
      (await f.post(`${api(w)}/ideas/${radweg}/status`, { status: 'implemented' })).status,
    ).toBe(201)
    expect(
      (
        await f.post(`${api(w)}/ideas/${club}/status`, {
          status: 'not_implemented',
          reason: XSS_REASON,
        })
      ).status,
    ).toBe(201)

    // The round is not revealed: no dots, no ranks on the page.
    const secret = await (await page(s.url, w.workshopId)).text()
    expect(secret).toContain(
      'Es gibt keine veröffentlichte Abstimmungsrunde mit Punkten über Ideen.',
    )
    expect(secret).not.toMatch(/<td class="num">[0-9]/)

    expect((await f.post(`${api(w)}/rounds/current/reveal`)).status).toBe(204)
    // The page keeps a rendered outcome for up to 5 s; poll until the reveal shows.
    let html = ''
    await expect
      .poll(
        async () => {
          html = await (await page(s.url, w.workshopId)).text()
          return html.includes('Platz und Punkte aus der zuletzt veröffentlichten')
        },
        { timeout: 10_000 },
      )
      .toBe(true)
    // Ranked: the bus (3 dots) first, the club (1) second, the unvoted radweg last.
    const order = ['Rufbus am Wochenende', 'Jugendclub &amp; Co', 'Radweg nach Wiesenburg'].map(
      (text) => html.indexOf(text),
    )
    expect(order.every((at) => at > 0)).toBe(true)
    expect([...order].sort((a, b) => a - b)).toEqual(order)
    expect(html).toMatch(
      /<td class="num">1<\/td><td class="idea">Rufbus am Wochenende<\/td><td class="num">3<\/td>/,
    )
    expect(html).toContain('<span class="status status-implemented">umgesetzt</span>')
    expect(html).toContain('nicht umgesetzt')
    // Escaped: no markup of the ideas or reasons, the text is there as text.
    expect(html).toContain(
      '&lt;script&gt;alert(&quot;idee&quot;)&lt;/script&gt; Jugendclub &amp; Co',
    )
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; kein Geld')
    expect(html).not.toMatch(/<script|<img|onerror=alert\(1\)>/)
    expect(html).toContain('<h1>Themenlabor &lt;Freizeit&gt;</h1>')
    // Structure: language, landmarks, one h1, tables with headers, the feed linked.
    expect(html).toMatch(/^<!doctype html>\n<html lang="de">/)
    for (const part of [
      '<main id="inhalt">',
      '<header class="site">',
      '<footer>',
      '<th scope="col">Platz</th>',
    ]) {
      expect(html).toContain(part)
    }
    expect(html.match(/<h1>/g)).toHaveLength(1)
    expect(html).toContain(
      `<link rel="alternate" type="application/atom+xml" title="Was aus den Ideen wurde: Themenlabor &lt;Freizeit&gt;" href="${s.url}/ergebnisse/${w.workshopId}/feed.atom">`,
    )
    // No names (the workshop did not opt in), never who changed a status.
    expect(html).not.toContain('Paula')
    expect(html).not.toContain('Moderatorin')
    // With the names opt-in, authors are named.
    expect((await f.patch(`${api(w)}/outcome-settings`, { reportNames: true })).status).toBe(204)
    await expect
      .poll(async () => (await (await page(s.url, w.workshopId)).text()).includes('(von Paula)'), {
        timeout: 10_000,
      })
      .toBe(true)
  })

  it('plain HTML with the CSP nonce, English on request, ETags; the Atom feed is well-formed and escaped', async () => {
    const { s, w, radweg, bus, club } = await setUp(engine)
    await publish(w, true)
    const f = w.facilitator
    for (const [idea, body] of [
      [radweg, { status: 'in_review' }],
      [bus, { status: 'merged', mergedInto: radweg }],
      [club, { status: 'not_implemented', reason: XSS_REASON }],
      [radweg, { status: 'implemented' }],
    ] as const) {
      expect((await f.post(`${api(w)}/ideas/${idea}/status`, body)).status).toBe(201)
    }
    const res = await page(s.url, w.workshopId)
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
    const csp = res.headers.get('content-security-policy') ?? ''
    const html = await res.text()
    const nonce = /<style nonce="([^"]+)">/.exec(html)?.[1]
    expect(nonce).toBeTruthy()
    expect(csp).toContain(`'nonce-${nonce}'`)
    expect(csp).toContain("script-src 'self'")
    expect(html).not.toContain(' style="')
    expect(html).toContain('@media print')
    expect(html).toContain('zusammengelegt mit „Radweg nach Wiesenburg“')

    // English by query or by Accept-Language; German otherwise.
    const en = await (await page(s.url, w.workshopId, '?lang=en')).text()
    expect(en).toMatch(/<html lang="en">/)
    expect(en).toContain('merged with “Radweg nach Wiesenburg”')
    const accept = await page(s.url, w.workshopId, '', {
      'accept-language': 'en-GB,en;q=0.9,de;q=0.5',
    })
    expect(accept.headers.get('content-language')).toBe('en')
    const de = await page(s.url, w.workshopId, '', { 'accept-language': 'fr,de;q=0.8,en;q=0.5' })
    expect(de.headers.get('content-language')).toBe('de')

    // An unchanged page is not sent again.
    const etag = res.headers.get('etag') ?? ''
    expect(etag).toMatch(/^"/)
    expect((await page(s.url, w.workshopId, '', { 'if-none-match': etag })).status).toBe(304)

    const feedRes = await page(s.url, w.workshopId, '/feed.atom')
    expect(feedRes.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8')
    const xml = await feedRes.text()
    const feed = parseXml(xml)
    expect(feed.name).toBe('feed')
    expect(feed.attributes.xmlns).toBe('http://www.w3.org/2005/Atom')
    const one = (name: string) => childrenNamed(feed, name)[0]
    expect(one('id')?.text).toBe(`${s.url}/ergebnisse/${w.workshopId}`)
    expect(one('title')?.text).toBe('Was aus den Ideen wurde: Themenlabor <Freizeit>')
    expect(one('updated')?.text).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
    const self = childrenNamed(feed, 'link').find((l) => l.attributes.rel === 'self')
    expect(self?.attributes.href).toBe(`${s.url}/ergebnisse/${w.workshopId}/feed.atom`)
    expect(childrenNamed(one('author')!, 'name')[0]?.text).toBe('Ideenwand')
    const entries = childrenNamed(feed, 'entry')
    expect(entries).toHaveLength(4)
    const titles = entries.map((e) => childrenNamed(e, 'title')[0]?.text)
    expect(titles[0]).toBe('„Radweg nach Wiesenburg“: umgesetzt')
    expect(titles[1]).toBe(`„${XSS_IDEA}“: nicht umgesetzt`)
    expect(childrenNamed(entries[1]!, 'content')[0]?.text).toContain(`Begründung: ${XSS_REASON}`)
    const ids = entries.map((e) => childrenNamed(e, 'id')[0]?.text)
    expect(new Set(ids).size).toBe(4)
    for (const e of entries) {
      expect(childrenNamed(e, 'updated')[0]?.text).toMatch(/Z$/)
      expect(childrenNamed(e, 'link')[0]?.attributes.href).toMatch(/#idee-/)
    }
    expect(xml).not.toContain('<script')
    expect(xml).not.toContain('Moderatorin')
    // The same feed again: the same ids (feed readers must not see old changes as new).
    const again = parseXml(await (await page(s.url, w.workshopId, '/feed.atom')).text())
    expect(childrenNamed(again, 'entry').map((e) => childrenNamed(e, 'id')[0]?.text)).toEqual(ids)
  })
})
