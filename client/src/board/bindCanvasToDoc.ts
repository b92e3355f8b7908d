/**
 * Binds a tldraw store to the board's Y.Doc, after the idea of tldraw's Yjs example, on tldraw 5:
 *
 * - Document-scoped tldraw records live in `canvasStore(doc)` (a YKeyValue keyed by record id).
 * - Local changes (`store.listen`, source 'user', scope 'document') go into ONE Yjs transaction
 *   per store change, tagged with our origin.
 * - Remote changes (the YKeyValue 'change' event, other origins) come in through
 *   `store.mergeRemoteChanges`, after migration (if the doc's schema is older) and validation
 *   (records that do not validate are skipped, never crash the page).
 * - The doc stores the tldraw schema it was written with (`board.tldrawSchema()`). A doc written
 *   by a NEWER client is never written to: the caller shows "please reload". A doc written by an
 *   OLDER client is migrated up once and re-stamped with our schema (older clients then reload).
 */
import { BOARD_KEYS, type Board, canvasStore } from '@ideenwand/board'
import {
  DocumentRecordType,
  type IndexKey,
  PageRecordType,
  type SerializedSchema,
  TLDOCUMENT_ID,
  type TLPageId,
  type TLRecord,
  type TLStore,
} from 'tldraw'
import type * as Y from 'yjs'
import { compareSchema, parseStoredSchema } from './tldrawSchemaCheck.ts'

/**
 * The page every board starts with. Id and name are fixed (the name is never shown: the page menu
 * is hidden), so two whiteboards that find the same new board empty write the same seed, which
 * the server accepts twice (server/src/sync/updateRights.ts); a localised name made the second
 * seed a change of the page, refused for a participant.
 */
const FIRST_PAGE_ID = 'page:page' as TLPageId
const FIRST_PAGE_NAME = 'Ideenwand'

type KeyValueChange =
  | { action: 'add'; newValue: TLRecord }
  | { action: 'update'; oldValue: TLRecord; newValue: TLRecord }
  | { action: 'delete'; oldValue: TLRecord }

export interface CanvasBindingOptions {
  store: TLStore
  doc: Y.Doc
  board: Board
  /** Called (once) if the doc's tldraw schema becomes newer than ours while bound. */
  onSchemaTooNew: () => void
  /**
   * Whether this client may rewrite records and the stored schema after migrating them
   * (facilitators). Participants only add what the doc lacks: the server refuses their changes to
   * other people's records and to `meta` (server/src/sync/updateRights.ts). Default true.
   */
  restamp?: boolean
}

export type CanvasBindingResult =
  | { type: 'bound'; dispose: () => void }
  | { type: 'schema-too-new' }

function isRecordLike(value: unknown): value is TLRecord {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { id?: unknown }).id === 'string' &&
    typeof (value as { typeName?: unknown }).typeName === 'string'
  )
}

const together = new WeakMap<TLStore, (fn: () => void) => void>()

/**
 * Runs `fn` — domain writes (`board.addIdea`) and the shapes that picture them — so that both
 * reach the doc in ONE Yjs transaction. tldraw hands store changes to the binding only on the
 * next animation frame; in between another whiteboard would see an idea without its card, give
 * it one of its own in a free spot of ITS view, and one of the two placements would win at
 * random. Without a bound doc it just runs `fn`.
 */
export function writeTogether(store: TLStore, fn: () => void): void {
  const run = together.get(store)
  if (run) run(fn)
  else fn()
}

export function bindCanvasToDoc(opts: CanvasBindingOptions): CanvasBindingResult {
  const { store, doc, board } = opts
  const kv = canvasStore<TLRecord>(doc)
  const origin = { name: 'ideenwand-canvas' }
  const ourSchema = store.schema.serialize()
  // tldraw's `user` records (the local person's name and colour) are document-scoped but stay in
  // the browser: names belong to the server's guest records and presence, not to the stored
  // board (and participants may not write them: server/src/sync/updateRights.ts).
  const isDocumentRecord = (r: TLRecord) =>
    r.typeName !== 'user' && store.scopedTypes.document.has(r.typeName)

  let docSchema: SerializedSchema | null = parseStoredSchema(board.tldrawSchema())
  if (docSchema && compareSchema(docSchema, store) === 'newer') return { type: 'schema-too-new' }

  /** Migrates (if needed) and validates one record from the doc; undefined if unusable. */
  const prepare = (value: unknown): TLRecord | undefined => {
    if (!isRecordLike(value) || !isDocumentRecord(value)) return undefined
    let record = value
    if (docSchema) {
      const migrated = store.schema.migratePersistedRecord(record, docSchema)
      if (migrated.type === 'error') return undefined
      record = migrated.value
    }
    try {
      const existing = store.get(record.id)
      return store.schema.validateRecord(
        store,
        record,
        existing ? 'updateRecord' : 'createRecord',
        existing ?? null,
      )
    } catch {
      return undefined
    }
  }

  // 1. Initial load: doc → store, or seed a new doc from a fresh store.
  const initial: Record<string, TLRecord> = {}
  for (const { key, val } of kv.map.values()) {
    const record = prepare(val)
    if (record && record.id === key) initial[record.id] = record
  }
  const seeding = Object.keys(initial).length === 0
  if (seeding) {
    const documentRecord = DocumentRecordType.create({ id: TLDOCUMENT_ID })
    const page = PageRecordType.create({
      id: FIRST_PAGE_ID,
      name: FIRST_PAGE_NAME,
      index: 'a1' as IndexKey,
    })
    initial[documentRecord.id] = documentRecord
    initial[page.id] = page
  }
  store.loadStoreSnapshot({ schema: ourSchema, store: initial })

  // Write back what the doc lacks or holds in an older form: the seed, records created by
  // `ensureStoreIsUsable`, records migrated up from an older schema. One transaction.
  const needsRestamp = docSchema === null || compareSchema(docSchema, store) !== 'same'
  const restamp = needsRestamp && (opts.restamp !== false || docSchema === null)
  const rewrite = needsRestamp && opts.restamp !== false
  doc.transact(() => {
    for (const record of store.allRecords()) {
      if (!isDocumentRecord(record)) continue
      if (seeding || rewrite || !kv.has(record.id)) kv.set(record.id, record)
    }
    // Stored as a plain JSON object (the board stores it opaquely).
    if (restamp) board.setTldrawSchema({ ...ourSchema })
  }, origin)
  if (restamp) docSchema = ourSchema

  let blocked = false
  /** Records `writeTogether` wrote already; the listener below skips them. */
  const written = new WeakSet<TLRecord>()
  const write = (record: TLRecord) => {
    if (isDocumentRecord(record) && !written.has(record)) kv.set(record.id, record)
  }

  // 2. Local → doc.
  const stopListening = store.listen(
    ({ changes }) => {
      if (blocked) return
      doc.transact(() => {
        for (const record of Object.values(changes.added)) write(record)
        for (const [, record] of Object.values(changes.updated)) write(record)
        for (const record of Object.values(changes.removed)) {
          if (isDocumentRecord(record)) kv.delete(record.id)
        }
      }, origin)
    },
    { source: 'user', scope: 'document' },
  )

  // 3. Doc → local.
  const onKeyValueChange = (changes: Map<string, KeyValueChange>, transaction: Y.Transaction) => {
    if (transaction.origin === origin || blocked) return
    const toPut: TLRecord[] = []
    const toRemove: TLRecord['id'][] = []
    for (const [key, change] of changes) {
      if (change.action === 'delete') {
        const existing = store.get(key as TLRecord['id'])
        if (existing && isDocumentRecord(existing)) toRemove.push(existing.id)
        continue
      }
      const record = prepare(change.newValue)
      if (record && record.id === key) toPut.push(record)
    }
    if (toPut.length === 0 && toRemove.length === 0) return
    store.mergeRemoteChanges(() => {
      if (toRemove.length) store.remove(toRemove)
      if (toPut.length) store.put(toPut)
    })
  }
  kv.on('change', onKeyValueChange)

  // 4. Someone with a newer client re-stamped the schema: stop writing, ask for a reload.
  const meta = doc.getMap(BOARD_KEYS.meta)
  const onMetaChange = () => {
    const stored = parseStoredSchema(board.tldrawSchema())
    if (!stored || blocked) return
    const relation = compareSchema(stored, store)
    if (relation === 'newer') {
      blocked = true
      opts.onSchemaTooNew()
    } else {
      docSchema = stored
    }
  }
  meta.observe(onMetaChange)

  // 5. Domain writes and the shapes that picture them, in one transaction (`writeTogether`).
  together.set(store, (fn) => {
    if (blocked) return fn()
    doc.transact(() => {
      const diff = store.extractingChanges(fn)
      for (const record of [
        ...Object.values(diff.added),
        ...Object.values(diff.updated).map(([, to]) => to),
      ]) {
        write(record)
        written.add(record)
      }
    }, origin)
  })

  return {
    type: 'bound',
    dispose: () => {
      together.delete(store)
      blocked = true
      stopListening()
      kv.off('change', onKeyValueChange)
      meta.unobserve(onMetaChange)
    },
  }
}
