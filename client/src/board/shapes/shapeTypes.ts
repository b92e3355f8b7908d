/**
 * The two Ideenwand shapes as tldraw shape types. Their props hold only a reference into the
 * domain model plus size; text, colour, author and title are read from `@ideenwand/board`.
 */
import { createShapeId, type TLShape, type TLShapeId } from 'tldraw'

export const IDEA_CARD_TYPE = 'idea-card'
export const CLUSTER_FRAME_TYPE = 'cluster-frame'

declare module 'tldraw' {
  export interface TLGlobalShapePropsMap {
    [IDEA_CARD_TYPE]: { ideaId: string; w: number; h: number }
    [CLUSTER_FRAME_TYPE]: { clusterId: string; w: number; h: number }
  }
}

export type IdeaCardShape = TLShape<typeof IDEA_CARD_TYPE>
export type ClusterFrameShape = TLShape<typeof CLUSTER_FRAME_TYPE>

export const IDEA_CARD_SIZE = { w: 200, h: 140 } as const
export const CLUSTER_FRAME_SIZE = { w: 520, h: 380 } as const

/**
 * The card of an idea has an id derived from the idea id, so two clients that both notice a
 * card-less idea create the same record (YKeyValue keeps one) instead of two cards.
 */
export function ideaCardId(ideaId: string): TLShapeId {
  return createShapeId(`idea-${ideaId}`)
}

export function clusterFrameId(clusterId: string): TLShapeId {
  return createShapeId(`cluster-${clusterId}`)
}

export function isIdeaCard(shape: TLShape | undefined): shape is IdeaCardShape {
  return shape?.type === IDEA_CARD_TYPE
}

export function isClusterFrame(shape: TLShape | undefined): shape is ClusterFrameShape {
  return shape?.type === CLUSTER_FRAME_TYPE
}
