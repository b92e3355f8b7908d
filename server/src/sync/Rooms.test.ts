/**
 * The rooms' lifecycle on a real store (PGlite in memory): one load however many connect at
 * once, frames queued while a board loads (in order, bounded), connections that end before their
 * board is there, idle unload and reload, deletion and shutdown — and the connection's own
 * states along the way.
 */
import {
  CloseCode,
  encodeQueryAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
} from '@ideenwand/protocol'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { loadConfig } from '../config.ts'
import { createLogger } from '../logger.ts'
import { BoardStore } from '../storage/BoardStore.ts'
import { type Db, openDb } from '../storage/Db.ts'
import { migrate } from '../storage/migrate.ts'
import { OPEN_POLICY } from './boardPolicy.ts'
import { RateLimiter } from './RateLimiter.ts'
import { Rooms } from './Rooms.ts'
import { SyncConnection } from './SyncConnection.ts'

let db: Db
let store: BoardStore
const opened: Rooms[] = []
beforeAll(async () => {
  db = await openDb({ engine: 'pglite', dataDir: null })
  await migrate(db)
  store = new BoardStore(db)
})
afterEach(async () => {
  for (const rooms of opened.splice(0)) await rooms.closeAll()
})
afterAll(async () => {
  await db?.close()
})

let boards = 0
const nextBoard = () => `rooms-test-${++boards}`

function rooms(idleMs = 60_000): Rooms {
  const limits = { ...loadConfig({}).sync, roomIdleMs: idleMs }
  const r = new Rooms(store, limits, createLogger('silent'))
  opened.push(r)
  return r
}

/** A facilitator's connection whose socket records the frames' message types and its close. */
function connection(boardId: string) {
  const types: number[] = []
  const closes: number[] = []
  const conn = new SyncConnection(
    {
      boardId,
      sessionId: `s${Math.random()}`,
      facilitatorId: 'f1',
      guestId: null,
      displayName: 'Mara',
      role: 'facilitator',
      canWrite: true,
      expiresAt: null,
      wantsAck: false,
      ip: '127.0.0.1',
    },
    {
      // y-websocket frames: [type, (sync: step), …]; sync frames as 0.<step>.
      send: (frame) => types.push(frame[0] === 0 ? (frame[1] ?? 0) / 10 : (frame[0] ?? -1)),
      close: (code) => closes.push(code),
    },
    new RateLimiter(10_000, 10_000),
  )
  return { conn, types, closes }
}

const SYNC_STEP1 = 0
const SYNC_STEP2 = 0.1
const AWARENESS = 1

describe('Rooms: loading', () => {
  it('loads a board once for everyone who connects while it loads; each joins in turn', async () => {
    const r = rooms()
    const board = nextBoard()
    const people = [connection(board), connection(board), connection(board)]
    for (const p of people) {
      r.connect(p.conn)
      expect(p.conn.state).toBe('waiting')
    }
    await expect.poll(() => r.get(board)?.connections.size).toBe(3)
    expect(r.stats.loads).toBe(1)
    for (const p of people) {
      expect(p.conn.state).toBe('syncing')
      // The room opens the handshake with its sync step 1.
      expect(p.types[0]).toBe(SYNC_STEP1)
    }
  })

  it('frames sent while the board loads are answered in their order once it is there', async () => {
    const r = rooms()
    const board = nextBoard()
    const p = connection(board)
    const link = r.connect(p.conn)
    link.receive(encodeQueryAwareness())
    link.receive(encodeSyncStep1(new Uint8Array([0])))
    await expect.poll(() => p.types.length).toBeGreaterThanOrEqual(3)
    expect(p.types).toEqual([SYNC_STEP1, AWARENESS, SYNC_STEP2])
  })

  it('the handshake’s sync step 2 opens the connection', async () => {
    const r = rooms()
    const board = nextBoard()
    const p = connection(board)
    const link = r.connect(p.conn)
    const offline = new Y.Doc()
    offline.getMap('meta').set('offline', true)
    link.receive(encodeSyncStep2(Y.encodeStateAsUpdate(offline)))
    await expect.poll(() => p.conn.state).toBe('open')
    expect(r.get(board)?.doc.getMap('meta').get('offline')).toBe(true)
  })

  it('more than 256 frames before the board is there close the connection (4429), which never joins', async () => {
    const r = rooms()
    const board = nextBoard()
    const p = connection(board)
    const link = r.connect(p.conn)
    for (let i = 0; i < 257; i++) link.receive(encodeQueryAwareness())
    expect(p.closes).toEqual([CloseCode.RateLimited.code])
    expect(p.conn.state).toBe('closing')
    const room = await r.acquire(board)
    expect(room.connections.size).toBe(0)
    r.release(board)
  })

  it('a connection that ends while its board loads never joins, and the board unloads again', async () => {
    const r = rooms(30)
    const board = nextBoard()
    const p = connection(board)
    r.connect(p.conn)
    p.conn.socketClosed()
    expect(p.conn.state).toBe('closed')
    await expect.poll(() => r.stats.loads).toBe(1)
    await expect.poll(() => r.size, { timeout: 5_000 }).toBe(0)
    expect(p.types).toEqual([])
  })
})

describe('Rooms: unloading', () => {
  it('the last connection leaving unloads the board after the idle time; it keeps what was stored', async () => {
    const r = rooms(30)
    const board = nextBoard()
    const p = connection(board)
    r.connect(p.conn)
    const room = await r.acquire(board)
    await expect.poll(() => room.connections.size).toBe(1)
    room.doc.getMap('meta').set('kept', 'yes')
    await room.flush()
    p.conn.socketClosed()
    expect(room.connections.size).toBe(0)
    await expect.poll(() => r.size, { timeout: 5_000 }).toBe(0)
    expect(room.isClosed).toBe(true)
    const again = await r.acquire(board)
    expect(r.stats.loads).toBe(2)
    expect(again).not.toBe(room)
    expect(again.doc.getMap('meta').get('kept')).toBe('yes')
    r.release(board)
  })

  it('a connection coming back within the idle time keeps the loaded board', async () => {
    const r = rooms(200)
    const board = nextBoard()
    const first = connection(board)
    r.connect(first.conn)
    await expect.poll(() => r.get(board)?.connections.size).toBe(1)
    first.conn.socketClosed()
    const second = connection(board)
    r.connect(second.conn)
    await expect.poll(() => r.get(board)?.connections.size).toBe(1)
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(r.size).toBe(1)
    expect(r.stats.loads).toBe(1)
  })

  it('a deleted board closes its connections with 4404 and is gone', async () => {
    const r = rooms()
    const board = nextBoard()
    const p = connection(board)
    r.connect(p.conn)
    await expect.poll(() => r.get(board)?.connections.size).toBe(1)
    await r.discard(board)
    expect(p.closes).toEqual([CloseCode.BoardNotFound.code])
    expect(p.conn.state).toBe('closing')
    expect(r.get(board)).toBeUndefined()
  })

  it('shutdown closes every connection with 1001 after storing, and unloads every board', async () => {
    const r = rooms()
    const a = connection(nextBoard())
    const b = connection(nextBoard())
    r.connect(a.conn)
    r.connect(b.conn)
    await expect.poll(() => r.size).toBe(2)
    await r.closeAll()
    expect([a.closes, b.closes]).toEqual([[1001], [1001]])
    expect(r.size).toBe(0)
  })

  it('a board’s policy set before it loads is the room’s once it loads', async () => {
    const r = rooms()
    const board = nextBoard()
    const policy = { ...OPEN_POLICY, phase: 'vote' as const, locked: true }
    r.setPolicy(board, policy)
    const room = await r.acquire(board)
    expect(room.policy).toBe(policy)
    r.release(board)
  })
})
