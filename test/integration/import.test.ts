/**
 * Safe import (issue 15): the shapes that stalled the server or got through — a ZIP inflating to
 * 1 GiB, 50 and 65,000 directory entries on one 20 MiB stream, 10,000 ideas, a record nested
 * 20,000 deep — are each refused with their own 4xx code while `/healthz`, asked every 50 ms,
 * stays quick (no stall: p99 ≤ 500 ms, max ≤ 1.5 s, where the unbounded server stalled for seconds; the figures are printed), against a server started as
 * `pnpm start` does, on both engines. Further: overlapping entries under different names, the
 * board limits applied to what an import creates, the time limit, the queue, and an import whose
 * write fails leaves no row behind.
 */
import { Board, canvasStore } from '@ideenwand/board'
import { EXPORT_FILE, type MachineExport, toMachineExport } from '@ideenwand/report'
import { fixtureOutcome } from '@ideenwand/report/fixture'
import { strToU8, zipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import { type ApiClient, workshopFixture } from './support/api.ts'
import { connectClient } from './support/clients.ts'
import { ENGINES } from './support/engines.ts'
import { probeHealth, STALL_MAX_MS, STALL_P99_MS } from './support/healthProbe.ts'
import { inflateBomb, overlappingEntries, rawZip } from './support/rawZip.ts'
import { ChildServer, type RunningServer, startServer } from './support/servers.ts'

const BASE: MachineExport = toMachineExport(fixtureOutcome())

/** A valid export with `n` ideas (and no status changes: they would name the fixture's ideas). */
function withIdeas(n: number, text = (i: number) => `Idee ${i}`): MachineExport {
  return {
    ...BASE,
    statusChanges: [],
    ideas: Array.from({ length: n }, (_, i) => ({
      id: `i-${i}`,
      text: text(i),
      clusterId: null,
      createdAt: Date.UTC(2026, 8, 22, 16, 0, i % 60),
      color: 'yellow' as const,
    })),
  }
}

/** A valid-looking export whose one canvas record nests `depth` lists. */
function nested(depth: number): string {
  const json = JSON.stringify({ ...BASE, canvas: [{ id: 'shape:deep', props: '@DEEP@' }] })
  return json.replace('"@DEEP@"', `${'['.repeat(depth)}${']'.repeat(depth)}`)
}

async function upload(baseUrl: string, client: ApiClient, body: Uint8Array | string, type: string) {
  const res = await fetch(`${baseUrl}/api/workshops/import`, {
    method: 'POST',
    headers: { 'content-type': type, ...(client.cookie ? { cookie: client.cookie } : {}) },
    body: typeof body === 'string' ? body : new Blob([body as Uint8Array<ArrayBuffer>]),
  })
  return { status: res.status, headers: res.headers, body: await res.json() }
}

/**
 * Each bomb is sent again and again, the next one after the probe's next answer, until the probe
 * has this many answers (about 5 s): enough that the p99 is not simply the slowest one.
 */
const PROBES = 100

const BOMBS = [
  {
    name: 'a 1 MB ZIP inflating to 1 GiB (declared as 1,000 bytes)',
    body: inflateBomb,
    type: 'application/zip',
    status: 413,
    code: 'import_unpacks_too_large',
  },
  {
    name: '50 entries pointing at one 20 MiB stream',
    body: () => overlappingEntries(50),
    type: 'application/zip',
    status: 400,
    code: 'import_overlapping_entries',
  },
  {
    name: '65,000 entries pointing at one 20 MiB stream',
    body: () => overlappingEntries(65_000),
    type: 'application/zip',
    status: 400,
    code: 'import_too_many_entries',
  },
  {
    name: '10,000 ideas (BOARD_MAX_IDEAS 5,000)',
    body: () => JSON.stringify(withIdeas(10_000)),
    type: 'application/json',
    status: 413,
    code: 'import_too_many_ideas',
  },
  {
    name: 'a record nested 20,000 levels deep',
    body: () => nested(20_000),
    type: 'application/json',
    status: 400,
    code: 'import_too_deep',
  },
] as const

describe.each(ENGINES)('import bombs against a started server (%s)', (engine) => {
  let server: ChildServer
  let facilitator: ApiClient

  beforeAll(async () => {
    server = await ChildServer.create(engine)
    await server.start()
    facilitator = (await workshopFixture(server.url)).facilitator
  })

  afterAll(async () => {
    await server?.kill('SIGTERM')
  })

  const workshops = async () => (await facilitator.get('/api/workshops')).body.length as number

  it('(the probe with no import running, for comparison)', async () => {
    const probe = await probeHealth(server.url, 50)
    await probe.answered(PROBES)
    const figures = await probe.stop()
    console.log(
      `[${engine}] no import: /healthz ${figures.count} probes p50 ${figures.p50} ms, p99 ${figures.p99} ms, max ${figures.max} ms`,
    )
    expect(figures.count).toBeGreaterThanOrEqual(PROBES)
  })

  it('a normal export still imports on this server', async () => {
    const zip = zipSync({ [EXPORT_FILE]: strToU8(JSON.stringify(BASE)) })
    const res = await upload(server.url, facilitator, zip, 'application/zip')
    expect(res.status).toBe(201)
    const created = await facilitator.get(`/api/workshops/${res.body.id}`)
    expect(created.body.title).toBe(BASE.workshop.title)
  })

  it('a large honest export (5,000 ideas, 20,000 canvas records, ~12 MB) imports whole', async () => {
    const data = withIdeas(
      5000,
      (i) => `${i} ${'Radweg durchgehend ausbauen, mit Licht. '.repeat(25)}`,
    )
    data.canvas = Array.from({ length: 20_000 }, (_, i) => ({
      id: `shape:${i}`,
      typeName: 'shape',
      type: 'geo',
      x: i,
      y: i,
      props: { w: 100, h: 100, richText: { type: 'doc', content: [{ type: 'paragraph' }] } },
    }))
    const body = JSON.stringify(data)
    const probe = await probeHealth(server.url, 50)
    const started = performance.now()
    const res = await upload(server.url, facilitator, body, 'application/json')
    const took = Math.round(performance.now() - started)
    const figures = await probe.stop()
    console.log(
      `[${engine}] honest export (${body.length} bytes): ${res.status} in ${took} ms; /healthz ${figures.count} probes p50 ${figures.p50} ms, p99 ${figures.p99} ms, max ${figures.max} ms`,
    )
    expect(res.status).toBe(201)
    const client = connectClient(server.wsUrl, res.body.boardId, {
      cookie: facilitator.cookie ?? '',
    })
    onTestFinished(() => client.destroy())
    await client.synced()
    expect(new Board(client.doc).ideas()).toHaveLength(5000)
    expect(canvasStore(client.doc).map.size).toBe(20_000)
  })

  it.each(BOMBS)('$name → $status $code, nothing imported, /healthz stays quick', async (bomb) => {
    const body = bomb.body()
    const before = await workshops()
    const probe = await probeHealth(server.url, 50)
    const results = []
    const times: number[] = []
    while (probe.count < PROBES) {
      const started = performance.now()
      results.push(await upload(server.url, facilitator, body, bomb.type))
      times.push(performance.now() - started)
      await probe.answered(probe.count + 1)
    }
    const figures = await probe.stop()
    const median = Math.round(times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!)
    console.log(
      `[${engine}] ${bomb.name} (${body.length} bytes) x${results.length}: ${results[0]!.status} ${results[0]!.body.error?.code}, median ${median} ms per upload; /healthz ${figures.count} probes p50 ${figures.p50} ms, p99 ${figures.p99} ms, max ${figures.max} ms`,
    )
    for (const res of results) {
      expect(res).toMatchObject({ status: bomb.status, body: { error: { code: bomb.code } } })
      expect(res.body.error.message.length).toBeGreaterThan(10)
    }
    expect(await workshops()).toBe(before)
    expect(figures.p99).toBeLessThanOrEqual(STALL_P99_MS)
    expect(figures.max).toBeLessThanOrEqual(STALL_MAX_MS)
  })
})

describe.each(ENGINES)('import limits (%s)', (engine) => {
  let server: RunningServer
  let facilitator: ApiClient

  beforeAll(async () => {
    server = await startServer(engine, { env: { BOARD_MAX_BYTES: String(64 * 1024) } })
    facilitator = (await workshopFixture(server.url)).facilitator
  })

  afterAll(async () => {
    await server?.stop()
  })

  /** Rows an import writes, table by table. */
  async function rows(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {}
    for (const table of ['workshops', 'boards', 'board_updates', 'voting_rounds', 'activity']) {
      const [row] = await server.server.db.query<{ n: string | number }>(
        `select count(*) as n from ${table}`,
      )
      counts[table] = Number(row?.n)
    }
    return counts
  }

  it('entries that share their bytes under different names are refused', async () => {
    const data = strToU8(JSON.stringify(BASE))
    const zip = rawZip(
      [{ name: EXPORT_FILE, data, method: 0, size: data.length }],
      [
        { name: 'ideas.csv', part: 0 },
        { name: EXPORT_FILE, part: 0 },
      ],
    )
    expect(await upload(server.url, facilitator, zip, 'application/zip')).toMatchObject({
      status: 400,
      body: { error: { code: 'import_overlapping_entries' } },
    })
  })

  it('BOARD_MAX_BYTES applies to the board an import would create', async () => {
    const before = await rows()
    const big = withIdeas(100, (i) => `${i} ${'Radweg durchgehend ausbauen. '.repeat(35)}`)
    expect(
      await upload(server.url, facilitator, JSON.stringify(big), 'application/json'),
    ).toMatchObject({
      status: 413,
      body: { error: { code: 'import_board_too_large' } },
    })
    expect(await rows()).toEqual(before)
    const small = withIdeas(10)
    expect(
      (await upload(server.url, facilitator, JSON.stringify(small), 'application/json')).status,
    ).toBe(201)
  })

  it('an import whose write fails leaves no row behind', async () => {
    const before = await rows()
    // Postgres refuses NUL in text: the publisher is written after the workshop's own rows.
    const nul = { ...BASE, workshop: { ...BASE.workshop, publisher: 'Stadt\u0000Belzig' } }
    const res = await upload(server.url, facilitator, JSON.stringify(nul), 'application/json')
    expect(res.status).toBe(400)
    expect(await rows()).toEqual(before)
  })
})

describe.each(ENGINES)('the import queue (%s)', (engine) => {
  // A fresh server: its first import also starts the worker, so the others arrive while it runs.
  it('imports beyond the one running and four waiting get 429 import_busy with Retry-After', async () => {
    const server = await startServer(engine)
    onTestFinished(() => server.stop())
    const { facilitator } = await workshopFixture(server.url)
    const json = JSON.stringify(BASE)
    const results = await Promise.all(
      Array.from({ length: 6 }, () => upload(server.url, facilitator, json, 'application/json')),
    )
    const busy = results.filter((r) => r.status === 429)
    expect(results.filter((r) => r.status === 201)).toHaveLength(5)
    expect(busy).toHaveLength(1)
    expect(busy[0]!.body.error.code).toBe('import_busy')
    expect(Number(busy[0]!.headers.get('retry-after'))).toBeGreaterThan(0)
  })
})

describe('the time limit stops the worker', () => {
  it('IMPORT_TIME_LIMIT_MS passed → 422 import_timeout, nothing stored', async () => {
    const server = await startServer('pglite', { env: { IMPORT_TIME_LIMIT_MS: '1' } })
    try {
      const { facilitator } = await workshopFixture(server.url)
      const [before] = await server.server.db.query('select count(*) as n from workshops')
      const res = await upload(server.url, facilitator, JSON.stringify(BASE), 'application/json')
      expect(res).toMatchObject({ status: 422, body: { error: { code: 'import_timeout' } } })
      expect(await server.server.db.query('select count(*) as n from workshops')).toEqual([before])
    } finally {
      await server.stop()
    }
  })
})
