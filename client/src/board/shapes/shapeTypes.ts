/**
 * The two Ideenwand shapes as tldraw shape types. Their props hold only a reference into the
 * domain model plus size; text, colour, author and title are read from `@ideenwand/board`.
 */
import { CANVAS_SHAPES, ideaCardId as cardKey, clusterFrameId as frameKey } from '@ideenwand/board'
import type { TLShape, TLShapeId } from 'tldraw'

/** The shape types as packages/board names them (`CANVAS_SHAPES`, SCHEMA.md). */
export const IDEA_CARD_TYPE = CANVAS_SHAPES.ideaCard
export const CLUSTER_FRAME_TYPE = CANVAS_SHAPES.clusterFrame

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
  return cardKey(ideaId) as TLShapeId
}

export function clusterFrameId(clusterId: string): TLShapeId {
  return frameKey(clusterId) as TLShapeId
}

export function isIdeaCard(shape: TLShape | undefined): shape is IdeaCardShape {
  return shape?.type === IDEA_CARD_TYPE
}

export function isClusterFrame(shape: TLShape | undefined): shape is ClusterFrameShape {
  return shape?.type === CLUSTER_FRAME_TYPE
}
