/**
 * Geometry of cluster frames and the idea cards in them: a near-square grid under the frame's
 * title. Shared by the canvas rules (cards placed automatically) and suggested clusters.
 */
import { CARD_GAP, FRAME_TITLE_H, freeSlot } from '@ideenwand/board'
import type { Editor } from 'tldraw'
import { type ClusterFrameShape, IDEA_CARD_SIZE } from './shapes/shapeTypes.ts'

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
  const slot = freeSlot(frame.props.w, taken, IDEA_CARD_SIZE.w, IDEA_CARD_SIZE.h)
  const bottom = slot.y + IDEA_CARD_SIZE.h + CARD_GAP
  if (bottom > frame.props.h) {
    editor.updateShape<ClusterFrameShape>({ id: frame.id, type: frame.type, props: { h: bottom } })
  }
  return slot
}
