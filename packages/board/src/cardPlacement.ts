/**
 * Moves an idea's card on the whiteboard's canvas to where the domain says the idea belongs, for
 * views without a canvas (the list view): one move changes the idea's cluster and its card's
 * frame in the same transaction, so the whiteboard, the report's board picture and the list
 * agree (issue 16 §5). The whiteboard itself moves cards with tldraw (canvasDomainRules.ts).
 *
 * This module knows only what the canvas binding derives from the domain (schema.ts,
 * `CANVAS_SHAPES`): the card of idea `x` is the record `ideaCardId(x)`, the frame of
 * cluster `y` is `clusterFrameId(y)` with `props.clusterId`, and a frame lays out its cards in a
 * grid under its title. It trusts no field of a record: anything unexpected leaves it alone.
 * @module
 */
import type * as Y from 'yjs'
import { canvasStore } from './canvasStore'
import { CANVAS_SHAPES, clusterFrameId, ideaCardId } from './schema'

/** Geometry of frames, shared with the whiteboard (client frameLayout.ts). */
export const CARD_GAP = 24
export const FRAME_TITLE_H = 44
const CARD = { w: 200, h: 140 }
const FRAME = { w: 520, h: 380 }

interface ShapeRecord {
  readonly id: string
  readonly typeName: 'shape'
  readonly type: string
  readonly parentId: string
  readonly index: string
  readonly x: number
  readonly y: number
  readonly props: Record<string, unknown>
  readonly [key: string]: unknown
}

const cardKey = ideaCardId
const frameKey = clusterFrameId

function asShape(value: unknown): ShapeRecord | null {
  if (typeof value !== 'object' || value === null) return null
  const r = value as Record<string, unknown>
  if (r.typeName !== 'shape' || typeof r.id !== 'string' || typeof r.parentId !== 'string')
    return null
  if (typeof r.x !== 'number' || typeof r.y !== 'number' || typeof r.index !== 'string') return null
  if (typeof r.props !== 'object' || r.props === null) return null
  return r as unknown as ShapeRecord
}

const num = (value: unknown, fallback: number) =>
  typeof value === 'number' && Number.isFinite(value) ? value : fallback

/** A fractional index above all of `indices` (tldraw's keys: appending a digit sorts after). */
function indexAbove(indices: readonly string[]): string {
  let max = ''
  for (const index of indices) if (index > max) max = index
  return max ? `${max}V` : 'a1'
}

/**
 * The first grid slot (frame-local top-left) under the title of a frame `frameW` wide that no
 * card at a position in `taken` overlaps, row by row; a slot below the frame's bottom when it is
 * full (the caller grows the frame), the first slot when the first 400 are all taken.
 */
export function freeSlot(
  frameW: number,
  taken: readonly { x: number; y: number }[],
  w = CARD.w,
  h = CARD.h,
): { x: number; y: number } {
  const cols = Math.max(1, Math.floor((frameW - CARD_GAP) / (w + CARD_GAP)))
  const overlaps = (x: number, y: number) =>
    taken.some((t) => Math.abs(t.x - x) < w && Math.abs(t.y - y) < h)
  for (let k = 0; k < 400; k++) {
    const x = CARD_GAP + (k % cols) * (w + CARD_GAP)
    const y = FRAME_TITLE_H + CARD_GAP + Math.floor(k / cols) * (h + CARD_GAP)
    if (!overlaps(x, y)) return { x, y }
  }
  return { x: CARD_GAP, y: FRAME_TITLE_H + CARD_GAP }
}

/**
 * Puts the card of each idea into the frame of its new cluster (next free slot, the frame grows
 * by a row if full), or — for no cluster — out of any frame onto the page, in a free spot beside
 * its old frame, so it is not pictured inside a cluster it left. A cluster without a frame gets one (`addFrame`).
 * Does nothing for an idea without a card (no whiteboard has drawn it yet) or one already there.
 * Call inside the transaction that changes the ideas' clusters; each record is written once
 * (YKeyValue's own reads only see what earlier transactions wrote).
 */
export function placeCards(
  doc: Y.Doc,
  moves: readonly { ideaId: string; clusterId: string | null }[],
): void {
  const store = canvasStore<unknown>(doc)
  const byId = new Map<string, ShapeRecord>()
  for (const { val } of store.map.values()) {
    const shape = asShape(val)
    if (shape) byId.set(shape.id, shape)
  }
  const written = new Set<string>()
  const write = (shape: ShapeRecord) => {
    byId.set(shape.id, shape)
    written.add(shape.id)
  }
  for (const { ideaId, clusterId } of moves) placeOne(byId, write, ideaId, clusterId)
  for (const id of written) store.set(id, byId.get(id))
}

function placeOne(
  byId: Map<string, ShapeRecord>,
  write: (shape: ShapeRecord) => void,
  ideaId: string,
  clusterId: string | null,
): void {
  const card = byId.get(cardKey(ideaId))
  if (card?.type !== CANVAS_SHAPES.ideaCard) return
  // The cluster the card is pictured in: its nearest frame ancestor; and the page it is on.
  let current: string | null = null
  let pageId = card.parentId
  for (let depth = 0, p = byId.get(card.parentId); p && depth < 50; depth++) {
    if (
      current === null &&
      p.type === CANVAS_SHAPES.clusterFrame &&
      typeof p.props.clusterId === 'string'
    )
      current = p.props.clusterId
    pageId = p.parentId
    p = byId.get(p.parentId)
  }
  if (current === clusterId) return
  const shapes = [...byId.values()]
  // Where the card is seen now: its top-level ancestor on the page (its old frame), or itself.
  let anchor = card
  for (let depth = 0, p = byId.get(card.parentId); p && depth < 50; depth++) {
    anchor = p
    p = byId.get(p.parentId)
  }
  const seen = boxOf(anchor)
  if (clusterId !== null && !byId.has(frameKey(clusterId))) {
    const made = addFrame(shapes, pageId, clusterId, seen)
    if (made) {
      write(made)
      shapes.push(made)
    }
  }
  const w = num(card.props.w, CARD.w)
  const h = num(card.props.h, CARD.h)
  const frame = clusterId === null ? undefined : byId.get(frameKey(clusterId))
  if (frame && frame.type === CANVAS_SHAPES.clusterFrame && frame.parentId === pageId) {
    const children = shapes.filter((s) => s.parentId === frame.id && s.id !== card.id)
    const slot = freeSlot(num(frame.props.w, FRAME.w), children, w, h)
    const bottom = slot.y + h + CARD_GAP
    if (bottom > num(frame.props.h, 0)) write({ ...frame, props: { ...frame.props, h: bottom } })
    const index = indexAbove(children.map((s) => s.index))
    write({ ...card, parentId: frame.id, x: slot.x, y: slot.y, index })
    return
  }
  write({ ...card, parentId: pageId, ...beside(shapes, pageId, seen, { w, h }, card.id) })
}

type Box = { x: number; y: number; w: number; h: number }

const boxOf = (s: ShapeRecord): Box => ({
  x: s.x,
  y: s.y,
  w: num(s.props.w, CARD.w),
  h: num(s.props.h, CARD.h),
})

/**
 * A free spot of `size` on the page right beside `anchor` (where the card was, so it stays near
 * where people look), stepping right past whatever is there; and an index above the page's shapes.
 */
function beside(
  shapes: readonly ShapeRecord[],
  pageId: string,
  anchor: Box,
  size: { w: number; h: number },
  except: string,
): { x: number; y: number; index: string } {
  const top = shapes.filter((s) => s.parentId === pageId && s.id !== except)
  const boxes = top.map(boxOf)
  let x = anchor.x + anchor.w + 2 * CARD_GAP
  const y = anchor.y
  for (let tries = 0; tries < 1000; tries++) {
    const hit = boxes.find(
      (b) =>
        x < b.x + b.w + CARD_GAP &&
        b.x < x + size.w + CARD_GAP &&
        y < b.y + b.h &&
        b.y < y + size.h,
    )
    if (!hit) break
    x = hit.x + hit.w + 2 * CARD_GAP
  }
  return { x, y, index: indexAbove(top.map((s) => s.index)) }
}

/**
 * A frame for a cluster that has none yet (split off in the list view), beside the card's old
 * place, made like the board's other frames (the first one is the template, so the record has
 * every field the whiteboard's schema wants); none when the board has no frame to copy.
 */
function addFrame(
  shapes: readonly ShapeRecord[],
  pageId: string,
  clusterId: string,
  near: Box,
): ShapeRecord | null {
  const template = shapes.find(
    (s) => s.type === CANVAS_SHAPES.clusterFrame && s.parentId === pageId,
  )
  if (!template) return null
  return {
    ...template,
    id: frameKey(clusterId),
    parentId: pageId,
    ...beside(shapes, pageId, near, FRAME, ''),
    props: { ...template.props, clusterId, w: FRAME.w, h: FRAME.h },
  }
}
