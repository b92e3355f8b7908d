import { Board } from '@ideenwand/board'
/**
 * The sync endpoint with stock y-websocket clients on a real socket: convergence, late joiners,
 * awareness, one load per board, idle unload, read-only connections and malformed input.
 */
import { MESSAGE_ACK, SaveTracker } from '@ideenwand/protocol'
import * as encoding from 'lib0/encoding'
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { type WorkshopFixture, workshopFixture } from './support/api.ts'
import { connectClient, type TestClient, waitFor } from './support/clients.ts'
import { RawFrames } from './support/rawFrames.ts'
import { type RunningServer, startServer } from './support/servers.ts'

let server: RunningServer | null = null
let fixture: WorkshopFixture | null = null
let writerCookie: string | null = null
let viewerCookie: string | null = null
const clients: TestClient[] = []
const sockets: WebSocket[] = []

/**
 * A server with a workshop, a writer and a viewer session (all through the API). These tests are
 * about the sync mechanics, so the writer is the facilitator, who may write any shared type;
 * what participants may write is rights.test.ts's.
 */
async function boot(env: Record<string, string> = {}): Promise<RunningServer> {
  server = await startServer('pglite', { env })
  fixture = await workshopFixture(server.url)
  writerCookie = fixture.facilitator.cookie
  viewerCookie = (await fixture.join('viewer')).cookie
  return server
}

function boardId(): string {
  if (!fixture) throw new Error('no fixture')
  return fixture.boardId
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  for (const s of sockets.splice(0)) s.terminate()
  await server?.stop()
  server = null
})

function client(options: { viewer?: boolean; params?: Record<string, string> } = {}): TestClient {
  if (!server) throw new Error('no server')
  const c = connectClient(server.wsUrl, boardId(), {
    cookie: options.viewer ? viewerCookie : writerCookie,
    ...(options.params ? { params: options.params } : {}),
  })
  clients.push(c)
  return c
}

/** A raw socket for sending hand-made frames; resolves once open. */
async function rawSocket(): Promise<
  WebSocket & { closed: Promise<{ code: number; reason: string }> }
> {
  if (!server) throw new Error('no server')
  const ws = new WebSocket(`${server.wsUrl}/${boardId()}`, {
    headers: { cookie: writerCookie ?? '' },
  }) as WebSocket & {
    closed: Promise<{ code: number; reason: string }>
  }
  ws.binaryType = 'arraybuffer'
  ws.closed = new Promise((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  )
  sockets.push(ws)
  await new Promise((resolve, reject) => {
    ws.once('open', resolve)
    ws.once('error', reject)
  })
  return ws
}

const text = (c: TestClient) => c.doc.getText('t').toString()

describe('sync with stock y-websocket clients', () => {
  it('two clients converge after 200 concurrent edits; a third joining later gets everything', async () => {
    server = await boot()
    const a = client()
    const b = client()
    await Promise.all([a.synced(), b.synced()])
    for (let i = 0; i < 100; i++) {
      a.doc.getText('t').insert(0, 'a')
      b.doc.getText('t').insert(b.doc.getText('t').length, 'b')
      a.doc.getMap('m').set(`a${i % 7}`, i)
      b.doc.getMap('m').set(`b${i % 5}`, i)
    }
    await waitFor(() => text(a).length === 200 && text(b) === text(a), 10_000, 'convergence')
    expect(text(a).replaceAll('b', '')).toHaveLength(100)
    await Promise.all([a.allConfirmed(), b.allConfirmed()])
    const c = client()
    await c.synced()
    await waitFor(() => text(c) === text(a), 5_000, 'late joiner')
    expect(c.doc.getMap('m').toJSON()).toEqual(a.doc.getMap('m').toJSON())
  })

  it('awareness reaches others, query-awareness is answered, and a dropped client disappears', async () => {
    server = await boot()
    const a = client()
    const b = client()
    await Promise.all([a.synced(), b.synced()])
    a.provider.awareness.setLocalStateField('user', { name: 'Anna' })
    await waitFor(() => b.provider.awareness.getStates().get(a.doc.clientID)?.user?.name === 'Anna')

    const raw = await rawSocket()
    const answers: Uint8Array[] = []
    raw.on('message', (data: ArrayBuffer) => answers.push(new Uint8Array(data)))
    raw.send(new Uint8Array([3]))
    await waitFor(() => answers.some((m) => m[0] === 1 && Buffer.from(m).includes('Anna')))

    a.provider.disconnect()
    await waitFor(() => !b.provider.awareness.getStates().has(a.doc.clientID), 5_000, 'removal')
  })

  it('acks stored updates to clients that ask (?ack=1), so SaveTracker reports saved', async () => {
    server = await boot()
    const tracker = new SaveTracker()
    const doc = new Y.Doc()
    class CookieWebSocket extends WebSocket {
      constructor(url: string | URL) {
        super(url, { headers: { cookie: writerCookie ?? '' } })
      }
    }
    const provider = new WebsocketProvider(server.wsUrl, boardId(), doc, {
      params: { ack: '1' },
      WebSocketPolyfill: tracker.wrapWebSocket(
        CookieWebSocket,
      ) as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    })
    provider.messageHandlers[MESSAGE_ACK] = tracker.handleAck
    try {
      await waitFor(() => provider.synced && tracker.state === 'saved', 5_000, 'first ack')
      const states: string[] = []
      tracker.on((state) => states.push(state))
      doc.getText('t').insert(0, 'gespeichert?')
      doc.getText('t').delete(0, 3)
      expect(tracker.state).toBe('saving')
      await waitFor(() => tracker.state === 'saved', 5_000, 'ack')
      expect(states).toEqual(['saving', 'saved'])
      const stored = await server.server.store.load(boardId())
      const replay = new Y.Doc()
      for (const u of stored.updates) Y.applyUpdate(replay, u)
      expect(replay.getText('t').toString()).toBe('peichert?')
    } finally {
      provider.destroy()
    }
  })

  it('a burst of merged updates, presence and acks reaches every socket intact and in order', async () => {
    // Broadcasts are framed once and the same bytes written to every socket (http/sharedFrames),
    // interleaved with each connection's own messages (acks, replies): a raw TCP client checks
    // every frame and message, and that its updates apply in order with nothing pending.
    server = await boot()
    const stock = Array.from({ length: 4 }, () => client({ params: { ack: '1' } }))
    await Promise.all(stock.map((c) => c.synced()))
    const raw = await RawFrames.open(server.wsUrl, boardId(), writerCookie ?? '', '?ack=1')
    try {
      await waitFor(() => raw.synced, 5_000, 'raw client synced')
      for (let round = 0; round < 40; round++) {
        stock.forEach((c, i) => {
          c.doc.getArray('log').push([`${i}:${round}`])
          c.provider.awareness.setLocalStateField('cursor', { x: round, y: i })
        })
        raw.doc.getArray('log').push([`raw:${round}`])
        // Frames of every length encoding: < 126 bytes, 16-bit and 64-bit lengths.
        if (round % 8 === 0) stock[round % 4]?.doc.getText('big').insert(0, 'x'.repeat(70_000))
        if (round % 4 === 0) stock[1]?.doc.getText('t').insert(0, 'y'.repeat(300))
        if (round % 5 === 0) await new Promise((r) => setTimeout(r, 15))
      }
      await Promise.all(stock.map((c) => c.allConfirmed()))
      await waitFor(() => raw.allAcked, 10_000, 'raw client acked')
      const content = (doc: Y.Doc) =>
        JSON.stringify([
          doc.getArray('log').toJSON(),
          doc.getText('big').toString(),
          doc.getText('t').toString(),
        ])
      const docs = [...stock.map((c) => c.doc), raw.doc]
      await waitFor(() => docs.every((d) => content(d) === content(raw.doc)), 10_000, 'convergence')
      expect(raw.doc.getArray('log').length).toBe(5 * 40)
      expect(raw.doc.getText('big').length).toBe(5 * 70_000)
      // Everyone's last cursor reached everyone.
      await waitFor(() =>
        stock.every((c) =>
          stock.every(
            (o) => o.provider.awareness.getStates().get(c.doc.clientID)?.cursor?.x === 39,
          ),
        ),
      )
      expect(raw.errors).toEqual([])
      expect(raw.counts.get('0.2')).toBeGreaterThan(4)
      expect(raw.counts.get('awareness')).toBeGreaterThan(1)
      expect(raw.counts.get('ack')).toBeGreaterThan(1)
    } finally {
      raw.close()
    }
  })

  it('loads a board once when 50 clients connect at the same moment', async () => {
    // All fifty share one session: above the default SYNC_CONNECTIONS_PER_SESSION.
    server = await boot({ SYNC_CONNECTIONS_PER_SESSION: '50' })
    const many = Array.from({ length: 50 }, () => client())
    await Promise.all(many.map((c) => c.synced()))
    expect(server.server.rooms.stats.loads).toBe(1)
    many[0]?.doc.getText('t').insert(0, 'x')
    await waitFor(() => many.every((c) => text(c) === 'x'))
  })

  it('unloads an idle board into one snapshot and loads it again', async () => {
    server = await boot({ ROOM_IDLE_MS: '50' })
    const a = client()
    await a.synced()
    for (let i = 0; i < 20; i++) a.doc.getText('t').insert(0, `${i},`)
    await a.allConfirmed()
    const expected = text(a)
    a.destroy()
    const rooms = server.server.rooms
    await waitFor(() => rooms.size === 0, 5_000, 'unload')
    await rooms.unloaded(boardId()) // the unload's compaction has finished
    expect(await server.server.store.counts(boardId())).toEqual({ updates: 0, snapshots: 1 })
    const b = client()
    await b.synced()
    await waitFor(() => text(b) === expected)
    expect(rooms.stats.loads).toBe(2)
  })

  it('drops and never stores updates from a read-only connection', async () => {
    server = await boot()
    const writer = client()
    const viewer = client({ viewer: true })
    await Promise.all([writer.synced(), viewer.synced()])
    writer.doc.getText('t').insert(0, 'from writer')
    await writer.allConfirmed()
    await waitFor(() => text(viewer) === 'from writer')
    viewer.doc.getText('t').insert(0, 'VIEWER ')
    viewer.provider.awareness.setLocalStateField('user', { name: 'Projector' })
    // The writer's next confirmed edit proves the server processed the viewer's earlier frames.
    writer.doc.getText('t').insert(text(writer).length, '!')
    await writer.allConfirmed()
    expect(text(writer)).toBe('from writer!')
    expect(writer.provider.awareness.getStates().has(viewer.doc.clientID)).toBe(false)
    await server.server.rooms.get(boardId())?.flush()
    const stored = await server.server.store.load(boardId())
    const replay = new Y.Doc()
    for (const u of stored.updates) Y.applyUpdate(replay, u)
    expect(replay.getText('t').toString()).toBe('from writer!')
  })
})

describe('idea limit', () => {
  it('closes a connection adding ideas faster than allowed, but never limits the handshake', async () => {
    server = await boot({ SYNC_IDEAS_PER_MINUTE: '5' })
    // Twenty ideas written offline arrive in the handshake and are all kept.
    const offline = new Y.Doc()
    const offlineBoard = new Board(offline)
    for (let i = 0; i < 20; i++) offlineBoard.addIdea({ text: `offline ${i}` })
    const returning = connectClient(server.wsUrl, boardId(), {
      doc: offline,
      cookie: writerCookie,
    })
    clients.push(returning)
    await returning.synced()
    await returning.allConfirmed()
    // Then, live: five ideas pass, the sixth within the minute closes the connection.
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      returning.provider.on('connection-close', (event) =>
        resolve({ code: event?.code ?? 0, reason: event?.reason ?? '' }),
      ),
    )
    for (let i = 0; i < 5; i++) offlineBoard.addIdea({ text: `live ${i}` })
    await returning.allConfirmed()
    offlineBoard.addIdea({ text: 'one too many' })
    expect(await closed).toEqual({ code: 4429, reason: 'too many ideas' })
    const reader = client()
    await reader.synced()
    const texts = new Board(reader.doc).ideas().map((i) => i.text)
    expect(texts).toHaveLength(25)
    expect(texts).not.toContain('one too many')
  })
})

describe('hostile input closes only the sender', () => {
  const frames: Record<string, () => Uint8Array> = {
    'random bytes': () => new Uint8Array([0x9f, 0x13, 0xee, 0x02, 0x77, 0x00, 0xff, 0x41]),
    'a truncated varint': () => new Uint8Array([0x80, 0x80, 0x80]),
    'a huge declared length': () => {
      const e = encoding.createEncoder()
      encoding.writeVarUint(e, 0)
      encoding.writeVarUint(e, 2)
      encoding.writeVarUint(e, 2 ** 31)
      encoding.writeUint8Array(e, new Uint8Array([1, 2, 3]))
      return encoding.toUint8Array(e)
    },
    'an update Yjs throws on': () => {
      const doc = new Y.Doc()
      doc.getText('t').insert(0, 'valid at first')
      const update = Y.encodeStateAsUpdate(doc)
      const e = encoding.createEncoder()
      encoding.writeVarUint(e, 0)
      encoding.writeVarUint(e, 2)
      encoding.writeVarUint8Array(e, update.slice(0, update.length - 4))
      return encoding.toUint8Array(e)
    },
    'an unknown message type': () => new Uint8Array([42, 1, 2]),
    'an empty frame': () => new Uint8Array([]),
  }

  it.each(Object.keys(frames))('%s', async (name) => {
    server = await boot()
    const a = client()
    const b = client()
    await Promise.all([a.synced(), b.synced()])
    const attacker = await rawSocket()
    attacker.send(frames[name]!())
    expect(await attacker.closed).toEqual({ code: 4400, reason: 'malformed message' })
    a.doc.getText('t').insert(0, 'still here')
    await waitFor(() => text(b) === 'still here', 5_000, 'others keep syncing')
    const health = await fetch(`${server.url}/healthz`)
    expect(health.status).toBe(200)
  })

  it('a text frame', async () => {
    server = await boot()
    const attacker = await rawSocket()
    attacker.send('hello')
    expect((await attacker.closed).code).toBe(4400)
  })

  it('a frame above maxPayload is refused with 1009', async () => {
    server = await boot({ SYNC_MAX_PAYLOAD: '4096' })
    const a = client()
    await a.synced()
    const attacker = await rawSocket()
    attacker.send(new Uint8Array(10_000))
    expect((await attacker.closed).code).toBe(1009)
    a.doc.getText('t').insert(0, 'ok')
    await a.allConfirmed()
  })

  it('a flood above the rate limit is closed with 4429', async () => {
    server = await boot({ SYNC_RATE_PER_SECOND: '10', SYNC_RATE_BURST: '20' })
    const attacker = await rawSocket()
    for (let i = 0; i < 100; i++) attacker.send(new Uint8Array([3]))
    expect(await attacker.closed).toEqual({ code: 4429, reason: 'rate limit exceeded' })
  })

  it('invalid board ids and plain HTTP get clear errors', async () => {
    server = await boot()
    const bad = await fetch(`${server.url}/sync/${'x'.repeat(65)}`)
    expect(bad.status).toBe(400)
    expect((await bad.json()).error.code).toBe('invalid_board_id')
    const plain = await fetch(`${server.url}/sync/ok-id`)
    expect(plain.status).toBe(426)
  })

  it('healthz names the storage engine and whether the database answers', async () => {
    server = await boot()
    const res = await fetch(`${server.url}/healthz`)
    expect(await res.json()).toMatchObject({ status: 'ok', storage: 'pglite', database: 'up' })
  })
})
