/**
 * Offline work merges without loss (issue #8). Stock y-websocket clients go offline for "ten
 * minutes" — simulated, not slept: meanwhile others edit, the server compacts the update log and
 * unloads the idle room, the ticket expires (its expiry moved into the past) and the session ages
 * (its timestamps moved back) — and make 50 edits through the board's domain API, more new ideas
 * than the per-minute limit allows. On reconnect (the ticket client fetching a fresh ticket)
 * everything merges on every client and in storage; two people who edited the same idea text
 * offline both keep their characters. On both engines.
 */
import { Board } from '@ideenwand/board'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { workshopFixture } from './support/api.ts'
import { connectClient, type TestClient, waitFor } from './support/clients.ts'
import { ENGINES } from './support/engines.ts'
import { perTest } from './support/perTest.ts'
import { startServer } from './support/servers.ts'

const t = perTest()

const ORIGINAL = 'Bänke am Marktplatz aufstellen'

/** What every copy of the board must agree on: ideas with text, author, colour, cluster; clusters. */
function state(doc: Y.Doc) {
  const board = new Board(doc)
  return {
    ideas: board.ideas().map(({ id, text, authorName, color, clusterId }) => ({
      id,
      text,
      authorName,
      color,
      clusterId,
    })),
    clusters: board.clusters(),
  }
}

function closeCodes(client: TestClient): number[] {
  const codes: number[] = []
  client.provider.on('connection-close', (event) => {
    if (event) codes.push(event.code)
  })
  return codes
}

describe.each(ENGINES)('offline work (%s)', (engine) => {
  it('50 offline edits after ten minutes away merge without loss, also on one idea text', async () => {
    t.server = await startServer(engine, {
      env: { ROOM_IDLE_MS: '50', COMPACT_UPDATES: '5', SYNC_UPDATE_TICK_MS: '5' },
    })
    const s = t.server
    const w = await workshopFixture(s.url)
    const olga = await w.join('participant', 'Olga Offline')
    const paul = await w.join('participant', 'Paul Parallel')
    const olgaId = (await olga.get('/api/me')).body.guest.id as string
    const ticketFor = async () => {
      const res = await olga.post(`/api/boards/${w.boardId}/ticket`)
      expect(res.status).toBe(200)
      return res.body.ticket as string
    }
    const connect = (options: Parameters<typeof connectClient>[2]) => {
      const c = connectClient(s.wsUrl, w.boardId, options)
      t.clients.push(c)
      return c
    }
    // Olga connects like a non-browser client: with a single-use ticket, no cookie.
    const o = connect({ params: { ticket: await ticketFor() } })
    const p = connect({ cookie: paul.cookie })
    const f = connect({ cookie: w.facilitator.cookie })
    await Promise.all([o.synced(), p.synced(), f.synced()])
    o.provider.awareness.setLocalStateField('user', { name: 'Olga Offline' })
    // Olga's idea (only its author and facilitators may edit its text).
    const shared = new Board(f.doc).addIdea({
      text: ORIGINAL,
      authorId: olgaId,
      authorName: 'Olga Offline',
    })
    await f.allConfirmed()
    await waitFor(() => Boolean(new Board(o.doc).idea(shared) && new Board(p.doc).idea(shared)))

    // Olga and Paul go offline.
    o.provider.disconnect()
    p.provider.disconnect()

    // Meanwhile the facilitator works on; the log is compacted (every 5 updates).
    const fb = new Board(f.doc)
    const online = fb.addCluster({ title: 'Online-Cluster' })
    await f.allConfirmed()
    for (let i = 0; i < 10; i++) {
      fb.addIdea({ text: `Online-Idee ${i}`, clusterId: i % 2 === 0 ? online : null })
      await f.allConfirmed()
    }
    // …and edits Olga's idea in the middle and at the end while she is away.
    fb.setIdeaText(shared, 'Bänke am schattigen Marktplatz aufstellen – bitte bald')
    fb.updateIdea(shared, { color: 'blue' })
    await f.allConfirmed()
    const compacted = await s.server.store.counts(w.boardId)
    expect(compacted.snapshots).toBe(1)
    expect(compacted.updates).toBeLessThan(5)
    // …then leaves; the idle room is unloaded (compacting what is left).
    f.provider.disconnect()
    await waitFor(() => s.server.rooms.get(w.boardId) === undefined, 5_000, 'room unloaded')
    // Unloading compacts what is left (it finishes just after the room left the active set).
    await s.server.rooms.unloaded(w.boardId)
    expect(await s.server.store.counts(w.boardId)).toEqual({ updates: 0, snapshots: 1 })
    const loads = s.server.rooms.stats.loads

    // Olga's 50 edits offline, each its own transaction (34 new ideas: more than the 30 per
    // minute a connection may add live — offline work handed over in the handshake is exempt).
    const ob = new Board(o.doc)
    let edits = 0
    const edit = <T>(fn: () => T): T => {
      edits++
      return fn()
    }
    const cluster = edit(() => ob.addCluster({ title: 'Offline-Cluster' }))
    const mine: string[] = []
    for (let i = 0; i < 34; i++) {
      mine.push(
        edit(() =>
          ob.addIdea({ text: `Offline-Idee ${i}`, authorId: olgaId, authorName: 'Olga Offline' }),
        ),
      )
    }
    for (let i = 0; i < 5; i++) edit(() => ob.setIdeaText(mine[i]!, `Offline-Idee ${i} (neu)`))
    for (let i = 5; i < 10; i++) edit(() => ob.moveIdea(mine[i]!, cluster))
    for (let i = 10; i < 12; i++) edit(() => ob.updateIdea(mine[i]!, { color: 'green' }))
    edit(() => ob.renameCluster(cluster, 'Offline-Cluster (umbenannt)'))
    edit(() => ob.setIdeaText(shared, `Vorne: ${ORIGINAL}`)) // prepends
    edit(() => ob.moveIdea(shared, cluster))
    expect(edits).toBe(50)

    // Paul, offline too, adds ideas.
    const pb = new Board(p.doc)
    for (let i = 0; i < 3; i++) pb.addIdea({ text: `Pauls Idee ${i}`, authorName: 'Paul Parallel' })

    // "Ten minutes" pass: tickets live 60 s, so Olga's unused spare ticket has expired; the
    // sessions have aged by ten minutes (far within their inactivity limit).
    const spare = await ticketFor()
    await s.server.db.query("update ws_tickets set expires_at = now() - interval '9 minutes'")
    await s.server.db.query(
      `update sessions set created_at = created_at - interval '10 minutes',
         last_verified_at = last_verified_at - interval '10 minutes'`,
    )

    // Reconnecting with the stale ticket is refused (4401); the client fetches a fresh one.
    const refused = closeCodes(o)
    o.provider.params.ticket = spare
    o.provider.connect()
    await waitFor(() => refused.length > 0, 5_000, 'stale ticket refused')
    expect(refused[0]).toBe(4401)
    o.provider.disconnect()
    expect(new Board(o.doc).ideas()).toHaveLength(1 + 34) // nothing lost locally meanwhile
    o.provider.params.ticket = await ticketFor()
    o.provider.connect()
    p.provider.connect()
    f.provider.connect()

    const expectedIdeas = 1 + 10 + 34 + 3
    const merged = `Vorne: Bänke am schattigen Marktplatz aufstellen – bitte bald`
    for (const c of [o, p, f]) {
      await c.synced()
      await c.allConfirmed()
    }
    const z = connect({ cookie: w.facilitator.cookie })
    await z.synced()
    const everyone = [o, p, f, z]
    await waitFor(
      () => everyone.every((c) => new Board(c.doc).ideas().length === expectedIdeas),
      10_000,
      'all ideas on every client',
    )
    const reference = state(z.doc)
    for (const c of everyone) expect(state(c.doc)).toEqual(reference)
    const sharedIdea = reference.ideas.find((i) => i.id === shared)
    expect(sharedIdea).toMatchObject({ text: merged, color: 'blue', clusterId: cluster })
    expect(reference.clusters.map((c) => c.title).sort()).toEqual([
      'Offline-Cluster (umbenannt)',
      'Online-Cluster',
    ])
    const byText = new Map(reference.ideas.map((i) => [i.text, i]))
    for (let i = 0; i < 34; i++) {
      const text = i < 5 ? `Offline-Idee ${i} (neu)` : `Offline-Idee ${i}`
      expect(byText.get(text), text).toMatchObject({
        authorName: 'Olga Offline',
        clusterId: i >= 5 && i < 10 ? cluster : null,
        color: i >= 10 && i < 12 ? 'green' : 'yellow',
      })
    }
    for (let i = 0; i < 10; i++) expect(byText.has(`Online-Idee ${i}`)).toBe(true)
    expect(s.server.rooms.stats.loads).toBe(loads + 1)
    // Presence is re-sent on reconnect: a newcomer sees Olga's cursor state again.
    await waitFor(
      () => z.provider.awareness.getStates().get(o.doc.clientID)?.user?.name === 'Olga Offline',
      5_000,
      "Olga's presence after reconnect",
    )

    // In storage: everyone leaves, the room unloads, and the stored board has it all.
    for (const c of everyone) c.provider.disconnect()
    await waitFor(() => s.server.rooms.get(w.boardId) === undefined, 5_000, 'room unloaded')
    await s.server.rooms.unloaded(w.boardId) // stores what the last writers sent
    const stored = await s.server.store.load(w.boardId)
    const fromStorage = new Y.Doc()
    for (const update of [stored.snapshot, ...stored.updates]) {
      if (update) Y.applyUpdate(fromStorage, update)
    }
    expect(state(fromStorage)).toEqual(reference)
  })
})
