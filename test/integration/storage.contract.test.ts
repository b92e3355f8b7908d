/**
 * The storage contract: one suite, run against PGlite always and against Postgres whenever
 * DATABASE_URL is set. Each case names the rule it checks.
 */
import { BoardStore, type Db, loadConfig, loadMigrations, migrate, openDb } from '@ideenwand/server'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { ENGINES, freshDatabaseEnv } from './support/engines.ts'

function textUpdate(text: string, base?: Y.Doc): { doc: Y.Doc; update: Uint8Array } {
  const doc = base ?? new Y.Doc()
  const before = Y.encodeStateVector(doc)
  doc.getText('t').insert(doc.getText('t').length, text)
  return { doc, update: Y.encodeStateAsUpdate(doc, before) }
}

function replay(stored: { snapshot: Uint8Array | null; updates: Uint8Array[] }): string {
  const doc = new Y.Doc()
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot)
  for (const u of stored.updates) Y.applyUpdate(doc, u)
  return doc.getText('t').toString()
}

describe.each(ENGINES)('storage contract (%s)', (engine) => {
  let db: Db
  let store: BoardStore

  beforeEach(async () => {
    const config = loadConfig(await freshDatabaseEnv(engine))
    db = await openDb(
      config.databaseUrl
        ? {
            engine: 'postgres',
            url: config.databaseUrl,
            schema: config.databaseSchema ?? undefined,
          }
        : { engine: 'pglite', dataDir: config.dataDir },
    )
    await migrate(db)
    store = new BoardStore(db)
  })

  afterEach(async () => {
    await db.close()
  })

  it('[migrations] are applied once; a second run applies nothing', async () => {
    expect(await migrate(db)).toEqual([])
    const rows = await db.query<{ version: number }>('select version from schema_migrations')
    expect(rows.map((r) => Number(r.version)).sort()).toEqual(
      loadMigrations().map((m) => m.version),
    )
  })

  it('[load] an unknown board loads empty', async () => {
    expect(await store.load('nothing-here')).toEqual({
      snapshot: null,
      updates: [],
      lastUpdateId: 0,
    })
    expect(await store.boardExists('nothing-here')).toBe(false)
  })

  it('[append] updates come back byte for byte, in order', async () => {
    await store.ensureBoard('b1')
    const first = textUpdate('Hallo ')
    const second = textUpdate('Welt', first.doc)
    const weird = new Uint8Array([0, 255, 0, 1, 92, 39, 34])
    const ids = [
      await store.append('b1', first.update),
      await store.append('b1', second.update),
      await store.append('b1', weird),
    ]
    expect(ids[0]).toBeLessThan(ids[1]!)
    expect(ids[1]).toBeLessThan(ids[2]!)
    const loaded = await store.load('b1')
    expect(loaded.updates.map((u) => [...u])).toEqual([
      [...first.update],
      [...second.update],
      [...weird],
    ])
    expect(loaded.lastUpdateId).toBe(ids[2])
  })

  it('[group commit] 300 concurrent appends across boards take few writes', async () => {
    await store.ensureBoard('g1')
    await store.ensureBoard('g2')
    const docs = { g1: new Y.Doc(), g2: new Y.Doc() }
    const writes = store.stats.writes
    await Promise.all(
      Array.from({ length: 300 }, (_, i) => {
        const board = i % 2 === 0 ? 'g1' : 'g2'
        return store.append(board, textUpdate(`${i},`, docs[board]).update)
      }),
    )
    expect(store.stats.writes - writes).toBeLessThanOrEqual(3)
    expect(replay(await store.load('g1'))).toBe(docs.g1.getText('t').toString())
    expect(replay(await store.load('g2'))).toBe(docs.g2.getText('t').toString())
  })

  it('[compact] replaces covered updates by one snapshot and keeps later ones', async () => {
    await store.ensureBoard('c1')
    const doc = new Y.Doc()
    let lastId = 0
    for (let i = 0; i < 20; i++) lastId = await store.append('c1', textUpdate(`${i} `, doc).update)
    const snapshot = Y.encodeStateAsUpdate(doc)
    const later = textUpdate('after', doc)
    await store.append('c1', later.update)
    await store.compact('c1', snapshot, lastId)
    expect(await store.counts('c1')).toEqual({ updates: 1, snapshots: 1 })
    const loaded = await store.load('c1')
    expect(loaded.updates).toHaveLength(1)
    expect(replay(loaded)).toBe(doc.getText('t').toString())
    expect(loaded.lastUpdateId).toBeGreaterThan(lastId)
  })

  it('[compact] is atomic: a failing compaction leaves log and snapshot untouched', async () => {
    await store.ensureBoard('c2')
    const doc = new Y.Doc()
    const id = await store.append('c2', textUpdate('keep me', doc).update)
    // A snapshot for a board that does not exist violates the foreign key inside the transaction.
    await expect(store.compact('missing-board', Y.encodeStateAsUpdate(doc), id)).rejects.toThrow()
    expect(await store.counts('c2')).toEqual({ updates: 1, snapshots: 0 })
    expect(replay(await store.load('c2'))).toBe('keep me')
  })

  it('[compactWith] merges exactly the rows it read into the snapshot, atomically', async () => {
    await store.ensureBoard('cw')
    const doc = new Y.Doc()
    for (let i = 0; i < 5; i++) await store.append('cw', textUpdate(`${i} `, doc).update)
    const merge = (stored: { snapshot: Uint8Array | null; updates: Uint8Array[] }) =>
      Y.mergeUpdates([...(stored.snapshot ? [stored.snapshot] : []), ...stored.updates])
    const first = await store.compactWith('cw', merge)
    expect(first.rows).toBe(5)
    expect(await store.counts('cw')).toEqual({ updates: 0, snapshots: 1 })
    await store.append('cw', textUpdate('later', doc).update)
    await expect(
      store.compactWith('cw', () => {
        throw new Error('build failed')
      }),
    ).rejects.toThrow('build failed')
    expect(await store.counts('cw')).toEqual({ updates: 1, snapshots: 1 })
    const second = await store.compactWith('cw', merge)
    expect(second.rows).toBe(1)
    expect(replay(await store.load('cw'))).toBe(doc.getText('t').toString())
  })

  it('[delete] deleting a board removes its snapshot and update log', async () => {
    await store.ensureBoard('d1')
    const doc = new Y.Doc()
    const id = await store.append('d1', textUpdate('secret', doc).update)
    await store.compact('d1', Y.encodeStateAsUpdate(doc), id)
    await store.append('d1', textUpdate(' more', doc).update)
    await store.deleteBoard('d1')
    expect(await store.counts('d1')).toEqual({ updates: 0, snapshots: 0 })
    expect(await store.boardExists('d1')).toBe(false)
  })

  it('[ping] answers while the database is open', async () => {
    expect(store.engine).toBe(engine)
    expect(await store.ping()).toBe(true)
  })
})
