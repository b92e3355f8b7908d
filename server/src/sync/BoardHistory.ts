/**
 * A board's history (issue 14 §3): what the stored log says happened (who, when, how many ideas),
 * the board as it was at a point of it, and the two ways a facilitator undoes damage — restore
 * the whole board to a point, or undo everything one person did since a point. Both are applied
 * to the live document as NEW changes, value by value (ideas, clusters and their canvas records),
 * so everyone's clients receive them as an ordinary update and others keep working meanwhile.
 *
 * Erasure reaches the history too: `redactor` finds every stored struct of a person's ideas (or of
 * overwritten author names) and the stored copies are rewritten with that content deleted — the
 * log rows, every restore point and the snapshot (BoardStore.rewriteHistory).
 */
import { Board, type Cluster, canvasStore, carriedFromValue, type Idea } from '@ideenwand/board'
import { writeVarUint } from 'lib0/encoding'
import * as Y from 'yjs'
import type { HistoryRow, UpdateSender } from '../storage/BoardStore.ts'

/** The part of a board that restore and undo write: ideas, clusters and their canvas records. */
export interface BoardState {
  ideas: Map<string, Idea>
  clusters: Map<string, Cluster>
  /** `shape:idea-<id>` and `shape:cluster-<id>` records by key. */
  cards: Map<string, unknown>
}

/** One entry of the history listing: consecutive rows of one sender close together in time. */
export interface HistoryEntry {
  /** The first log row of the entry: "before this entry" is this id. */
  id: number
  lastId: number
  at: Date
  until: Date
  sender: UpdateSender | null
  updates: number
  ideasAdded: number
  ideasDeleted: number
  /** Ideas whose entry or card changed in any way (added and deleted included). */
  ideasChanged: number
  clustersChanged: number
  /** Only whiteboard cards changed (moved, made or tidied), no idea entry nor cluster. */
  cardsOnly: boolean
}

/** Rows of one sender and kind (see `rowKind`) at most this far apart form one history entry. */
const ENTRY_GAP_MS = 2 * 60_000

const CARD_PREFIXES = ['shape:idea-', 'shape:cluster-'] as const

const sameSender = (a: UpdateSender | null, b: UpdateSender | null): boolean =>
  a === b || (a !== null && b !== null && a.kind === b.kind && a.id === b.id)

/**
 * Rows applied between two turns of the event loop: replaying a long history must not hold up
 * the rooms the server serves meanwhile (about 10–30 ms a chunk on a 200-idea board).
 */
const CHUNK_ROWS = 100

/** Lets the event loop serve sockets and timers before the next chunk of work. */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve))

/** Applies one stored update; a corrupt row is skipped, as when the board loads (Room). */
function applyRow(doc: Y.Doc, update: Uint8Array | null): void {
  if (!update) return
  try {
    Y.applyUpdate(doc, update)
  } catch {
    // skipped
  }
}

/** A fresh doc with `base` and `rows` applied, in one transaction (for small inputs). */
export function buildDoc(base: Uint8Array | null, rows: readonly Uint8Array[], gc = true): Y.Doc {
  const doc = new Y.Doc({ gc })
  doc.transact(() => {
    for (const update of [base, ...rows]) applyRow(doc, update)
  })
  return doc
}

/** `buildDoc` in chunks of {@link CHUNK_ROWS}, yielding to the event loop between them. */
export async function replay(
  base: Uint8Array | null,
  rows: readonly Uint8Array[],
  gc = true,
): Promise<Y.Doc> {
  const doc = buildDoc(base, [], gc)
  for (let i = 0; i < rows.length; i += CHUNK_ROWS) {
    if (i > 0) await breathe()
    doc.transact(() => {
      for (const update of rows.slice(i, i + CHUNK_ROWS)) applyRow(doc, update)
    })
  }
  return doc
}

/** What restore and undo compare and write, read with the board's tolerant readers. */
export function readState(doc: Y.Doc): BoardState {
  const board = new Board(doc)
  const canvas = canvasStore<unknown>(doc)
  const cards = new Map<string, unknown>()
  for (const entry of doc.getArray<{ key?: unknown }>('canvas').toArray()) {
    const key = typeof entry?.key === 'string' ? entry.key : null
    if (key && CARD_PREFIXES.some((p) => key.startsWith(p)) && canvas.has(key)) {
      cards.set(key, canvas.get(key))
    }
  }
  return {
    ideas: new Map(board.ideas().map((i) => [i.id, i])),
    clusters: new Map(board.clusters().map((c) => [c.id, c])),
    cards,
  }
}

/** Which idea a card key belongs to, if it is an idea card. */
const ideaOfCard = (key: string): string | null =>
  key.startsWith('shape:idea-') ? key.slice('shape:idea-'.length) : null

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b)

/** The keys (`idea:<id>`, `cluster:<id>`, `card:<key>`) whose values differ between a and b. */
export function differences(a: BoardState, b: BoardState): Set<string> {
  const out = new Set<string>()
  for (const [kind, x, y] of [
    ['idea', a.ideas, b.ideas],
    ['cluster', a.clusters, b.clusters],
    ['card', a.cards, b.cards],
  ] as const) {
    for (const key of new Set([...x.keys(), ...y.keys()])) {
      if (!same(x.get(key), y.get(key))) out.add(`${kind}:${key}`)
    }
  }
  return out
}

/** Every key of a state, in the form `differences` returns. */
function allKeys(...states: BoardState[]): Set<string> {
  const out = new Set<string>()
  for (const s of states) {
    for (const id of s.ideas.keys()) out.add(`idea:${id}`)
    for (const id of s.clusters.keys()) out.add(`cluster:${id}`)
    for (const key of s.cards.keys()) out.add(`card:${key}`)
  }
  return out
}

/** What applying a target changed on the live board. */
export interface ApplyResult {
  ideasRestored: number
  ideasRemoved: number
  ideasChanged: number
  clustersChanged: number
  cardsChanged: number
  /** Ideas the target has that stay off the board (hidden or pending now). */
  ideasHeldBack: number
}

/**
 * Writes `target`'s values for `keys` (all keys of both when null) into the live doc in one
 * transaction with `origin`. Ideas in `excluded` (not public now) are never written back, nor
 * their cards; an idea the target lacks is deleted. Clusters go first so that ideas can name them.
 */
export function applyState(
  live: Y.Doc,
  target: BoardState,
  keys: Set<string> | null,
  excluded: ReadonlySet<string>,
  origin: unknown,
): ApplyResult {
  const current = readState(live)
  const scope = keys ?? allKeys(current, target)
  const result: ApplyResult = {
    ideasRestored: 0,
    ideasRemoved: 0,
    ideasChanged: 0,
    clustersChanged: 0,
    cardsChanged: 0,
    ideasHeldBack: 0,
  }
  const ideasMap = live.getMap('ideas')
  const clustersMap = live.getMap('clusters')
  const canvas = canvasStore<unknown>(live)
  live.transact(() => {
    for (const key of scope) {
      if (!key.startsWith('cluster:')) continue
      const id = key.slice('cluster:'.length)
      const want = target.clusters.get(id)
      const have = current.clusters.get(id)
      if (same(want, have)) continue
      result.clustersChanged++
      if (!want) {
        clustersMap.delete(id)
        continue
      }
      const entry = have ? clustersMap.get(id) : new Y.Map<unknown>()
      if (!(entry instanceof Y.Map)) continue
      for (const field of ['title', 'order', 'color'] as const) {
        if (!have || have[field] !== want[field]) entry.set(field, want[field])
      }
      if (!have) clustersMap.set(id, entry)
    }
    for (const key of scope) {
      if (!key.startsWith('idea:')) continue
      const id = key.slice('idea:'.length)
      const want = target.ideas.get(id)
      const have = current.ideas.get(id)
      if (same(want, have)) continue
      if (want && excluded.has(id)) {
        result.ideasHeldBack++
        continue
      }
      if (!want) {
        ideasMap.delete(id)
        result.ideasRemoved++
        continue
      }
      const clusterId =
        want.clusterId !== null && clustersMap.has(want.clusterId) ? want.clusterId : null
      if (!have) {
        const entry = new Y.Map<unknown>()
        entry.set('text', new Y.Text(want.text))
        entry.set('authorId', want.authorId)
        entry.set('authorName', want.authorName)
        entry.set('createdAt', want.createdAt)
        entry.set('color', want.color)
        entry.set('clusterId', clusterId)
        // A carried idea restored keeps where it came from (issue 20 §1).
        if (want.carriedFrom) entry.set('carriedFrom', carriedFromValue(want.carriedFrom))
        ideasMap.set(id, entry)
        result.ideasRestored++
        continue
      }
      const board = new Board(live)
      if (have.text !== want.text) board.setIdeaText(id, want.text)
      const entry = ideasMap.get(id) as Y.Map<unknown>
      if (have.color !== want.color) entry.set('color', want.color)
      if (have.clusterId !== clusterId) entry.set('clusterId', clusterId)
      if (have.authorName !== want.authorName) entry.set('authorName', want.authorName)
      result.ideasChanged++
    }
    for (const key of scope) {
      if (!key.startsWith('card:')) continue
      const cardKey = key.slice('card:'.length)
      const idea = ideaOfCard(cardKey)
      if (idea !== null && excluded.has(idea)) continue
      const want = target.cards.get(cardKey)
      if (same(want, current.cards.get(cardKey))) continue
      result.cardsChanged++
      if (want === undefined) canvas.delete(cardKey)
      else canvas.set(cardKey, want)
    }
  }, origin)
  return result
}

/**
 * The state to undo one person's changes since a point: the board as the stored log makes it
 * with and without that person's rows after the point; the keys on which they differ are what
 * the person changed, and the second state holds the values to go back to.
 */
export async function withoutSender(
  base: Uint8Array | null,
  before: readonly HistoryRow[],
  after: readonly HistoryRow[],
  sender: UpdateSender,
): Promise<{ keys: Set<string>; target: BoardState }> {
  const prefix = before.map((r) => r.data)
  const withAll = readState(await replay(base, [...prefix, ...after.map((r) => r.data)]))
  const others = after.filter((r) => !sameSender(r.sender, sender)).map((r) => r.data)
  const target = readState(await replay(base, [...prefix, ...others]))
  return { keys: differences(withAll, target), target }
}

interface Touched {
  /** Ideas whose entry or card changed. */
  ideas: Set<string>
  /** Changes to idea entries (not cards). */
  entries: number
  added: number
  deleted: number
  clusters: Set<string>
}

const noTouch = (): Touched => ({
  ideas: new Set(),
  entries: 0,
  added: 0,
  deleted: 0,
  clusters: new Set(),
})

type RowKind = 'add' | 'delete' | 'change' | 'cards'

/**
 * What a row did, for grouping: rows that only add ideas, rows that only delete ideas, rows that
 * only change cards, and other changes form separate entries, so that "before this entry" can
 * point between adding and deleting even when one person did both within a minute.
 */
function rowKind(t: Touched): RowKind {
  if (t.entries === 0 && t.clusters.size === 0) return 'cards'
  if (t.added > 0 && t.deleted === 0) return 'add'
  if (t.deleted > 0 && t.added === 0) return 'delete'
  return 'change'
}

/**
 * The history listing: replays `rows` on `base`, one transaction per row, and counts per entry
 * the ideas (entries or cards) and clusters each row touched. Newest entry first.
 */
export async function listHistory(
  base: Uint8Array | null,
  rows: readonly HistoryRow[],
): Promise<HistoryEntry[]> {
  const doc = buildDoc(base, [])
  const canvas = canvasStore<unknown>(doc)
  let touched = noTouch()
  doc.getMap('ideas').observeDeep((events) => {
    for (const event of events) {
      if (event.path.length > 0) {
        touched.ideas.add(String(event.path[0]))
        touched.entries++
        continue
      }
      for (const [id, change] of event.changes.keys) {
        touched.ideas.add(id)
        touched.entries++
        if (change.action === 'add') touched.added++
        if (change.action === 'delete') touched.deleted++
      }
    }
  })
  doc.getMap('clusters').observeDeep((events) => {
    for (const event of events) {
      if (event.path.length > 0) touched.clusters.add(String(event.path[0]))
      else for (const id of event.changes.keys.keys()) touched.clusters.add(id)
    }
  })
  canvas.on('change', (changes: Map<string, unknown>) => {
    for (const key of changes.keys()) {
      const idea = ideaOfCard(key)
      if (idea !== null) touched.ideas.add(idea)
    }
  })
  const entries: Array<
    HistoryEntry & { ideaIds: Set<string>; clusterIds: Set<string>; kind: RowKind }
  > = []
  for (const [i, row] of rows.entries()) {
    if (i > 0 && i % CHUNK_ROWS === 0) await breathe()
    touched = noTouch()
    applyRow(doc, row.data)
    const kind = rowKind(touched)
    // Card-only rows of others in between (a whiteboard tidying the cards of deleted ideas) do
    // not split one person's run of changes into many entries.
    let at = entries.length - 1
    if (kind !== 'cards') while (at >= 0 && entries[at]?.kind === 'cards') at--
    const last = entries[at]
    if (
      last &&
      last.kind === kind &&
      sameSender(last.sender, row.sender) &&
      row.at.getTime() - last.until.getTime() <= ENTRY_GAP_MS
    ) {
      last.lastId = row.id
      last.until = row.at
      last.updates++
      last.ideasAdded += touched.added
      last.ideasDeleted += touched.deleted
      for (const id of touched.ideas) last.ideaIds.add(id)
      for (const id of touched.clusters) last.clusterIds.add(id)
      continue
    }
    entries.push({
      id: row.id,
      lastId: row.id,
      at: row.at,
      until: row.at,
      sender: row.sender,
      updates: 1,
      ideasAdded: touched.added,
      ideasDeleted: touched.deleted,
      ideasChanged: 0,
      clustersChanged: 0,
      cardsOnly: kind === 'cards',
      ideaIds: touched.ideas,
      clusterIds: touched.clusters,
      kind,
    })
  }
  doc.destroy()
  return entries
    .map(({ ideaIds, clusterIds, kind: _kind, ...e }) => ({
      ...e,
      ideasChanged: ideaIds.size,
      clustersChanged: clusterIds.size,
    }))
    .reverse()
}

// ---- erasure across restore points -------------------------------------------------------

/** What to take out of the history. */
export type Redaction =
  /** every idea this guest wrote (their entries, text, cards' idea entries) */
  | { kind: 'ideas-of'; authorId: string }
  /** every overwritten author name on ideas not written by these people */
  | { kind: 'names'; keep: ReadonlySet<string> }

type Ranges = Map<number, Array<[number, number]>>

/** The content of a map entry: the item's value (deleted items included, gc off). */
function itemValue(item: Y.Item | undefined): unknown {
  const content = item?.content
  if (content instanceof Y.ContentAny) return content.arr[0]
  if (content instanceof Y.ContentString) return content.str
  return undefined
}

/** A map key's items, newest first (overwritten values stay linked to the left). */
function keyChain(item: Y.Item | undefined): Y.Item[] {
  const out: Y.Item[] = []
  const key = item?.parentSub
  for (let i: Y.Item | null = item ?? null; i; i = i.left) {
    if (i.parentSub === key) out.push(i)
  }
  return out
}

/** Every item of a type: its map entries (with overwritten values) and list content, deeply. */
function subtree(item: Y.Item, out: Y.Item[]): void {
  out.push(item)
  if (!(item.content instanceof Y.ContentType)) return
  const type = item.content.type as Y.AbstractType<unknown>
  for (const latest of type._map.values()) for (const i of keyChain(latest)) subtree(i, out)
  for (let i = type._start; i; i = i.right) subtree(i, out)
}

/**
 * The stored structs to delete for `redaction`, found in a doc with the whole history applied
 * without garbage collection (so deleted ideas and overwritten values are still there). Only
 * items deleted in that doc are taken: the live board is never changed by this.
 */
export function redactionRanges(history: Y.Doc, redaction: Redaction): Ranges {
  const items: Y.Item[] = []
  const ideas = history.getMap('ideas')
  for (const latest of ideas._map.values()) {
    for (const entry of keyChain(latest)) {
      if (!(entry.content instanceof Y.ContentType)) continue
      const type = entry.content.type as Y.AbstractType<unknown>
      const authorId = itemValue(type._map.get('authorId'))
      if (redaction.kind === 'ideas-of') {
        if (authorId === redaction.authorId) subtree(entry, items)
      } else if (typeof authorId !== 'string' || !redaction.keep.has(authorId)) {
        items.push(...keyChain(type._map.get('authorName')))
      }
    }
  }
  const ranges: Ranges = new Map()
  for (const item of items) {
    if (!item.deleted) continue
    const list = ranges.get(item.id.client) ?? []
    list.push([item.id.clock, item.id.clock + item.length])
    ranges.set(item.id.client, list)
  }
  // The doc may hold a stored struct split in pieces (a later insert in its middle): adjacent
  // pieces are joined, so the stored struct is found whole.
  for (const [client, list] of ranges) {
    list.sort((x, y) => x[0] - y[0])
    const joined: Array<[number, number]> = []
    for (const [a, b] of list) {
      const last = joined.at(-1)
      if (last && a <= last[1]) last[1] = Math.max(last[1], b)
      else joined.push([a, b])
    }
    ranges.set(client, joined)
  }
  return ranges
}

function covered(ranges: Ranges, client: number, from: number, to: number): boolean {
  for (const [a, b] of ranges.get(client) ?? []) if (a <= from && to <= b) return true
  return false
}

/**
 * `update` with the content of every struct inside `ranges` deleted (same ids and lengths, so it
 * still fits the rest of the history); the same array when nothing in it is redacted.
 */
export function redactUpdate(update: Uint8Array, ranges: Ranges): Uint8Array {
  if (ranges.size === 0) return update
  const { structs, ds } = Y.decodeUpdate(update)
  let changed = false
  for (const s of structs) {
    if (!(s instanceof Y.Item) || s.content instanceof Y.ContentDeleted) continue
    if (!covered(ranges, s.id.client, s.id.clock, s.id.clock + s.length)) continue
    s.content = new Y.ContentDeleted(s.length)
    changed = true
  }
  return changed ? encodeStructs(structs, ds) : update
}

/** Encodes decoded structs and a delete set as a v1 update (Yjs' own layout). */
function encodeStructs(
  structs: Array<Y.Item | Y.GC | Y.Skip>,
  ds: { clients: Map<number, Array<{ clock: number; len: number }>> },
): Uint8Array {
  const encoder = new Y.UpdateEncoderV1()
  const rest = encoder.restEncoder
  const byClient = new Map<number, Array<Y.Item | Y.GC | Y.Skip>>()
  for (const s of structs) {
    const list = byClient.get(s.id.client) ?? []
    list.push(s)
    byClient.set(s.id.client, list)
  }
  writeVarUint(rest, byClient.size)
  for (const [client, list] of byClient) {
    writeVarUint(rest, list.length)
    encoder.writeClient(client)
    writeVarUint(rest, list[0]!.id.clock)
    for (const s of list) s.write(encoder, 0)
  }
  writeVarUint(rest, ds.clients.size)
  for (const [client, deletes] of ds.clients) {
    encoder.resetDsCurVal()
    writeVarUint(rest, client)
    writeVarUint(rest, deletes.length)
    for (const d of deletes) {
      encoder.writeDsClock(d.clock)
      encoder.writeDsLen(d.len)
    }
  }
  return encoder.toUint8Array()
}
