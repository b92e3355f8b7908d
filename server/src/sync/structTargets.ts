/**
 * Where a struct sits in the board and what that means in the domain model (packages/board
 * SCHEMA.md): an idea entry, an idea's field or text, a cluster, a meta key, a canvas record, or
 * something else. The update check (updateRights.ts) judges every struct an update inserts or
 * deletes by its target. A struct of an update names its parent directly, or only through its
 * neighbours (origins), which may be on the board or in the same update; following them stops at
 * `MAX_DEPTH` (deeper is refused), so the work is bounded by the update, not by the board.
 */
import { BOARD_KEYS } from '@ideenwand/board'
import * as Y from 'yjs'
import type { Struct, UpdateStructs } from './updateStructs.ts'

/** Nesting the domain model uses at most (ideas → idea → text); deeper is refused. */
const MAX_DEPTH = 6

/** What a struct's position in the doc means in the domain model. */
export type Target =
  | { t: 'meta'; key: string | null }
  | { t: 'idea'; ideaId: string }
  | { t: 'ideaField'; ideaId: string; field: string | null }
  | { t: 'ideaText'; ideaId: string }
  | { t: 'cluster'; clusterId: string | null }
  | { t: 'canvas' }
  | { t: 'gc' }
  | { t: 'other'; what: string }

/** Where a struct sits: in a root type by name, or in the type an item holds. */
type Parent = { root: string } | { item: Y.ID }
export interface Position {
  parent: Parent
  sub: string | null
}

/** Resolves the structs of one update against one board. */
export class StructTargets {
  /** The board's root types by name. */
  private readonly roots = new Map<unknown, string>()

  constructor(
    private readonly doc: Y.Doc,
    private readonly inUpdate: UpdateStructs,
    /** Throws the check's refusal (nesting too deep). */
    private readonly refuse: (message: string) => never,
  ) {
    for (const [name, type] of doc.share) this.roots.set(type, name)
  }

  /** What a struct the update inserts touches. */
  ofUpdateStruct(item: Y.Item): Target {
    return this.targetOf(this.positionOfStruct(item, 0), 0)
  }

  /** What an item on the board (one the update deletes) belongs to. */
  ofBoardItem(item: Y.Item): Target {
    return this.targetOf(this.positionOfBoardItem(item), 0)
  }

  /** Position of a struct of the update (parent, key), following its origins if needed. */
  private positionOfStruct(item: Y.Item, depth: number): Position | null {
    const parent = item.parent as unknown
    if (typeof parent === 'string') return { parent: { root: parent }, sub: item.parentSub }
    if (parent instanceof Y.ID) return { parent: { item: parent }, sub: item.parentSub }
    if (parent instanceof Y.AbstractType) return this.positionOfBoardItem(item)
    const neighbour = item.origin ?? item.rightOrigin
    return neighbour ? this.positionOf(neighbour, depth + 1) : null
  }

  /** Position of an item on the board (its parent is a live type). */
  positionOfBoardItem(item: Y.Item): Position | null {
    const type = item.parent as Y.AbstractType<Y.YEvent<never>>
    if (type._item === null) {
      const name = this.roots.get(type)
      return name === undefined ? null : { parent: { root: name }, sub: item.parentSub }
    }
    return { parent: { item: type._item.id }, sub: item.parentSub }
  }

  /** Position of whatever struct holds `id`: on the board, or in this update. Null for GC. */
  private positionOf(id: Y.ID, depth: number): Position | null {
    if (depth > MAX_DEPTH) this.refuse('nested too deeply')
    const struct =
      id.clock < Y.getState(this.doc.store, id.client)
        ? (Y.getItem(this.doc.store, id) as Struct)
        : this.inUpdate.find(id)
    if (!(struct instanceof Y.Item)) return null
    return struct.parent instanceof Y.AbstractType
      ? this.positionOfBoardItem(struct)
      : this.positionOfStruct(struct, depth)
  }

  /** What a position means in the domain model. */
  private targetOf(pos: Position | null, depth: number): Target {
    if (pos === null) return { t: 'gc' }
    if ('root' in pos.parent) {
      switch (pos.parent.root) {
        case BOARD_KEYS.ideas:
          return pos.sub === null ? { t: 'other', what: 'ideas' } : { t: 'idea', ideaId: pos.sub }
        case BOARD_KEYS.clusters:
          return { t: 'cluster', clusterId: pos.sub }
        case BOARD_KEYS.meta:
          return { t: 'meta', key: pos.sub }
        case BOARD_KEYS.canvas:
          return { t: 'canvas' }
        default:
          return { t: 'other', what: `top-level "${pos.parent.root}"` }
      }
    }
    if (depth > MAX_DEPTH) this.refuse('nested too deeply')
    const holder = this.targetOf(this.positionOf(pos.parent.item, depth + 1), depth + 1)
    switch (holder.t) {
      case 'idea':
        return { t: 'ideaField', ideaId: holder.ideaId, field: pos.sub }
      case 'ideaField':
        return holder.field === 'text' && pos.sub === null
          ? { t: 'ideaText', ideaId: holder.ideaId }
          : { t: 'other', what: `inside idea ${holder.ideaId}` }
      case 'cluster':
        return holder
      case 'gc':
        return holder
      default:
        return { t: 'other', what: 'nested content' }
    }
  }
}
