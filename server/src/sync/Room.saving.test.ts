/**
 * A room whose database fails or hangs (a fake store): it stays live, says "saving delayed" to
 * clients with acks, acks nothing unsaved, never writes an update twice, and holds at most
 * `MAX_UNSAVED_BYTES`.
 */
import {
  CloseCode,
  encodeSyncUpdate,
  MessageType,
  readSaveStatus,
  SaveStatus,
} from '@ideenwand/protocol'
import * as decoding from 'lib0/decoding'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { loadConfig } from '../config.ts'
import { createLogger } from '../logger.ts'
import type { BoardStore } from '../storage/BoardStore.ts'
import type { BoardChannel } from './fanout/Fanout.ts'
import { RateLimiter } from './RateLimiter.ts'
import { Room } from './Room.ts'
import { MAX_UNSAVED_BYTES } from './RoomWrites.ts'
import { SyncConnection } from './SyncConnection.ts'

const channel: BoardChannel = {
  shared: false,
  publishUpdate: () => {},
  publishAwareness: () => {},
  attach: () => {},
  close: () => {},
}

/** A store whose next writes do what the test says. */
class FakeStore {
  rows: Uint8Array[] = []
  appends = 0
  appendOnces = 0
  /** How the next `append` behaves. */
  mode: 'ok' | 'fail' | { hang: Promise<void> } = 'ok'

  async append(_board: string, data: Uint8Array): Promise<number> {
    this.appends++
    const mode = this.mode
    if (mode === 'fail') throw new Error('connection refused')
    if (mode !== 'ok') await mode.hang
    this.rows.push(data)
    return this.rows.length
  }

  async appendOnce(board: string, data: Uint8Array, afterId: number): Promise<number> {
    this.appendOnces++
    const i = this.rows.findIndex((r, n) => n + 1 > afterId && Buffer.from(r).equals(data))
    if (i >= 0) return i + 1
    return this.append(board, data)
  }
}

function setup() {
  const store = new FakeStore()
  const limits = loadConfig({}).sync
  const room = new Room(
    'b1',
    store as unknown as BoardStore,
    limits,
    createLogger('silent'),
    { snapshot: null, updates: [], lastUpdateId: 0 },
    channel,
  )
  const frames: Uint8Array[] = []
  const closes: number[] = []
  const conn = new SyncConnection(
    {
      boardId: 'b1',
      sessionId: 's',
      facilitatorId: 'f',
      guestId: null,
      displayName: 'Anna',
      // The test writes a free text, which only facilitators may (updateRights.ts).
      role: 'facilitator',
      canWrite: true,
      expiresAt: null,
      wantsAck: true,
      ip: '127.0.0.1',
    },
    { send: (f) => frames.push(f), close: (code) => closes.push(code) },
    new RateLimiter(1000, 1000),
    { ideaLimiter: new RateLimiter(1000, 1000) },
  )
  room.join(conn)
  conn.completeHandshake()
  const client = new Y.Doc()
  const write = (text: string) => {
    const before = Y.encodeStateVector(client)
    client.getText('t').insert(client.getText('t').length, text)
    room.receive(conn, encodeSyncUpdate(Y.encodeStateAsUpdate(client, before)))
  }
  const of = (type: number) =>
    frames.map((f) => decoding.createDecoder(f)).filter((d) => decoding.readVarUint(d) === type)
  return {
    store,
    room,
    conn,
    closes,
    write,
    acks: () => of(MessageType.Ack).map((d) => decoding.readVarUint(d)),
    statuses: () => of(MessageType.SaveStatus).map((d) => readSaveStatus(d)),
    /** Sync updates the room sent (echo / relay). */
    echoes: () => of(MessageType.Sync).length,
  }
}

const until = async (condition: () => boolean, ms = 10_000) => {
  const deadline = Date.now() + ms
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 10))
  }
}

describe('Room while the database is away', () => {
  it('a write that hangs and then commits: delayed, echoed at once, acked once stored, written once', async () => {
    const t = setup()
    let release = () => {}
    t.store.mode = { hang: new Promise<void>((r) => (release = r)) }
    t.write('Bank am Bach')
    // Still live: the update goes out before it is stored.
    await until(() => t.echoes() >= 1)
    await until(() => t.statuses().includes(SaveStatus.Delayed), 5_000)
    expect(t.acks()).toEqual([])
    t.store.mode = 'ok'
    t.write(', bitte')
    await until(() => t.echoes() >= 2)
    expect(t.acks()).toEqual([])
    release()
    await until(() => t.acks().at(-1) === 2)
    expect(t.statuses()).toEqual([SaveStatus.Delayed, SaveStatus.Ok])
    // The hanging write decided; the retry did not write its bytes again.
    expect(t.store.rows).toHaveLength(2)
    expect(t.store.appends).toBe(2)
    const doc = new Y.Doc()
    for (const r of t.store.rows) Y.applyUpdate(doc, r)
    expect(doc.getText('t').toString()).toBe('Bank am Bach, bitte')
    expect(t.room.savingDelayed).toBe(false)
  })

  it(`holds at most ${MAX_UNSAVED_BYTES / 1024 / 1024} MiB unsaved; then writers are closed with 4503`, async () => {
    const t = setup()
    t.store.mode = 'fail'
    const chunk = 'x'.repeat(1024 * 1024)
    let sent = 0
    while (t.closes.length === 0 && sent < 40) {
      t.write(chunk)
      sent++
      await new Promise((r) => setTimeout(r, 30))
    }
    expect(t.closes).toEqual([CloseCode.StorageUnavailable.code])
    expect(t.room.unsavedBytes).toBeGreaterThan(MAX_UNSAVED_BYTES)
    expect(t.room.unsavedBytes).toBeLessThan(MAX_UNSAVED_BYTES + 2 * chunk.length)
    // The refused update was not applied: the room has one chunk less than was sent.
    expect(t.room.doc.getText('t').length).toBe((sent - 1) * chunk.length)
    expect(t.acks()).toEqual([])
    await t.room.discard()
  })
})
