/**
 * Turns accepted suggested clusters into clusters on the board: each becomes a domain cluster
 * (`board.addCluster`, `board.moveIdea` — the domain stays canonical) and a cluster frame on the
 * canvas, placed in a grid to the right of what is on the page, with its cards laid out in a grid
 * inside. Ideas left out stay where they are. Ideas without a card yet get one inside their frame
 * from the canvas rules (`registerCanvasDomainRules`).
 */
import type { Board, IdeaColor } from '@ideenwand/board'
import { CARD_GAP, FRAME_TITLE_H } from '@ideenwand/board'
import type { Editor, TLShapeId } from 'tldraw'
import { frameLayout } from '../board/frameLayout.ts'
import {
  CLUSTER_FRAME_TYPE,
  type ClusterFrameShape,
  clusterFrameId,
  IDEA_CARD_SIZE,
  IDEA_CARD_TYPE,
  isIdeaCard,
} from '../board/shapes/shapeTypes.ts'

export interface AcceptedCluster {
  title: string
  ideaIds: string[]
}

const GAP = CARD_GAP
const TITLE_H = FRAME_TITLE_H
const FRAME_GAP = 64
const FRAMES_PER_ROW = 3
/** New clusters take turns through these, so neighbouring frames differ (titles name them). */
const CLUSTER_COLORS: readonly IdeaColor[] = ['blue', 'green', 'orange', 'violet', 'red', 'yellow']

function cardsOf(editor: Editor, ideaId: string): TLShapeId[] {
  return editor
    .getCurrentPageShapes()
    .filter((s) => isIdeaCard(s) && s.props.ideaId === ideaId)
    .map((s) => s.id)
}

/** Creates the clusters and frames; returns the new cluster ids. */
export function applySuggestion(
  editor: Editor,
  board: Board,
  accepted: readonly AcceptedCluster[],
): string[] {
  const clusters = accepted.filter((c) => c.ideaIds.length > 0)
  if (clusters.length === 0) return []
  const clusterIds = clusters.map((c, i) => {
    const color = CLUSTER_COLORS[i % CLUSTER_COLORS.length]
    const clusterId = board.addCluster({ title: c.title.trim() || '—', color })
    for (const ideaId of c.ideaIds) if (board.idea(ideaId)) board.moveIdea(ideaId, clusterId)
    return clusterId
  })

  const page = editor.getCurrentPageBounds()
  const originX = page ? page.maxX + FRAME_GAP * 2 : 0
  const originY = page ? page.minY : 0
  const layouts = clusters.map((c) => frameLayout(c.ideaIds.length))

  editor.run(() => {
    let x = originX
    let y = originY
    let rowH = 0
    clusters.forEach((cluster, i) => {
      const layout = layouts[i]
      const clusterId = clusterIds[i]
      if (!layout || !clusterId) return
      if (i > 0 && i % FRAMES_PER_ROW === 0) {
        x = originX
        y += rowH + FRAME_GAP
        rowH = 0
      }
      const frameId = clusterFrameId(clusterId)
      editor.createShape<ClusterFrameShape>({
        id: frameId,
        type: CLUSTER_FRAME_TYPE,
        x,
        y,
        props: { clusterId, w: layout.w, h: layout.h },
      })
      cluster.ideaIds.forEach((ideaId, k) => {
        // Copies of a card (duplicate/paste) stay where they are.
        const cardId = cardsOf(editor, ideaId)[0]
        if (!cardId) return
        editor.reparentShapes([cardId], frameId)
        editor.updateShape({
          id: cardId,
          type: IDEA_CARD_TYPE,
          x: GAP + (k % layout.cols) * (IDEA_CARD_SIZE.w + GAP),
          y: TITLE_H + GAP + Math.floor(k / layout.cols) * (IDEA_CARD_SIZE.h + GAP),
        })
      })
      x += layout.w + FRAME_GAP
      rowH = Math.max(rowH, layout.h)
    })
  })

  const bounds = clusterIds
    .map((id) => editor.getShapePageBounds(clusterFrameId(id)))
    .filter((b) => b !== undefined)
  const first = bounds[0]
  if (first) {
    const all = bounds.reduce((acc, b) => acc.union(b), first.clone())
    editor.zoomToBounds(all, { inset: 48, animation: { duration: 400 } })
  }
  return clusterIds
}
