/**
 * Versions and restore (issue 14 §3) on both engines: the log records who sent each update; a
 * facilitator restores the whole board to a point or undoes one person's changes since a point,
 * as new changes that reach every open client at once; participants and viewers get 403; ideas
 * not public now (hidden, pending) never come back through it.
 */
import { Board } from '@ideenwand/board'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { type ApiClient, type WorkshopFixture, workshopFixture } from './support/api.ts'
import { connectClient, type TestClient, waitFor } from './support/clients.ts'
import { ENGINES } from './support/engines.ts'
import { perTest } from './support/perTest.ts'
import { startServer } from './support/servers.ts'

const t = perTest()

/** A stock y-websocket client on the workshop's board with `cookie`, closed after the test. */
const connect = (cookie: string | null, w: WorkshopFixture): TestClient =>
  t.clients[t.clients.push(connectClient(t.server!.wsUrl, w.boardId, { cookie })) - 1]!

const texts = (doc: TestClient) =>
  new Board(doc.doc)
    .ideas()
    .map((i) => i.text)
    .sort()

interface Vandalism {
  w: WorkshopFixture
  vandal: ApiClient
  vandalId: string
  facilitator: TestClient
  /** A participant who keeps working after the damage. */
  other: TestClient
  /** The history entry of the deletion ("before" it is the point to go back to). */
  deletion: { id: number }
}

/**
 * Lea writes three ideas, the facilitator one; then Lea deletes hers (and the facilitator's card
 * stays), and Bernd adds an idea afterwards.
 */
async function vandalism(): Promise<Vandalism> {
  const w = await workshopFixture(t.server!.url)
  const [vandal, bernd] = await Promise.all([
    w.join('participant', 'Lea Lösch'),
    w.join('participant', 'Bernd'),
  ])
  const [vandalId, berndId] = (await Promise.all(
    [vandal, bernd].map(async (g) => (await g.get('/api/me')).body.guest.id as string),
  )) as [string, string]
  const [facilitator, lea, other] = [w.facilitator, vandal, bernd].map((c) =>
    connect(c.cookie, w),
  ) as [TestClient, TestClient, TestClient]
  await Promise.all([facilitator.synced(), lea.synced(), other.synced()])
  const leaBoard = new Board(lea.doc)
  const own = ['Spielplatz am See', 'Bank am Markt', 'Kino im Sommer'].map((text) =>
    leaBoard.addIdea({ text, authorId: vandalId, authorName: 'Lea Lösch' }),
  )
  new Board(facilitator.doc).addIdea({ text: 'Radweg nach Wiesenburg' })
  await Promise.all([lea.allConfirmed(), facilitator.allConfirmed()])
  await waitFor(() => texts(other).length === 4)
  for (const id of own) leaBoard.deleteIdea(id)
  await lea.allConfirmed()
  await waitFor(() => texts(other).length === 1)
  new Board(other.doc).addIdea({ text: 'Später: Eisdiele', authorId: berndId, authorName: 'Bernd' })
  await other.allConfirmed()
  await waitFor(() => texts(facilitator).length === 2)

  const history = await w.facilitator.get(`/api/workshops/${w.workshopId}/history`)
  expect(history.status).toBe(200)
  const deletion = (history.body as Array<Record<string, unknown>>).find(
    (e) => (e.ideasDeleted as number) > 0,
  )
  expect(deletion).toMatchObject({
    sender: { kind: 'guest', id: vandalId },
    senderName: 'Lea Lösch',
    ideasDeleted: 3,
  })
  return { w, vandal, vandalId, facilitator, other, deletion: deletion as { id: number } }
}

describe.each(ENGINES)('versions and restore (%s)', (engine) => {
  it('records who sent each update: the guest, the facilitator, or the server', async () => {
    t.server = await startServer(engine)
    const { w, vandalId } = await vandalism()
    const rows = await t.server.server.db.query<{ sender_kind: string; sender_id: string | null }>(
      'select sender_kind, sender_id from board_updates where board_id = $1 order by id',
      [w.boardId],
    )
    const facilitatorId = (await w.facilitator.get('/api/me')).body.facilitator.id as string
    const kinds = new Set(rows.map((r) => `${r.sender_kind}:${r.sender_id}`))
    expect(kinds.has(`guest:${vandalId}`)).toBe(true)
    expect(kinds.has(`facilitator:${facilitatorId}`)).toBe(true)
    expect(rows.every((r) => ['guest', 'facilitator', 'system'].includes(r.sender_kind))).toBe(true)
  })

  it('restores the whole board to before the deletion; every open client shows it', async () => {
    t.server = await startServer(engine)
    const { w, facilitator, other, deletion } = await vandalism()
    const res = await w.facilitator.post(`/api/workshops/${w.workshopId}/history/restore`, {
      before: deletion.id,
    })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ ideasRestored: 3, ideasRemoved: 1 })
    const expected = [
      'Bank am Markt',
      'Kino im Sommer',
      'Radweg nach Wiesenburg',
      'Spielplatz am See',
    ]
    await waitFor(() => texts(other).length === 4, 5_000, 'restore reaches a participant')
    await waitFor(() => texts(facilitator).length === 4, 5_000, 'restore reaches the facilitator')
    expect(texts(other)).toEqual(expected)
    // Stored as a new change, in the facilitator's name: a restarted t.server loads the same.
    const rows = await t.server.server.db.query<{ sender_kind: string }>(
      'select sender_kind from board_updates where board_id = $1 order by id desc limit 1',
      [w.boardId],
    )
    expect(rows[0]?.sender_kind).toBe('facilitator')
    const stored = await t.server.server.store.load(w.boardId)
    const doc = new Y.Doc()
    for (const u of [stored.snapshot, ...stored.updates]) if (u) Y.applyUpdate(doc, u)
    expect(
      new Board(doc)
        .ideas()
        .map((i) => i.text)
        .sort(),
    ).toEqual(expected)
  })

  it("undoes one person's changes since a point and keeps everyone else's", async () => {
    t.server = await startServer(engine)
    const { w, other, vandalId, deletion } = await vandalism()
    const res = await w.facilitator.post(`/api/workshops/${w.workshopId}/history/undo`, {
      before: deletion.id,
      sender: { kind: 'guest', id: vandalId },
    })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ ideasRestored: 3, ideasRemoved: 0 })
    await waitFor(() => texts(other).length === 5, 5_000, 'undo reaches a participant')
    expect(texts(other)).toEqual([
      'Bank am Markt',
      'Kino im Sommer',
      'Radweg nach Wiesenburg',
      'Spielplatz am See',
      'Später: Eisdiele',
    ])
    // A point given as a time works too: undoing again from the same moment changes nothing.
    const history = await w.facilitator.get(`/api/workshops/${w.workshopId}/history`)
    const at = (history.body as Array<{ id: number; at: string }>).find(
      (e) => e.id === deletion.id,
    )!.at
    const repeat = await w.facilitator.post(`/api/workshops/${w.workshopId}/history/undo`, {
      at,
      sender: { kind: 'guest', id: vandalId },
    })
    expect(repeat.status).toBe(200)
    expect(texts(other)).toHaveLength(5)
  })

  it('never puts back an idea that is hidden now', async () => {
    t.server = await startServer(engine)
    const { w, facilitator, other, deletion } = await vandalism()
    // The facilitator's own idea is hidden, then deleted from the board.
    const radweg = new Board(facilitator.doc).ideas().find((i) => i.text.startsWith('Radweg'))!
    expect(
      (await w.facilitator.post(`/api/workshops/${w.workshopId}/ideas/${radweg.id}/hide`)).status,
    ).toBe(204)
    if (new Board(facilitator.doc).idea(radweg.id)) new Board(facilitator.doc).deleteIdea(radweg.id)
    await facilitator.allConfirmed()
    await waitFor(() => !new Board(other.doc).idea(radweg.id))
    const res = await w.facilitator.post(`/api/workshops/${w.workshopId}/history/restore`, {
      before: deletion.id,
    })
    expect(res.status).toBe(200)
    expect(res.body.ideasHeldBack).toBeGreaterThanOrEqual(1)
    await waitFor(() => texts(other).length === 3)
    expect(new Board(other.doc).idea(radweg.id)).toBeUndefined()
  })

  it('participants and viewers get 403; bad points 400', async () => {
    t.server = await startServer(engine)
    const { w, vandal, vandalId, deletion, other } = await vandalism()
    const viewer = await w.join('viewer', 'Vera')
    const base = `/api/workshops/${w.workshopId}/history`
    for (const guest of [vandal, viewer]) {
      expect((await guest.get(base)).status).toBe(403)
      expect((await guest.post(`${base}/restore`, { before: deletion.id })).status).toBe(403)
      const undo = await guest.post(`${base}/undo`, {
        before: 1,
        sender: { kind: 'guest', id: vandalId },
      })
      expect(undo.status).toBe(403)
      expect(undo.body.error.code).toBe('forbidden')
    }
    expect((await w.facilitator.post(`${base}/restore`, {})).status).toBe(400)
    expect(
      (await w.facilitator.post(`${base}/restore`, { before: 1, at: new Date().toISOString() }))
        .status,
    ).toBe(400)
    expect((await w.facilitator.post(`${base}/restore`, { at: 'yesterday' })).status).toBe(400)
    // Nothing changed on the board through all of that.
    expect(texts(other)).toHaveLength(2)
    // An archived workshop is read-only: its history can be read, not applied.
    expect((await w.facilitator.post(`/api/workshops/${w.workshopId}/archive`)).status).toBe(200)
    const archived = await w.facilitator.post(`${base}/restore`, { before: deletion.id })
    expect(archived.status).toBe(409)
    expect(archived.body.error.code).toBe('workshop_archived')
    expect((await w.facilitator.get(base)).status).toBe(200)
  })
})
