/**
 * The canvas store: tldraw records (layout, drawings, arrows) in a YKeyValue over
 * `doc.getArray('canvas')`. YKeyValue keeps no history of overwritten keys, so a shape dragged
 * thousands of times costs about as much as one write. This package never looks inside records.
 * @module
 */
import { YKeyValue } from 'y-utility/y-keyvalue'
import type * as Y from 'yjs'
import { BOARD_KEYS } from './schema'

/** An entry of the canvas array as YKeyValue stores it. */
export interface CanvasEntry<R> {
  key: string
  val: R
}

const stores = new WeakMap<Y.Doc, YKeyValue<unknown>>()

function isEntry(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { key?: unknown }).key === 'string'
  )
}

/**
 * The doc's canvas YKeyValue, created once per doc (the instance keeps an index and an observer,
 * so every caller must share it). Entries that are not `{ key: string, val }` — written by a buggy
 * or hostile client — are removed first, because YKeyValue would throw on them.
 *
 * The type parameter is the caller's claim about the records (e.g. tldraw's `TLRecord`); the
 * values come from other clients and are not validated here.
 *
 * @example
 * const store = canvasStore<TLRecord>(doc)
 * store.set(shape.id, shape)
 * store.on('change', (changes, transaction) => { ... })
 */
export function canvasStore<R = unknown>(doc: Y.Doc): YKeyValue<R> {
  let store = stores.get(doc)
  if (store === undefined) {
    const yarray = doc.getArray<CanvasEntry<unknown>>(BOARD_KEYS.canvas)
    removeMalformedEntries(yarray)
    store = new YKeyValue(yarray)
    stores.set(doc, store)
  }
  // The cache holds one instance per doc regardless of R; R only narrows what callers see.
  return store as YKeyValue<R>
}

/**
 * The canvas records as the YKeyValue would show them (the last entry of a key wins; malformed
 * entries ignored), read without creating a YKeyValue — which cleans up, i.e. writes to, the doc.
 * For readers of a doc they must not change, such as a live room's doc read for a report.
 */
export function canvasRecords(doc: Y.Doc): unknown[] {
  const records = new Map<string, unknown>()
  for (const entry of doc.getArray<unknown>(BOARD_KEYS.canvas).toArray()) {
    if (isEntry(entry)) {
      const { key, val } = entry as CanvasEntry<unknown>
      records.set(key, val)
    }
  }
  return [...records.values()]
}

function removeMalformedEntries(yarray: Y.Array<CanvasEntry<unknown>>): void {
  const entries: unknown[] = yarray.toArray()
  if (entries.every(isEntry)) return
  yarray.doc?.transact(() => {
    for (let i = entries.length - 1; i >= 0; i--) {
      if (!isEntry(entries[i])) yarray.delete(i, 1)
    }
  })
}
