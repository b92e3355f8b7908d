/**
 * The control state applied to the tldraw canvas:
 * - `getShapeVisibility` for `<Tldraw>` (stable; reads a signal of invisible idea ids, so tldraw
 *   re-evaluates visibility when the state or the board changes); hidden cards are not rendered,
 *   not hit-tested and are dropped from the selection (select-all would still find them);
 * - spotlight: when it changes, everyone's camera moves to the spotlit card or frame;
 * - follow: when a facilitator brings everyone to them, everyone else follows their viewport
 *   (as soon as their presence has arrived) and stops when it is cleared.
 */
import type { Board } from '@ideenwand/board'
import type { ControlState } from '@ideenwand/protocol'
import { useCallback, useEffect, useRef, useState } from 'react'
import { atom, type Editor, react, type TLShape, type TLUserId } from 'tldraw'
import { clusterFrameId, ideaCardId, isIdeaCard } from '../board/shapes/shapeTypes.ts'
import { navigate } from '../router.ts'
import { invisibleIdeaIds } from './ideaVisibility.ts'

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false
  for (const x of a) if (!b.has(x)) return false
  return true
}

export type ShapeVisibility = (shape: TLShape) => 'hidden' | 'inherit'

export function useCanvasControl(
  editor: Editor | null,
  board: Board | null,
  control: ControlState | null,
): ShapeVisibility {
  const [$invisible] = useState(() => atom<ReadonlySet<string>>('invisible ideas', new Set()))

  useEffect(() => {
    if (!board) return
    const update = () => {
      const next = invisibleIdeaIds(board.ideas(), control)
      if (!sameSet(next, $invisible.get())) $invisible.set(next)
    }
    update()
    return board.observe(update)
  }, [board, control, $invisible])

  const getShapeVisibility = useCallback<ShapeVisibility>(
    (shape) =>
      isIdeaCard(shape) && $invisible.get().has(shape.props.ideaId) ? 'hidden' : 'inherit',
    [$invisible],
  )

  // Hidden shapes can still be selected (select-all): drop them from the selection.
  useEffect(() => {
    if (!editor) return
    return react('drop hidden shapes from the selection', () => {
      const selected = editor.getSelectedShapeIds()
      const visible = selected.filter((id) => !editor.isShapeHidden(id))
      if (visible.length !== selected.length) editor.setSelectedShapes(visible)
    })
  }, [editor])

  // Spotlight: move the camera once per change.
  const spotlight = control?.spotlight ?? null
  const spotKey = spotlight ? `${spotlight.kind}:${spotlight.id}` : null
  const lastSpot = useRef<string | null>(null)
  useEffect(() => {
    if (!editor || spotKey === lastSpot.current) return
    lastSpot.current = spotKey
    if (!spotlight) return
    const shapeId =
      spotlight.kind === 'idea' ? ideaCardId(spotlight.id) : clusterFrameId(spotlight.id)
    const bounds = editor.getShapePageBounds(shapeId)
    if (!bounds || editor.isShapeHidden(shapeId)) return
    if (editor.getInstanceState().followingUserId) editor.stopFollowingUser()
    editor.zoomToBounds(bounds, { inset: 96, targetZoom: 1.5, animation: { duration: 400 } })
  }, [editor, spotKey, spotlight])

  // Follow the facilitator who brought everyone to them.
  const follow = control?.follow ?? null
  // A projector sent here to follow returns to its projector view when following ends.
  const fromProjector = new URLSearchParams(window.location.search).get('projector') === '1'
  useEffect(() => {
    if (!fromProjector || !control || follow) return
    navigate(window.location.pathname.replace(/^\/b\//, '/p/'), { replace: true })
  }, [fromProjector, control, follow])
  useEffect(() => {
    if (!editor || !follow) return
    if (follow === editor.user.getRecordId()) return
    const leader = follow as TLUserId
    let started = false
    const stop = react('follow the facilitator', () => {
      if (started) return
      const present = editor.getCollaborators().some((c) => c.userId === leader)
      if (!present) return
      started = true
      queueMicrotask(() => editor.startFollowingUser(leader))
    })
    return () => {
      stop()
      if (editor.getInstanceState().followingUserId === leader) editor.stopFollowingUser()
    }
  }, [editor, follow])

  return getShapeVisibility
}
