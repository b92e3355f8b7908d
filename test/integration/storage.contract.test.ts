/**
 * The storage contract: one suite, run against PGlite always and against Postgres whenever
 * DATABASE_URL is set. Each case names the rule it checks.
 */
import { BoardStore, type Db, loadConfig, loadMigrations, migrate, openDb } from '@ideenwand/server'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { boardExists } from './support/boardRows.ts'
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
    expect(rows.map((r) => Number(r.version)).sort((a, b) => a - b)).toEqual(
      loadMigrations().map((m) => m.version),
    )
  })

  it('[migrations] instances starting together on a new database all start', async () => {
    if (engine !== 'postgres') return // one PGlite directory has one process
    const env = await freshDatabaseEnv(engine)
    const dbs = await Promise.all(
      [1, 2, 3, 4].map(() =>
        openDb({ engine: 'postgres', url: env.DATABASE_URL!, schema: env.DATABASE_SCHEMA }),
      ),
    )
    try {
      const applied = await Promise.all(dbs.map((d) => migrate(d)))
      expect(applied.flat().sort((a, b) => a - b)).toEqual(loadMigrations().map((m) => m.version))
    } finally {
      await Promise.all(dbs.map((d) => d.close()))
    }
  })

  it('[load] an unknown board loads empty', async () => {
    expect(await store.load('nothing-here')).toEqual({
      snapshot: null,
      updates: [],
      lastUpdateId: 0,
    })
    expect(await boardExists(db, 'nothing-here')).toBe(false)
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
    await store.append('d1', textUpdate('secret', doc).update)
    await store.compactWith('d1', () => Y.encodeStateAsUpdate(doc))
    await store.append('d1', textUpdate(' more', doc).update)
    await store.deleteBoard('d1')
    expect(await store.counts('d1')).toEqual({ updates: 0, snapshots: 0 })
    expect(await boardExists(db, 'd1')).toBe(false)
  })

  it('[senders] every log row records who sent it; rows from before have none', async () => {
    await store.ensureBoard('s1')
    const doc = new Y.Doc()
    await Promise.all([
      store.append('s1', textUpdate('a', doc).update, { kind: 'guest', id: 'g-1' }),
      store.append('s1', textUpdate('b', doc).update, { kind: 'facilitator', id: 'f-1' }),
    ])
    await store.append('s1', textUpdate('c', doc).update)
    await store.appendOnce('s1', textUpdate('d', doc).update, 0, { kind: 'guest', id: 'g-2' })
    await db.query("insert into board_updates (board_id, data) values ('s1', $1::bytea)", [
      textUpdate('e', doc).update,
    ])
    const { before, after } = await store.historyState('s1', Number.MAX_SAFE_INTEGER)
    expect(after).toEqual([])
    expect(before.map((r) => r.sender)).toEqual([
      { kind: 'guest', id: 'g-1' },
      { kind: 'facilitator', id: 'f-1' },
      { kind: 'system', id: null },
      { kind: 'guest', id: 'g-2' },
      null,
    ])
    expect(before.every((r) => r.at instanceof Date && !Number.isNaN(r.at.getTime()))).toBe(true)
  })

  it('[restore points] compaction keeps the rows and a restore point; any point can be rebuilt', async () => {
    await store.ensureBoard('r1')
    const doc = new Y.Doc()
    const ids: number[] = []
    const merge = (stored: { snapshot: Uint8Array | null; updates: Uint8Array[] }) =>
      Y.mergeUpdates([...(stored.snapshot ? [stored.snapshot] : []), ...stored.updates])
    for (const [i, part] of ['eins ', 'zwei ', 'drei ', 'vier '].entries()) {
      ids.push(await store.append('r1', textUpdate(part, doc).update, { kind: 'guest', id: 'g' }))
      if (i % 2 === 1) await store.compactWith('r1', merge)
    }
    ids.push(await store.append('r1', textUpdate('fünf', doc).update))
    // The room loads the snapshot and the one row after it; the history keeps all five.
    expect(await store.counts('r1')).toEqual({ updates: 1, snapshots: 1 })
    expect(await store.historyCounts('r1')).toEqual({ rows: 5, restorePoints: 2 })
    expect(replay(await store.load('r1'))).toBe('eins zwei drei vier fünf')
    const at = async (before: number) => {
      const state = await store.historyState('r1', before)
      return replay({ snapshot: state.base, updates: state.before.map((r) => r.data) })
    }
    expect(await at(ids[0]!)).toBe('')
    expect(await at(ids[1]!)).toBe('eins ')
    expect(await at(ids[2]!)).toBe('eins zwei ')
    expect(await at(ids[3]!)).toBe('eins zwei drei ')
    expect(await at(ids[4]!)).toBe('eins zwei drei vier ')
    const fromThird = await store.historyState('r1', ids[2]!)
    expect(fromThird.base).not.toBeNull()
    expect(fromThird.before).toEqual([])
    expect(fromThird.after.map((r) => r.id)).toEqual(ids.slice(2))
    // The newest two rows, and the row before them that their base restore point does not hold.
    const listed = await store.historyRows('r1', 2)
    expect(listed.rows.map((r) => r.id)).toEqual(ids.slice(2))
    expect(replay({ snapshot: listed.base, updates: [] })).toBe('eins zwei ')
    expect(await store.firstRowAt('r1', new Date(Date.now() + 60_000))).toBeNull()
    expect(await store.firstRowAt('r1', new Date(0))).toBe(ids[0])
  })

  it('[rewriteHistory] rewrites every log row, restore point and snapshot; forgets a sender', async () => {
    await store.ensureBoard('e1')
    const doc = new Y.Doc()
    const secret = 'GEHEIM'
    await store.append('e1', textUpdate('GEHEIM eins', doc).update, { kind: 'guest', id: 'g-x' })
    await store.compactWith('e1', (stored) => Y.mergeUpdates(stored.updates))
    await store.append('e1', textUpdate(' GEHEIM zwei', doc).update, { kind: 'guest', id: 'g-y' })
    const copies = async () =>
      db.query<{ data: Uint8Array }>(
        `select data from board_updates where board_id = 'e1'
         union all select data from board_restore_points where board_id = 'e1'
         union all select data from board_snapshots where board_id = 'e1'`,
      )
    const has = (rows: { data: Uint8Array }[]) =>
      rows.filter((r) => Buffer.from(r.data).includes(secret)).length
    expect(has(await copies())).toBe(4)
    const seen: number[] = []
    const changed = await store.rewriteHistory(
      'e1',
      async (all) => {
        seen.push(all.rows.length, all.points.length, all.snapshots.length)
        return (data) =>
          Buffer.from(data).includes(secret) ? Y.encodeStateAsUpdate(new Y.Doc()) : data
      },
      { kind: 'guest', id: 'g-x' },
    )
    expect(seen).toEqual([2, 1, 1])
    expect(changed).toBe(4)
    expect(has(await copies())).toBe(0)
    const senders = await db.query<{ sender_id: string | null }>(
      "select sender_id from board_updates where board_id = 'e1' order by id",
    )
    expect(senders).toEqual([{ sender_id: null }, { sender_id: 'g-y' }])
    // Deleting the board takes its history with it.
    await store.deleteBoard('e1')
    expect(await store.historyCounts('e1')).toEqual({ rows: 0, restorePoints: 0 })
  })

  it('[ping] answers while the database is open', async () => {
    expect(store.engine).toBe(engine)
    expect(await store.ping()).toBe(true)
  })
})
