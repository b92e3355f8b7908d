/**
 * What became of an idea (issue 20 §2) against a real server, on both engines: the workshop's
 * facilitators give public ideas a status — with a reason for "nicht umgesetzt", a merge into
 * another idea of the same workshop — and every change is kept with its date; the report and
 * the open data carry status and history. The server refuses what the UI never offers (unknown
 * idea, no reason, merging into itself, into another workshop's idea or in a circle, a made-up
 * status) with clear 4xx answers, and hostile guests with raw HTTP cannot set or read statuses
 * or publish the results page — nothing is stored. Erasure and the retention job's deletion of
 * the workshop take the changes with them.
 */
import { Board } from '@ideenwand/board'
import { unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { type ApiClient, type WorkshopFixture, workshopFixture } from './support/api.ts'
import { connectClient, waitFor } from './support/clients.ts'
import { ENGINES, type Engine } from './support/engines.ts'
import { perTest } from './support/perTest.ts'
import { startServer } from './support/servers.ts'
import { workshopClients } from './support/workshopClients.ts'

const t = perTest()
const clients = workshopClients(t)
const DAY = 24 * 3600 * 1000

/** A workshop whose facilitator wrote three ideas (and another workshop with one). */
async function setUp(engine: Engine) {
  t.server = await startServer(engine, { env: { RATE_LIMIT_JOIN_PER_MINUTE: '10000' } })
  const server = t.server
  const w = await workshopFixture(server.url)
  const other = await workshopFixture(server.url, { title: 'Anderer Workshop' })
  const write = async (fixture: WorkshopFixture, texts: string[]) => {
    const fac = connectClient(server.wsUrl, fixture.boardId, { cookie: fixture.facilitator.cookie })
    t.clients.push(fac)
    await fac.synced()
    const board = new Board(fac.doc)
    const ids = texts.map((text) => board.addIdea({ text }))
    await fac.allConfirmed()
    return ids
  }
  const [radweg, bus, bank] = (await write(w, [
    'Radweg nach Wiesenburg',
    'Rufbus am Wochenende',
    'Mehr Bänke im Kurpark',
  ])) as [string, string, string]
  const [foreign] = (await write(other, ['Idee anderswo'])) as [string]
  return { s: server, w, other, radweg, bus, bank, foreign }
}

const statusPath = (w: WorkshopFixture, ideaId: string) =>
  `/api/workshops/${w.workshopId}/ideas/${ideaId}/status`

async function rowsOf(
  db: { query: (sql: string, p: unknown[]) => Promise<unknown[]> },
  id: string,
) {
  return (await db.query(
    'select idea_id, status, reason, merged_into, changed_by from idea_status_changes where workshop_id = $1 order by id',
    [id],
  )) as { idea_id: string; status: string; reason: string | null; merged_into: string | null }[]
}

describe.each(ENGINES)('idea status (%s)', (engine) => {
  it('facilitators set statuses with a dated history; report and open data carry them', async () => {
    const { s, w, radweg, bus, bank } = await setUp(engine)
    const f = w.facilitator
    // A participant's stock client: the current statuses reach everyone in the control state.
    const paula = await w.join('participant', 'Paula')
    const pc = connectClient(s.wsUrl, w.boardId, { cookie: paula.cookie })
    t.clients.push(pc)
    await pc.synced()
    await waitFor(() => pc.controls.length > 0)
    expect(pc.controls.at(-1)?.ideaStatus).toEqual({})
    const review = await f.post(statusPath(w, radweg), { status: 'in_review' })
    expect(review.status).toBe(201)
    expect(review.body).toMatchObject({
      ideaId: radweg,
      status: 'in_review',
      reason: null,
      mergedInto: null,
      changedBy: 'Frau Moderatorin',
    })
    expect(Math.abs(review.body.changedAt - Date.now())).toBeLessThan(60_000)
    expect((await f.post(statusPath(w, radweg), { status: 'forwarded' })).status).toBe(201)
    const done = await f.post(statusPath(w, radweg), { status: 'implemented', reason: ' 2027 ' })
    expect(done.body).toMatchObject({ status: 'implemented', reason: '2027' })
    // The same again changes nothing and stores nothing.
    expect(
      (await f.post(statusPath(w, radweg), { status: 'implemented', reason: '2027' })).status,
    ).toBe(204)
    const no = await f.post(statusPath(w, bank), {
      status: 'not_implemented',
      reason: 'Kein Geld im Haushalt',
    })
    expect(no.status).toBe(201)
    const merged = await f.post(statusPath(w, bus), { status: 'merged', mergedInto: radweg })
    expect(merged.body).toMatchObject({ status: 'merged', mergedInto: radweg })

    await waitFor(
      () =>
        JSON.stringify(pc.controls.at(-1)?.ideaStatus) ===
        JSON.stringify({ [radweg]: 'implemented', [bank]: 'not_implemented', [bus]: 'merged' }),
    )

    const overview = await f.get(`/api/workshops/${w.workshopId}/idea-status`)
    expect(overview.status).toBe(200)
    expect(overview.body.ideas.map((i: { text: string }) => i.text).sort()).toEqual([
      'Mehr Bänke im Kurpark',
      'Radweg nach Wiesenburg',
      'Rufbus am Wochenende',
    ])
    expect(overview.body.changes.map((c: { status: string }) => c.status)).toEqual([
      'in_review',
      'forwarded',
      'implemented',
      'not_implemented',
      'merged',
    ])
    expect(await rowsOf(s.server.db, w.workshopId)).toHaveLength(5)

    // The report says what became of each idea, with the history.
    const md = await f.get(`/api/workshops/${w.workshopId}/report?format=md`)
    expect(md.body).toContain('Radweg nach Wiesenburg — Stand: **umgesetzt** (2027)')
    expect(md.body).toContain('Stand: **nicht umgesetzt** (Kein Geld im Haushalt)')
    expect(md.body).toContain('Stand: **zusammengelegt mit „Radweg nach Wiesenburg“**')
    expect(md.body).toContain('## Was aus den Ideen wurde')
    expect(md.body).not.toContain('Frau Moderatorin —')
    // The open data: status columns in ideas.csv, the history as its own resource.
    const zip = await fetch(`${s.url}/api/workshops/${w.workshopId}/open-data.zip`, {
      headers: { cookie: f.cookie ?? '' },
    })
    const files = unzipSync(new Uint8Array(await zip.arrayBuffer()))
    const text = (name: string) => new TextDecoder().decode(files[name])
    expect(text('ideas.csv').split('\r\n')[0]).toContain(
      ',status,status_reason,merged_into,status_changed',
    )
    expect(text('ideas.csv')).toContain(`,not_implemented,Kein Geld im Haushalt,,`)
    expect(text('ideas.csv')).toContain(`,merged,,${radweg},`)
    const history = text('status_changes.csv').trim().split('\r\n')
    expect(history[0]).toBe('change,idea_id,status,reason,merged_into,changed')
    expect(history.slice(1).map((l) => l.split(',').slice(0, 3).join(','))).toEqual([
      `1,${radweg},in_review`,
      `2,${radweg},forwarded`,
      `3,${radweg},implemented`,
      `4,${bank},not_implemented`,
      `5,${bus},merged`,
    ])
    // Who changed a status is nowhere in the data package (the report names the facilitation).
    for (const name of Object.keys(files).filter((n) => n.endsWith('.csv'))) {
      expect(text(name)).not.toContain('Moderatorin')
    }
    const pkg = JSON.parse(text('datapackage.json'))
    expect(pkg.resources.map((r: { name: string }) => r.name)).toContain('status_changes')
    const single = await f.get(`/api/workshops/${w.workshopId}/open-data/status_changes.csv`)
    expect(single.status).toBe(200)
    expect(single.body).toContain(`5,${bus},merged,,${radweg},`)
  })

  it('refuses what makes no sense, with a clear answer, and stores nothing', async () => {
    const { s, w, radweg, bus, bank, foreign } = await setUp(engine)
    const f = w.facilitator
    const refusals: [string, unknown, number, string, RegExp][] = [
      ['unknown idea', { status: 'implemented' }, 404, 'idea_not_found', /No such public idea/],
      ['no reason', { status: 'not_implemented' }, 400, 'status_reason_required', /reason/],
      [
        'blank reason',
        { status: 'not_implemented', reason: '   ' },
        400,
        'status_reason_required',
        /reason/,
      ],
      ['made-up status', { status: 'erledigt' }, 400, 'invalid_request', /status must be one of/],
      ['merge without target', { status: 'merged' }, 400, 'invalid_merge_target', /which idea/],
      [
        'merge into itself',
        { status: 'merged', mergedInto: radweg },
        400,
        'invalid_merge_target',
        /itself/,
      ],
      [
        'merge into another workshop',
        { status: 'merged', mergedInto: foreign },
        400,
        'invalid_merge_target',
        /no public idea of this workshop/,
      ],
      [
        'target without merge',
        { status: 'implemented', mergedInto: bus },
        400,
        'invalid_merge_target',
        /only given with the status merged/,
      ],
      [
        'reason too long',
        { status: 'not_implemented', reason: 'x'.repeat(1001) },
        400,
        'invalid_request',
        /reason/,
      ],
    ]
    for (const [what, body, status, code, message] of refusals) {
      const idea = what === 'unknown idea' ? 'i-gibt-es-nicht' : radweg
      const res = await f.post(statusPath(w, idea), body)
      expect(res.status, what).toBe(status)
      expect(res.body.error.code, what).toBe(code)
      expect(res.body.error.message, what).toMatch(message)
    }
    // Another workshop's idea under this workshop is unknown here.
    expect((await f.post(statusPath(w, foreign), { status: 'implemented' })).status).toBe(404)
    expect(await rowsOf(s.server.db, w.workshopId)).toEqual([])

    // A circle: bus into radweg, bank into bus, then radweg into bank is refused.
    expect(
      (await f.post(statusPath(w, bus), { status: 'merged', mergedInto: radweg })).status,
    ).toBe(201)
    expect((await f.post(statusPath(w, bank), { status: 'merged', mergedInto: bus })).status).toBe(
      201,
    )
    const circle = await f.post(statusPath(w, radweg), { status: 'merged', mergedInto: bank })
    expect(circle.status).toBe(409)
    expect(circle.body.error.code).toBe('merge_cycle')
    expect((await rowsOf(s.server.db, w.workshopId)).map((r) => r.idea_id)).toEqual([bus, bank])
  })

  it('hostile guests with raw HTTP cannot set or read statuses, or publish the page', async () => {
    const { s, w, other, radweg } = await setUp(engine)
    expect((await w.facilitator.post(statusPath(w, radweg), { status: 'in_review' })).status).toBe(
      201,
    )
    const participant = await w.join('participant', 'Mallory')
    const viewer = await w.join('viewer')
    const stranger = await other.join('participant', 'Eve')
    const nobody = new (w.facilitator.constructor as typeof ApiClient)(s.url)
    const cases: [string, ApiClient, number, string][] = [
      ['participant', participant, 403, 'forbidden'],
      ['viewer', viewer, 403, 'forbidden'],
      ['guest of another workshop', stranger, 404, 'workshop_not_found'],
      ['nobody', nobody, 401, 'unauthorized'],
    ]
    for (const [who, client, status, code] of cases) {
      for (const res of [
        await client.post(statusPath(w, radweg), { status: 'implemented' }),
        await client.get(`/api/workshops/${w.workshopId}/idea-status`),
        await client.patch(`/api/workshops/${w.workshopId}/results-page`, { published: true }),
        await client.get(`/api/workshops/${w.workshopId}/results-page`),
      ]) {
        expect(res.status, who).toBe(status)
        expect(res.body.error.code, who).toBe(code)
      }
    }
    // Nothing changed: one status, and the page is not published.
    expect((await rowsOf(s.server.db, w.workshopId)).map((r) => r.status)).toEqual(['in_review'])
    expect((await fetch(`${s.url}/ergebnisse/${w.workshopId}`)).status).toBe(404)
    // Another workshop's facilitator is a stranger too (same person here: the other workshop's
    // guests are refused above); the status of the other workshop's ideas is untouched.
    expect(await rowsOf(s.server.db, other.workshopId)).toEqual([])
  })

  it("erasure takes the changes of the person's ideas; deleting the workshop takes all", async () => {
    const { s, w, radweg } = await setUp(engine)
    const { guest: paula, ideaId: hers } = await clients.participantIdea(
      s,
      w,
      'Paula',
      'Paulas Idee',
    )
    const f = w.facilitator
    expect(
      (await f.post(statusPath(w, hers), { status: 'forwarded', reason: 'Bauamt' })).status,
    ).toBe(201)
    expect(
      (await f.post(statusPath(w, radweg), { status: 'merged', mergedInto: hers })).status,
    ).toBe(201)
    expect((await paula.post('/api/me/forget')).status).toBe(200)
    const rows = await rowsOf(s.server.db, w.workshopId)
    expect(rows.map((r) => r.idea_id)).toEqual([radweg])
    // The merge into her erased idea stays a merge, but the outcome no longer names a target.
    const md = await f.get(`/api/workshops/${w.workshopId}/report?format=md`)
    expect(md.body).toContain('zusammengelegt mit einer nicht öffentlichen Idee')
    expect(md.body).not.toContain('Paulas Idee')

    // The retention job deletes the workshop, and its status changes with it.
    const api = `/api/workshops/${w.workshopId}`
    const retention = await f.request('PUT', `${api}/retention`, {
      namesDays: null,
      workshopDays: 7,
    })
    expect(retention.status).toBe(200)
    const result = await s.server.retention.run(new Date(Date.now() + 8 * DAY))
    expect(result.workshopsDeleted).toEqual([w.workshopId])
    expect(await rowsOf(s.server.db, w.workshopId)).toEqual([])
  })
})
