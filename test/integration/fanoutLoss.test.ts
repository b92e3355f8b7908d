/**
 * Lost and unreadable messages between instances (issue 17 §3). Redis pub/sub delivers at most
 * once and says nothing when a subscriber misses a message while Redis stays up; each stored
 * update between instances carries its log row id and the id of the previous one its publisher
 * sent, so the receiver sees the gap and catches up from Postgres. Messages are forged here as a
 * third instance would publish them (its updates stored in the same Postgres), one of them
 * "lost" — stored but never published. Needs DATABASE_URL and a Redis on 127.0.0.1:6379.
 */
import { BoardStore, encodeFanoutMessage, openDb } from '@ideenwand/server'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { type TestClient, waitFor } from './support/clients.ts'
import { freshDatabaseEnv } from './support/engines.ts'
import { HAS_POSTGRES, Instances, redisForTests } from './support/instances.ts'
import { parseExposition, total } from './support/prometheus.ts'
import { redisPublish } from './support/redisPublish.ts'

if (!HAS_POSTGRES) {
  console.warn(
    'fanoutLoss.test.ts skipped: two instances need a shared Postgres (set DATABASE_URL)',
  )
}

const instances = new Instances()
const clients: TestClient[] = []
const closers: (() => Promise<void>)[] = []

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  await instances.stopAll()
  for (const close of closers.splice(0)) await close()
})

/** Two instances on one board, a client on each, and the store and channel a third would use. */
async function twoInstances() {
  const env = await freshDatabaseEnv('postgres')
  const { a, b, fixture, onA, onB } = await instances.pair(env, clients)
  const db = await openDb({
    engine: 'postgres',
    url: env.DATABASE_URL!,
    schema: env.DATABASE_SCHEMA!,
    max: 1,
  })
  closers.push(() => db.close())
  const channel = `ideenwand:${env.DATABASE_SCHEMA}:board:${fixture.boardId}`
  return { a, b, onA, onB, boardId: fixture.boardId, store: new BoardStore(db), channel }
}

/** How many catch-ups from the store the instance at `url` has completed (its /metrics). */
async function storeCatchUps(url: string): Promise<number> {
  const res = await fetch(`${url}/metrics`)
  expect(res.status).toBe(200)
  return total(parseExposition(await res.text()), 'ideenwand_sync_store_catchups_total')
}

/** A third instance's client: each call makes one update that depends on the one before. */
function ghostWriter() {
  const doc = new Y.Doc()
  return (key: string): Uint8Array => {
    const before = Y.encodeStateVector(doc)
    doc.getMap('m').set(key, key)
    return Y.encodeStateAsUpdate(doc, before)
  }
}

describe.skipIf(!HAS_POSTGRES)('messages between instances lost or unreadable (postgres)', () => {
  let redisUp = false
  beforeAll(async () => {
    redisUp = await redisForTests('fanoutLoss.test.ts')
  })

  it('a lost update is seen as a gap in the sequence; the instance catches up from the store and its clients converge', async (ctx) => {
    if (!redisUp) ctx.skip()
    const { b, onA, onB, boardId, store, channel } = await twoInstances()
    const write = ghostWriter()
    const publish = (chain: number, prev: number, id: number, update: Uint8Array) =>
      redisPublish(
        6379,
        channel,
        encodeFanoutMessage('ghost-instance', { kind: 'stored', chain, prev, id, update }),
      )
    const before = { ...b.server.rooms.fanoutStats }

    // The first message of the chain arrives as usual.
    const u1 = write('k1')
    const id1 = await store.append(boardId, u1)
    expect(await publish(1, 0, id1, u1)).toBeGreaterThanOrEqual(2)
    await waitFor(() => onB.doc.getMap('m').get('k1') === 'k1')
    expect(await storeCatchUps(b.url)).toBe(0)

    // The second is stored, but its message is lost; the third depends on it.
    const u2 = write('k2')
    const id2 = await store.append(boardId, u2)
    const u3 = write('k3')
    const id3 = await store.append(boardId, u3)
    await publish(1, id2, id3, u3)
    // Without the catch-up, Yjs would keep k3 pending on B forever and B's clients would miss
    // both until a reload.
    await waitFor(
      () => onB.doc.getMap('m').get('k2') === 'k2' && onB.doc.getMap('m').get('k3') === 'k3',
      5_000,
    )
    await waitFor(
      () => onA.doc.getMap('m').get('k2') === 'k2' && onA.doc.getMap('m').get('k3') === 'k3',
      5_000,
    )
    expect(b.server.rooms.fanoutStats.gaps - before.gaps).toBe(1)
    await expect.poll(() => storeCatchUps(b.url)).toBeGreaterThanOrEqual(1)

    // A chain B has not seen, whose first message names a predecessor B never loaded: the
    // predecessor was lost, too.
    const u4 = write('k4')
    const id4 = await store.append(boardId, u4)
    const u5 = write('k5')
    const id5 = await store.append(boardId, u5)
    await publish(2, id4, id5, u5)
    await waitFor(() => onB.doc.getMap('m').get('k5') === 'k5', 5_000)
    expect(b.server.rooms.fanoutStats.gaps - before.gaps).toBe(2)

    // Real traffic goes on and both clients end identical.
    onA.doc.getMap('m').set('fromA', 1)
    onB.doc.getMap('m').set('fromB', 1)
    await Promise.all([onA.allConfirmed(), onB.allConfirmed()])
    await waitFor(() => onA.doc.getMap('m').size === 7 && onB.doc.getMap('m').size === 7)
    expect(onA.doc.getMap('m').toJSON()).toEqual(onB.doc.getMap('m').toJSON())
    // Unbroken chains between the two real instances caused no catch-up.
    expect(b.server.rooms.fanoutStats.gaps - before.gaps).toBe(2)
  })

  it('an unreadable or unknown message does not wedge the channel and makes the instance catch up', async (ctx) => {
    if (!redisUp) ctx.skip()
    const { b, onA, onB, boardId, store, channel } = await twoInstances()
    const write = ghostWriter()
    // Stored by someone whose message then arrives garbled: only the store has it.
    const lost = write('lost')
    await store.append(boardId, lost)
    const garbled = [
      new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
      // A well-formed header with a kind this version does not know.
      encodeFanoutMessage('ghost', { kind: 'stored', chain: 1, prev: 0, id: 1, update: lost }).map(
        (byte, i) => (i === 6 ? 99 : byte),
      ),
      // A stored update cut short.
      encodeFanoutMessage('ghost', {
        kind: 'stored',
        chain: 1,
        prev: 0,
        id: 1,
        update: lost,
      }).slice(0, 12),
      'not even binary',
    ]
    for (const message of garbled) await redisPublish(6379, channel, message)

    await waitFor(() => onB.doc.getMap('m').get('lost') === 'lost', 5_000)
    expect(b.server.rooms.fanoutStats.unreadable).toBe(garbled.length)

    // What comes after goes through as usual, both ways.
    for (let i = 0; i < 20; i++) {
      onA.doc.getMap('m').set(`a${i}`, i)
      onB.doc.getMap('m').set(`b${i}`, i)
    }
    await Promise.all([onA.allConfirmed(), onB.allConfirmed()])
    await waitFor(() => onA.doc.getMap('m').size === 41 && onB.doc.getMap('m').size === 41)
    expect(onA.doc.getMap('m').toJSON()).toEqual(onB.doc.getMap('m').toJSON())
  })
})
