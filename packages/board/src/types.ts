/**
 * Plain-object views of the domain model that the Board API returns and accepts. Reads produce
 * fresh snapshots; change the board through Board methods, not by mutating these.
 * @module
 */
import type { CarriedFrom } from './carriedFrom'
import type { IdeaColor } from './colors'
import type { IdeaSource } from './ideaSource'

/** An idea as every view sees it. `clusterId` null means "unsorted". */
export interface Idea {
  id: string
  text: string
  authorId: string | null
  authorName: string | null
  /** Milliseconds since the epoch, as the author's clock saw it. */
  createdAt: number
  color: IdeaColor
  clusterId: string | null
  /** Own device, a table's device, or typed in from paper by a facilitator (SCHEMA.md). */
  source: IdeaSource
  /** With source `table`: the table's label when the idea was written; else null. */
  table: string | null
  /** Carried from another workshop by the server (issue 20 §1); null for every other idea. */
  carriedFrom: CarriedFrom | null
}

/** A named group of ideas. Lower `order` comes first. */
export interface Cluster {
  id: string
  title: string
  order: number
  color: IdeaColor
}

/** Input of `Board.addIdea`. Omitted fields get defaults (no author, yellow, unsorted, new id). */
export interface NewIdea {
  text: string
  authorId?: string | null
  authorName?: string | null
  color?: IdeaColor
  clusterId?: string | null
  id?: string
  /** Omitted or `own`: nothing is written (absent reads as `own`). */
  source?: IdeaSource
  /** Only with source `table`. */
  table?: string | null
  /**
   * Only the server writes it (issue 20 §1: carrying ideas between workshops); a client's write
   * is refused (SCHEMA.md).
   */
  carriedFrom?: CarriedFrom | null
}

/** Input of `Board.updateIdea`; omitted fields stay as they are. */
export interface IdeaPatch {
  color?: IdeaColor
  clusterId?: string | null
}

/** Input of `Board.addCluster`. New clusters go last. */
export interface NewCluster {
  title: string
  color?: IdeaColor
  id?: string
}

/** One group of {@link Board.ideasByCluster}; `cluster` null is the unsorted bucket. */
export interface ClusterGroup {
  cluster: Cluster | null
  ideas: Idea[]
}

/**
 * The client's serialized tldraw schema, stored opaquely in `meta.tldrawSchema`: a string or a
 * JSON-compatible object.
 */
export type TldrawSchemaValue = string | Readonly<Record<string, unknown>>
