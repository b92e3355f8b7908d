/**
 * Erasure across the history (issue 14 §3): `redactionRanges` finds every stored struct of a
 * person's ideas (or of overwritten author names) in a doc with the whole history applied, and
 * `redactUpdate` rewrites a stored update with that content deleted — applied by HistoryService to
 * the log rows, every restore point and the snapshot (BoardStore.rewriteHistory).
 */
import { writeVarUint } from 'lib0/encoding'
import * as Y from 'yjs'

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
