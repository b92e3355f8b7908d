/**
 * Geometry of cluster frames and the idea cards in them: a near-square grid under the frame's
 * title. Shared by the canvas rules (cards placed automatically) and suggested clusters.
 */
import type { Editor } from 'tldraw'
import { type ClusterFrameShape, IDEA_CARD_SIZE } from './shapes/shapeTypes.ts'

export const CARD_GAP = 24
export const FRAME_TITLE_H = 44

/** Size of a frame holding `n` cards in a near-square grid. */
export function frameLayout(n: number): { cols: number; rows: number; w: number; h: number } {
  const cols = Math.max(1, Math.min(4, Math.ceil(Math.sqrt(n))))
  const rows = Math.max(1, Math.ceil(n / cols))
  const { w, h } = IDEA_CARD_SIZE
  return {
    cols,
    rows,
    w: CARD_GAP + cols * (w + CARD_GAP),
    h: FRAME_TITLE_H + CARD_GAP + rows * (h + CARD_GAP),
  }
}

/**
 * The first grid slot (frame-local top-left) of a frame `frameW` wide that no card at a position
 * in `taken` overlaps, row by row; null when the first 400 slots are all taken.
 */
export function firstFreeSlot(
  frameW: number,
  taken: readonly { x: number; y: number }[],
): { x: number; y: number } | null {
  const { w, h } = IDEA_CARD_SIZE
  const cols = Math.max(1, Math.floor((frameW - CARD_GAP) / (w + CARD_GAP)))
  const overlaps = (x: number, y: number) =>
    taken.some((t) => Math.abs(t.x - x) < w && Math.abs(t.y - y) < h)
  for (let k = 0; k < 400; k++) {
    const x = CARD_GAP + (k % cols) * (w + CARD_GAP)
    const y = FRAME_TITLE_H + CARD_GAP + Math.floor(k / cols) * (h + CARD_GAP)
    if (!overlaps(x, y)) return { x, y }
  }
  return null
}

/**
 * The first free grid slot for a card in `frame` (frame-local coordinates); grows the frame
 * by a row when it is full, so cards are never clipped by their frame.
 */
export function freeSlotInFrame(
  editor: Editor,
  frame: ClusterFrameShape,
): { x: number; y: number } {
  const taken = editor
    .getSortedChildIdsForParent(frame.id)
    .map((id) => editor.getShape(id))
    .filter((s) => s !== undefined)
    .map((s) => ({ x: s.x, y: s.y }))
  const slot = firstFreeSlot(frame.props.w, taken)
  if (!slot) return { x: CARD_GAP, y: FRAME_TITLE_H + CARD_GAP }
  const bottom = slot.y + IDEA_CARD_SIZE.h + CARD_GAP
  if (bottom > frame.props.h) {
    editor.updateShape<ClusterFrameShape>({ id: frame.id, type: frame.type, props: { h: bottom } })
  }
  return slot
}
