/**
 * Old boards open on the current canvas: the committed fixture test/fixtures/boards/old-board.json
 * is a board as an older client wrote it — no board schema version (the layout before
 * `initBoard` stamped docs) and tldraw records at LOWER sequence versions (geo 10, note 9, text 3,
 * draw 1, line 1, arrow 7, shape 3, arrow binding 0, our two shapes 0) with the matching stored
 * tldraw schema. Binding it to a current tldraw store (tldraw's own `createTLStore` with our
 * shapes) migrates every record up to the current schema without loss, re-stamps the doc's
 * schema, and leaves ideas and clusters as they were.
 *
 * The fixture was made from current records migrated DOWN with tldraw's own migrations; run
 * `UPDATE_FIXTURES=1 pnpm exec vitest run client/src/board/oldBoard.test.ts` to rebuild it (only
 * when deliberately changing it: it stands for boards that exist).
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Board, boardSchemaVersion, canvasStore, migrateBoard } from '@ideenwand/board'
import {
  createShapeId,
  createTLStore,
  DocumentRecordType,
  defaultShapeUtils,
  type IndexKey,
  PageRecordType,
  type SerializedSchemaV2,
  TLDOCUMENT_ID,
  type TLPageId,
  type TLRecord,
  type TLStore,
  toRichText,
} from 'tldraw'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { bindCanvasToDoc } from './bindCanvasToDoc.ts'
import { clusterFrameId, ideaCardId } from './shapes/shapeTypes.ts'
import { customShapeUtils } from './useBoardSession.ts'

const FIXTURE = fileURLToPath(
  new URL('../../../test/fixtures/boards/old-board.json', import.meta.url),
)

/** The older sequence versions the fixture's records are written in. */
const OLDER: Record<string, number> = {
  'com.tldraw.shape': 3,
  'com.tldraw.shape.geo': 10,
  'com.tldraw.shape.note': 9,
  'com.tldraw.shape.text': 3,
  'com.tldraw.shape.draw': 1,
  'com.tldraw.shape.line': 1,
  'com.tldraw.shape.arrow': 7,
  'com.tldraw.binding.arrow': 0,
  'com.tldraw.shape.idea-card': 0,
  'com.tldraw.shape.cluster-frame': 0,
}

interface OldBoardFixture {
  description: string
  /** Each client transaction as it was sent (base64 Yjs updates), in order. */
  updates: string[]
  /** The stored (older) tldraw schema. */
  tldrawSchema: SerializedSchemaV2
  /** What a reader must find. */
  expected: {
    ideas: { id: string; text: string; clusterId: string | null; authorName: string | null }[]
    clusters: { id: string; title: string }[]
    /** The records in their CURRENT form, sorted by id. */
    records: TLRecord[]
  }
}

function newStore(): TLStore {
  return createTLStore({ shapeUtils: [...defaultShapeUtils, ...customShapeUtils] })
}

/** Current-version records of a small but varied board. */
function currentRecords(store: TLStore, ideas: string[], clusterId: string): TLRecord[] {
  const page = 'page:page' as TLPageId
  const shape = store.schema.types.shape
  const util = (type: string) => {
    const U = defaultShapeUtils.find((u) => u.type === type)!
    return new U({} as never)
  }
  const props = (type: string, extra: Record<string, unknown> = {}) => ({
    ...(util(type).getDefaultProps() as object),
    ...extra,
  })
  const frame = clusterFrameId(clusterId)
  const geo = createShapeId('geo-1')
  const note = createShapeId('note-1')
  const arrow = createShapeId('arrow-1')
  const records: TLRecord[] = [
    DocumentRecordType.create({ id: TLDOCUMENT_ID }),
    PageRecordType.create({ id: page, name: 'Seite 1', index: 'a1' as IndexKey }),
    shape.create({
      id: frame,
      type: 'cluster-frame',
      parentId: page,
      index: 'a1' as IndexKey,
      x: 0,
      y: 0,
      props: { clusterId, w: 520, h: 380 },
    }),
    ...ideas.map((ideaId, i) =>
      shape.create({
        id: ideaCardId(ideaId),
        type: 'idea-card',
        parentId: frame,
        index: `a${i + 1}` as IndexKey,
        x: 20 + i * 220,
        y: 60,
        props: { ideaId, w: 200, h: 140 },
      }),
    ),
    shape.create({
      id: geo,
      type: 'geo',
      parentId: page,
      index: 'a2' as IndexKey,
      x: 700,
      y: 40,
      props: props('geo', { geo: 'ellipse', richText: toRichText('Bahnhof'), w: 160, h: 90 }),
    }),
    shape.create({
      id: note,
      type: 'note',
      parentId: page,
      index: 'a3' as IndexKey,
      x: 700,
      y: 300,
      props: props('note', { richText: toRichText('Nicht vergessen: Rufbus'), color: 'green' }),
    }),
    shape.create({
      id: createShapeId('text-1'),
      type: 'text',
      parentId: page,
      index: 'a4' as IndexKey,
      x: 0,
      y: -80,
      props: props('text', { richText: toRichText('Themenlabor Freizeit') }),
    }),
    shape.create({
      id: createShapeId('draw-1'),
      type: 'draw',
      parentId: page,
      index: 'a5' as IndexKey,
      x: 560,
      y: 420,
      props: props('draw', { isComplete: true }),
    }),
    shape.create({
      id: arrow,
      type: 'arrow',
      parentId: page,
      index: 'a6' as IndexKey,
      x: 520,
      y: 190,
      props: props('arrow', { start: { x: 0, y: 0 }, end: { x: 180, y: -100 } }),
    }),
    store.schema.types.binding.create({
      type: 'arrow',
      fromId: arrow,
      toId: geo,
      props: {
        terminal: 'end',
        normalizedAnchor: { x: 0.5, y: 0.5 },
        isExact: false,
        isPrecise: false,
        snap: 'none',
      },
    } as never),
  ]
  return records.sort((a, b) => a.id.localeCompare(b.id))
}

function makeFixture(): OldBoardFixture {
  const store = newStore()
  const current = store.schema.serialize()
  const older: SerializedSchemaV2 = {
    schemaVersion: 2,
    sequences: { ...current.sequences, ...OLDER },
  }
  const doc = new Y.Doc()
  const updates: string[] = []
  doc.on('update', (u: Uint8Array) => updates.push(Buffer.from(u).toString('base64')))
  let clock = Date.UTC(2025, 8, 22, 17, 0)
  const board = new Board(doc, { now: () => clock++ })
  const cluster = board.addCluster({ id: 'cluster-verkehr', title: 'Verkehr', color: 'blue' })
  const ideas = [
    board.addIdea({
      id: 'idea-radweg',
      text: 'Radweg nach Wiesenburg',
      clusterId: cluster,
      authorName: 'Aylin',
    }),
    board.addIdea({ id: 'idea-rufbus', text: 'Rufbus am Wochenende', clusterId: cluster }),
  ]
  board.addIdea({ id: 'idea-skatepark', text: 'Skatepark', color: 'green', authorName: 'Jonas' })
  board.setIdeaText('idea-skatepark', 'Skatepark am Bahnhof')
  const records = currentRecords(store, ideas, cluster)
  const kv = canvasStore<TLRecord>(doc)
  doc.transact(() => {
    for (const record of records) {
      const down = store.schema.migratePersistedRecord(record, older, 'down')
      if (down.type !== 'success')
        throw new Error(`cannot write ${record.id} as older: ${down.reason}`)
      kv.set(record.id, down.value)
    }
    board.setTldrawSchema({ ...older })
  })
  // A later move by the older client: an overwrite in the log.
  const moved = kv.get(ideaCardId('idea-rufbus'))!
  kv.set(moved.id, { ...moved, x: (moved as { x: number }).x + 10 } as TLRecord)
  const expectedRecords = records.map((r) =>
    r.id === moved.id ? ({ ...r, x: (r as { x: number }).x + 10 } as TLRecord) : r,
  )
  return {
    description:
      'A board written by an older client: unversioned board layout (no meta.schemaVersion) and ' +
      'tldraw records at lower sequence versions. Made by client/src/board/oldBoard.test.ts.',
    updates,
    tldrawSchema: older,
    expected: {
      ideas: board.ideas().map((i) => ({
        id: i.id,
        text: i.text,
        clusterId: i.clusterId,
        authorName: i.authorName,
      })),
      clusters: board.clusters().map((c) => ({ id: c.id, title: c.title })),
      records: expectedRecords,
    },
  }
}

function loadFixture(): OldBoardFixture {
  if (process.env.UPDATE_FIXTURES === '1') {
    writeFileSync(FIXTURE, `${JSON.stringify(makeFixture(), null, 1)}\n`)
  }
  return JSON.parse(readFileSync(FIXTURE, 'utf8')) as OldBoardFixture
}

function docFrom(fixture: OldBoardFixture): Y.Doc {
  const doc = new Y.Doc()
  for (const u of fixture.updates) Y.applyUpdate(doc, Buffer.from(u, 'base64'))
  return doc
}

describe('a board written by an older client', () => {
  const fixture = loadFixture()

  it('is older: unversioned layout, stored tldraw schema below the current one', () => {
    const doc = docFrom(fixture)
    expect(boardSchemaVersion(doc)).toBeUndefined()
    const current = newStore().schema.serialize().sequences
    for (const [id, version] of Object.entries(OLDER)) {
      expect(fixture.tldrawSchema.sequences[id]).toBe(version)
      if (id.endsWith('idea-card') || id.endsWith('cluster-frame')) continue
      expect(version, id).toBeLessThan(current[id]!)
    }
    // The stored records really are in the older form: geo before `flipX`/`flipY` (geo 11),
    // note before `textLastEditedBy` (note 10); the current validators reject them as they are.
    const kv = canvasStore<{ props: Record<string, unknown> }>(doc)
    expect(Object.keys(kv.get('shape:geo-1')?.props ?? {})).not.toContain('flipX')
    expect(Object.keys(kv.get('shape:note-1')?.props ?? {})).not.toContain('textLastEditedBy')
    const store = newStore()
    expect(() =>
      store.schema.validateRecord(store, kv.get('shape:geo-1') as never, 'createRecord', null),
    ).toThrow()
  })

  it('binds to a current tldraw store: every record migrates up without loss, the schema is re-stamped', () => {
    const doc = docFrom(fixture)
    const board = new Board(doc)
    const store = newStore()
    const result = bindCanvasToDoc({
      store,
      doc,
      board,
      onSchemaTooNew: () => {
        throw new Error('must not happen')
      },
    })
    expect(result.type).toBe('bound')
    const inStore = fixture.expected.records.map((r) => store.get(r.id))
    expect(inStore).toEqual(fixture.expected.records)
    // Written back in the current form, with the current schema.
    const kv = canvasStore<TLRecord>(doc)
    for (const record of fixture.expected.records) expect(kv.get(record.id)).toEqual(record)
    expect(board.tldrawSchema()).toEqual(store.schema.serialize())
    if (result.type === 'bound') result.dispose()
  })

  it('reads ideas and clusters unchanged, and migrateBoard stamps it current without loss', () => {
    const doc = docFrom(fixture)
    const read = (b: Board) => ({
      ideas: b.ideas().map((i) => ({
        id: i.id,
        text: i.text,
        clusterId: i.clusterId,
        authorName: i.authorName,
      })),
      clusters: b.clusters().map((c) => ({ id: c.id, title: c.title })),
    })
    expect(read(new Board(doc))).toEqual({
      ideas: fixture.expected.ideas,
      clusters: fixture.expected.clusters,
    })
    expect(migrateBoard(doc)).toBeUndefined()
    expect(boardSchemaVersion(doc)).toBe(1)
    expect(read(new Board(doc))).toEqual({
      ideas: fixture.expected.ideas,
      clusters: fixture.expected.clusters,
    })
  })
})
