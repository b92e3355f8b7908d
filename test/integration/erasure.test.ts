/**
 * A guest's right to erasure: "delete my contributions" removes their ideas from the board and
 * from the database — update log and snapshot included — and from exports, on both engines.
 */
import { Board } from '@ideenwand/board'
import { afterEach, describe, expect, it } from 'vitest'
import { workshopFixture } from './support/api.ts'
import { connectClient, type TestClient, waitFor } from './support/clients.ts'
import { ENGINES } from './support/engines.ts'
import { type RunningServer, startServer } from './support/servers.ts'

let server: RunningServer | null = null
const clients: TestClient[] = []

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  await server?.stop()
  server = null
})

describe.each(ENGINES)('erasure (%s)', (engine) => {
  it('a guest deletes their contributions: gone from the board, the database and exports', async () => {
    server = await startServer(engine)
    const w = await workshopFixture(server.url)
    const leaving = await w.join('participant', 'Lea Löschen')
    const staying = await w.join('participant', 'Bleibt')
    const leaverId = (await leaving.get('/api/me')).body.guest.id as string
    const stayerId = (await staying.get('/api/me')).body.guest.id as string
    const a = connectClient(server.wsUrl, w.boardId, { cookie: leaving.cookie })
    const b = connectClient(server.wsUrl, w.boardId, { cookie: staying.cookie })
    clients.push(a, b)
    await Promise.all([a.synced(), b.synced()])
    const secret = 'GEHEIMER-VORSCHLAG-4711'
    const boardA = new Board(a.doc)
    boardA.addIdea({ text: `${secret} eins`, authorId: leaverId, authorName: 'Lea Löschen' })
    boardA.addIdea({ text: `${secret} zwei`, authorId: leaverId, authorName: 'Lea Löschen' })
    new Board(b.doc).addIdea({ text: 'Bleibt stehen', authorId: stayerId, authorName: 'Bleibt' })
    await Promise.all([a.allConfirmed(), b.allConfirmed()])
    await waitFor(() => new Board(b.doc).ideas().length === 3)

    const res = await leaving.post('/api/me/forget')
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ deletedIdeas: 2 })
    expect((await leaving.get('/api/me')).status).toBe(401)
    await waitFor(() => new Board(b.doc).ideas().length === 1, 5_000, 'deletion reaches others')

    const rows = await server.server.db.query<{ data: Uint8Array }>(
      `select data from board_updates where board_id = $1
       union all select data from board_snapshots where board_id = $1`,
      [w.boardId],
    )
    expect(rows.length).toBeGreaterThan(0)
    for (const row of rows) {
      const bytes = Buffer.from(row.data)
      expect(bytes.includes(secret)).toBe(false)
      expect(bytes.includes('Lea Löschen')).toBe(false)
    }
    const guests = await server.server.db.query('select 1 from guests where id = $1', [leaverId])
    expect(guests).toHaveLength(0)
    const report = await w.facilitator.get(`/api/workshops/${w.workshopId}/report?format=md`)
    expect(report.status).toBe(200)
    expect(String(report.body)).not.toContain(secret)
    expect(String(report.body)).toContain('Bleibt stehen')
  })

  it('only guests can erase themselves this way', async () => {
    server = await startServer(engine)
    const w = await workshopFixture(server.url)
    expect((await w.facilitator.post('/api/me/forget')).status).toBe(403)
  })
})
