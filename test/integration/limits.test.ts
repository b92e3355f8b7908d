/**
 * The board and connection limits (README "Limits"), on both storage engines: each refusal comes
 * as a WebSocket close code + reason, only the sender or the new connection is refused, and the
 * board stays exactly as it was stored.
 */
import { Board } from '@ideenwand/board'
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { type WorkshopFixture, workshopFixture } from './support/api.ts'
import { connectClient, type TestClient, waitFor } from './support/clients.ts'
import { ENGINES } from './support/engines.ts'
import { RawSync } from './support/rawSync.ts'
import { type RunningServer, startServer } from './support/servers.ts'

type Close = { code: number; reason: string }

/** One server per engine for the per-board and per-session limits (each test: its own board). */
const SHARED_LIMITS = {
  BOARD_MAX_IDEAS: '5',
  BOARD_MAX_BYTES: String(64 * 1024),
  SYNC_IDEAS_PER_MINUTE: '3',
  SYNC_CONNECTIONS_PER_SESSION: '2',
  SYNC_HEARTBEAT_MS: '100',
}

describe.each(ENGINES)('limits (%s)', (engine) => {
  let shared: RunningServer
  const clients: TestClient[] = []

  beforeAll(async () => {
    shared = await startServer(engine, { env: SHARED_LIMITS })
  })

  afterEach(() => {
    for (const c of clients.splice(0)) c.destroy()
  })

  afterAll(async () => {
    await shared?.stop()
  })

  /** A fresh workshop (board) and guest session on the shared server. */
  async function boot(): Promise<{
    s: RunningServer
    w: WorkshopFixture
    cookie: string
    guestId: string
  }> {
    const w = await workshopFixture(shared.url)
    const guest = await w.join('participant', 'Anna')
    const guestId = (await guest.get('/api/me')).body.guest.id as string
    return { s: shared, w, cookie: guest.cookie ?? '', guestId }
  }

  function client(s: RunningServer, boardId: string, cookie: string): TestClient {
    const c = connectClient(s.wsUrl, boardId, { cookie })
    clients.push(c)
    return c
  }

  function closeOf(c: TestClient): Promise<Close> {
    return new Promise((resolve) =>
      c.provider.on('connection-close', (event) =>
        resolve({ code: event?.code ?? 0, reason: event?.reason ?? '' }),
      ),
    )
  }

  /** The board as stored in the database (snapshot + update log). */
  async function stored(s: RunningServer, boardId: string): Promise<Y.Doc> {
    await s.server.rooms.get(boardId)?.flush()
    const { snapshot, updates } = await s.server.store.load(boardId)
    const doc = new Y.Doc()
    for (const u of [snapshot, ...updates]) if (u) Y.applyUpdate(doc, u)
    return doc
  }

  const ideaTexts = (doc: Y.Doc) =>
    new Board(doc)
      .ideas()
      .map((i) => i.text)
      .sort()

  it('BOARD_MAX_IDEAS: the idea beyond the limit is refused with 4413; deleting makes room', async () => {
    const { s, w, cookie, guestId } = await boot()
    // Five ideas written offline arrive in the handshake (exempt from the per-minute limit).
    const offline = new Y.Doc()
    const board = new Board(offline)
    for (let i = 0; i < 5; i++) board.addIdea({ text: `Idee ${i}`, authorId: guestId })
    const a = connectClient(s.wsUrl, w.boardId, { cookie, doc: offline })
    clients.push(a)
    const b = client(s, w.boardId, cookie)
    await Promise.all([a.synced(), b.synced()])
    await a.allConfirmed()
    const closed = closeOf(a)
    board.addIdea({ text: 'zu viel' })
    expect(await closed).toEqual({ code: 4413, reason: 'board full' })
    // Others stay connected and may make room, then add again.
    await waitFor(() => new Board(b.doc).ideas().length === 5, 5_000, 'b has five')
    const other = new Board(b.doc)
    other.deleteIdea(other.ideas()[0]!.id)
    other.addIdea({ text: 'Platz gemacht', authorId: guestId })
    await b.allConfirmed()
    const texts = ideaTexts(await stored(s, w.boardId))
    expect(texts).toHaveLength(5)
    expect(texts).toContain('Platz gemacht')
    expect(texts).not.toContain('zu viel')
  })

  it('BOARD_MAX_BYTES: an update beyond the stored size is refused with 4413, the board intact', async () => {
    const { s, w, cookie, guestId } = await boot()
    const a = client(s, w.boardId, cookie)
    const b = client(s, w.boardId, cookie)
    await Promise.all([a.synced(), b.synced()])
    const big = new Board(a.doc).addIdea({ text: 'x', authorId: guestId })
    const text = () => new Board(a.doc).ideaText(big)!
    text().insert(1, 'x'.repeat(39_999))
    await a.allConfirmed()
    const closed = closeOf(a)
    text().insert(0, 'y'.repeat(40_000))
    expect(await closed).toEqual({ code: 4413, reason: 'board full' })
    // b is unaffected and small edits still fit.
    new Board(b.doc).addIdea({ text: 'still here', authorId: guestId })
    await b.allConfirmed()
    const doc = await stored(s, w.boardId)
    expect(new Board(doc).ideaText(big)?.toString()).toBe('x'.repeat(40_000))
    expect(ideaTexts(doc)).toContain('still here')
  })

  it('SYNC_IDEAS_PER_MINUTE: adding ideas too fast closes with 4429 "too many ideas"', async () => {
    const { s, w, cookie } = await boot()
    const a = client(s, w.boardId, cookie)
    await a.synced()
    const board = new Board(a.doc)
    for (let i = 0; i < 3; i++) board.addIdea({ text: `schnell ${i}` })
    await a.allConfirmed()
    const closed = closeOf(a)
    board.addIdea({ text: 'zu schnell' })
    expect(await closed).toEqual({ code: 4429, reason: 'too many ideas' })
    expect(ideaTexts(await stored(s, w.boardId))).toEqual(['schnell 0', 'schnell 1', 'schnell 2'])
  })

  it('SYNC_IDEAS_PER_MINUTE counts per person: a second tab or a reconnect does not refill it', async () => {
    const { s, w, cookie } = await boot()
    const a = client(s, w.boardId, cookie)
    await a.synced()
    const boardA = new Board(a.doc)
    for (let i = 0; i < 2; i++) boardA.addIdea({ text: `Tab A ${i}` })
    await a.allConfirmed()
    a.destroy()
    // The same person in a new tab (after the first one closed) has one idea left, not three.
    const b = client(s, w.boardId, cookie)
    await b.synced()
    const boardB = new Board(b.doc)
    boardB.addIdea({ text: 'Tab B 0' })
    await b.allConfirmed()
    const closed = closeOf(b)
    boardB.addIdea({ text: 'Tab B 1' })
    expect(await closed).toEqual({ code: 4429, reason: 'too many ideas' })
    b.destroy() // no reconnect: its handshake would deliver the refused idea (offline work)
    // Someone else has their own budget (two ideas here, as BOARD_MAX_IDEAS is 5).
    const other = client(s, w.boardId, (await w.join('participant', 'Ben')).cookie ?? '')
    await other.synced()
    const boardOther = new Board(other.doc)
    for (let i = 0; i < 2; i++) boardOther.addIdea({ text: `Ben ${i}` })
    await other.allConfirmed()
    expect(ideaTexts(await stored(s, w.boardId))).toEqual([
      'Ben 0',
      'Ben 1',
      'Tab A 0',
      'Tab A 1',
      'Tab B 0',
    ])
  })

  it('SYNC_CONNECTIONS_PER_SESSION: one tab too many is refused with 4429, the others stay', async () => {
    const { s, w, cookie } = await boot()
    const a = client(s, w.boardId, cookie)
    const b = client(s, w.boardId, cookie)
    await Promise.all([a.synced(), b.synced()])
    const third = await RawSync.open(`${s.wsUrl}/${w.boardId}`, { cookie })
    expect(third).toEqual({ ok: false, code: 4429, reason: 'too many connections' })
    // Another session is not affected.
    const other = (await w.join('participant', 'Ben')).cookie ?? ''
    const c = client(s, w.boardId, other)
    await c.synced()
    new Board(a.doc).addIdea({ text: 'weiter' })
    await waitFor(() => ideaTexts(b.doc).includes('weiter'), 5_000, 'a → b')
    await waitFor(() => ideaTexts(c.doc).includes('weiter'), 5_000, 'a → c')
    // Closing a tab frees its place.
    a.destroy()
    await waitFor(() => s.server.rooms.connectionsOf(w.boardId).size === 2, 5_000, 'a gone')
    const again = await RawSync.open(`${s.wsUrl}/${w.boardId}`, { cookie })
    expect(again.ok).toBe(true)
    if (again.ok && 'socket' in again) again.socket.close()
  })

  it('a dead tab (a socket that answers no pings) is dropped and frees its place', async () => {
    const { s, w, cookie } = await boot()
    const dead = new WebSocket(`${s.wsUrl}/${w.boardId}`, { headers: { cookie }, autoPong: false })
    const deadClosed = new Promise<number>((resolve) => dead.on('close', (code) => resolve(code)))
    await new Promise((resolve) => dead.once('message', resolve))
    const live = client(s, w.boardId, cookie)
    await live.synced()
    // Both places are taken …
    const refused = await RawSync.open(`${s.wsUrl}/${w.boardId}`, { cookie })
    expect(refused).toEqual({ ok: false, code: 4429, reason: 'too many connections' })
    // … until the heartbeat finds the dead one (SYNC_HEARTBEAT_MS = 100 here).
    expect(await deadClosed).toBe(1006)
    const again = await RawSync.open(`${s.wsUrl}/${w.boardId}`, { cookie })
    expect(again.ok).toBe(true)
    if (again.ok && 'socket' in again) again.socket.close()
  })

  it('SYNC_SESSIONS_PER_IP / SYNC_CONNECTIONS_PER_IP: people per address, then further tabs, refused with 4429', async () => {
    const s = await startServer(engine, {
      env: { SYNC_SESSIONS_PER_IP: '2', SYNC_CONNECTIONS_PER_IP: '1' },
    })
    onTestFinished(() => s.stop())
    const w = await workshopFixture(s.url)
    const cookie = (await w.join('participant', 'Anna')).cookie ?? ''
    const ben = (await w.join('participant', 'Ben')).cookie ?? ''
    const carla = (await w.join('participant', 'Carla')).cookie ?? ''
    const a = client(s, w.boardId, cookie)
    const a2 = client(s, w.boardId, cookie) // Anna's second tab: the one further tab allowed
    const b = client(s, w.boardId, ben)
    await Promise.all([a.synced(), a2.synced(), b.synced()])
    // A third person from the same address, and another further tab, are refused …
    const third = await RawSync.open(`${s.wsUrl}/${w.boardId}`, { cookie: carla })
    expect(third).toEqual({ ok: false, code: 4429, reason: 'too many connections' })
    const benTab = await RawSync.open(`${s.wsUrl}/${w.boardId}`, { cookie: ben })
    expect(benTab).toEqual({ ok: false, code: 4429, reason: 'too many connections' })
    // … the facilitator is not (counted apart from guests), and nobody open is disturbed.
    const facilitator = client(s, w.boardId, w.facilitator.cookie ?? '')
    await facilitator.synced()
    facilitator.doc.getText('t').insert(0, 'unberührt')
    await waitFor(() => b.doc.getText('t').toString() === 'unberührt', 5_000, 'f → b')
    await waitFor(() => a2.doc.getText('t').toString() === 'unberührt', 5_000, 'f → a2')
    expect((await stored(s, w.boardId)).getText('t').toString()).toBe('unberührt')
  })
})
