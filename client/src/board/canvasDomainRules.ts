/**
 * Keeps idea cards and cluster frames consistent with the domain model (which is canonical):
 *
 * - Adding: "Idee hinzufügen" creates the idea (`board.addIdea`) first, then its card in a free
 *   spot of the visible part of the view (not under tldraw's menus), nearest its centre; when
 *   the view is full, nearest outside it, and the view moves there. "Cluster hinzufügen"
 *   likewise with a frame.
 * - Ideas/clusters without a card/frame (added from another view, or whose card went down with a
 *   deleted frame) get one in a free area. Card ids derive from idea ids, so when several
 *   clients notice at once they write the same record and the board ends up with one card.
 * - Cards/frames whose idea/cluster no longer exists are removed (the domain deleted it).
 * - Deleting a card deletes its idea only if it was the idea's LAST card (copies made with
 *   duplicate/paste share the idea). Deleting a cluster frame deletes the cluster — its ideas
 *   become unsorted and stay on the board (tldraw deletes a frame's children; we re-place them
 *   where they were). Undo restores shapes, not the deleted domain object.
 * - Dropping a card into / out of a cluster frame moves the idea (`board.moveIdea`).
 * - A shape of any other kind that this whiteboard creates (paste, drop) is removed at once:
 *   the board holds ideas and clusters only (boardUi.ts).
 *
 * Automatic changes run with `history: 'ignore'` so they never land on the user's undo stack.
 */
import type { Board } from '@ideenwand/board'
import {
  Box,
  type Editor,
  type TLCreateShapePartial,
  type TLParentId,
  type TLShape,
  type TLShapeId,
  type VecLike,
} from 'tldraw'
import { writeTogether } from './bindCanvasToDoc.ts'
import { frameLayout, freeSlotInFrame } from './frameLayout.ts'
import {
  CLUSTER_FRAME_SIZE,
  CLUSTER_FRAME_TYPE,
  type ClusterFrameShape,
  clusterFrameId,
  IDEA_CARD_SIZE,
  IDEA_CARD_TYPE,
  type IdeaCardShape,
  ideaCardId,
  isClusterFrame,
  isIdeaCard,
} from './shapes/shapeTypes.ts'

const GAP = 24

/** The cluster an idea card sits in: its nearest cluster-frame ancestor, or null. */
function clusterOf(editor: Editor, shape: TLShape): string | null {
  let parentId: TLParentId = shape.parentId
  for (;;) {
    const parent = editor.getShape(parentId)
    if (!parent) return null
    if (isClusterFrame(parent)) return parent.props.clusterId
    parentId = parent.parentId
  }
}

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

/**
 * Top-left of a free spot for a new item of size `w`×`h`: inside the visible part of the view
 * when there is room there, nearest its centre; else the nearest free spot outside it (the
 * caller then moves the view there with `revealInView`).
 */
export function findFreeSpotInView(editor: Editor, w: number, h: number): VecLike {
  const visible = visiblePageBox(editor)
  const fits = freeBoxTest(editor, w, h)
  // Positions on a fine grid inside the visible part (at most ~80 × 60 of them, however far
  // out the view is zoomed), nearest the centre first.
  const step = Math.max(8, Math.min(w, h) / 6, visible.w / 80, visible.h / 60)
  const candidates: VecLike[] = []
  for (let y = visible.minY; y + h <= visible.maxY; y += step) {
    for (let x = visible.minX; x + w <= visible.maxX; x += step) candidates.push({ x, y })
  }
  const { x: cx, y: cy } = visible.center
  const distance = (p: VecLike) => (p.x + w / 2 - cx) ** 2 + (p.y + h / 2 - cy) ** 2
  candidates.sort((a, b) => distance(a) - distance(b))
  return candidates.find((p) => fits(p.x, p.y)) ?? findFreeSpot(editor, visible.center, w, h)
}

/** Whether a `w`×`h` box at (x, y) keeps a gap to every shape on the page (but `inside`). */
function freeBoxTest(
  editor: Editor,
  w: number,
  h: number,
  inside?: TLShapeId,
): (x: number, y: number) => boolean {
  const occupied = editor
    .getCurrentPageShapes()
    .filter((s) => s.id !== inside)
    .map((s) => editor.getShapePageBounds(s.id))
    .filter((b): b is Box => b !== undefined)
  return (x, y) => {
    const box = new Box(x - GAP / 2, y - GAP / 2, w + GAP, h + GAP)
    return !occupied.some((b) => b.collides(box))
  }
}

/** Top-left of a free spot of size `w`×`h`, scanning a grid around `near`. */
export function findFreeSpot(
  editor: Editor,
  near: VecLike,
  w: number,
  h: number,
  inside?: TLShapeId,
): VecLike {
  const fits = freeBoxTest(editor, w, h, inside)
  const stepX = w + GAP
  const stepY = h + GAP
  const originX = near.x - w / 2
  const originY = near.y - h / 2
  // Rings of growing radius around `near`.
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

export function addIdeaAtCenter(
  editor: Editor,
  board: Board,
  input: { text: string; authorId: string | null; authorName: string | null },
  options: { edit?: boolean } = {},
): string {
  const ideaId = addInView<IdeaCardShape>(editor, IDEA_CARD_TYPE, () => {
    const ideaId = board.addIdea(input)
    return { domainId: ideaId, id: ideaCardId(ideaId), props: { ideaId, ...IDEA_CARD_SIZE } }
  })
  if (options.edit === false) return ideaId
  const id = ideaCardId(ideaId)
  editor.select(id)
  editor.setEditingShape(id)
  return ideaId
}

export function addClusterAtCenter(editor: Editor, board: Board, title: string): string {
  const clusterId = addInView<ClusterFrameShape>(editor, CLUSTER_FRAME_TYPE, () => {
    const clusterId = board.addCluster({ title })
    const props = { clusterId, ...CLUSTER_FRAME_SIZE }
    return { domainId: clusterId, id: clusterFrameId(clusterId), props }
  })
  editor.select(clusterFrameId(clusterId))
  return clusterId
}

/**
 * Adds a domain object (`add`) and its card or frame at a free spot of the view, in one Yjs
 * transaction (`writeTogether`), and scrolls it into view. Returns the domain object's id.
 */
function addInView<S extends IdeaCardShape | ClusterFrameShape>(
  editor: Editor,
  type: S['type'],
  add: () => { domainId: string; id: S['id']; props: S['props'] },
): string {
  let domainId = ''
  let placed: Box | null = null
  writeTogether(editor.store, () => {
    const added = add()
    domainId = added.domainId
    const { w, h } = added.props
    const spot = findFreeSpotInView(editor, w, h)
    const shape = { id: added.id, type, x: spot.x, y: spot.y, props: added.props }
    editor.createShape<S>(shape as TLCreateShapePartial<S>)
    placed = new Box(spot.x, spot.y, w, h)
  })
  if (placed) revealInView(editor, placed)
  return domainId
}

function allShapesOfType<S extends TLShape>(
  editor: Editor,
  guard: (s: TLShape | undefined) => s is S,
): S[] {
  const result: S[] = []
  for (const pageId of editor.getPageStates().map((p) => p.pageId)) {
    for (const id of editor.getPageShapeIds(pageId)) {
      const shape = editor.getShape(id)
      if (guard(shape)) result.push(shape)
    }
  }
  return result
}

/**
 * One move, one truth: a card pictured in another cluster than its idea's goes into its idea's
 * frame (next free slot), or out of any frame beside it when the idea is unsorted. Runs inside
 * `reconcile`, whose writes do not count as the user moving the card.
 */
function alignCards(
  editor: Editor,
  ideas: readonly { id: string; clusterId: string | null }[],
  frameOf: ReadonlyMap<string, ClusterFrameShape>,
): void {
  const byId = new Map(ideas.map((i) => [i.id, i]))
  for (const card of allShapesOfType(editor, isIdeaCard)) {
    const idea = byId.get(card.props.ideaId)
    if (!idea) continue
    const pictured = clusterOf(editor, card)
    if (pictured === idea.clusterId) continue
    if (idea.clusterId !== null) {
      const frame = frameOf.get(idea.clusterId)
      if (!frame || frame.parentId !== editor.getAncestorPageId(card)) continue
      const slot = freeSlotInFrame(editor, editor.getShape<ClusterFrameShape>(frame.id) ?? frame)
      editor.reparentShapes([card.id], frame.id)
      editor.updateShape<IdeaCardShape>({ id: card.id, type: IDEA_CARD_TYPE, ...slot })
      continue
    }
    const pageId = editor.getAncestorPageId(card)
    if (!pageId) continue
    const at = editor.getShapePageTransform(card).point()
    editor.reparentShapes([card.id], pageId)
    const spot = findFreeSpot(editor, at, card.props.w, card.props.h, card.id)
    editor.updateShape<IdeaCardShape>({ id: card.id, type: IDEA_CARD_TYPE, x: spot.x, y: spot.y })
  }
}

/** Registers the rules above; returns a function that removes them. */
export function registerCanvasDomainRules(
  editor: Editor,
  board: Board,
  options: {
    /**
     * Also put cards pictured in another cluster's frame than their idea's (a move made without
     * the card, e.g. by an older list view) into the right frame. Only for whiteboards that may
     * arrange every card (facilitators): a participant's would be refused by the server.
     */
    alignMembership?: boolean
  } = {},
): () => void {
  /** Page positions of cards whose frame is being deleted: re-place them there. */
  const rescued = new Map<string, VecLike>()
  let scheduled = 0
  /** True while `reconcile` writes; membership then follows the domain, not the other way. */
  let reconciling = false

  const reconcile = () => {
    scheduled = 0
    if (editor.getInstanceState().isReadonly) return
    const ideas = board.ideas()
    const clusters = board.clusters()
    const ideaIds = new Set(ideas.map((i) => i.id))
    const clusterIds = new Set(clusters.map((c) => c.id))
    const cards = allShapesOfType(editor, isIdeaCard)
    const frames = allShapesOfType(editor, isClusterFrame)
    const carded = new Set(cards.map((c) => c.props.ideaId))
    const framed = new Set(frames.map((f) => f.props.clusterId))

    reconciling = true
    try {
      editor.run(
        () => {
          // Orphans first: their space becomes free for new cards.
          const orphanFrames = frames.filter((f) => !clusterIds.has(f.props.clusterId))
          for (const frame of orphanFrames) {
            const children = editor.getSortedChildIdsForParent(frame.id)
            if (children.length) editor.reparentShapes(children, frame.parentId)
          }
          const orphans = [
            ...cards.filter((c) => !ideaIds.has(c.props.ideaId)).map((c) => c.id),
            ...orphanFrames.map((f) => f.id),
          ]
          if (orphans.length) editor.deleteShapes(orphans)

          const center = editor.getViewportPageBounds().center
          for (const cluster of clusters) {
            if (framed.has(cluster.id)) continue
            // Big enough for the cluster's ideas, so their cards are not clipped.
            const layout = frameLayout(ideas.filter((i) => i.clusterId === cluster.id).length)
            const w = Math.max(CLUSTER_FRAME_SIZE.w, layout.w)
            const h = Math.max(CLUSTER_FRAME_SIZE.h, layout.h)
            const spot = findFreeSpot(editor, center, w, h)
            editor.createShape<ClusterFrameShape>({
              id: clusterFrameId(cluster.id),
              type: CLUSTER_FRAME_TYPE,
              x: spot.x,
              y: spot.y,
              props: { clusterId: cluster.id, w, h },
            })
          }
          const frameOf = new Map<string, ClusterFrameShape>()
          for (const frame of allShapesOfType(editor, isClusterFrame)) {
            frameOf.set(frame.props.clusterId, frame)
          }
          for (const idea of ideas) {
            if (carded.has(idea.id)) continue
            const { w, h } = IDEA_CARD_SIZE
            const frame = idea.clusterId === null ? undefined : frameOf.get(idea.clusterId)
            const rescuedAt = rescued.get(idea.id)
            rescued.delete(idea.id)
            if (frame && !rescuedAt) {
              // A card for a clustered idea goes into the next free slot of its frame.
              const slot = freeSlotInFrame(
                editor,
                editor.getShape<ClusterFrameShape>(frame.id) ?? frame,
              )
              editor.createShape<IdeaCardShape>({
                id: ideaCardId(idea.id),
                type: IDEA_CARD_TYPE,
                parentId: frame.id,
                x: slot.x,
                y: slot.y,
                props: { ideaId: idea.id, w, h },
              })
              continue
            }
            const spot = rescuedAt ?? findFreeSpot(editor, center, w, h)
            editor.createShape<IdeaCardShape>({
              id: ideaCardId(idea.id),
              type: IDEA_CARD_TYPE,
              x: spot.x,
              y: spot.y,
              props: { ideaId: idea.id, w, h },
            })
          }
          if (options.alignMembership) alignCards(editor, ideas, frameOf)
        },
        { history: 'ignore' },
      )
    } finally {
      reconciling = false
    }
  }

  const schedule = () => {
    if (scheduled) return
    // Let a burst of remote transactions settle (an idea and its card arrive one after another).
    scheduled = window.setTimeout(reconcile, 300)
  }

  const syncMembership = (shape: IdeaCardShape) => {
    if (reconciling) return
    const idea = board.idea(shape.props.ideaId)
    if (!idea) return
    const clusterId = clusterOf(editor, shape)
    if (idea.clusterId === clusterId) return
    if (clusterId !== null && !board.cluster(clusterId)) return
    board.moveIdea(idea.id, clusterId)
  }

  const disposers = [
    board.observe(schedule),
    editor.sideEffects.registerBeforeDeleteHandler('shape', (shape, source) => {
      if (source !== 'user' || !isClusterFrame(shape)) return
      for (const id of editor.getShapeAndDescendantIds([shape.id])) {
        const child = editor.getShape(id)
        if (!isIdeaCard(child)) continue
        const point = editor.getShapePageTransform(child).point()
        rescued.set(child.props.ideaId, { x: point.x, y: point.y })
      }
    }),
    editor.sideEffects.registerAfterDeleteHandler('shape', (shape, source) => {
      if (source !== 'user') return
      if (isClusterFrame(shape)) {
        if (board.cluster(shape.props.clusterId)) {
          const stillFramed = allShapesOfType(editor, isClusterFrame).some(
            (f) => f.props.clusterId === shape.props.clusterId,
          )
          if (!stillFramed) board.deleteCluster(shape.props.clusterId)
        }
        schedule()
        return
      }
      if (!isIdeaCard(shape)) return
      const { ideaId } = shape.props
      if (rescued.has(ideaId)) {
        schedule()
        return
      }
      const stillCarded = allShapesOfType(editor, isIdeaCard).some((c) => c.props.ideaId === ideaId)
      if (!stillCarded && board.idea(ideaId)) board.deleteIdea(ideaId)
    }),
    editor.sideEffects.registerAfterChangeHandler('shape', (prev, next, source) => {
      if (source !== 'user' || !isIdeaCard(next)) return
      if (prev.parentId !== next.parentId) syncMembership(next)
    }),
    editor.sideEffects.registerAfterCreateHandler('shape', (shape, source) => {
      if (source !== 'user') return
      if (isIdeaCard(shape)) syncMembership(shape)
      // Only ideas and clusters live on the board (boardUi.ts): what is pasted or dropped as
      // another shape (text, image, a copied drawing) is removed in the same store change.
      else if (!isClusterFrame(shape)) editor.deleteShapes([shape.id])
    }),
  ]
  schedule()

  return () => {
    window.clearTimeout(scheduled)
    for (const dispose of disposers) dispose()
  }
}
