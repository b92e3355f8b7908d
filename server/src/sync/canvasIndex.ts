/**
 * The canvas as the update check reads it: canvas records as YKeyValue stores them, the domain
 * object a record stands for (an idea's card, a cluster's frame), and the live records by key.
 */
import { BOARD_KEYS } from '@ideenwand/board'
import type * as Y from 'yjs'

/** A canvas entry as YKeyValue stores it. */
export interface CanvasRecord {
  id?: unknown
  typeName?: unknown
  type?: unknown
  props?: { ideaId?: unknown; clusterId?: unknown }
}

export function isEntry(value: unknown): value is { key: string; val: CanvasRecord } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { key?: unknown }).key === 'string' &&
    typeof (value as { val?: unknown }).val === 'object' &&
    (value as { val?: unknown }).val !== null
  )
}

/** The domain object a canvas record stands for (its card or frame), if any. */
export function recordRef(val: CanvasRecord): { kind: 'idea' | 'cluster'; id: string } | null {
  if (val.typeName !== 'shape') return null
  if (val.type === 'idea-card' && typeof val.props?.ideaId === 'string') {
    return { kind: 'idea', id: val.props.ideaId }
  }
  if (val.type === 'cluster-frame' && typeof val.props?.clusterId === 'string') {
    return { kind: 'cluster', id: val.props.clusterId }
  }
  return null
}

/** The card id the canvas binding derives from an idea or cluster id (client shapeTypes.ts). */
export function derivedKey(ref: { kind: 'idea' | 'cluster'; id: string }): string {
  return `shape:${ref.kind}-${ref.id}`
}

/**
 * The live canvas records by key, kept current by observing the canvas array (read only: the
 * server never writes the canvas). Built on first use, for rooms where participants write.
 */
export class CanvasIndex {
  private readonly records = new Map<string, CanvasRecord>()

  constructor(doc: Y.Doc) {
    const array = doc.getArray<unknown>(BOARD_KEYS.canvas)
    for (const entry of array.toArray()) if (isEntry(entry)) this.records.set(entry.key, entry.val)
    array.observe((event) => {
      for (const item of event.changes.deleted) {
        for (const entry of item.content.getContent()) {
          if (isEntry(entry) && this.records.get(entry.key) === entry.val) {
            this.records.delete(entry.key)
          }
        }
      }
      for (const item of event.changes.added) {
        if (item.deleted) continue
        for (const entry of item.content.getContent()) {
          if (isEntry(entry)) this.records.set(entry.key, entry.val)
        }
      }
    })
  }

  get(key: string): CanvasRecord | undefined {
    return this.records.get(key)
  }
}
