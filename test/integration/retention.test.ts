/**
 * Data retention per workshop (issue #8): facilitators set when guests' names and when the whole
 * workshop are deleted; the retention job (with an injected clock, no sleeping) deletes them from
 * every table of the database — Yjs update log and snapshots included — and from every export,
 * closes live connections of a deleted workshop (4404), is idempotent, isolates failures, and two
 * instances never process one workshop twice. On both engines.
 */
import { Board } from '@ideenwand/board'
import type { Db } from '@ideenwand/server'
import { strFromU8, unzipSync } from 'fflate'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { type WorkshopFixture, workshopFixture } from './support/api.ts'
import { connectClient, type TestClient, waitFor } from './support/clients.ts'
import { ENGINES } from './support/engines.ts'
import { type RunningServer, startServer } from './support/servers.ts'

const DAY = 86_400_000
const ANNA = 'Annegret Namensträgerin'
const BERT = 'Bert Beispielmann'
const IDEA_A = 'IDEE-Radweg-nach-Wiesenburg-7731'
const IDEA_B = 'IDEE-Skatepark-am-Bahnhof-5512'

const servers: RunningServer[] = []
const clients: TestClient[] = []

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  for (const s of servers.splice(0)) await s.stop()
})

async function start(engine: (typeof ENGINES)[number], env: Record<string, string> = {}) {
  const s = await startServer(engine, { env })
  servers.push(s)
  return s
}

/** A workshop with two named guests on the board, their ideas, a facilitator idea and votes. */
async function populated(s: RunningServer, title: string) {
  const w = await workshopFixture(s.url, { title })
  const anna = await w.join('participant', ANNA)
  const bert = await w.join('participant', BERT)
  const ids = {
    anna: (await anna.get('/api/me')).body.guest.id as string,
    bert: (await bert.get('/api/me')).body.guest.id as string,
    facilitator: (await w.facilitator.get('/api/me')).body.facilitator.id as string,
  }
  const a = connectClient(s.wsUrl, w.boardId, { cookie: anna.cookie })
  const b = connectClient(s.wsUrl, w.boardId, { cookie: bert.cookie })
  const f = connectClient(s.wsUrl, w.boardId, { cookie: w.facilitator.cookie })
  clients.push(a, b, f)
  await Promise.all([a.synced(), b.synced(), f.synced()])
  const ideaA = new Board(a.doc).addIdea({ text: IDEA_A, authorId: ids.anna, authorName: ANNA })
  const ideaB = new Board(b.doc).addIdea({ text: IDEA_B, authorId: ids.bert, authorName: BERT })
  new Board(f.doc).addIdea({
    text: 'Idee der Moderation',
    authorId: ids.facilitator,
    authorName: 'Frau Moderatorin',
  })
  await Promise.all([a.allConfirmed(), b.allConfirmed(), f.allConfirmed()])
  await waitFor(() => new Board(f.doc).ideas().length === 3, 5_000, 'ideas everywhere')
  const api = `/api/workshops/${w.workshopId}`
  // One of Anna's ideas is hidden: held by the server with her name (held_ideas).
  const hidden = new Board(a.doc).addIdea({
    text: 'Verborgen',
    authorId: ids.anna,
    authorName: ANNA,
  })
  await a.allConfirmed()
  expect((await w.facilitator.post(`${api}/ideas/${hidden}/hide`)).status).toBe(204)
  await waitFor(() => new Board(f.doc).ideas().length === 3, 5_000, 'hidden idea held')
  expect((await w.facilitator.post(`${api}/rounds`, { dotsPerPerson: 2 })).status).toBe(201)
  for (const [who, target] of [
    [anna, ideaB],
    [bert, ideaA],
  ] as const) {
    expect((await who.post(`${api}/votes`, { targetId: target, delta: 1 })).status).toBe(200)
  }
  return { w, anna, bert, ids, clients: { a, b, f } }
}

/** Everything the facilitator can export, as text: report (Markdown, HTML) and open-data ZIP. */
async function exportsText(s: RunningServer, w: WorkshopFixture): Promise<string[]> {
  const api = `${s.url}/api/workshops/${w.workshopId}`
  const get = (path: string) =>
    fetch(`${api}${path}`, {
      headers: w.facilitator.cookie ? { cookie: w.facilitator.cookie } : {},
    })
  const texts: string[] = []
  for (const format of ['md', 'html']) {
    const res = await get(`/report?format=${format}&names=1`)
    expect(res.status).toBe(200)
    texts.push(await res.text())
  }
  const zip = await get('/open-data.zip')
  expect(zip.status).toBe(200)
  const files = unzipSync(new Uint8Array(await zip.arrayBuffer()))
  expect(Object.keys(files).length).toBeGreaterThan(1)
  for (const bytes of Object.values(files)) texts.push(strFromU8(bytes))
  return texts
}

/** Text of a Yjs update: every string it carries (decoded), so deleted content would show. */
function yjsText(bytes: Uint8Array): string {
  try {
    const { structs } = Y.decodeUpdate(bytes)
    return structs
      .map((s) => {
        const content = (s as { content?: { str?: unknown; arr?: unknown } }).content
        return JSON.stringify([content?.str ?? null, content?.arr ?? null])
      })
      .join('\n')
  } catch {
    return ''
  }
}

/**
 * Scans every row of every table of the database for the needles: text columns as text, binary
 * columns both raw and decoded as Yjs. Returns `table.column: needle` for each hit.
 */
async function scanDatabase(
  db: Db,
  needles: string[],
  except: Record<string, string[]> = {},
): Promise<{ hits: string[]; rows: number; yjsRows: number }> {
  const tables = await db.query<{ table_name: string }>(
    `select table_name from information_schema.tables
     where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`,
  )
  expect(tables.map((t) => t.table_name)).toEqual(
    expect.arrayContaining(['board_snapshots', 'board_updates', 'guests', 'retention_log']),
  )
  const hits: string[] = []
  let rows = 0
  let yjsRows = 0
  for (const { table_name: table } of tables) {
    for (const row of await db.query(`select * from "${table}"`)) {
      rows++
      for (const [column, value] of Object.entries(row)) {
        let text: string
        if (value instanceof Uint8Array) {
          const decoded = yjsText(value)
          if (decoded) yjsRows++
          text = `${Buffer.from(value).toString('utf8')}\n${decoded}`
        } else {
          text =
            typeof value === 'string'
              ? value
              : typeof value === 'bigint'
                ? String(value)
                : (JSON.stringify(value) ?? '')
        }
        for (const needle of needles) {
          if (except[table]?.includes(needle)) continue
          if (text.includes(needle)) hits.push(`${table}.${column}: ${needle}`)
        }
      }
    }
  }
  return { hits, rows, yjsRows }
}

const closeCodes = (client: TestClient) => {
  const codes: number[] = []
  client.provider.on('connection-close', (event) => {
    if (event) codes.push(event.code)
  })
  return codes
}

describe.each(ENGINES)('retention (%s)', (engine) => {
  it("deletes guests' names after N days: from guests, board, update log, snapshots and exports", async () => {
    const s = await start(engine)
    const { w, anna, ids, clients: live } = await populated(s, 'Namen nach 30 Tagen')
    const api = `/api/workshops/${w.workshopId}`
    const db = s.server.db
    // Before: the names are there (the checks below could fail).
    expect((await exportsText(s, w)).join('\n')).toContain(ANNA)
    expect((await scanDatabase(db, [ANNA, BERT])).hits.length).toBeGreaterThan(0)

    // Validation: facilitators only, 400 with a message naming the field.
    for (const bad of [
      { namesDays: 0, workshopDays: null },
      { namesDays: 1.5, workshopDays: null },
      { namesDays: '30', workshopDays: null },
      { namesDays: 30, workshopDays: 5000 },
      { namesDays: 30 },
      { namesDays: 30, workshopDays: null, extra: true },
    ]) {
      const res = await w.facilitator.request('PUT', `${api}/retention`, bad)
      expect(res.status, JSON.stringify(bad)).toBe(400)
      expect(res.body.error.code).toBe('invalid_request')
      expect(res.body.error.message).toMatch(/namesDays|workshopDays|extra|body/)
    }
    const tooLong = await w.facilitator.request('PUT', `${api}/retention`, {
      namesDays: 30,
      workshopDays: 4000,
    })
    expect(tooLong.body.error.message).toContain('workshopDays: must be at most 3650 days')
    expect(
      (await anna.request('PUT', `${api}/retention`, { namesDays: 1, workshopDays: 1 })).status,
    ).toBe(403)
    expect((await anna.get(`${api}/retention`)).status).toBe(403)

    const openapi = (await w.facilitator.get('/api/openapi.json')).body
    expect(Object.keys(openapi.paths['/workshops/{id}/retention'])).toEqual(['get', 'put'])

    // Defaults apply until set: names after 30 days, the workshop is kept.
    const detail = (await w.facilitator.get(api)).body
    expect(detail.retention).toMatchObject({ namesDays: 30, workshopDays: null, custom: false })
    const put = await w.facilitator.request('PUT', `${api}/retention`, {
      namesDays: 14,
      workshopDays: null,
    })
    expect(put.status).toBe(200)
    expect(put.body).toMatchObject({ namesDays: 14, workshopDays: null, custom: true })
    const endsAt = Date.parse(put.body.endsAt)
    expect(Math.abs(endsAt - Date.now())).toBeLessThan(60_000) // the board was open just now
    expect(Date.parse(put.body.namesDeleteAt) - endsAt).toBe(14 * DAY)
    expect(put.body.workshopDeleteAt).toBeNull()
    expect((await w.facilitator.get(`${api}/retention`)).body).toEqual(put.body)

    // A second workshop that is due too, whose processing fails once: the other still goes.
    const other = await workshopFixture(s.url, { title: 'Zweiter Workshop' })
    await other.join('participant', 'Carla Zweitname')
    await other.facilitator.request('PUT', `/api/workshops/${other.workshopId}/retention`, {
      namesDays: 1,
      workshopDays: null,
    })
    const rooms = s.server.rooms
    const acquire = rooms.acquire.bind(rooms)
    rooms.acquire = (boardId: string) =>
      boardId === other.boardId ? Promise.reject(new Error('injected failure')) : acquire(boardId)

    const job = s.server.retention
    const early = await job.run(new Date(Date.now() + 13 * DAY))
    expect(early.namesDeleted).toEqual([])
    const clock = new Date(Date.now() + 15 * DAY)
    const first = await job.run(clock)
    expect(first.namesDeleted).toEqual([w.workshopId])
    expect(first.failed).toEqual([other.workshopId])
    rooms.acquire = acquire

    // Live clients see the names go; the facilitator's own name stays on their idea.
    await waitFor(
      () =>
        new Board(live.a.doc).ideas().every((i) => i.authorName !== ANNA && i.authorName !== BERT),
      5_000,
      'names leave the live boards',
    )
    // A guest still connected comes back without the name (it is written on new ideas).
    await waitFor(() => live.a.controls.at(-1)?.me.name === null, 5_000, 'reconnected nameless')
    expect(live.a.controls.some((c) => c.me.name === ANNA)).toBe(true)
    const ideas = new Board(live.f.doc).ideas()
    expect(ideas.map((i) => i.text).sort()).toEqual([IDEA_A, IDEA_B, 'Idee der Moderation'].sort())
    expect(ideas.find((i) => i.authorId === ids.facilitator)?.authorName).toBe('Frau Moderatorin')
    expect(ideas.find((i) => i.text === IDEA_A)?.authorId).toBe(ids.anna)

    // Every table, every row: no name left — neither in the snapshot nor in the history's log
    // rows and restore points (issue 14 §3); the idea texts are still there, in all three.
    const after = await scanDatabase(db, [ANNA, BERT, IDEA_A])
    expect(after.hits.sort()).toEqual([
      `board_restore_points.data: ${IDEA_A}`,
      `board_snapshots.data: ${IDEA_A}`,
      `board_updates.data: ${IDEA_A}`,
    ])
    expect(after.yjsRows).toBeGreaterThan(0)
    const guests = await db.query<{ display_name: string | null }>(
      'select display_name from guests where workshop_id = $1',
      [w.workshopId],
    )
    expect(guests).toEqual([{ display_name: null }, { display_name: null }])
    expect((await anna.get('/api/me')).body.guest.name).toBeNull()
    for (const text of await exportsText(s, w)) {
      expect(text).not.toContain(ANNA)
      expect(text).not.toContain(BERT)
    }
    expect((await exportsText(s, w)).join('\n')).toContain(IDEA_A)
    const audit = await db.query<{ action: string; detail: string }>(
      'select action, detail from retention_log where workshop_id = $1',
      [w.workshopId],
    )
    expect(audit).toEqual([
      // Anna's and Bert's idea on the board, and Anna's hidden one held by the server.
      { action: 'names-deleted', detail: JSON.stringify({ guests: 2, ideas: 3 }) },
    ])
    expect((await w.facilitator.get(`${api}/retention`)).body.namesDeletedAt).toBe(
      clock.toISOString(),
    )

    // The job again: the failed workshop now goes, the done one is not touched again.
    const second = await job.run(clock)
    expect(second).toEqual({ namesDeleted: [other.workshopId], workshopsDeleted: [], failed: [] })
    expect(await job.run(new Date(Date.now() + 16 * DAY))).toEqual({
      namesDeleted: [],
      workshopsDeleted: [],
      failed: [],
    })
    expect((await scanDatabase(db, ['Carla Zweitname'])).hits).toEqual([])

    // A restore to each point of the history brings no name back either.
    const history = (await w.facilitator.get(`${api}/history`)).body as { id: number }[]
    expect(history.length).toBeGreaterThan(1)
    for (const entry of history) {
      const restored = await w.facilitator.post(`${api}/history/restore`, { before: entry.id })
      expect(restored.status).toBe(200)
      const names = new Board(live.f.doc).ideas().map((i) => i.authorName)
      expect(names).not.toContain(ANNA)
      expect(names).not.toContain(BERT)
    }
    expect((await scanDatabase(db, [ANNA, BERT])).hits).toEqual([])
  })

  it('deletes the whole workshop after N days: every table, exports gone, live clients closed 4404', async () => {
    const s = await start(engine)
    const gone = await populated(s, 'Wird komplett gelöscht')
    const keep = await workshopFixture(s.url, { title: 'Bleibt bestehen' })
    const keeper = await keep.join('participant', 'Konrad Bleibtda')
    const k = connectClient(s.wsUrl, keep.boardId, { cookie: keeper.cookie })
    clients.push(k)
    await k.synced()
    new Board(k.doc).addIdea({ text: 'IDEE-die-bleibt', authorName: 'Konrad Bleibtda' })
    await k.allConfirmed()
    const { w } = gone
    const api = `/api/workshops/${w.workshopId}`
    const db = s.server.db
    await w.facilitator.post(`${api}/rounds/current/reveal`)
    const res = await w.facilitator.request('PUT', `${api}/retention`, {
      namesDays: null,
      workshopDays: 7,
    })
    expect(res.status).toBe(200)
    expect(Date.parse(res.body.workshopDeleteAt) - Date.parse(res.body.endsAt)).toBe(7 * DAY)
    // Make sure the facts are in the database before (the scan below could fail).
    const needles = [
      ANNA,
      BERT,
      IDEA_A,
      IDEA_B,
      w.workshopId,
      w.boardId,
      w.participantCode,
      gone.ids.anna,
      gone.ids.bert,
      'Wird komplett gelöscht',
    ]
    const before = await scanDatabase(db, needles)
    for (const needle of needles) expect(before.hits.join('\n')).toContain(needle)
    const codes = closeCodes(gone.clients.a)

    const job = s.server.retention
    expect((await job.run(new Date(Date.now() + 6 * DAY))).workshopsDeleted).toEqual([])
    const result = await job.run(new Date(Date.now() + 8 * DAY))
    expect(result).toEqual({ namesDeleted: [], workshopsDeleted: [w.workshopId], failed: [] })

    await waitFor(() => codes.includes(4404), 5_000, 'close 4404')
    expect(s.server.rooms.get(w.boardId)).toBeUndefined()
    // Nothing of it anywhere — only the deletion log keeps the (random) workshop and board ids.
    const after = await scanDatabase(db, needles, {
      retention_log: [w.workshopId, w.boardId],
    })
    expect(after.hits).toEqual([])
    const audit = await db.query<{ action: string; detail: string }>(
      'select action, detail from retention_log where workshop_id = $1',
      [w.workshopId],
    )
    expect(audit.map((a) => a.action)).toEqual(['workshop-deleted'])
    expect((await w.facilitator.get(api)).status).toBe(404)
    expect((await w.facilitator.get(`${api}/report?format=md`)).status).toBe(404)
    expect((await w.facilitator.get(`${api}/open-data.zip`)).status).toBe(404)
    expect((await gone.anna.get('/api/me')).status).toBe(401)
    // A reconnect is refused too.
    const late = connectClient(s.wsUrl, w.boardId, { cookie: w.facilitator.cookie })
    clients.push(late)
    const lateCodes = closeCodes(late)
    await waitFor(() => lateCodes.length > 0, 5_000, 'late connection refused')
    expect(lateCodes[0]).toBeGreaterThanOrEqual(4400)

    // The job again is harmless; the other workshop is untouched.
    expect(await job.run(new Date(Date.now() + 9 * DAY))).toEqual({
      namesDeleted: [],
      workshopsDeleted: [],
      failed: [],
    })
    expect((await keep.facilitator.get(`/api/workshops/${keep.workshopId}`)).status).toBe(200)
    const kept = (await scanDatabase(db, ['IDEE-die-bleibt', 'Konrad Bleibtda'])).hits
    expect(kept).toContain('guests.display_name: Konrad Bleibtda')
    expect(kept.some((hit) => /^board_(updates|snapshots)\.data: IDEE-die-bleibt$/.test(hit))).toBe(
      true,
    )
  })

  it.runIf(engine === 'postgres')(
    'two instances running the job at once process each workshop exactly once',
    async () => {
      const a = await start(engine)
      const [row] = await a.server.db.query<{ schema: string }>('select current_schema() as schema')
      const schema = row?.schema ?? ''
      const b = await start(engine, {
        DATABASE_URL: process.env.DATABASE_URL ?? '',
        DATABASE_SCHEMA: schema,
      })
      const ids: string[] = []
      for (let i = 0; i < 6; i++) {
        const w = await workshopFixture(a.url, { title: `Parallel ${i}` })
        await w.join('participant', `Person ${i}`)
        const res = await w.facilitator.request('PUT', `/api/workshops/${w.workshopId}/retention`, {
          namesDays: 1,
          workshopDays: i % 2 === 0 ? 2 : null,
        })
        expect(res.status).toBe(200)
        ids.push(w.workshopId)
      }
      const now = new Date(Date.now() + 3 * DAY)
      const [ra, rb] = await Promise.all([a.server.retention.run(now), b.server.retention.run(now)])
      const deleted = [...ra.workshopsDeleted, ...rb.workshopsDeleted].sort()
      const named = [...ra.namesDeleted, ...rb.namesDeleted].sort()
      expect(deleted).toEqual(ids.filter((_, i) => i % 2 === 0).sort())
      expect(named).toEqual(ids.filter((_, i) => i % 2 === 1).sort())
      expect([...ra.failed, ...rb.failed]).toEqual([])
      const log = await a.server.db.query<{ n: string | number }>(
        'select count(*) as n from retention_log',
      )
      expect(Number(log[0]?.n)).toBe(6)
    },
  )
})
