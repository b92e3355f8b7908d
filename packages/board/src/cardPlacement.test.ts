/**
 * One move, one truth (issue 16 §5): a move from a view without a canvas also moves the idea's
 * card into its new cluster's frame, in the same transaction; a split gets a frame, a merge
 * brings the cards along; records this module does not understand are left alone.
 * @module
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { Board } from './Board'
import { canvasStore } from './canvasStore'
import { CARD_GAP, FRAME_TITLE_H } from './cardPlacement'

interface Rec {
  id: string
  typeName: string
  type?: string
  parentId?: string
  index?: string
  x?: number
  y?: number
  props?: Record<string, unknown>
  meta?: Record<string, unknown>
}

const PAGE = 'page:page'

function frame(clusterId: string, x: number, y: number, index: string): Rec {
  return {
    id: `shape:cluster-${clusterId}`,
    typeName: 'shape',
    type: 'cluster-frame',
    parentId: PAGE,
    index,
    x,
    y,
    props: { clusterId, w: 520, h: 380 },
    meta: {},
  }
}

function card(ideaId: string, parentId: string, x: number, y: number, index = 'a1'): Rec {
  return {
    id: `shape:idea-${ideaId}`,
    typeName: 'shape',
    type: 'idea-card',
    parentId,
    index,
    x,
    y,
    props: { ideaId, w: 200, h: 140 },
    meta: {},
  }
}

/** Whether `shape` (page coordinates) overlaps another frame on the page. */
function overlapsFrame(
  store: ReturnType<typeof canvasStore<Rec>>,
  shape: Rec | undefined,
): boolean {
  if (!shape) return true
  const w = Number(shape.props?.w)
  const h = Number(shape.props?.h)
  return [...store.map.values()]
    .map((e) => e.val)
    .filter((r) => r.type === 'cluster-frame' && r.id !== shape.id)
    .some((f) => {
      const fw = Number(f.props?.w)
      const fh = Number(f.props?.h)
      const [x, y, fx, fy] = [shape.x ?? 0, shape.y ?? 0, f.x ?? 0, f.y ?? 0]
      return x < fx + fw && fx < x + w && y < fy + fh && fy < y + h
    })
}

/** A board with clusters A and B, each framed; `a1`, `a2` in A, `b1` in B, all with cards. */
function boardWithFrames() {
  const doc = new Y.Doc()
  const board = new Board(doc)
  const store = canvasStore<Rec>(doc)
  const A = board.addCluster({ title: 'A' })
  const B = board.addCluster({ title: 'B' })
  const a1 = board.addIdea({ text: 'a1', clusterId: A })
  const a2 = board.addIdea({ text: 'a2', clusterId: A })
  const b1 = board.addIdea({ text: 'b1', clusterId: B })
  store.set(PAGE, { id: PAGE, typeName: 'page' })
  for (const f of [frame(A, 0, 0, 'a1'), frame(B, 600, 0, 'a2')]) store.set(f.id, f)
  const slot0 = { x: CARD_GAP, y: FRAME_TITLE_H + CARD_GAP }
  const slot1 = { x: CARD_GAP + 224, y: FRAME_TITLE_H + CARD_GAP }
  store.set(`shape:idea-${a1}`, card(a1, `shape:cluster-${A}`, slot0.x, slot0.y))
  store.set(`shape:idea-${a2}`, card(a2, `shape:cluster-${A}`, slot1.x, slot1.y, 'a2'))
  store.set(`shape:idea-${b1}`, card(b1, `shape:cluster-${B}`, slot0.x, slot0.y))
  return { doc, board, store, A, B, a1, a2, b1, slot0, slot1 }
}

describe('moving with the card', () => {
  it('puts the card into the next free slot of the new frame, in the same transaction', () => {
    const { doc, board, store, B, a1, slot1 } = boardWithFrames()
    const canvas = doc.getArray('canvas')
    const ideas = doc.getMap('ideas') as unknown as Y.AbstractType<Y.YEvent<Y.Array<unknown>>>
    const seen: string[][] = []
    doc.on('afterTransaction', (tr: Y.Transaction) => {
      seen.push([
        tr.changedParentTypes.has(ideas) ? 'idea' : '',
        tr.changed.has(canvas) ? 'canvas' : '',
      ])
    })
    board.moveIdea(a1, B, { withCard: true })
    expect(seen[0]).toEqual(['idea', 'canvas'])
    expect(board.idea(a1)?.clusterId).toBe(B)
    expect(store.get(`shape:idea-${a1}`)).toMatchObject({
      parentId: `shape:cluster-${B}`,
      x: slot1.x,
      y: slot1.y,
    })
    // Above its new siblings in the frame's order.
    expect((store.get(`shape:idea-${a1}`)?.index ?? '') > 'a1').toBe(true)
  })

  it('grows a full frame by a row', () => {
    const { board, store, A, B, b1 } = boardWithFrames()
    for (let i = 0; i < 4; i++) {
      const id = board.addIdea({ text: `x${i}`, clusterId: A })
      store.set(`shape:idea-${id}`, card(id, PAGE, 2000 + i * 300, 2000))
      board.moveIdea(id, B, { withCard: true })
    }
    // B held one card; two columns fit in 520 px: 5 cards need three rows.
    const rows = 3
    expect(store.get(`shape:cluster-${B}`)?.props?.h).toBe(
      FRAME_TITLE_H + CARD_GAP + rows * (140 + CARD_GAP),
    )
    const cards = [...store.map.values()]
      .map((e) => e.val)
      .filter((r) => r.parentId === `shape:cluster-${B}`)
    expect(cards).toHaveLength(5)
    expect(new Set(cards.map((c) => `${c.x},${c.y}`)).size).toBe(5)
    expect(board.idea(b1)?.clusterId).toBe(B)
  })

  it('takes the card out of its frame onto the page, beside it on free ground, when the idea leaves its cluster', () => {
    const { board, store, a1 } = boardWithFrames()
    board.moveIdea(a1, null, { withCard: true })
    const moved = store.get(`shape:idea-${a1}`)
    expect(moved?.parentId).toBe(PAGE)
    // Beside frame A (same top), past frame B, overlapping neither.
    expect(moved).toMatchObject({ x: 600 + 520 + 2 * CARD_GAP, y: 0 })
    expect(overlapsFrame(store, moved)).toBe(false)
  })

  it('a split gets a frame made like the others, with the card in it; a merge brings the cards along', () => {
    const { board, store, A, B, a1, a2 } = boardWithFrames()
    const C = board.splitCluster([a1], 'C', { withCard: true })
    const frameC = store.get(`shape:cluster-${C}`)
    expect(frameC).toMatchObject({ type: 'cluster-frame', parentId: PAGE, meta: {} })
    expect(frameC?.props).toEqual({ clusterId: C, w: 520, h: 380 })
    expect(overlapsFrame(store, frameC)).toBe(false)
    expect(store.get(`shape:idea-${a1}`)?.parentId).toBe(`shape:cluster-${C}`)

    board.mergeClusters(A, B, { withCard: true })
    expect(board.idea(a2)?.clusterId).toBe(B)
    expect(store.get(`shape:idea-${a2}`)?.parentId).toBe(`shape:cluster-${B}`)
  })

  it('a merge of several cards gives each its own slot', () => {
    const { board, store, A, B } = boardWithFrames()
    board.mergeClusters(A, B, { withCard: true })
    const inB = [...store.map.values()]
      .map((e) => e.val)
      .filter((r) => r.parentId === `shape:cluster-${B}`)
    expect(inB).toHaveLength(3)
    expect(new Set(inB.map((c) => `${c.x},${c.y}`)).size).toBe(3)
    expect(new Set(inB.map((c) => c.index)).size).toBe(3)
  })

  it('leaves the canvas alone without the option, without a card, and for records it does not understand', () => {
    const { doc, board, store, A, B, a1, b1 } = boardWithFrames()
    board.moveIdea(a1, B)
    expect(store.get(`shape:idea-${a1}`)?.parentId).toBe(`shape:cluster-${A}`)
    const bare = board.addIdea({ text: 'no card yet', clusterId: A })
    board.moveIdea(bare, B, { withCard: true })
    expect(store.get(`shape:idea-${bare}`)).toBeUndefined()
    store.set(`shape:idea-${b1}`, { id: `shape:idea-${b1}`, typeName: 'shape', type: 'idea-card' })
    const before = Y.encodeStateAsUpdate(doc).length
    board.moveIdea(b1, A, { withCard: true })
    expect(store.get(`shape:idea-${b1}`)).toEqual({
      id: `shape:idea-${b1}`,
      typeName: 'shape',
      type: 'idea-card',
    })
    expect(Y.encodeStateAsUpdate(doc).length).toBeGreaterThan(before - 1)
  })
})
