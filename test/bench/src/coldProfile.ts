/**
 * `pnpm --filter @ideenwand/bench cold-profile [--engine=pglite|postgres] [--reps=5]`: where the
 * cold load of the 2,000-idea / 5,000-record board goes, step by step and in one process (no
 * HTTP, no session check): reading the snapshot, applying it to a fresh Y.Doc, encoding the
 * state vector, and encoding the first full sync step 2. Medians over `reps` runs. Run it under
 * `node --cpu-prof` for a profile.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BoardStore, migrate, openDb } from '@ideenwand/server'
import * as Y from 'yjs'
import { coldBoardUpdates, type DbTarget, seedBoard } from './board.ts'

const args = new Map(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, '').split('=')
    return [k ?? '', v ?? 'true'] as const
  }),
)
const ENGINE = (args.get('engine') ?? 'pglite') as 'pglite' | 'postgres'
const REPS = Number(args.get('reps') ?? 5)
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? ''

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)] ?? Number.NaN
}

async function main() {
  const tmp = mkdtempSync(join(tmpdir(), 'ideenwand-cold-'))
  let target: DbTarget
  let cleanup = async () => {}
  if (ENGINE === 'pglite') {
    target = { engine: 'pglite', dataDir: join(tmp, 'data') }
  } else {
    if (!DATABASE_URL) throw new Error('postgres needs DATABASE_URL')
    const schema = `cold_${Math.random().toString(36).slice(2, 10)}`
    target = { engine: 'postgres', url: DATABASE_URL, schema }
    cleanup = async () => {
      const db = await openDb({ engine: 'postgres', url: DATABASE_URL, max: 1 })
      await db.query(`drop schema ${schema} cascade`)
      await db.close()
    }
    const db = await openDb({ engine: 'postgres', url: DATABASE_URL, max: 1 })
    await db.query(`create schema ${schema}`)
    await db.close()
  }
  try {
    const boardId = 'cold-profile-board'
    {
      const db = await openDb(target)
      await migrate(db)
      await new BoardStore(db).ensureBoard(boardId)
      await db.close()
    }
    const seeded = await seedBoard(target, boardId, coldBoardUpdates(), 'snapshot')
    console.log(`${ENGINE}: snapshot of ${seeded.bytes} bytes`)
    const db = await openDb(target)
    const store = new BoardStore(db)
    const wall = new Map<string, number[]>()
    const cpu = new Map<string, number[]>()
    const record = (name: string, t0: number, c0: NodeJS.CpuUsage) => {
      const c = process.cpuUsage(c0)
      if (!wall.has(name)) wall.set(name, [])
      if (!cpu.has(name)) cpu.set(name, [])
      wall.get(name)?.push(performance.now() - t0)
      cpu.get(name)?.push((c.user + c.system) / 1000)
    }
    const time = <T>(name: string, f: () => T): T => {
      const t0 = performance.now()
      const c0 = process.cpuUsage()
      const r = f()
      record(name, t0, c0)
      return r
    }
    for (let r = 0; r < REPS; r++) {
      const t0 = performance.now()
      const c0 = process.cpuUsage()
      const stored = await store.load(boardId)
      record('read snapshot', t0, c0)
      const doc = new Y.Doc({ gc: true })
      time('apply snapshot', () => {
        doc.transact(() => {
          for (const u of [stored.snapshot, ...stored.updates]) if (u) Y.applyUpdate(doc, u)
        })
      })
      time('encode state vector', () => Y.encodeStateVector(doc))
      const full = time('encode full state (sync step 2)', () => Y.encodeStateAsUpdate(doc))
      record('total', t0, c0)
      if (r === 0) console.log(`sync step 2 update: ${full.length} bytes`)
      doc.destroy()
    }
    for (const [name, xs] of wall) {
      const cs = cpu.get(name) ?? []
      console.log(
        `${name.padEnd(34)} median ${median(xs).toFixed(1)} ms wall, ${median(cs).toFixed(1)} ms CPU  (wall ${xs.map((x) => x.toFixed(0)).join(', ')})`,
      )
    }
    await db.close()
  } finally {
    await cleanup()
    rmSync(tmp, { recursive: true, force: true })
  }
}

main().catch((err) => {
  console.error(err)
  process.exitCode = 1
})
