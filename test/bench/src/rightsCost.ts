/**
 * What the participant rights check (server/src/sync/updateRights.ts) costs per honest update,
 * on a board of workshop size. A program that prints figures, not a test:
 *
 *   pnpm --filter @ideenwand/bench rights-cost [--ideas=500] [--runs=20000]
 *
 * The board has `ideas` ideas with a card each, 20 clusters with frames, and one participant's own
 * idea. Each row is an update the participant's client really sends (typing a character, adding an
 * idea with its card, moving the own card, deleting the own idea); the check runs `runs` times
 * on it and the mean and best of five rounds are printed in µs.
 */
import { Board, canvasStore } from '@ideenwand/board'
import { CanvasIndex, checkRights, OPEN_POLICY } from '@ideenwand/server'
import * as Y from 'yjs'

const arg = (name: string, fallback: number) => {
  const found = process.argv.find((a) => a.startsWith(`--${name}=`))
  return found ? Number(found.slice(name.length + 3)) : fallback
}
const IDEAS = arg('ideas', 500)
const RUNS = arg('runs', 20_000)
const ME = 'guest-me'

function card(ideaId: string, x: number) {
  const id = `shape:idea-${ideaId}`
  return {
    id,
    typeName: 'shape',
    type: 'idea-card',
    x,
    y: 0,
    rotation: 0,
    index: 'a1',
    parentId: 'page:page',
    isLocked: false,
    opacity: 1,
    meta: {},
    props: { ideaId, w: 200, h: 140 },
  }
}

const server = new Y.Doc()
const board = new Board(server)
const kv = canvasStore<Record<string, unknown>>(server)
server.transact(() => {
  for (let c = 0; c < 20; c++) board.addCluster({ title: `Cluster ${c}` })
  for (let i = 0; i < IDEAS; i++) {
    const id = board.addIdea({ text: `Idee Nummer ${i} für den Marktplatz`, authorId: `g${i}` })
    kv.set(`shape:idea-${id}`, card(id, i * 10))
  }
})
const own = board.addIdea({ text: 'Meine Idee', authorId: ME, authorName: 'Anna' })
kv.set(`shape:idea-${own}`, card(own, -500))
const canvas = new CanvasIndex(server)

/** The update a participant's replica produces for `change`. */
type Canvas = ReturnType<typeof canvasStore<Record<string, unknown>>>

function updateOf(change: (b: Board, kvs: Canvas) => void): Uint8Array {
  const replica = new Y.Doc()
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(server))
  const kvs = canvasStore<Record<string, unknown>>(replica)
  const before = Y.encodeStateVector(replica)
  change(new Board(replica), kvs)
  return Y.encodeStateAsUpdate(replica, before)
}

const rows: [string, Uint8Array][] = [
  ['type one character', updateOf((b) => b.ideaText(own)!.insert(4, 'e'))],
  [
    'add an idea with its card',
    updateOf((b, kvs) => {
      const id = b.addIdea({ text: 'Noch eine Idee', authorId: ME, authorName: 'Anna' })
      kvs.set(`shape:idea-${id}`, card(id, 42))
    }),
  ],
  ['move the own card', updateOf((_b, kvs) => kvs.set(`shape:idea-${own}`, card(own, 99)))],
  ['delete the own idea', updateOf((b) => b.deleteIdea(own))],
]

const writer = { id: ME, name: 'Anna' }
console.log(`rights check per honest participant update (${IDEAS} ideas, ${RUNS} runs × 5)`)
console.log('update                       bytes   mean µs   best µs')
for (const [name, update] of rows) {
  const means: number[] = []
  for (let round = 0; round < 5; round++) {
    const start = performance.now()
    for (let i = 0; i < RUNS; i++) checkRights(server, update, writer, OPEN_POLICY, canvas)
    means.push(((performance.now() - start) * 1000) / RUNS)
  }
  const mean = means.reduce((a, b) => a + b, 0) / means.length
  console.log(
    `${name.padEnd(28)} ${String(update.length).padStart(5)} ${mean.toFixed(2).padStart(9)} ${Math.min(
      ...means,
    )
      .toFixed(2)
      .padStart(9)}`,
  )
}
