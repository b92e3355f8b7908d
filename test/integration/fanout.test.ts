/**
 * Two server instances for one board, through Redis pub/sub, storing in one Postgres: clients on
 * different instances converge, presence crosses, every confirmed update is stored exactly once,
 * and nothing is lost when both instances compact the same board's log. Needs DATABASE_URL (two
 * servers cannot share one PGlite directory) and a Redis on 127.0.0.1:6379.
 */
import { BoardStore, openDb } from '@ideenwand/server'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { connectClient, type TestClient, waitFor } from './support/clients.ts'
import { freshDatabaseEnv } from './support/engines.ts'
import { HAS_POSTGRES, Instances, redisForTests } from './support/instances.ts'

if (!HAS_POSTGRES) {
  console.warn('fanout.test.ts skipped: two instances need a shared Postgres (set DATABASE_URL)')
}

const instances = new Instances()
const clients: TestClient[] = []
const _start = (env: Record<string, string>) => instances.start(env)

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  await instances.stopAll()
})

describe.skipIf(!HAS_POSTGRES)('two instances through Redis (postgres)', () => {
  let redisUp = false
  beforeAll(async () => {
    redisUp = await redisForTests('fanout.test.ts')
  })

  it('clients on different instances converge, presence crosses, each update is stored once, and compaction on both loses nothing', async (ctx) => {
    if (!redisUp) ctx.skip()
    // Compact often, so both instances compact the shared log many times while both write.
    const env: Record<string, string> = {
      ...(await freshDatabaseEnv('postgres')),
      COMPACT_UPDATES: '7',
      ROOM_IDLE_MS: '100',
    }
    const { a, b, fixture, cookie, onA, onB } = await instances.pair(env, clients)

    // Presence crosses in both directions.
    onA.provider.awareness.setLocalStateField('user', { name: 'Anna auf A' })
    onB.provider.awareness.setLocalStateField('user', { name: 'Ben auf B' })
    await waitFor(
      () => onB.provider.awareness.getStates().get(onA.doc.clientID)?.user?.name === 'Anna auf A',
    )
    await waitFor(
      () => onA.provider.awareness.getStates().get(onB.doc.clientID)?.user?.name === 'Ben auf B',
    )

    // Interleaved writes on both instances.
    for (let i = 0; i < 60; i++) {
      onA.doc.getMap('m').set(`a${i}`, i)
      onB.doc.getMap('m').set(`b${i}`, i)
      if (i % 10 === 0) await new Promise((r) => setTimeout(r, 30))
    }
    await Promise.all([onA.allConfirmed(), onB.allConfirmed()])
    await waitFor(
      () => onA.doc.getMap('m').size === 120 && onB.doc.getMap('m').size === 120,
      10_000,
    )
    expect(onA.doc.getMap('m').toJSON()).toEqual(onB.doc.getMap('m').toJSON())
    // Interleaved publishers are separate sequences: no false gap, no needless catch-up.
    expect(a.server.rooms.fanoutStats.gaps + b.server.rooms.fanoutStats.gaps).toBe(0)

    // A client leaving on B disappears from presence on A.
    onB.destroy()
    await waitFor(() => !onA.provider.awareness.getStates().has(onB.doc.clientID), 10_000)
    onA.destroy()

    // Both instances unload (and compact) the board; then the stored state has everything.
    await waitFor(() => a.server.rooms.size === 0 && b.server.rooms.size === 0, 10_000)
    // Leaving the active set comes first; storing and compacting what the room held follow.
    await Promise.all([
      a.server.rooms.unloaded(fixture.boardId),
      b.server.rooms.unloaded(fixture.boardId),
    ])
    const db = await openDb({
      engine: 'postgres',
      url: env.DATABASE_URL!,
      schema: env.DATABASE_SCHEMA!,
      max: 1,
    })
    try {
      const stored = await new BoardStore(db).load(fixture.boardId)
      const doc = new Y.Doc()
      for (const u of [stored.snapshot, ...stored.updates]) if (u) Y.applyUpdate(doc, u)
      const map = doc.getMap('m')
      for (let i = 0; i < 60; i++) {
        expect(map.get(`a${i}`)).toBe(i)
        expect(map.get(`b${i}`)).toBe(i)
      }
    } finally {
      await db.close()
    }

    // A third client on B (reloading from storage) sees everything too.
    const late = connectClient(b.wsUrl, fixture.boardId, { cookie })
    clients.push(late)
    await late.synced()
    expect(late.doc.getMap('m').size).toBe(120)
  })

  it('an update is stored only by the instance its client sent it to', async (ctx) => {
    if (!redisUp) ctx.skip()
    const env: Record<string, string> = {
      ...(await freshDatabaseEnv('postgres')),
      COMPACT_UPDATES: '100000',
    }
    const { a, b, onA, onB } = await instances.pair(env, clients)
    const appendsA = a.server.store.stats.appends
    const appendsB = b.server.store.stats.appends
    for (let i = 0; i < 10; i++) {
      onA.doc.getText('t').insert(0, 'x')
      await onA.allConfirmed()
    }
    await waitFor(() => onB.doc.getText('t').length === 10)
    // Give B time to (wrongly) store what it relayed.
    await new Promise((r) => setTimeout(r, 200))
    expect(a.server.store.stats.appends - appendsA).toBe(10)
    expect(b.server.store.stats.appends - appendsB).toBe(0)
  })
})
