/**
 * Restore and per-person undo as values (issue 14 §3): the part of a board they compare and write
 * (ideas, clusters and their canvas records), the keys on which two states differ, and writing a
 * target state into the live document as NEW changes, value by value, so everyone's clients
 * receive it as an ordinary update and others keep working meanwhile. HistoryService runs them on
 * the live room; the states come from the stored log (historyReplay.ts).
 */
import { Board, type Cluster, canvasStore, carriedFromValue, type Idea } from '@ideenwand/board'
import * as Y from 'yjs'
import type { HistoryRow, UpdateSender } from '../storage/BoardStore.ts'
import { replay, sameSender } from './historyReplay.ts'

/** The part of a board that restore and undo write: ideas, clusters and their canvas records. */
export interface BoardState {
  ideas: Map<string, Idea>
  clusters: Map<string, Cluster>
  /** `shape:idea-<id>` and `shape:cluster-<id>` records by key. */
  cards: Map<string, unknown>
}

const CARD_PREFIXES = ['shape:idea-', 'shape:cluster-'] as const

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
export const ideaOfCard = (key: string): string | null =>
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
