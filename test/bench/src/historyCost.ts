/**
 * What versions and restore (issue 14 §3) cost on a board of workshop size with a long history.
 * A program that prints figures, not a test:
 *
 *   pnpm --filter @ideenwand/bench history-cost [--ideas=200] [--updates=5000] [--engine=postgres]
 *
 * It stores, through the real BoardStore on a fresh database (PGlite, or Postgres with
 * DATABASE_URL), `ideas` ideas with their cards and then `updates` log rows from eight people
 * (typing, moving cards, recolouring; compacted every 500 rows as the server does, so the history
 * has restore points), the last 40 of them one person deleting 40 ideas. Then, each step as the
 * server runs it (HistoryService): list the history, restore the board to before the deletion,
 * undo that person's changes since then, and erase one person across every restore point. Each
 * is timed over five runs (median and worst, in ms).
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Board, canvasStore } from '@ideenwand/board'
import {
  applyState,
  BoardStore,
  buildDoc,
  listHistory,
  migrate,
  openDb,
  readState,
  redactionRanges,
  redactUpdate,
  replay,
  type UpdateSender,
  withoutSender,
} from '@ideenwand/server'
import * as Y from 'yjs'

const arg = (name: string, fallback: string) => {
  const found = process.argv.find((a) => a.startsWith(`--${name}=`))
  return found ? found.slice(name.length + 3) : fallback
}
const IDEAS = Number(arg('ideas', '200'))
const UPDATES = Number(arg('updates', '5000'))
const ENGINE = arg('engine', 'pglite')
const BOARD = 'bench-history'

const db =
  ENGINE === 'postgres'
    ? await openDb({
        engine: 'postgres',
        url: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
        schema: `bench_history_${process.pid}`,
      })
    : await openDb({
        engine: 'pglite',
        dataDir: join(mkdtempSync(join(tmpdir(), 'ideenwand-history-')), 'data'),
      })
if (ENGINE === 'postgres') {
  await db.exec(`create schema if not exists bench_history_${process.pid}`)
}
await migrate(db)
const store = new BoardStore(db)
await store.ensureBoard(BOARD)

const people: UpdateSender[] = Array.from({ length: 8 }, (_, i) => ({
  kind: 'guest',
  id: `guest-${i}`,
}))
const live = new Y.Doc()
const board = new Board(live)
const cards = canvasStore<Record<string, unknown>>(live)

/** Stores what `change` does to the live doc as one row of `sender`. */
async function row(sender: UpdateSender, change: () => void): Promise<void> {
  const before = Y.encodeStateVector(live)
  live.transact(change)
  await store.append(BOARD, Y.encodeStateAsUpdate(live, before), sender)
}

const merge = (stored: { snapshot: Uint8Array | null; updates: Uint8Array[] }) =>
  Y.mergeUpdates([...(stored.snapshot ? [stored.snapshot] : []), ...stored.updates])

const ids: string[] = []
const started = performance.now()
for (let i = 0; i < IDEAS; i++) {
  const author = people[i % people.length]!
  await row(author, () => {
    const id = board.addIdea({
      text: `Idee ${i}: mehr Bänke und Schatten am Marktplatz in Bad Belzig`,
      authorId: author.id,
      authorName: `Person ${i % people.length}`,
    })
    cards.set(`shape:idea-${id}`, {
      id: `shape:idea-${id}`,
      x: i * 10,
      y: 0,
      props: { ideaId: id },
    })
    ids.push(id)
  })
}
const vandal = people[3]!
const victims = ids.slice(0, 40)
for (let u = IDEAS; u < UPDATES - victims.length; u++) {
  const who = people[u % people.length]!
  const id = ids[(u * 7) % ids.length]!
  await row(who, () => {
    if (u % 3 === 0) board.ideaText(id)?.insert(0, 'x')
    else if (u % 3 === 1)
      cards.set(`shape:idea-${id}`, { id, x: u, y: u % 50, props: { ideaId: id } })
    else board.updateIdea(id, { color: u % 2 ? 'green' : 'blue' })
  })
  if (u % 500 === 0) await store.compactWith(BOARD, merge)
}
const [{ id: firstDeletion } = { id: 0 }] = await db.query<{ id: number }>(
  "select coalesce(max(id), 0) + 1 as id from board_updates where board_id = 'bench-history'",
)
for (const id of victims) await row(vandal, () => board.deleteIdea(id))
const counts = await store.historyCounts(BOARD)
console.log(
  `board: ${IDEAS} ideas, ${counts.rows} log rows, ${counts.restorePoints} restore points ` +
    `(${ENGINE}); written in ${Math.round(performance.now() - started)} ms`,
)

/**
 * Times `fn` over five runs; also the longest the event loop was held meanwhile (a 2 ms timer's
 * worst lateness): what the rooms on the same server feel.
 */
async function time(name: string, fn: () => Promise<unknown> | unknown): Promise<void> {
  const ms: number[] = []
  let stall = 0
  let last = performance.now()
  const probe = setInterval(() => {
    const now = performance.now()
    stall = Math.max(stall, now - last - 2)
    last = now
  }, 2)
  for (let i = 0; i < 5; i++) {
    const t = performance.now()
    await fn()
    ms.push(performance.now() - t)
    await new Promise((resolve) => setImmediate(resolve))
  }
  clearInterval(probe)
  ms.sort((a, b) => a - b)
  const f = (n: number) => n.toFixed(0).padStart(5)
  console.log(
    `${name.padEnd(48)} median ${f(ms[2]!)} ms   worst ${f(ms[4]!)} ms   event loop held ≤ ${f(stall)} ms`,
  )
}

/** A live board to apply to: the stored board as a room would load it. */
async function liveCopy(): Promise<Y.Doc> {
  const stored = await store.load(BOARD)
  return buildDoc(stored.snapshot, stored.updates)
}

await time('  read 5,000 rows', () => store.historyRows(BOARD, 5_000))
{
  const { base, rows } = await store.historyRows(BOARD, 5_000)
  await time('  apply them without listing', () =>
    buildDoc(
      base,
      rows.map((r) => r.data),
    ),
  )
  await time('  apply them one transaction each', () => {
    const doc = buildDoc(base, [])
    for (const r of rows) Y.applyUpdate(doc, r.data)
  })
}
await time('history listing (read + replay, 5,000 rows)', async () => {
  const { base, rows } = await store.historyRows(BOARD, 5_000)
  return await listHistory(base, rows)
})
await time('restore to before the deletion (read + build)', async () => {
  const state = await store.historyState(BOARD, Number(firstDeletion))
  return readState(
    await replay(
      state.base,
      state.before.map((r) => r.data),
    ),
  )
})
let restored = 0
await time('  … and apply to the live board', async () => {
  const state = await store.historyState(BOARD, Number(firstDeletion))
  const target = readState(
    await replay(
      state.base,
      state.before.map((r) => r.data),
    ),
  )
  const doc = await liveCopy()
  const t = performance.now()
  restored = applyState(doc, target, null, new Set(), 'bench').ideasRestored
  return performance.now() - t
})
let undone = 0
await time("undo one person's changes since a point", async () => {
  const state = await store.historyState(BOARD, Number(firstDeletion))
  const { keys, target } = await withoutSender(state.base, state.before, state.after, vandal)
  undone = applyState(await liveCopy(), target, keys, new Set(), 'bench').ideasRestored
})
const erasure = { changed: 0 }
await time('erasure across every restore point (no writes)', async () => {
  erasure.changed = 0
  const rows = await db.query<{ data: Uint8Array }>(
    `select data from board_updates where board_id = $1 order by id`,
    [BOARD],
  )
  const points = await db.query<{ data: Uint8Array }>(
    `select data from board_restore_points where board_id = $1 order by id`,
    [BOARD],
  )
  const history = await replay(
    null,
    [...rows, ...points].map((r) => new Uint8Array(r.data)),
    false,
  )
  // As erasure does: the person's ideas are deleted on the board first.
  history.transact(() => {
    for (const idea of new Board(history).ideas()) {
      if (idea.authorId === people[5]!.id) history.getMap('ideas').delete(idea.id)
    }
  })
  const ranges = redactionRanges(history, { kind: 'ideas-of', authorId: people[5]!.id! })
  for (const [i, r] of [...rows, ...points].entries()) {
    if (i % 100 === 99) await new Promise((resolve) => setImmediate(resolve))
    const data = new Uint8Array(r.data)
    if (redactUpdate(data, ranges) !== data) erasure.changed++
  }
})
console.log(
  `restore brought back ${restored} ideas, undo ${undone}; erasure rewrote ${erasure.changed} stored copies`,
)
await db.close()
