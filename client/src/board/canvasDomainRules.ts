/**
 * Keeps idea cards and cluster frames consistent with the domain model (which is canonical):
 *
 * - Adding: "Idee hinzufügen" creates the idea (`board.addIdea`) first, then its card in a free
 *   spot of the visible part of the view (not under tldraw's menus), nearest its centre; when
 *   the view is full, nearest outside it, and the view moves there (canvasPlacement.ts).
 *   "Cluster hinzufügen" likewise with a frame.
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
  type VecLike,
} from 'tldraw'
import { writeTogether } from './bindCanvasToDoc.ts'
import { findFreeSpot, findFreeSpotInView, revealInView } from './canvasPlacement.ts'
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
