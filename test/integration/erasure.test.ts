/**
 * A guest's right to erasure: "delete my contributions" removes their ideas from the board and
 * from the database — update log, snapshot and every restore point of the history included (issue
 * 14 §3) — and from exports, on both engines. A restore to a point before the erasure does not
 * bring them back.
 */
import { Board } from '@ideenwand/board'
import { describe, expect, it } from 'vitest'
import { workshopFixture } from './support/api.ts'
import { connectClient, waitFor } from './support/clients.ts'
import { ENGINES } from './support/engines.ts'
import { perTest } from './support/perTest.ts'
import { startServer } from './support/servers.ts'

const t = perTest()

describe.each(ENGINES)('erasure (%s)', (engine) => {
  it('a guest deletes their contributions: gone from the board, the database and exports', async () => {
    t.server = await startServer(engine)
    const w = await workshopFixture(t.server.url)
    const leaving = await w.join('participant', 'Lea Löschen')
    const staying = await w.join('participant', 'Bleibt')
    const leaverId = (await leaving.get('/api/me')).body.guest.id as string
    const stayerId = (await staying.get('/api/me')).body.guest.id as string
    const a = connectClient(t.server.wsUrl, w.boardId, { cookie: leaving.cookie })
    const b = connectClient(t.server.wsUrl, w.boardId, { cookie: staying.cookie })
    t.clients.push(a, b)
    await Promise.all([a.synced(), b.synced()])
    const secret = 'GEHEIMER-VORSCHLAG-4711'
    const boardA = new Board(a.doc)
    const first = boardA.addIdea({
      text: `${secret} eins`,
      authorId: leaverId,
      authorName: 'Lea Löschen',
    })
    await a.allConfirmed()
    // Compacted between the steps: the history holds several restore points.
    const compact = () => t.server!.server.rooms.get(w.boardId)!.purge()
    await compact()
    boardA.setIdeaText(first, `${secret} eins, geändert`)
    await a.allConfirmed()
    await compact()
    boardA.addIdea({ text: `${secret} zwei`, authorId: leaverId, authorName: 'Lea Löschen' })
    // One of Lea's ideas she deleted herself earlier: its text is in the history all the same.
    const deleted = boardA.addIdea({
      text: `${secret} drei`,
      authorId: leaverId,
      authorName: 'Lea Löschen',
    })
    await a.allConfirmed()
    await compact()
    boardA.deleteIdea(deleted)
    new Board(b.doc).addIdea({ text: 'Bleibt stehen', authorId: stayerId, authorName: 'Bleibt' })
    await Promise.all([a.allConfirmed(), b.allConfirmed()])
    await waitFor(() => new Board(b.doc).ideas().length === 3)
    const history = async () =>
      t.server!.server.db.query<{ data: Uint8Array }>(
        `select data from board_updates where board_id = $1
         union all select data from board_restore_points where board_id = $1
         union all select data from board_snapshots where board_id = $1`,
        [w.boardId],
      )
    // Before: the history holds the text, in log rows and in more than one restore point (so
    // the checks below could fail).
    const points = await t.server.server.store.historyCounts(w.boardId)
    expect(points.restorePoints).toBeGreaterThan(1)
    expect((await history()).some((r) => Buffer.from(r.data).includes(`${secret} drei`))).toBe(true)

    const res = await leaving.post('/api/me/forget')
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ deletedIdeas: 2 })
    expect((await leaving.get('/api/me')).status).toBe(401)
    await waitFor(() => new Board(b.doc).ideas().length === 1, 5_000, 'deletion reaches others')

    const rows = await history()
    expect(rows.length).toBeGreaterThan(5)
    for (const row of rows) {
      const bytes = Buffer.from(row.data)
      expect(bytes.includes(secret)).toBe(false)
      expect(bytes.includes('Lea Löschen')).toBe(false)
    }
    const senders = await t.server.server.db.query(
      'select 1 from board_updates where sender_id = $1',
      [leaverId],
    )
    expect(senders).toHaveLength(0)
    // Restoring the board to any point before the erasure brings none of it back.
    const entries = (await w.facilitator.get(`/api/workshops/${w.workshopId}/history`)).body as {
      id: number
      lastId: number
    }[]
    expect(entries.length).toBeGreaterThanOrEqual(3)
    for (const entry of entries) {
      const res = await w.facilitator.post(`/api/workshops/${w.workshopId}/history/restore`, {
        before: entry.id,
      })
      expect(res.status).toBe(200)
      expect(new Board(b.doc).ideas().some((i) => i.text.includes(secret))).toBe(false)
    }
    // And back to the present (after the newest entry): only what stays.
    const present = await w.facilitator.post(`/api/workshops/${w.workshopId}/history/restore`, {
      before: Math.max(...entries.map((e) => e.lastId)) + 1,
    })
    expect(present.status).toBe(200)
    await waitFor(() => new Board(b.doc).ideas().length === 1, 5_000, 'the present again')
    expect(new Board(b.doc).ideas()[0]?.text).toBe('Bleibt stehen')
    const guests = await t.server.server.db.query('select 1 from guests where id = $1', [leaverId])
    expect(guests).toHaveLength(0)
    const report = await w.facilitator.get(`/api/workshops/${w.workshopId}/report?format=md`)
    expect(report.status).toBe(200)
    expect(String(report.body)).not.toContain(secret)
    expect(String(report.body)).toContain('Bleibt stehen')
  })

  it('only guests can erase themselves this way', async () => {
    t.server = await startServer(engine)
    const w = await workshopFixture(t.server.url)
    expect((await w.facilitator.post('/api/me/forget')).status).toBe(403)
  })
})
