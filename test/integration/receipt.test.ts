/**
 * A participant's receipt (issue 20 §4) against a real server, on both engines: a guest asks for
 * a link (raw HTTP), and the page behind it shows their own ideas — public and pending — with
 * the status a facilitator set and its reason, escaped, and nothing of anyone else (no other
 * idea, no name, no facilitator). It outlives logout and the deleted session; it is the same
 * 404 as a guessed token after erasure (/api/me/forget) and after the workshop is deleted.
 * Viewers, table devices and callers without a session get no link.
 */
import { Board } from '@ideenwand/board'
import { describe, expect, it } from 'vitest'
import { ApiClient, type WorkshopFixture, workshopFixture } from './support/api.ts'
import { connectClient, type TestClient, waitFor } from './support/clients.ts'
import { ENGINES, type Engine } from './support/engines.ts'
import { perTest } from './support/perTest.ts'
import { startServer } from './support/servers.ts'

const t = perTest()

const XSS_IDEA = '<script>alert("beleg")</script> Bänke & Schatten'
const last = (c: TestClient) => c.controls.at(-1)

async function setUp(engine: Engine) {
  t.server = await startServer(engine, { env: { RATE_LIMIT_JOIN_PER_MINUTE: '10000' } })
  const w = await workshopFixture(t.server.url, {
    title: 'Themenlabor <Freizeit>',
    date: '2026-09-22',
    place: 'Bad Belzig, Rathaus',
  })
  return { s: t.server, w }
}

function connect(w: WorkshopFixture, who: ApiClient): TestClient {
  const c = connectClient(t.server!.wsUrl, w.boardId, { cookie: who.cookie })
  t.clients.push(c)
  return c
}

async function receiptOf(who: ApiClient): Promise<string> {
  const res = await who.post('/api/me/receipt')
  expect(res.status).toBe(200)
  const url = res.body.url as string
  expect(url).toMatch(/\/beleg\/[a-z0-9]{32}$/)
  return url
}

const read = async (url: string) => {
  const res = await fetch(url)
  return { status: res.status, headers: res.headers, html: await res.text() }
}

describe.each(ENGINES)('receipt (%s)', (engine) => {
  it('shows only the own ideas with their status, outlives the session, ends with erasure', async () => {
    const { s, w } = await setUp(engine)
    const api = `/api/workshops/${w.workshopId}`
    const paula = await w.join('participant', 'Paula Privat')
    const max = await w.join('participant', 'Max Mitmacher')
    const me = (await paula.get('/api/me')).body.guest as { id: string; name: string }
    const other = (await max.get('/api/me')).body.guest as { id: string; name: string }
    const pc = connect(w, paula)
    const mc = connect(w, max)
    await Promise.all([pc.synced(), mc.synced()])
    const mine = new Board(pc.doc).addIdea({ text: XSS_IDEA, authorId: me.id, authorName: me.name })
    const theirs = new Board(mc.doc).addIdea({
      text: 'Idee-von-Max-geheim',
      authorId: other.id,
      authorName: other.name,
    })
    await Promise.all([pc.allConfirmed(), mc.allConfirmed()])
    // A pending idea (pre-moderation) of Paula's: on her receipt, marked as not public.
    await w.facilitator.patch(`${api}/settings`, { premoderation: true })
    await waitFor(() => last(pc)?.premoderation === true)
    const pending = new Board(pc.doc).addIdea({
      text: 'Wartet-auf-Freigabe',
      authorId: me.id,
      authorName: me.name,
    })
    await pc.allConfirmed()
    await waitFor(() => last(pc)?.heldIdeas.some((h) => h.id === pending) === true)
    expect(
      (
        await w.facilitator.post(`${api}/ideas/${mine}/status`, {
          status: 'not_implemented',
          reason: 'Kein <b>Geld</b> im Haushalt',
        })
      ).status,
    ).toBe(201)
    expect(
      (await w.facilitator.post(`${api}/ideas/${theirs}/status`, { status: 'implemented' })).status,
    ).toBe(201)

    const url = await receiptOf(paula)
    const page = await read(url)
    expect(page.status).toBe(200)
    expect(page.headers.get('cache-control')).toBe('no-store')
    expect(page.headers.get('referrer-policy')).toBe('no-referrer')
    expect(page.html).toContain('<meta name="robots" content="noindex, nofollow">')
    expect(page.html).toContain('Themenlabor &lt;Freizeit&gt;')
    expect(page.html).toContain('&lt;script&gt;alert(&quot;beleg&quot;)&lt;/script&gt;')
    expect(page.html).not.toContain('<script')
    expect(page.html).toContain('nicht umgesetzt')
    expect(page.html).toContain('Kein &lt;b&gt;Geld&lt;/b&gt; im Haushalt')
    expect(page.html).toContain('Wartet-auf-Freigabe')
    expect(page.html).toContain('nicht öffentlich (wartet auf Freigabe oder ausgeblendet)')
    expect(page.html).toContain('<svg role="img"')
    // Nothing of anyone else: no other idea, no name, no facilitator.
    for (const secret of ['Idee-von-Max-geheim', 'Max Mitmacher', 'Paula Privat', 'Moderatorin']) {
      expect(page.html).not.toContain(secret)
    }
    expect((await read(`${url}?lang=en`)).html).toContain('not implemented')
    // Its Atom feed: the own idea's change, not Max's.
    const feed = await read(`${url}/feed.atom`)
    expect(feed.status).toBe(200)
    expect(feed.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8')
    expect(feed.headers.get('cache-control')).toBe('no-store')
    expect(feed.html.match(/<entry>/g)).toHaveLength(1)
    expect(feed.html).toContain('nicht umgesetzt')
    expect(feed.html).not.toContain('Idee-von-Max-geheim')
    // The results page link only while it is published.
    expect(page.html).not.toContain('/ergebnisse/')
    await w.facilitator.patch(`${api}/results-page`, { published: true })
    expect((await read(url)).html).toContain(`/ergebnisse/${w.workshopId}`)

    // Asking again gives a new link; the first keeps working.
    const second = await receiptOf(paula)
    expect(second).not.toBe(url)
    expect((await read(url)).status).toBe(200)

    // Logged out (the session deleted): the receipt still works.
    expect((await paula.post('/api/auth/logout')).status).toBe(204)
    expect((await paula.get('/api/me')).status).toBe(401)
    expect((await read(url)).status).toBe(200)

    // Guessed and malformed tokens: the same 404 page.
    const guessed = await read(`${s.url}/beleg/${'a'.repeat(32)}`)
    const odd = await read(`${s.url}/beleg/%3Cscript%3E`)
    expect([guessed.status, odd.status]).toEqual([404, 404])
    expect(odd.html).toBe(guessed.html)

    // Erasure: Max forgets himself; his receipt is the same 404.
    const maxUrl = await receiptOf(max)
    expect((await read(maxUrl)).html).toContain('Idee-von-Max-geheim')
    expect((await max.post('/api/me/forget')).status).toBe(200)
    const erased = await read(maxUrl)
    expect(erased.status).toBe(404)
    expect(erased.html).toBe(guessed.html)
    expect((await read(`${maxUrl}/feed.atom`)).status).toBe(404)

    // Workshop deletion: Paula's links are gone too.
    expect((await w.facilitator.delete(`/api/workshops/${w.workshopId}`)).status).toBe(204)
    for (const gone of [url, second]) {
      const res = await read(gone)
      expect(res.status).toBe(404)
      expect(res.html).toBe(guessed.html)
    }
  })

  it('gives no receipt to viewers, table devices, facilitators or callers without a session', async () => {
    const { s, w } = await setUp(engine)
    const viewer = await w.join('viewer', 'Vera')
    const created = await w.facilitator.post(`/api/workshops/${w.workshopId}/tables`, {
      label: 'Tisch 3',
      people: 5,
    })
    expect(created.status).toBe(201)
    const device = new ApiClient(s.url)
    const token = (created.body.url as string).split('/tisch/')[1]
    expect((await device.post('/api/tables/claim', { token })).status).toBe(200)
    const code = async (c: ApiClient) => {
      const res = await c.post('/api/me/receipt')
      return [res.status, res.body?.error?.code]
    }
    expect(await code(viewer)).toEqual([403, 'participants_only'])
    expect(await code(device)).toEqual([403, 'table_device'])
    expect(await code(w.facilitator)).toEqual([403, 'guests_only'])
    expect(await code(new ApiClient(s.url))).toEqual([401, 'unauthorized'])

    // Anonymous ideas without stored authorship: nothing links an idea to a person, and the
    // receipt says so instead of showing an empty list.
    const api = `/api/workshops/${w.workshopId}`
    expect(
      (await w.facilitator.patch(`${api}/settings`, { anonymousIdeas: true, storeAuthors: false }))
        .status,
    ).toBe(204)
    const anna = await w.join('participant')
    const ac = connect(w, anna)
    await ac.synced()
    new Board(ac.doc).addIdea({ text: 'Anonym-ohne-Urheber' })
    await ac.allConfirmed()
    const page = await read(await receiptOf(anna))
    expect(page.status).toBe(200)
    expect(page.html).toContain('Dieser Workshop speichert nicht, wer welche Idee geschrieben hat.')
    expect(page.html).not.toContain('Anonym-ohne-Urheber')
  })
})
