/**
 * A card whose text does not fit even at the smallest growing font size grows (issue 16: every
 * idea's whole text readable). Only a facilitator's whiteboard does this — facilitators may
 * change every card, a participant's whiteboard may not move other people's cards — and it
 * makes room: the cards and frames below the card (same parent, overlapping columns) move down
 * by as much, and a cluster frame holding the card grows to keep it inside.
 */
import type { Editor, TLShape } from 'tldraw'
import { type ClusterFrameShape, type IdeaCardShape, isClusterFrame } from './shapes/shapeTypes.ts'

export function growCard(editor: Editor, card: IdeaCardShape, h: number): void {
  const delta = h - card.props.h
  if (delta <= 0) return
  const bottom = card.y + card.props.h
  const overlapsColumn = (s: TLShape) => {
    const bounds = editor.getShapeGeometry(s).bounds
    return s.x < card.x + card.props.w && s.x + bounds.w > card.x
  }
  const below = editor
    .getSortedChildIdsForParent(card.parentId)
    .map((id) => editor.getShape(id))
    .filter((s): s is TLShape => s !== undefined && s.id !== card.id)
    .filter((s) => s.y >= bottom - 1 && overlapsColumn(s))
  editor.run(
    () => {
      editor.updateShape<IdeaCardShape>({ id: card.id, type: card.type, props: { h } })
      for (const s of below) editor.updateShape({ id: s.id, type: s.type, y: s.y + delta })
      const parent = editor.getShape(card.parentId)
      if (isClusterFrame(parent)) {
        const lowest = Math.max(
          ...editor
            .getSortedChildIdsForParent(parent.id)
            .map((id) => editor.getShape(id))
            .filter((s): s is TLShape => s !== undefined)
            .map((s) => s.y + editor.getShapeGeometry(s).bounds.h),
        )
        if (lowest + 24 > parent.props.h) {
          editor.updateShape<ClusterFrameShape>({
            id: parent.id,
            type: parent.type,
            props: { h: lowest + 24 },
          })
        }
      }
    },
    { history: 'ignore' },
  )
}
