/**
 * Property-based fuzzing (fast-check) of the two ways in from outside: the y-websocket sync
 * endpoint and every JSON API route listed in /api/openapi.json — plus the import's uploads
 * (a real export ZIP with bytes flipped, the export JSON with fields replaced or nested deep).
 *
 * The normal run is a small slice (well under a minute on two cores). For a nightly-size run set
 * FUZZ_RUNS to the number of inputs per part, e.g.
 *
 *   FUZZ_RUNS=100000 pnpm vitest run test/integration/fuzz.test.ts
 *
 * which sends 100,000 attacker batches to the sync endpoint (1–6 frames each, so roughly 350,000
 * frames), about 100,000 requests spread over all API routes (each once with and once without
 * the facilitator cookie) and 10,000 mutated import uploads; timeouts grow with it. FUZZ_SEED
 * replays a run (fast-check prints the seed and the shrunk counterexample of a failure).
 */
import { Board } from '@ideenwand/board'
import {
  encodeAwareness,
  encodeQueryAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncUpdate,
} from '@ideenwand/protocol'
import { checkUpdate, UpdateRejected } from '@ideenwand/server'
import fc from 'fast-check'
import { unzipSync } from 'fflate'
import * as encoding from 'lib0/encoding'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { facilitatorSession, type WorkshopFixture, workshopFixture } from './support/api.ts'
import { connectClient, type TestClient } from './support/clients.ts'
import { awarenessFrame, RawSync } from './support/rawSync.ts'
import { type RunningServer, startServer } from './support/servers.ts'
import {
  conflictingInserts,
  deleteEveryOther,
  overlappingDeletes,
  splittingInserts,
  textBase,
} from './support/updateShapes.ts'

const NIGHTLY = Number(process.env.FUZZ_RUNS ?? 0)
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined
/** Attacker batches sent to the sync endpoint. */
const SYNC_RUNS = NIGHTLY > 0 ? NIGHTLY : 250
/** Total API inputs (each sent with and without the cookie), spread over all routes. */
const API_INPUTS = NIGHTLY > 0 ? NIGHTLY : 1_800
const TIMEOUT = NIGHTLY > 0 ? 24 * 60 * 60 * 1000 : 60_000

const ENV = {
  RATE_LIMIT_JOIN_PER_MINUTE: '1000000',
  SYNC_RATE_PER_SECOND: '100000',
  SYNC_RATE_BURST: '100000',
  SYNC_CONNECTIONS_PER_SESSION: '100000',
}

// ---------------------------------------------------------------------------------------------
// Sync endpoint
// ---------------------------------------------------------------------------------------------

function varUint(n: number): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, n)
  return encoding.toUint8Array(e)
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

/** Valid client frames of every kind the server understands, as seeds for mutation. */
function validFrames(): Uint8Array[] {
  const doc = new Y.Doc()
  doc.getText('t').insert(0, 'Hallo Ideenwand 🌱')
  doc.getText('t').delete(2, 3)
  doc.getMap('m').set('k', { nested: [1, 'zwei', null] })
  doc.getArray('a').push([new Y.Map(), 'x', 3])
  const board = new Board(doc)
  board.addIdea({ text: 'Mehr Bänke im Park' })
  const before = Y.encodeStateVector(doc)
  doc.getText('t').insert(0, '+')
  const delta = Y.encodeStateAsUpdate(doc, before)
  const full = Y.encodeStateAsUpdate(doc)

  const aw = new awarenessProtocol.Awareness(doc)
  aw.setLocalState({ user: { name: 'Eve', color: '#f00' }, cursor: { x: 1, y: 2 } })
  const awFrame = encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(aw, [doc.clientID]))
  aw.setLocalState(null)
  const awRemove = encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(aw, [doc.clientID]))
  aw.destroy()

  return [
    encodeSyncStep1(new Uint8Array([0])),
    encodeSyncStep1(Y.encodeStateVector(doc)),
    encodeSyncStep2(full),
    encodeSyncUpdate(full),
    encodeSyncUpdate(delta),
    // A v2 update inside a v1 frame.
    encodeSyncUpdate(Y.encodeStateAsUpdateV2(doc)),
    awFrame,
    awRemove,
    encodeQueryAwareness(),
    new Uint8Array([2, 0]), // auth
    concat(varUint(100), varUint(7)), // ack (server → client only)
    concat(varUint(101), varUint(2), new Uint8Array([0x7b, 0x7d])), // control (server → client)
    // The costly shapes of issue 15 (a long text, then updates that split or delete it
    // piecemeal): valid as Yjs, refused by the cost check, the rights check or the guard.
    encodeSyncUpdate(textBase(7, 4_000)),
    encodeSyncUpdate(deleteEveryOther(7, 2_000)),
    encodeSyncUpdate(overlappingDeletes(7, 4_000, 500)),
    encodeSyncUpdate(splittingInserts(8, 7, 500)),
    encodeSyncUpdate(conflictingInserts(9, 7, 50)),
  ]
}

const SEEDS = validFrames()

type Mutation =
  | { op: 'flip'; pos: number; bit: number }
  | { op: 'set'; pos: number; byte: number }
  | { op: 'insert'; pos: number; bytes: Uint8Array }
  | { op: 'delete'; pos: number; len: number }
  | { op: 'truncate'; len: number }
  | { op: 'varint'; pos: number; value: number }
  | { op: 'overlong'; pos: number; bytes: Uint8Array }
  | { op: 'duplicate'; pos: number; len: number }

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('flip' as const), pos: fc.nat(), bit: fc.nat(7) }),
  fc.record({
    op: fc.constant('set' as const),
    pos: fc.nat(),
    byte: fc.constantFrom(0, 0x7f, 0x80, 0xff, 1, 2),
  }),
  fc.record({
    op: fc.constant('insert' as const),
    pos: fc.nat(),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }),
  }),
  fc.record({
    op: fc.constant('delete' as const),
    pos: fc.nat(),
    len: fc.integer({ min: 1, max: 8 }),
  }),
  fc.record({ op: fc.constant('truncate' as const), len: fc.nat() }),
  fc.record({
    op: fc.constant('varint' as const),
    pos: fc.nat(),
    value: fc.oneof(
      fc.constantFrom(2 ** 31, 2 ** 32 - 1, 2 ** 32, 2 ** 53 - 1, 0x7fffffff),
      fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
    ),
  }),
  // More continuation bytes than any varint may have (lib0 reads up to 53 bits).
  fc.record({
    op: fc.constant('overlong' as const),
    pos: fc.nat(),
    bytes: fc.uint8Array({ minLength: 8, maxLength: 16 }).map((b) => b.map((x) => x | 0x80)),
  }),
  fc.record({
    op: fc.constant('duplicate' as const),
    pos: fc.nat(),
    len: fc.integer({ min: 1, max: 64 }),
  }),
)

function mutate(frame: Uint8Array, m: Mutation): Uint8Array {
  const n = frame.length
  const at = (pos: number) => (n === 0 ? 0 : pos % (n + 1))
  switch (m.op) {
    case 'flip': {
      if (n === 0) return frame
      const out = frame.slice()
      out[m.pos % n]! ^= 1 << m.bit
      return out
    }
    case 'set': {
      if (n === 0) return frame
      const out = frame.slice()
      out[m.pos % n] = m.byte
      return out
    }
    case 'insert':
      return concat(frame.subarray(0, at(m.pos)), m.bytes, frame.subarray(at(m.pos)))
    case 'delete':
      return concat(frame.subarray(0, at(m.pos)), frame.subarray(at(m.pos) + m.len))
    case 'truncate':
      return frame.subarray(0, n === 0 ? 0 : m.len % n)
    case 'varint':
      return concat(frame.subarray(0, at(m.pos)), varUint(m.value), frame.subarray(at(m.pos)))
    case 'overlong':
      return concat(frame.subarray(0, at(m.pos)), m.bytes, frame.subarray(at(m.pos)))
    case 'duplicate': {
      const from = at(m.pos)
      return concat(
        frame.subarray(0, from),
        frame.subarray(from, from + m.len),
        frame.subarray(from),
      )
    }
  }
}

const frameArb: fc.Arbitrary<Uint8Array> = fc.oneof(
  // Arbitrary bytes.
  { weight: 2, arbitrary: fc.uint8Array({ maxLength: 300 }) },
  // A well-formed envelope (message type, sub type, length-prefixed payload) around garbage, so
  // the bytes reach the Yjs and awareness decoders.
  {
    weight: 3,
    arbitrary: fc
      .tuple(
        fc.constantFrom(0, 1, 2, 3, 100, 101),
        fc.constantFrom(0, 1, 2, 3),
        fc.uint8Array({ maxLength: 300 }),
      )
      .map(([type, sub, payload]) => {
        const e = encoding.createEncoder()
        encoding.writeVarUint(e, type)
        if (type === 0) encoding.writeVarUint(e, sub)
        encoding.writeVarUint8Array(e, payload)
        return encoding.toUint8Array(e)
      }),
  },
  // Valid frames, mutated one to five times.
  {
    weight: 6,
    arbitrary: fc
      .tuple(fc.constantFrom(...SEEDS), fc.array(mutationArb, { minLength: 1, maxLength: 5 }))
      .map(([seed, ms]) => ms.reduce(mutate, seed)),
  },
  // Valid frames as they are (so a batch can mix good and bad).
  { weight: 1, arbitrary: fc.constantFrom(...SEEDS) },
)

/** Close codes an attacker may get; anything else (4500 internal error, 4503, 1011) is a bug. */
// 4403: a valid update outside a participant's rights (change not permitted); 4413: one that would
// cost too much to apply.
const ACCEPTABLE_CLOSE = new Set([4400, 4403, 4413, 4429, 1009])

describe('fuzz: sync endpoint', () => {
  let server: RunningServer
  let fixture: WorkshopFixture
  let attackerCookie: string
  let a: TestClient
  let b: TestClient

  beforeAll(async () => {
    server = await startServer('pglite', { env: ENV })
    fixture = await workshopFixture(server.url)
    attackerCookie = (await fixture.join('participant', 'Mallory')).cookie ?? ''
    // The honest clients write a probe map, which only facilitators may (updateRights.ts).
    const honest = await facilitatorSession(server.url)
    a = connectClient(server.wsUrl, fixture.boardId, { cookie: honest })
    b = connectClient(server.wsUrl, fixture.boardId, { cookie: honest })
    await Promise.all([a.synced(), b.synced()])
  })

  afterAll(async () => {
    a?.destroy()
    b?.destroy()
    await server?.stop()
  })

  /** a writes a fresh value; resolves once b has it (or rejects after 5 s). */
  async function converges(stamp: string): Promise<void> {
    const probe = b.doc.getMap('fuzz-probe')
    const arrived = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        probe.unobserve(check)
        reject(new Error(`honest clients stopped converging (stamp ${stamp})`))
      }, 5_000)
      function check() {
        if (probe.get('stamp') !== stamp) return
        clearTimeout(timer)
        probe.unobserve(check)
        resolve()
      }
      probe.observe(check)
    })
    a.doc.getMap('fuzz-probe').set('stamp', stamp)
    await arrived
  }

  /**
   * Sends `frames` from a fresh attacker connection, then an awareness state for a fresh client id
   * and a query: an answer containing that id means the server processed everything before it.
   * Resolves with the close, or null when the connection survived.
   */
  async function attack(frames: Uint8Array[]): Promise<{ code: number; reason: string } | null> {
    const opened = await RawSync.open(`${server.wsUrl}/${fixture.boardId}`, {
      cookie: attackerCookie,
    })
    if (!opened.ok) throw new Error(`attacker could not connect: ${JSON.stringify(opened)}`)
    const socket = opened.socket
    try {
      const barrier = awarenessFrame('barrier')
      const settled = (async () => {
        let states = await socket.sendAndSettle(...frames, barrier.frame)
        while (!states.has(barrier.clientId)) states = await socket.sendAndSettle()
        return null
      })()
      let timer: NodeJS.Timeout | undefined
      const hang = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('server did not answer within 5 s')), 5_000)
      })
      try {
        return await Promise.race([settled, socket.closed, hang])
      } finally {
        clearTimeout(timer)
      }
    } finally {
      socket.close()
    }
  }

  it(
    `survives ${SYNC_RUNS} batches of arbitrary and mutated frames`,
    async () => {
      const closes = new Map<string, number>()
      let frames = 0
      let batch = 0
      global.gc?.()
      const baseline = process.memoryUsage().rss
      let peak = baseline
      await fc.assert(
        fc.asyncProperty(
          fc.array(frameArb, { minLength: 1, maxLength: 6 }),
          async (batchFrames) => {
            batch++
            frames += batchFrames.length
            const closed = await attack(batchFrames)
            const key = closed ? `${closed.code} ${closed.reason}` : 'open'
            closes.set(key, (closes.get(key) ?? 0) + 1)
            if (closed) expect(ACCEPTABLE_CLOSE.has(closed.code), key).toBe(true)
            const health = await fetch(`${server.url}/healthz`)
            expect(health.status).toBe(200)
            await converges(`${batch}-${Math.random()}`)
            const rss = process.memoryUsage().rss
            peak = Math.max(peak, rss)
            expect(rss - baseline, 'RSS growth').toBeLessThan(300 * 1024 * 1024)
          },
        ),
        { numRuns: SYNC_RUNS, seed: SEED, endOnFailure: true },
      )
      const mb = (n: number) => Math.round(n / 2 ** 20)
      const mem = process.memoryUsage()
      console.info(
        `sync fuzz: ${batch} batches, ${frames} frames; attacker outcomes ${JSON.stringify(Object.fromEntries(closes))}; RSS peak +${mb(peak - baseline)} MB (heap ${mb(mem.heapUsed)} MB, external ${mb(mem.external)} MB, board rooms ${server.server.rooms.size})`,
      )
      expect(text(a)).toBe(text(b))
    },
    TIMEOUT,
  )
})

const text = (c: TestClient) => JSON.stringify(c.doc.getMap('fuzz-probe').toJSON())

// ---------------------------------------------------------------------------------------------
// JSON API
// ---------------------------------------------------------------------------------------------

interface Operation {
  method: string
  path: string
  pathParams: string[]
  queryParams: string[]
  bodyKeys: string[] | null
  /** Success responses may be something other than JSON (SVG, PDF, ZIP, HTML, markdown). */
  nonJsonSuccess: boolean
}

// biome-ignore lint/suspicious/noExplicitAny: the OpenAPI document is walked generically
type Json = any

function operations(doc: Json): Operation[] {
  const resolve = (schema: Json): Json => {
    if (schema?.$ref) {
      const name = String(schema.$ref).split('/').pop() ?? ''
      return doc.components?.schemas?.[name] ?? {}
    }
    return schema ?? {}
  }
  const keysOf = (schema: Json): string[] => {
    const s = resolve(schema)
    const keys = new Set<string>(Object.keys(s.properties ?? {}))
    for (const part of [...(s.allOf ?? []), ...(s.anyOf ?? []), ...(s.oneOf ?? [])])
      for (const k of keysOf(part)) keys.add(k)
    return [...keys]
  }
  const ops: Operation[] = []
  for (const [path, methods] of Object.entries<Json>(doc.paths ?? {})) {
    for (const [method, op] of Object.entries<Json>(methods)) {
      const params: Json[] = op.parameters ?? []
      const types = new Set<string>()
      for (const [status, res] of Object.entries<Json>(op.responses ?? {}))
        if (Number(status) < 400) for (const t of Object.keys(res.content ?? {})) types.add(t)
      const body = op.requestBody?.content?.['application/json']?.schema
      ops.push({
        method: method.toUpperCase(),
        path,
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        queryParams: params.filter((p) => p.in === 'query').map((p) => p.name),
        bodyKeys: body ? keysOf(body) : null,
        nonJsonSuccess: [...types].some((t) => t !== 'application/json'),
      })
    }
  }
  return ops
}

/** Strings that like to break things: long, unicode, lone surrogates, control characters. */
const nastyString: fc.Arbitrary<string> = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\ud800',
    'a\udfffb',
    '../../etc/passwd',
    '%00',
    '%',
    '%E0%A4%A',
    "' OR 1=1 --",
    '<script>alert(1)</script>',
    '🙂'.repeat(200),
    'x'.repeat(10_000),
    'ä'.repeat(70_000),
    '1e309',
    '-1',
    '0',
    'NaN',
    'true',
    'null',
    '__proto__',
    'constructor',
  ),
)

const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 2, arbitrary: nastyString },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      null,
      true,
      false,
      0,
      -1,
      1.5,
      2 ** 31,
      2 ** 53,
      -(2 ** 63),
      1e308,
      [],
      {},
      [null],
      { __proto__: null },
    ),
  },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() },
)

type BodyInput =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown }
  | { kind: 'raw'; text: string; contentType: string }

function bodyArb(op: Operation): fc.Arbitrary<BodyInput> {
  const keys = [...(op.bodyKeys ?? []), 'extra', '__proto__', 'constructor']
  const shaped = fc
    .dictionary(fc.constantFrom(...keys), nastyValue, { maxKeys: keys.length })
    .map((value) => ({ kind: 'json' as const, value }))
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant({ kind: 'none' as const }) },
    { weight: 6, arbitrary: shaped },
    { weight: 2, arbitrary: nastyValue.map((value) => ({ kind: 'json' as const, value })) },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('raw' as const),
        text: fc.oneof(
          fc.constantFrom('{', '{"a":', '[1,', 'nul', '\u0000', '{"__proto__":{"x":1}}', ''),
          fc.string({ maxLength: 50 }),
        ),
        contentType: fc.constantFrom(
          'application/json',
          'application/json; charset=latin1',
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
        ),
      }),
    },
  )
}

/**
 * Percent-encodes a path segment; lone surrogates become their (invalid) UTF-8 bytes, e.g.
 * %ED%A0%80, so the server gets to decode malformed UTF-8.
 */
function encodeSegment(value: string): string {
  let out = ''
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0
    if (code >= 0xd800 && code <= 0xdfff)
      out += [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join('')
    else out += encodeURIComponent(ch)
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// Update guard (server/src/sync/updateGuard.ts), in process
// ---------------------------------------------------------------------------------------------

describe('fuzz: update guard', () => {
  it(
    'accepts only updates Yjs applies whole and without pending structs, and answers fast',
    () => {
      const base = new Y.Doc()
      new Board(base).addIdea({ text: 'Schon da' })
      base.getText('t').insert(0, 'Grundlage')
      const author = new Y.Doc()
      Y.applyUpdate(author, Y.encodeStateAsUpdate(base))
      new Board(author).addIdea({ text: 'Neue Idee 🌱' })
      author.getText('t').delete(0, 4)
      author.getMap('m').set('k', { nested: [1, 'zwei', null, 2.5] })
      const seeds = [
        Y.encodeStateAsUpdate(author, Y.encodeStateVector(base)),
        Y.encodeStateAsUpdate(author),
      ]
      const limits = { maxLength: 10_000_000, budgetMs: 200 }
      // A hang would take seconds; the margin above a few ms is for GC pauses on a busy machine.
      const CHECK_MS = 200
      let accepted = 0
      fc.assert(
        fc.property(
          fc.constantFrom(...seeds),
          fc.array(mutationArb, { minLength: 1, maxLength: 4 }),
          (seed, ms) => {
            const update = ms.reduce(mutate, seed)
            const target = new Y.Doc()
            Y.applyUpdate(target, Y.encodeStateAsUpdate(base))
            const before = Y.encodeStateVector(target)
            const started = performance.now()
            try {
              checkUpdate(update, (client) => Y.getState(target.store, client), limits)
            } catch (err) {
              if (!(err instanceof UpdateRejected)) throw err
              expect(performance.now() - started).toBeLessThan(CHECK_MS)
              return
            }
            expect(performance.now() - started).toBeLessThan(CHECK_MS)
            accepted++
            try {
              Y.applyUpdate(target, update)
            } catch {
              // Content Yjs parses itself (JSON) may still fail, but before anything is applied.
              expect(Y.encodeStateVector(target)).toEqual(before)
              return
            }
            expect(target.store.pendingStructs).toBeNull()
            expect(target.store.pendingDs).toBeNull()
          },
        ),
        { numRuns: NIGHTLY > 0 ? NIGHTLY : 3_000, seed: SEED },
      )
      expect(accepted).toBeGreaterThan(0)
    },
    TIMEOUT,
  )
})

/** Stands for the current throwaway workshop (DELETE /workshops/{id} must not hit the fixture). */
const SPARE = '<spare-workshop>'

/** Things that must not be done with the shared facilitator cookie. */
function keepsSession(op: Operation): boolean {
  return !(op.method === 'POST' && (op.path === '/auth/logout' || op.path === '/auth/password'))
}

describe('fuzz: every API route', () => {
  let server: RunningServer
  let fixture: WorkshopFixture
  let ops: Operation[]
  let guestId: string
  let spareWorkshop: string

  async function newSpare(): Promise<string> {
    const res = await fixture.facilitator.post('/api/workshops', { title: 'Wegwerf' })
    if (res.status !== 201) throw new Error(`spare workshop: ${JSON.stringify(res.body)}`)
    return res.body.id
  }

  beforeAll(async () => {
    server = await startServer('pglite', { env: ENV })
    fixture = await workshopFixture(server.url)
    await fixture.join('participant', 'Anna')
    const participants = await fixture.facilitator.get(
      `/api/workshops/${fixture.workshopId}/participants`,
    )
    const list = participants.body?.participants ?? participants.body ?? []
    guestId = String((Array.isArray(list) ? list[0]?.id : undefined) ?? 'unknown-guest')
    spareWorkshop = await newSpare()
    const res = await fetch(`${server.url}/api/openapi.json`)
    ops = operations(await res.json())
  })

  afterAll(async () => {
    await server?.stop()
  })

  function paramArb(op: Operation, name: string): fc.Arbitrary<string> {
    const known: string[] = []
    if (name === 'id')
      known.push(
        op.method === 'DELETE' && op.path === '/workshops/{id}'
          ? spareWorkshop
          : fixture.workshopId,
      )
    if (name === 'boardId') known.push(fixture.boardId)
    if (name === 'role') known.push('participant', 'viewer', 'facilitator', 'cofacilitator')
    if (name === 'code') known.push(fixture.participantCode, fixture.viewerCode)
    if (name === 'guestId') known.push(guestId)
    if (known.length === 0) return nastyString
    return fc.oneof(
      { weight: 2, arbitrary: fc.constantFrom(...known) },
      { weight: 1, arbitrary: nastyString },
    )
  }

  function queryArb(op: Operation): fc.Arbitrary<[string, string][]> {
    const names = [...op.queryParams, 'x', 'format', 'archived']
    const values = fc.oneof(
      nastyString,
      fc.constantFrom(
        '1',
        '0',
        'true',
        'false',
        'pdf',
        'md',
        'html',
        'de',
        'en',
        'cc-by-4.0',
        'http://x',
      ),
    )
    return fc.array(fc.tuple(fc.oneof(fc.constantFrom(...names), nastyString), values), {
      maxLength: 4,
    })
  }

  it(
    `never answers 5xx or a non-JSON error to ${API_INPUTS} fuzzed requests`,
    async () => {
      expect(ops.length).toBeGreaterThan(20)
      const perRoute = Math.max(4, Math.ceil(API_INPUTS / ops.length))
      const statuses = new Map<number, number>()
      let requests = 0
      const facilitatorCookie = fixture.facilitator.cookie ?? ''

      for (const op of ops) {
        const input = fc.record({
          params: fc.tuple(...op.pathParams.map((p) => paramArb(op, p))),
          query: queryArb(op),
          body: bodyArb(op),
          withCookie: keepsSession(op) ? fc.boolean() : fc.constant(false),
        })
        await fc.assert(
          fc.asyncProperty(input, async ({ params, query, body, withCookie }) => {
            let path = op.path
            op.pathParams.forEach((name, i) => {
              const value = params[i] === SPARE ? spareWorkshop : (params[i] as string)
              path = path.replace(`{${name}}`, encodeSegment(value))
            })
            const qs = new URLSearchParams(query).toString()
            const headers: Record<string, string> = withCookie ? { cookie: facilitatorCookie } : {}
            let payload: string | undefined
            if (body.kind === 'json' && op.method !== 'GET') {
              headers['content-type'] = 'application/json'
              payload = JSON.stringify(body.value) ?? 'null'
            } else if (body.kind === 'raw' && op.method !== 'GET') {
              headers['content-type'] = body.contentType
              payload = body.text
            }
            const url = `${server.url}/api${path}${qs ? `?${qs}` : ''}`
            // A pooled keep-alive socket the server has just closed (e.g. after answering an
            // oversized body early with 413) fails before the request reaches the server; that is
            // the transport, not the app, so such a request is sent once more on a new socket.
            const send = () => fetch(url, { method: op.method, headers, body: payload })
            const res = await send()
              .catch(send)
              .catch((err: unknown) => {
                throw new Error(
                  `${op.method} ${url} ${payload?.slice(0, 200) ?? ''}: ${String(err)}`,
                )
              })
            requests++
            statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1)
            const raw = await res.text()
            const what = `${op.method} ${url} ${payload?.slice(0, 200) ?? ''} → ${res.status} ${raw.slice(0, 300)}`
            expect(res.status, what).toBeLessThan(500)
            // Node's HTTP parser refuses request heads above 16 KiB before the app sees them,
            // with an empty body; only long fuzzed URLs get there.
            if (res.status === 431 && url.length > 16 * 1024) return
            if (res.status >= 400) {
              let parsed: Json
              try {
                parsed = JSON.parse(raw)
              } catch {
                throw new Error(`error body is not JSON: ${what}`)
              }
              expect(typeof parsed?.error?.code, what).toBe('string')
            } else if (!op.nonJsonSuccess && raw !== '') {
              expect(() => JSON.parse(raw), what).not.toThrow()
            }
            if (op.method === 'DELETE' && op.path === '/workshops/{id}' && res.status < 300)
              spareWorkshop = await newSpare()
          }),
          { numRuns: perRoute, seed: SEED, endOnFailure: true },
        )
      }
      // The shared session survived the whole run.
      const me = await fetch(`${server.url}/api/me`, { headers: { cookie: facilitatorCookie } })
      expect(me.status).toBe(200)
      const health = await fetch(`${server.url}/healthz`)
      expect(health.status).toBe(200)
      console.info(
        `api fuzz: ${requests} requests over ${ops.length} routes; statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
      )
    },
    TIMEOUT,
  )
})

// ---------------------------------------------------------------------------------------------
// Import (issue 15): mutated export ZIPs and JSON
// ---------------------------------------------------------------------------------------------

const EXPORT_KEYS = [
  'format',
  'version',
  'exportedAt',
  'workshop',
  'clusters',
  'ideas',
  'canvas',
  'tldrawSchema',
  'rounds',
]

/** Mutated uploads sent to the import. */
const IMPORT_RUNS = NIGHTLY > 0 ? Math.ceil(NIGHTLY / 10) : 150

describe('fuzz: import', () => {
  let server: RunningServer
  let fixture: WorkshopFixture
  let zip: Uint8Array
  let exportJson: Json

  beforeAll(async () => {
    server = await startServer('pglite', { env: ENV })
    fixture = await workshopFixture(server.url)
    const res = await fetch(`${server.url}/api/workshops/${fixture.workshopId}/open-data.zip`, {
      headers: { cookie: fixture.facilitator.cookie ?? '' },
    })
    zip = new Uint8Array(await res.arrayBuffer())
    exportJson = JSON.parse(new TextDecoder().decode(unzipSync(zip)['ideenwand-export.json']))
  }, 60_000)

  afterAll(async () => {
    await server?.stop()
  })

  /** Byte flips anywhere, more of them in the tail where the central directory lives. */
  const zipArb = fc
    .record({
      flips: fc.array(
        fc.tuple(
          fc.oneof(fc.nat(), fc.integer({ min: -600, max: -1 })),
          fc.integer({ min: 0, max: 255 }),
        ),
        { minLength: 1, maxLength: 6 },
      ),
      cut: fc.option(fc.nat(), { freq: 5 }),
    })
    .map(({ flips, cut }) => {
      const bytes = zip.slice()
      for (const [at, value] of flips) {
        bytes[((at % bytes.length) + bytes.length) % bytes.length] = value
      }
      return {
        body: cut === null ? bytes : bytes.subarray(0, cut % bytes.length),
        type: 'application/zip',
      }
    })

  /** The export with one top-level field replaced, or a deep list put into its canvas. */
  const jsonArb = fc
    .oneof(
      fc
        .tuple(fc.constantFrom(...EXPORT_KEYS), fc.jsonValue({ maxDepth: 4 }))
        .map(([key, value]) => ({ body: JSON.stringify({ ...exportJson, [key]: value }) })),
      fc.integer({ min: 1, max: 5000 }).map((depth) => ({
        body: JSON.stringify({ ...exportJson, canvas: [{ id: 'x', p: '@' }] }).replace(
          '"@"',
          `${'['.repeat(depth)}${']'.repeat(depth)}`,
        ),
      })),
    )
    .map(({ body }) => ({ body: new TextEncoder().encode(body), type: 'application/json' }))

  it(
    `never answers 5xx to ${IMPORT_RUNS} mutated uploads, and a refused one leaves no workshop`,
    async () => {
      const workshops = async () =>
        ((await fixture.facilitator.get('/api/workshops')).body as unknown[]).length
      const before = await workshops()
      const statuses = new Map<string, number>()
      let created = 0
      await fc.assert(
        fc.asyncProperty(fc.oneof(zipArb, jsonArb), async ({ body, type }) => {
          const res = await fetch(`${server.url}/api/workshops/import`, {
            method: 'POST',
            headers: { 'content-type': type, cookie: fixture.facilitator.cookie ?? '' },
            body: new Blob([body as Uint8Array<ArrayBuffer>]),
          })
          const raw = await res.text()
          const what = `${type} (${body.length} bytes) → ${res.status} ${raw.slice(0, 300)}`
          expect(res.status, what).toBeLessThan(500)
          const parsed = JSON.parse(raw)
          if (res.status === 201) created++
          else expect(typeof parsed?.error?.code, what).toBe('string')
          const key = `${res.status} ${parsed?.error?.code ?? ''}`.trim()
          statuses.set(key, (statuses.get(key) ?? 0) + 1)
        }),
        { numRuns: IMPORT_RUNS, seed: SEED, endOnFailure: true },
      )
      expect(await workshops()).toBe(before + created)
      console.info(`import fuzz: ${JSON.stringify(Object.fromEntries(statuses))}`)
    },
    TIMEOUT,
  )
})
