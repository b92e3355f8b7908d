/**
 * Private until public (issue 14 §2): ideas pending approval, hidden by a facilitator, or written
 * during private collection reach only their author and facilitators — on no channel does
 * another participant or a viewer get their text. Every frame their stock y-websocket clients
 * receive and every HTTP response they can read is searched for the texts; when the idea becomes
 * public (approved, shown again, revealed) everyone has it, under its old id. Hostile
 * participants cannot withdraw someone else's held idea.
 */
import { Board, canvasStore } from '@ideenwand/board'
import { createLogger, createServer, loadConfig } from '@ideenwand/server'
import { afterEach, describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { ApiClient, workshopFixture } from './support/api.ts'
import { connectClient, type TestClient, waitFor } from './support/clients.ts'
import { ENGINES, freshDatabaseEnv } from './support/engines.ts'

type Server = Awaited<ReturnType<typeof createServer>>
const servers: Server[] = []
const clients: TestClient[] = []

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  for (const s of servers.splice(0)) await s.stop()
})

async function start(env: Record<string, string>) {
  const server = await createServer({
    config: { ...loadConfig({ ...env, PORT: '0', CLIENT_DIR: '' }), host: '127.0.0.1' },
    log: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
  })
  servers.push(server)
  const port = await server.listen()
  return { server, url: `http://127.0.0.1:${port}`, wsUrl: `ws://127.0.0.1:${port}/sync` }
}

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1')
/** Whether any of `frames` contains `text` (UTF-8). */
function leaks(frames: readonly Uint8Array[], text: string): boolean {
  const needle = Buffer.from(text, 'utf8').toString('latin1')
  return frames.some((f) => latin1(f).includes(needle))
}

const last = (c: TestClient) => c.controls.at(-1)

/** Adds an idea, then (as a whiteboard does) its card in a second transaction. */
function addWithCard(doc: Y.Doc, text: string, author: { id: string; name: string }): string {
  const id = new Board(doc).addIdea({ text, authorId: author.id, authorName: author.name })
  canvasStore(doc).set(`shape:idea-${id}`, {
    id: `shape:idea-${id}`,
    typeName: 'shape',
    type: 'idea-card',
    x: 100,
    y: 200,
    parentId: 'page:page',
    props: { ideaId: id },
  })
  return id
}

describe.each(ENGINES)('private until public (%s)', (engine) => {
  it('pending, hidden and private ideas reach only their author and facilitators', async () => {
    const env = await freshDatabaseEnv(engine)
    const s = await start(env)
    const w = await workshopFixture(s.url)
    const api = `/api/workshops/${w.workshopId}`
    const author = await w.join('participant', 'Agnes Autorin')
    const authorId = (await author.get('/api/me')).body.guest.id as string
    const other = await w.join('participant', 'Otto Anderer')
    const viewer = await w.join('viewer')
    const connect = (cookie: string | null | undefined) => {
      const c = connectClient(s.wsUrl, w.boardId, { cookie: cookie ?? null })
      clients.push(c)
      return c
    }
    const f = connect(w.facilitator.cookie)
    const a = connect(author.cookie)
    const o = connect(other.cookie)
    const v = connect(viewer.cookie)
    await Promise.all([f, a, o, v].map((c) => c.synced()))
    const me = { id: authorId, name: 'Agnes Autorin' }
    /** What the other guest and the viewer can read over HTTP. */
    const readable = async (c: ApiClient) =>
      [
        JSON.stringify((await c.get(`${api}/state`)).body),
        JSON.stringify((await c.get(`${api}/activity`)).body),
        JSON.stringify((await c.get(`/api/me`)).body),
      ].join('\n')

    // 1. Pre-moderation: the idea (and its card, written a moment later) is held.
    await w.facilitator.patch(`${api}/settings`, { premoderation: true })
    await waitFor(() => last(a)?.premoderation === true)
    const pending = addWithCard(a.doc, 'GEHEIM-Wartet-auf-Freigabe', me)
    await a.allConfirmed()
    await waitFor(() => last(f)?.heldIdeas.some((h) => h.id === pending) === true)
    await waitFor(() => last(a)?.heldIdeas.some((h) => h.id === pending) === true)
    expect(last(a)?.heldIdeas.find((h) => h.id === pending)).toMatchObject({
      text: 'GEHEIM-Wartet-auf-Freigabe',
      reasons: ['pending'],
      mine: true,
    })
    expect(last(f)?.heldIdeas.find((h) => h.id === pending)).toMatchObject({
      authorName: 'Agnes Autorin',
      mine: false,
    })
    // Not on the board anywhere: not even the author's copy (it shows it from the control state).
    for (const c of [f, a, o, v]) expect(new Board(c.doc).idea(pending)).toBeUndefined()
    expect(canvasStore(a.doc).get(`shape:idea-${pending}`)).toBeUndefined()
    expect(a.provider.wsconnected).toBe(true) // the card written afterwards was not refused
    expect(last(o)?.heldIdeas).toEqual([])
    expect(last(v)?.heldIdeas).toEqual([])

    // 2. Hidden: a public idea leaves the board for everyone who connects afterwards.
    const shown = new Board(f.doc).addIdea({ text: 'GEHEIM-Wird-verborgen' })
    await f.allConfirmed()
    await w.facilitator.post(`${api}/ideas/${shown}/hide`)
    await waitFor(() => new Board(o.doc).idea(shown) === undefined)
    expect(last(f)?.heldIdeas.find((h) => h.id === shown)?.reasons).toEqual(['hidden'])
    const late = connect(other.cookie)
    const lateViewer = connect(viewer.cookie)
    await Promise.all([late.synced(), lateViewer.synced()])

    // 3. Private collection: ideas stay with their author until the reveal.
    await w.facilitator.patch(`${api}/settings`, { premoderation: false, privateCollection: true })
    await waitFor(() => last(a)?.privateCollection === true && !last(a)?.premoderation)
    const privateIdea = addWithCard(a.doc, 'GEHEIM-Privat-bis-zum-Aufdecken', me)
    await a.allConfirmed()
    await waitFor(() => last(a)?.heldIdeas.some((h) => h.id === privateIdea) === true)
    expect(last(a)?.heldIdeas.find((h) => h.id === privateIdea)?.reasons).toEqual(['private'])

    // Nothing of it reached the other guest or the viewer, live or over HTTP.
    const secrets = ['GEHEIM-Wartet-auf-Freigabe', 'GEHEIM-Privat-bis-zum-Aufdecken']
    for (const c of [o, v, late, lateViewer]) {
      for (const secret of secrets) expect(leaks(c.frames, secret), secret).toBe(false)
    }
    for (const c of [late, lateViewer]) {
      expect(leaks(c.frames, 'GEHEIM-Wird-verborgen')).toBe(false)
    }
    for (const c of [other, viewer]) {
      const text = await readable(c)
      for (const secret of [...secrets, 'GEHEIM-Wird-verborgen']) {
        expect(text.includes(secret), secret).toBe(false)
      }
    }

    // A hostile participant cannot withdraw someone else's held idea; a viewer cannot at all.
    expect((await other.delete(`${api}/held-ideas/${pending}`)).status).toBe(404)
    expect((await viewer.delete(`${api}/held-ideas/${pending}`)).status).toBe(403)

    // The held ideas survive a restart.
    for (const c of clients.splice(0)) c.destroy()
    await servers.pop()!.stop()
    const s2 = await start(env)
    const f2 = connectClient(s2.wsUrl, w.boardId, { cookie: w.facilitator.cookie })
    const o2 = connectClient(s2.wsUrl, w.boardId, { cookie: other.cookie })
    clients.push(f2, o2)
    await Promise.all([f2.synced(), o2.synced()])
    await waitFor(() => (last(f2)?.heldIdeas.length ?? 0) === 3, 10_000, 'held after restart')
    expect(leaks(o2.frames, 'GEHEIM-Privat-bis-zum-Aufdecken')).toBe(false)

    // Public at last: approved, shown again, revealed — everyone has them, under their old ids.
    const fac = new ApiClient(s2.url)
    fac.cookie = w.facilitator.cookie
    expect((await fac.post(`${api}/ideas/${pending}/approve`)).status).toBe(204)
    expect((await fac.post(`${api}/ideas/${shown}/unhide`)).status).toBe(204)
    expect((await fac.patch(`${api}/settings`, { ideasRevealed: true })).status).toBe(204)
    const board = new Board(o2.doc)
    await waitFor(() => board.ideas().length === 3, 10_000, 'all three public')
    expect(board.idea(pending)).toMatchObject({
      text: 'GEHEIM-Wartet-auf-Freigabe',
      authorId,
      authorName: 'Agnes Autorin',
    })
    expect(board.idea(shown)?.text).toBe('GEHEIM-Wird-verborgen')
    expect(board.idea(privateIdea)?.text).toBe('GEHEIM-Privat-bis-zum-Aufdecken')
    expect(canvasStore(o2.doc).get(`shape:idea-${pending}`)).toMatchObject({ x: 100, y: 200 })
    await waitFor(() => last(f2)?.heldIdeas.length === 0)
  }, 60_000)

  it('the author withdraws a held idea; erasure removes held ideas too', async () => {
    const s = await start(await freshDatabaseEnv(engine))
    const w = await workshopFixture(s.url)
    const api = `/api/workshops/${w.workshopId}`
    await w.facilitator.patch(`${api}/settings`, { premoderation: true })
    const author = await w.join('participant', 'Bruno')
    const authorId = (await author.get('/api/me')).body.guest.id as string
    const a = connectClient(s.wsUrl, w.boardId, { cookie: author.cookie })
    const f = connectClient(s.wsUrl, w.boardId, { cookie: w.facilitator.cookie })
    clients.push(a, f)
    await Promise.all([a.synced(), f.synced()])
    const board = new Board(a.doc)
    const first = board.addIdea({ text: 'Zurückziehen', authorId, authorName: 'Bruno' })
    const second = board.addIdea({ text: 'Vergessen', authorId, authorName: 'Bruno' })
    await waitFor(() => last(f)?.heldIdeas.length === 2)
    expect((await author.delete(`${api}/held-ideas/${first}`)).status).toBe(204)
    await waitFor(
      () =>
        last(a)
          ?.heldIdeas.map((h) => h.id)
          .join() === second,
    )
    expect((await author.delete(`${api}/held-ideas/${first}`)).status).toBe(404)
    const forgotten = await author.post('/api/me/forget')
    expect(forgotten.body).toMatchObject({ deletedIdeas: 1 })
    await waitFor(() => last(f)?.heldIdeas.length === 0)
    const rows = await s.server.db.query('select 1 from held_ideas')
    expect(rows).toHaveLength(0)
  }, 30_000)

  it('anonymous ideas name nobody in the board; the server knows the author for rights and erasure', async () => {
    const s = await start(await freshDatabaseEnv(engine))
    const w = await workshopFixture(s.url)
    const api = `/api/workshops/${w.workshopId}`
    await w.facilitator.patch(`${api}/settings`, { anonymousIdeas: true })
    const author = await w.join('participant', 'Anonyma Ahnungslos')
    const authorId = (await author.get('/api/me')).body.guest.id as string
    const other = await w.join('participant', 'Otto')
    const a = connectClient(s.wsUrl, w.boardId, { cookie: author.cookie })
    const o = connectClient(s.wsUrl, w.boardId, { cookie: other.cookie })
    const f = connectClient(s.wsUrl, w.boardId, { cookie: w.facilitator.cookie })
    clients.push(a, o, f)
    await Promise.all([a.synced(), o.synced(), f.synced()])
    const idea = new Board(a.doc).addIdea({ text: 'Ohne Namen', authorId: null, authorName: null })
    await a.allConfirmed()
    await waitFor(() => last(a)?.me.ideaIds.includes(idea) === true, 5_000, 'own idea known')
    expect(last(o)?.me.ideaIds).toEqual([])
    await waitFor(() => new Board(o.doc).idea(idea) !== undefined)
    expect(new Board(o.doc).idea(idea)).toMatchObject({ authorId: null, authorName: null })
    for (const c of [o, f]) {
      expect(leaks(c.frames, authorId), 'guest id').toBe(false)
      expect(leaks(c.frames, 'Anonyma'), 'name').toBe(false)
    }
    // The author may edit their own anonymous idea; nobody else may.
    new Board(a.doc).setIdeaText(idea, 'Ohne Namen, aber mit Bank')
    await a.allConfirmed()
    await waitFor(() => new Board(o.doc).idea(idea)?.text === 'Ohne Namen, aber mit Bank')
    const refused = new Promise<number>((resolve) =>
      o.provider.on('connection-close', (e: CloseEvent | null) => e && resolve(e.code)),
    )
    new Board(o.doc).setIdeaText(idea, 'übernommen')
    expect(await refused).toBe(4403)
    // Erasure finds it by the server's record.
    expect((await author.post('/api/me/forget')).body).toMatchObject({ deletedIdeas: 1 })
    await waitFor(() => new Board(f.doc).idea(idea) === undefined)
    expect(await s.server.db.query('select 1 from idea_authors')).toHaveLength(0)

    // "Urheberschaft gar nicht speichern": not even the server keeps it.
    await w.facilitator.patch(`${api}/settings`, { storeAuthors: false })
    const nobody = await w.join('participant', 'Niemand')
    const n = connectClient(s.wsUrl, w.boardId, { cookie: nobody.cookie })
    clients.push(n)
    await n.synced()
    await waitFor(() => last(n)?.storeAuthors === false)
    const untraced = new Board(n.doc).addIdea({ text: 'Spurlos', authorId: null, authorName: null })
    await n.allConfirmed()
    await waitFor(() => new Board(f.doc).idea(untraced) !== undefined)
    expect(await s.server.db.query('select 1 from idea_authors')).toHaveLength(0)
    expect(last(n)?.me.ideaIds).toEqual([])
  }, 30_000)

  it('held ideas count towards the board limit; nobody but the author changes a held card', async () => {
    const s = await start({ ...(await freshDatabaseEnv(engine)), BOARD_MAX_IDEAS: '3' })
    const w = await workshopFixture(s.url)
    await w.facilitator.patch(`/api/workshops/${w.workshopId}/settings`, { premoderation: true })
    const author = await w.join('participant', 'Agnes')
    const authorId = (await author.get('/api/me')).body.guest.id as string
    const hostile = await w.join('participant', 'Harald')
    const a = connectClient(s.wsUrl, w.boardId, { cookie: author.cookie })
    const h = connectClient(s.wsUrl, w.boardId, { cookie: hostile.cookie })
    const f = connectClient(s.wsUrl, w.boardId, { cookie: w.facilitator.cookie })
    clients.push(a, h, f)
    await Promise.all([a.synced(), h.synced(), f.synced()])
    const me = { id: authorId, name: 'Agnes' }
    const first = addWithCard(a.doc, 'Erste', me)
    for (const text of ['Zweite', 'Dritte'])
      new Board(a.doc).addIdea({ text, authorId, authorName: 'Agnes' })
    await a.allConfirmed()
    await waitFor(() => last(f)?.heldIdeas.length === 3, 5_000, 'three held')
    await waitFor(
      () => last(f)?.heldIdeas.find((i) => i.id === first) !== undefined,
      5_000,
      'first held',
    )
    // The held id is visible as a deleted key; a hostile participant writes a card for it.
    canvasStore(h.doc).set(`shape:idea-${first}`, {
      id: `shape:idea-${first}`,
      typeName: 'shape',
      type: 'idea-card',
      x: 9999,
      y: 9999,
      parentId: 'page:page',
      props: { ideaId: first },
    })
    await h.allConfirmed()
    // A fourth idea would take the board (held ideas included) past BOARD_MAX_IDEAS.
    const closed = new Promise<number>((resolve) =>
      a.provider.on('connection-close', (e: CloseEvent | null) => e && resolve(e.code)),
    )
    new Board(a.doc).addIdea({ text: 'Vierte', authorId, authorName: 'Agnes' })
    expect(await closed).toBe(4413)
    const rows = await s.server.db.query<{ card: string | null }>(
      'select card from held_ideas where idea_id = $1',
      [first],
    )
    expect(JSON.parse(rows[0]?.card ?? '{}')).toMatchObject({ x: 100, y: 200 })
    expect(await s.server.db.query('select 1 from held_ideas')).toHaveLength(3)
  }, 30_000)
})
