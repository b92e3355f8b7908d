/**
 * What `Y.applyUpdate` costs for the update shapes of issue 15, hostile and honest, and what the
 * update guard's cost estimate says about each. A program that prints figures, not a test:
 *
 *   pnpm --filter @ideenwand/bench apply-cost [--max=2097152]
 *
 * Each row applies the update to a fresh copy of its board (with an `update` listener that
 * encodes, as the room's persistence does) and prints the best of three runs, the guard's cost
 * units and whether the guard would accept it with the default limits.
 */
import { Board, canvasStore } from '@ideenwand/board'
import { checkUpdate, DEFAULT_MAX_UPDATE_COST } from '@ideenwand/server'
import * as Y from 'yjs'
import {
  conflictingInserts,
  deleteEveryOther,
  largestFitting,
  overlappingDeletes,
  SYNC_FRAME_OVERHEAD,
  splittingInserts,
  textBase,
} from '../../integration/support/updateShapes.ts'

const maxArg = process.argv.find((a) => a.startsWith('--max='))
const MAX_PAYLOAD = maxArg ? Number(maxArg.slice(6)) : 2 * 1024 * 1024
const MAX_UPDATE = MAX_PAYLOAD - SYNC_FRAME_OVERHEAD
const TARGET = 1
const ATTACKER = 2

interface Shape {
  name: string
  /** The board before the update, as updates to apply in order. */
  board: Uint8Array[]
  update: Uint8Array
}

function docOf(updates: Uint8Array[]): Y.Doc {
  const doc = new Y.Doc({ gc: true })
  doc.transact(() => {
    for (const u of updates) Y.applyUpdate(doc, u)
  })
  return doc
}

function measure(shape: Shape): { ms: number; units: number; verdict: string } {
  let best = Number.POSITIVE_INFINITY
  for (let run = 0; run < 3; run++) {
    const doc = docOf(shape.board)
    doc.on('update', (u: Uint8Array) => void u.length)
    const started = performance.now()
    Y.applyUpdate(doc, shape.update)
    best = Math.min(best, performance.now() - started)
    doc.destroy()
    if (best > 5_000) break
  }
  const doc = docOf(shape.board)
  let verdict = 'accepted'
  let units = 0
  try {
    const summary = checkUpdate(update(shape), (c) => Y.getState(doc.store, c), {
      maxLength: 10_000_000,
      budgetMs: 1000,
      board: doc,
      maxCost: 50 * DEFAULT_MAX_UPDATE_COST,
    })
    units = summary.cost
    if (units > DEFAULT_MAX_UPDATE_COST) verdict = 'refused (cost)'
  } catch (err) {
    verdict = `refused: ${(err as Error).message}`
    const m = /cost (\d+)/.exec((err as Error).message)
    units = m ? Number(m[1]) : Number.NaN
  }
  return { ms: best, units, verdict }
}

function update(shape: Shape): Uint8Array {
  return shape.update
}

/** Splits `text` into `pieces` items by deleting every other character (done honestly). */
function splitText(length: number): Uint8Array[] {
  const base = textBase(TARGET, length)
  const doc = docOf([base])
  Y.applyUpdate(doc, deleteEveryOther(TARGET, Math.floor(length / 2) - 1))
  return [Y.encodeStateAsUpdate(doc)]
}

function hostileShapes(): Shape[] {
  const shapes: Shape[] = []
  for (const ranges of [1_000, 5_000, 20_000, 100_000]) {
    shapes.push({
      name: `delete every other character, ${ranges.toLocaleString('en')} ranges`,
      board: [textBase(TARGET, 2 * ranges + 2)],
      update: deleteEveryOther(TARGET, ranges),
    })
  }
  const maxRanges = largestFitting((n) => deleteEveryOther(TARGET, n), MAX_UPDATE)
  shapes.push({
    name: `delete every other character, frame limit (${maxRanges.toLocaleString('en')} ranges)`,
    board: [textBase(TARGET, 2 * maxRanges + 2)],
    update: deleteEveryOther(TARGET, maxRanges),
  })
  const maxInserts = largestFitting((n) => splittingInserts(ATTACKER, TARGET, n), MAX_UPDATE)
  for (const n of [5_000, maxInserts]) {
    shapes.push({
      name: `inserts splitting a text, ${n.toLocaleString('en')} structs`,
      board: [textBase(TARGET, 2 * n + 2)],
      update: splittingInserts(ATTACKER, TARGET, n),
    })
  }
  const split = splitText(40_000)
  for (const n of [1, 10, 100]) {
    shapes.push({
      name: `conflicting inserts over a 20,000-item text, ${n.toLocaleString('en')} clients`,
      board: split,
      update: conflictingInserts(1_000, TARGET, n),
    })
  }
  const maxConflicts = largestFitting((n) => conflictingInserts(1_000, TARGET, n), MAX_UPDATE)
  shapes.push({
    name: `conflicting inserts on a short text, frame limit (${maxConflicts.toLocaleString('en')} clients)`,
    board: [textBase(TARGET, 10)],
    update: conflictingInserts(1_000, TARGET, maxConflicts),
  })
  // At the frame limit (524,284 ranges) this took 269 s; a few show the shape.
  shapes.push({
    name: 'overlapping deletes over a 20,000-item text (2,000 ranges)',
    board: split,
    update: overlappingDeletes(TARGET, 40_000, 2_000),
  })
  const deadRanges = largestFitting((n) => deleteEveryOther(TARGET, n, 0), MAX_UPDATE)
  shapes.push({
    name: `deletes of already deleted characters (${deadRanges.toLocaleString('en')} ranges)`,
    board: (() => {
      const doc = docOf([textBase(TARGET, 2 * deadRanges + 2)])
      doc.getText('t').delete(0, 2 * deadRanges + 2)
      return [Y.encodeStateAsUpdate(doc)]
    })(),
    update: deleteEveryOther(TARGET, deadRanges, 0),
  })
  return shapes
}

/** Honest updates that must pass: a large paste, a big board, an offline backlog. */
function honestShapes(): Shape[] {
  const shapes: Shape[] = []
  const paste = new Y.Doc()
  paste.getText('t').insert(0, 'Lorem ipsum dolor sit amet. '.repeat(35_000))
  shapes.push({ name: 'a 1 MB paste', board: [], update: Y.encodeStateAsUpdate(paste) })

  const ideas = new Y.Doc()
  const board = new Board(ideas)
  for (let i = 0; i < 2000; i++) board.addIdea({ text: `Idee ${i}: mehr Grün am Marktplatz` })
  shapes.push({
    name: 'a 2,000-idea board in one update',
    board: [],
    update: Y.encodeStateAsUpdate(ideas),
  })

  // A board others built (200 ideas, 300 shapes), then a phone offline for a workshop: it edits
  // texts, drags shapes and deletes some, 5,000 changes sent as one update on reconnect.
  const shared = new Y.Doc()
  shared.clientID = TARGET
  const sharedBoard = new Board(shared)
  const ids: string[] = []
  for (let i = 0; i < 200; i++) ids.push(sharedBoard.addIdea({ text: `Idee ${i} `.repeat(8) }))
  const canvas = canvasStore<{ x: number; y: number }>(shared)
  shared.transact(() => {
    for (let i = 0; i < 300; i++) canvas.set(`shape:${i}`, { x: i, y: i })
  })
  const before = Y.encodeStateAsUpdate(shared)
  const phone = docOf([before])
  phone.clientID = ATTACKER + 1
  const phoneBoard = new Board(phone)
  const phoneCanvas = canvasStore<{ x: number; y: number }>(phone)
  let seed = 7
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31
    return seed % n
  }
  for (let i = 0; i < 5000; i++) {
    const kind = random(4)
    if (kind === 0) {
      const text = phoneBoard.ideaText(ids[random(ids.length)]!)!
      text.insert(random(text.length), 'neu ')
    } else if (kind === 1) {
      const text = phoneBoard.ideaText(ids[random(ids.length)]!)!
      if (text.length > 4) text.delete(random(text.length - 3), 3)
    } else phoneCanvas.set(`shape:${random(300)}`, { x: i, y: -i })
  }
  shapes.push({
    name: 'an offline backlog of 5,000 edits (texts, 300 shapes dragged)',
    board: [before],
    update: Y.encodeStateAsUpdate(phone, Y.encodeStateVector(shared)),
  })
  return shapes
}

console.info(`max frame ${MAX_PAYLOAD} bytes; best of 3 runs of Y.applyUpdate`)
console.info('| shape | bytes | apply ms | guard cost | guard |')
console.info('|---|---:|---:|---:|---|')
for (const shape of [...honestShapes(), ...hostileShapes()]) {
  const { ms, units, verdict } = measure(shape)
  console.info(
    `| ${shape.name} | ${shape.update.length.toLocaleString('en')} | ${ms.toFixed(1)} | ${units.toLocaleString('en')} | ${verdict} |`,
  )
}
