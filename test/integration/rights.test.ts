/**
 * Contribution rights are the server's (issue 14 §1): a hostile participant with a stock Yjs
 * client and a participant's cookie tries every attack of the issue over /sync. Each refused
 * update closes the sender with 4403 "change not permitted", and none of it reaches the store
 * or anyone else; the honest participant's own add / edit / delete still goes through.
 */
import { Board, canvasStore } from '@ideenwand/board'
import { CloseCode, encodeSyncUpdate } from '@ideenwand/protocol'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { type WorkshopFixture, workshopFixture } from './support/api.ts'
import { storedBoard } from './support/boardRows.ts'
import { closedBy, connectClient, type TestClient, waitFor } from './support/clients.ts'
import { ENGINES } from './support/engines.ts'
import { perTest } from './support/perTest.ts'
import { RawSync } from './support/rawSync.ts'
import { startServer } from './support/servers.ts'

const t = perTest()

function connect(cookie: string | null, w: WorkshopFixture): TestClient {
  const c = connectClient(t.server!.wsUrl, w.boardId, { cookie })
  t.clients.push(c)
  return c
}

/** The board as the database holds it. */
const stored = (boardId: string): Promise<Board> => storedBoard(t.server!, boardId)

interface Scene {
  w: WorkshopFixture
  facilitator: TestClient
  facilitatorIdea: string
  guestIdea: string
  clusterId: string
  guestId: string
  hostileCookie: string
  hostileId: string
}

async function scene(): Promise<Scene> {
  const w = await workshopFixture(t.server!.url)
  const guest = await w.join('participant', 'Gerda Gast')
  const guestId = (await guest.get('/api/me')).body.guest.id as string
  const hostile = await w.join('participant', 'Harald Hostil')
  const hostileId = (await hostile.get('/api/me')).body.guest.id as string
  const facilitator = connect(w.facilitator.cookie, w)
  const honest = connect(guest.cookie, w)
  await Promise.all([facilitator.synced(), honest.synced()])
  const fb = new Board(facilitator.doc)
  const clusterId = fb.addCluster({ title: 'Verkehr' })
  const facilitatorIdea = fb.addIdea({ text: 'Radweg nach Wiesenburg', clusterId })
  const guestIdea = new Board(honest.doc).addIdea({
    text: 'Bank am Marktplatz',
    authorId: guestId,
    authorName: 'Gerda Gast',
  })
  await Promise.all([facilitator.allConfirmed(), honest.allConfirmed()])
  await waitFor(() => fb.ideas().length === 2)
  return {
    w,
    facilitator,
    facilitatorIdea,
    guestIdea,
    clusterId,
    guestId,
    hostileCookie: hostile.cookie!,
    hostileId,
  }
}

/** Connects the hostile participant, lets `attack` change its copy, expects the refusal. */
async function refused(s: Scene, attack: (doc: Y.Doc, board: Board) => void): Promise<void> {
  const h = connect(s.hostileCookie, s.w)
  await h.synced()
  const closed = closedBy(h)
  attack(h.doc, new Board(h.doc))
  const info = await closed
  expect(info).toEqual(CloseCode.ChangeRefused)
  h.destroy()
}

/** What the board must still be after every attack. */
async function expectIntact(s: Scene, board: Board): Promise<void> {
  const ideas = new Map(board.ideas().map((i) => [i.id, i]))
  expect(ideas.get(s.facilitatorIdea)?.text).toBe('Radweg nach Wiesenburg')
  expect(ideas.get(s.facilitatorIdea)?.clusterId).toBe(s.clusterId)
  expect(ideas.get(s.guestIdea)).toMatchObject({
    text: 'Bank am Marktplatz',
    authorId: s.guestId,
    authorName: 'Gerda Gast',
  })
  expect(board.clusters().map((c) => c.title)).toEqual(['Verkehr'])
  expect(board.doc.getMap('meta').get('schemaVersion')).not.toBe(999)
  expect([...board.doc.share.keys()].sort()).not.toContain('evil')
}

describe.each(ENGINES)('contribution rights (%s)', (engine) => {
  it('refuses every hostile write of a participant; the board stays intact in the store', async () => {
    t.server = await startServer(engine)
    const s = await scene()

    // The facilitator's idea text rewritten.
    await refused(s, (_doc, b) => b.ideaText(s.facilitatorIdea)!.insert(0, 'GEHACKT '))
    // Another guest's authorName changed.
    await refused(s, (doc) =>
      (doc.getMap('ideas').get(s.guestIdea) as Y.Map<unknown>).set('authorName', 'Harald'),
    )
    // Every cluster and every idea deleted in one transaction.
    await refused(s, (doc) =>
      doc.transact(() => {
        for (const key of [...doc.getMap('ideas').keys()]) doc.getMap('ideas').delete(key)
        for (const key of [...doc.getMap('clusters').keys()]) doc.getMap('clusters').delete(key)
      }),
    )
    // Pre-moderation bypass: the key of an approved idea overwritten with new text.
    await refused(s, (doc) => {
      const entry = new Y.Map<unknown>()
      entry.set('text', new Y.Text('Ungeprüfter Text'))
      entry.set('authorId', s.hostileId)
      doc.getMap('ideas').set(s.guestIdea, entry)
    })
    // Every whiteboard shows "newer version, reload" forever.
    await refused(s, (doc) => doc.getMap('meta').set('schemaVersion', 999))
    // Erasure abuse: authorId of every idea set to one's own id.
    await refused(s, (doc) => {
      for (const entry of doc.getMap('ideas').values()) {
        ;(entry as Y.Map<unknown>).set('authorId', s.hostileId)
      }
    })
    // A new idea in someone else's name.
    await refused(s, (_doc, b) => b.addIdea({ text: 'Im Namen', authorId: s.guestId }))
    await refused(s, (_doc, b) => b.addIdea({ text: 'Falscher Name', authorName: 'Bürgermeister' }))
    // An idea keyed like an object prototype's property.
    await refused(s, (doc) => {
      const entry = new Y.Map<unknown>()
      entry.set('text', new Y.Text('Prototyp'))
      doc.getMap('ideas').set('constructor', entry)
    })
    // New top-level keys, drawing on the canvas.
    await refused(s, (doc) => doc.getMap('evil').set('x', 1))
    await refused(s, (doc) =>
      canvasStore(doc).set('shape:kritzel', {
        id: 'shape:kritzel',
        typeName: 'shape',
        type: 'draw',
        props: {},
      }),
    )

    // tldraw's sticky note (issue 16: a card that looks like an idea but is none).
    await refused(s, (doc) =>
      canvasStore(doc).set('shape:zettel', {
        id: 'shape:zettel',
        typeName: 'shape',
        type: 'note',
        props: {},
      }),
    )
    // Growing someone else's idea card while arranging is the facilitator's (only a facilitator's
    // whiteboard grows cards: growCard.ts).
    const settings = `/api/workshops/${s.w.workshopId}/settings`
    const off = await s.w.facilitator.patch(settings, { collaborativeClustering: false })
    expect(off.status).toBe(204)
    const cardKey = `shape:idea-${s.facilitatorIdea}`
    const card = {
      id: cardKey,
      typeName: 'shape',
      type: 'idea-card',
      parentId: 'page:page',
      x: 0,
      y: 0,
      props: { ideaId: s.facilitatorIdea, w: 200, h: 140 },
    }
    canvasStore(s.facilitator.doc).set(cardKey, card)
    await s.facilitator.allConfirmed()
    await refused(s, (doc) =>
      canvasStore(doc).set(cardKey, { ...card, props: { ...card.props, h: 900 } }),
    )
    await s.w.facilitator.patch(settings, { collaborativeClustering: true })

    const forget = await new HostileApi(s).forget()
    expect(forget).toEqual({ status: 200, body: { deletedIdeas: 0 } })

    await expectIntact(s, new Board(s.facilitator.doc))
    await expectIntact(s, await stored(s.w.boardId))
  })

  it('lets the honest participant add, edit and delete their own idea, within the phase', async () => {
    t.server = await startServer(engine)
    const s = await scene()
    const h = connect(s.hostileCookie, s.w)
    await h.synced()
    const board = new Board(h.doc)
    const own = board.addIdea({ text: 'Eigene Idee', authorId: s.hostileId, authorName: null })
    board.ideaText(own)!.insert(0, 'Meine ')
    await h.allConfirmed()
    await waitFor(() => new Board(s.facilitator.doc).idea(own)?.text === 'Meine Eigene Idee')
    board.deleteIdea(own)
    await h.allConfirmed()
    await waitFor(() => new Board(s.facilitator.doc).idea(own) === undefined)
    expect(h.provider.wsconnected).toBe(true)

    // Cluster phase: adding is closed, editing one's own text still works.
    const kept = board.addIdea({ text: 'Bleibt', authorId: s.hostileId, authorName: null })
    await h.allConfirmed()
    const phase = await s.w.facilitator.post(`/api/workshops/${s.w.workshopId}/phase`, {
      phase: 'cluster',
    })
    expect(phase.status).toBe(204)
    await waitFor(() => h.controls.at(-1)?.phase === 'cluster')
    board.ideaText(kept)!.insert(6, ' hier')
    await h.allConfirmed()
    await waitFor(() => new Board(s.facilitator.doc).idea(kept)?.text === 'Bleibt hier')
    h.destroy()
    await refused(s, (_doc, b) => b.addIdea({ text: 'Zu spät', authorId: s.hostileId }))

    // Collaborative clustering off: moving someone else's idea is the facilitator's.
    const set = await s.w.facilitator.patch(`/api/workshops/${s.w.workshopId}/settings`, {
      collaborativeClustering: false,
    })
    expect(set.status).toBe(204)
    await refused(s, (_doc, b) => b.moveIdea(s.guestIdea, s.clusterId))
    await refused(s, (_doc, b) => b.updateCluster(s.clusterId, { title: 'Umbenannt' }))
    await expectIntact(s, await stored(s.w.boardId))
    expect((await stored(s.w.boardId)).idea(kept)?.text).toBe('Bleibt hier')
  })

  it('two whiteboards that found a new board empty seed it at once: the same seed twice goes through, another is refused', async () => {
    t.server = await startServer(engine)
    const w = await workshopFixture(t.server.url)
    const guest = await w.join('participant', 'Gerda Gast')
    const facilitator = connect(w.facilitator.cookie, w)
    const participant = connect(guest.cookie, w)
    await Promise.all([facilitator.synced(), participant.synced()])
    // What client/src/board/bindCanvasToDoc.ts writes into an empty board.
    const seed = (doc: Y.Doc, pageName: string) =>
      doc.transact(() => {
        canvasStore(doc).set('document:document', {
          id: 'document:document',
          typeName: 'document',
          gridSize: 10,
          name: '',
          meta: {},
        })
        canvasStore(doc).set('page:page', {
          id: 'page:page',
          typeName: 'page',
          name: pageName,
          index: 'a1',
          meta: {},
        })
        new Board(doc).setTldrawSchema({ schemaVersion: 2, sequences: { 'com.tldraw.page': 1 } })
      })
    /**
     * A copy that has not seen the board. Of two stamps of one key, the higher client id wins
     * (Yjs); each copy needs its own id.
     */
    let copies = 0
    const blank = (wins: boolean) => {
      const doc = new Y.Doc()
      copies++
      doc.clientID = wins ? 0xffff0000 + copies : copies
      return doc
    }
    seed(facilitator.doc, 'Ideenwand')
    await facilitator.allConfirmed()
    await waitFor(() => participant.doc.getMap('meta').has('tldrawSchema'))
    const closed = closedBy(participant)
    // The participant's whiteboard seeded its copy before the facilitator's seed reached it;
    // on its copy the second stamp of the schema either lost to the first or replaced it.
    for (const wins of [false, true]) {
      const early = blank(wins)
      seed(early, 'Ideenwand')
      Y.applyUpdate(participant.doc, Y.encodeStateAsUpdate(early))
    }
    // Frames are handled in order: the idea after the seed arrives only if the seed was taken.
    const idea = new Board(participant.doc).addIdea({ text: 'Nach der Saat' })
    await waitFor(() => new Board(facilitator.doc).idea(idea) !== undefined)
    expect(await Promise.race([closed, Promise.resolve('open')])).toBe('open')

    // A seed that differs (another page name, another schema) changes the board: refused.
    for (const attack of [
      (doc: Y.Doc) => seed(doc, 'Umbenannt'),
      (doc: Y.Doc) => new Board(doc).setTldrawSchema({ schemaVersion: 2, sequences: {} }),
    ]) {
      const h = connect(guest.cookie, w)
      await h.synced()
      const refusedClose = closedBy(h)
      const other = blank(true)
      attack(other)
      Y.applyUpdate(h.doc, Y.encodeStateAsUpdate(other))
      expect(await refusedClose).toEqual(CloseCode.ChangeRefused)
      h.destroy()
    }
    // A hand-made update: the same stamp again, deleted by its own delete set together with the
    // stored one — the stamp would be gone. (A Yjs client never sends this; the check must not
    // take the unchanged stamp as an excuse for removing the stored one.)
    const crafted = new Y.Doc()
    Y.applyUpdate(crafted, Y.encodeStateAsUpdate(facilitator.doc))
    const parts: Uint8Array[] = []
    crafted.on('update', (u: Uint8Array) => parts.push(u))
    new Board(crafted).setTldrawSchema({ schemaVersion: 2, sequences: { 'com.tldraw.page': 1 } })
    crafted.getMap('meta').delete('tldrawSchema')
    const raw = await RawSync.open(`${t.server.wsUrl}/${w.boardId}`, { cookie: guest.cookie! })
    if (!raw.ok) throw new Error('raw connection refused')
    void raw.socket.sendAndSettle(encodeSyncUpdate(Y.mergeUpdates(parts)))
    expect(await raw.socket.closed).toEqual(CloseCode.ChangeRefused)

    const board = await stored(w.boardId)
    expect(canvasStore(board.doc).get('page:page')).toMatchObject({ name: 'Ideenwand' })
    expect(board.doc.getMap('meta').get('tldrawSchema')).toMatchObject({
      sequences: { 'com.tldraw.page': 1 },
    })
  })

  it('a viewer changes nothing', async () => {
    t.server = await startServer(engine)
    const s = await scene()
    const viewer = await s.w.join('viewer')
    const v = connect(viewer.cookie, s.w)
    await v.synced()
    new Board(v.doc).ideaText(s.facilitatorIdea)!.insert(0, 'X')
    v.doc.getMap('meta').set('schemaVersion', 999)
    // The facilitator's next write is stored after whatever the viewer's frames did.
    new Board(s.facilitator.doc).addIdea({ text: 'Barriere' })
    await s.facilitator.allConfirmed()
    await expectIntact(s, await stored(s.w.boardId))
  })
})

/** The hostile guest's HTTP side (its own session cookie). */
class HostileApi {
  constructor(private readonly s: Scene) {}

  async forget(): Promise<{ status: number; body: unknown }> {
    const res = await fetch(`${t.server!.url}/api/me/forget`, {
      method: 'POST',
      headers: { cookie: this.s.hostileCookie, 'content-type': 'application/json' },
      body: '{}',
    })
    return { status: res.status, body: await res.json() }
  }
}
