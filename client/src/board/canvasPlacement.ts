/**
 * Where new idea cards and cluster frames go on the canvas, and how the view follows them: a
 * free spot keeps a gap to every shape, preferably inside the part of the view that tldraw's
 * menus do not cover (nearest its centre), else in rings around a point; the view then moves so
 * the new item is visible. Used by the canvas rules (canvasDomainRules.ts).
 *
 * The search itself (`freeSpotInBox`, `freeSpotNear`) works on plain boxes, so it is tested
 * without an editor; the editor functions gather the boxes and call it.
 */
import { Box, type Editor, type TLShapeId, type VecLike } from 'tldraw'

/** Space kept free around every item (page units). */
export const GAP = 24

/**
 * Where tldraw's own UI lies over the canvas (CSS px): the menu row at the top, the toolbar and
 * zoom menu at the bottom. New items go into the rest, so they are not hidden under them.
 */
const UI_INSET = { top: 56, right: 16, bottom: 80, left: 16 } as const

/** The part of the viewport (page coordinates) that no toolbar or menu covers. */
export function visiblePageBox(editor: Editor): Box {
  const view = editor.getViewportPageBounds()
  const z = editor.getZoomLevel()
  const left = UI_INSET.left / z
  const top = UI_INSET.top / z
  const w = Math.max(1, view.w - left - UI_INSET.right / z)
  const h = Math.max(1, view.h - top - UI_INSET.bottom / z)
  return new Box(view.x + left, view.y + top, w, h)
}

/**
 * Moves the view (animated) so `bounds` lies in the visible part, if it does not already: the
 * item is centred there, at the same zoom or zoomed out just enough for it to fit.
 */
export function revealInView(editor: Editor, bounds: Box): void {
  if (visiblePageBox(editor).contains(bounds)) return
  const screen = editor.getViewportScreenBounds()
  const room = {
    w: screen.w - UI_INSET.left - UI_INSET.right,
    h: screen.h - UI_INSET.top - UI_INSET.bottom,
  }
  const margin = 32
  const z = Math.min(
    editor.getZoomLevel(),
    Math.max(0.05, (room.w - margin) / bounds.w),
    Math.max(0.05, (room.h - margin) / bounds.h),
  )
  // Screen point (relative to the canvas) where the item's centre should appear.
  const sx = UI_INSET.left + room.w / 2
  const sy = UI_INSET.top + room.h / 2
  editor.setCamera(
    { x: sx / z - bounds.center.x, y: sy / z - bounds.center.y, z },
    { animation: { duration: 250 } },
  )
}

/**
 * On opening the board the view shows its content (zoomed out to fit all of it, never in beyond
 * 100 %), not the empty origin: a new participant or a reloading facilitator lands where the
 * ideas are.
 */
export function landOnContent(editor: Editor): void {
  const bounds = editor.getCurrentPageBounds()
  if (!bounds) return
  editor.zoomToBounds(bounds, { inset: 96, targetZoom: 1 })
}

/** Whether a `w`×`h` box at (x, y) keeps a gap to every box in `occupied`. */
function fitsAmong(occupied: readonly Box[], w: number, h: number) {
  return (x: number, y: number): boolean => {
    const box = new Box(x - GAP / 2, y - GAP / 2, w + GAP, h + GAP)
    return !occupied.some((b) => b.collides(box))
  }
}

/**
 * Top-left of a free spot for a `w`×`h` item inside `visible`, nearest its centre, or null when
 * there is no room there. Positions lie on a fine grid (at most ~80 × 60 of them, however far
 * out the view is zoomed).
 */
export function freeSpotInBox(
  occupied: readonly Box[],
  visible: Box,
  w: number,
  h: number,
): VecLike | null {
  const fits = fitsAmong(occupied, w, h)
  const step = Math.max(8, Math.min(w, h) / 6, visible.w / 80, visible.h / 60)
  const candidates: VecLike[] = []
  for (let y = visible.minY; y + h <= visible.maxY; y += step) {
    for (let x = visible.minX; x + w <= visible.maxX; x += step) candidates.push({ x, y })
  }
  const { x: cx, y: cy } = visible.center
  const distance = (p: VecLike) => (p.x + w / 2 - cx) ** 2 + (p.y + h / 2 - cy) ** 2
  candidates.sort((a, b) => distance(a) - distance(b))
  return candidates.find((p) => fits(p.x, p.y)) ?? null
}

/**
 * Top-left of a free spot for a `w`×`h` item, centred on `near` if that is free, else in rings
 * of growing radius around it (steps of the item's size plus the gap). After 30 rings it gives
 * up and answers the spot centred on `near`.
 */
export function freeSpotNear(
  occupied: readonly Box[],
  near: VecLike,
  w: number,
  h: number,
): VecLike {
  const fits = fitsAmong(occupied, w, h)
  const stepX = w + GAP
  const stepY = h + GAP
  const originX = near.x - w / 2
  const originY = near.y - h / 2
  for (let ring = 0; ring < 30; ring++) {
    for (let dy = -ring; dy <= ring; dy++) {
      for (let dx = -ring; dx <= ring; dx++) {
        if (Math.max(Math.abs(dx), Math.abs(dy)) !== ring) continue
        const x = originX + dx * stepX
        const y = originY + dy * stepY
        if (fits(x, y)) return { x, y }
      }
    }
  }
  return { x: originX, y: originY }
}

/** Page bounds of every shape on the current page, but `inside` (the shape being placed). */
function occupiedBoxes(editor: Editor, inside?: TLShapeId): Box[] {
  return editor
    .getCurrentPageShapes()
    .filter((s) => s.id !== inside)
    .map((s) => editor.getShapePageBounds(s.id))
    .filter((b): b is Box => b !== undefined)
}

/**
 * Top-left of a free spot for a new item of size `w`×`h`: inside the visible part of the view
 * when there is room there, nearest its centre; else the nearest free spot outside it (the
 * caller then moves the view there with `revealInView`).
 */
export function findFreeSpotInView(editor: Editor, w: number, h: number): VecLike {
  const visible = visiblePageBox(editor)
  const occupied = occupiedBoxes(editor)
  return freeSpotInBox(occupied, visible, w, h) ?? freeSpotNear(occupied, visible.center, w, h)
}

/** Top-left of a free spot of size `w`×`h` around `near` (`inside`: the shape being placed). */
export function findFreeSpot(
  editor: Editor,
  near: VecLike,
  w: number,
  h: number,
  inside?: TLShapeId,
): VecLike {
  return freeSpotNear(occupiedBoxes(editor, inside), near, w, h)
}
