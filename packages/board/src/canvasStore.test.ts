/**
 * The canvas store: one YKeyValue per doc, compact under heavy overwriting (the reason layout
 * lives there), convergent across replicas, and robust against malformed array entries.
 * @module
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { canvasRecords, canvasStore } from './canvasStore'
import { syncDocs } from './testSync'

interface ShapeRecord {
  id: string
  typeName: 'shape'
  x: number
  y: number
}

const WRITES = 10_000
const SHAPES = 20

function shape(i: number): ShapeRecord {
  return { id: `shape:${i % SHAPES}`, typeName: 'shape', x: i, y: i * 2 }
}

describe('canvasStore', () => {
  it('returns one cached instance per doc over doc.getArray("canvas")', () => {
    const doc = new Y.Doc()
    const store = canvasStore(doc)
    expect(canvasStore(doc)).toBe(store)
    expect(canvasStore(new Y.Doc())).not.toBe(store)
    expect(store.yarray).toBe(doc.getArray('canvas'))
  })

  it(`stays small after ${WRITES} overwrites, unlike a Y.Map`, () => {
    const kvDoc = new Y.Doc()
    const store = canvasStore<ShapeRecord>(kvDoc)
    const mapDoc = new Y.Doc()
    const map = mapDoc.getMap<ShapeRecord>('canvas-as-map')
    // One transaction per write, as when dragging shapes around in turn.
    for (let i = 0; i < WRITES; i++) {
      const record = shape(i)
      kvDoc.transact(() => store.set(record.id, record))
      mapDoc.transact(() => map.set(record.id, record))
    }

    expect(store.get('shape:3')).toEqual(shape(WRITES - SHAPES + 3))
    expect(store.yarray.length).toBe(SHAPES)
    const kvBytes = Y.encodeStateAsUpdate(kvDoc).byteLength
    const mapBytes = Y.encodeStateAsUpdate(mapDoc).byteLength
    expect(kvBytes * 20).toBeLessThan(mapBytes)
    expect(kvBytes).toBeLessThan(SHAPES * 200)
  })

  it('converges when two replicas overwrite the same record', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    canvasStore(a).set('shape:1', { x: 0 })
    syncDocs(a, b)
    canvasStore(a).set('shape:1', { x: 1 })
    canvasStore(b).set('shape:1', { x: 2 })
    syncDocs(a, b)
    expect(canvasStore(a).get('shape:1')).toEqual(canvasStore(b).get('shape:1'))
    expect(canvasStore(a).yarray.length).toBe(1)
    expect(canvasStore(b).yarray.length).toBe(1)
  })

  it('drops malformed array entries instead of throwing', () => {
    const doc = new Y.Doc()
    doc.getArray<unknown>('canvas').push([null, 42, { key: 7 }, { key: 'shape:1', val: { x: 1 } }])
    const store = canvasStore(doc)
    expect(store.get('shape:1')).toEqual({ x: 1 })
    expect(store.yarray.length).toBe(1)
  })
})

describe('canvasRecords', () => {
  it('reads what the store shows — the last value of each key, malformed entries left out — and writes nothing', () => {
    const doc = new Y.Doc()
    const store = canvasStore<ShapeRecord>(doc)
    store.set('shape:1', shape(1))
    store.set('shape:2', shape(2))
    store.set('shape:1', shape(21))
    const reader = new Y.Doc()
    Y.applyUpdate(reader, Y.encodeStateAsUpdate(doc))
    reader.getArray<unknown>('canvas').push(['not an entry'])
    const before = Y.encodeStateAsUpdate(reader)
    expect(canvasRecords(reader)).toEqual([...store.map.values()].map((e) => e.val))
    expect(Y.encodeStateAsUpdate(reader)).toEqual(before)
  })
})
