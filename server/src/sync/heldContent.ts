/**
 * Taking ideas out of a board document and putting them back (issue 14 §2, "private until
 * public"). An idea that is not public yet — pending under pre-moderation, written during private
 * collection, or hidden by a facilitator — must not be in the shared document, because every
 * client of the board receives the whole document. The server deletes it (entry and card) in one
 * transaction; the board's doc garbage-collects deleted content (`gc: true`), so what is sent or
 * stored after that carries neither its text nor its author. The content goes to the held store
 * (workshops/HeldIdeas.ts) and comes back, written by the server under the same id, when the idea
 * becomes public.
 */
import {
  BOARD_KEYS,
  Board,
  type CanvasEntry,
  type Idea,
  ideaCardId,
  type NewIdea,
} from '@ideenwand/board'
import type * as Y from 'yjs'

/** What the server keeps of a held idea. */
export interface HeldContent {
  ideaId: string
  /** The idea as it was (null: the entry was unreadable and is dropped). */
  idea: Omit<Idea, 'id'> | null
  /** Its card on the whiteboard (a tldraw record), if it had one. */
  card: Record<string, unknown> | null
}

/** The key of an idea's card in the canvas store (packages/board, `ideaCardId`). */
export const cardKey = ideaCardId

/**
 * Deletes the ideas and their cards from `doc` in one transaction with `origin`, returning what
 * they held. Ideas not on the board (already taken out) are returned with just their card, if the
 * board has one.
 */
export function takeOut(doc: Y.Doc, ideaIds: Iterable<string>, origin: unknown): HeldContent[] {
  const board = new Board(doc)
  const ideas = doc.getMap(BOARD_KEYS.ideas)
  const canvas = doc.getArray<CanvasEntry<unknown>>(BOARD_KEYS.canvas)
  const taken: HeldContent[] = []
  doc.transact(() => {
    for (const ideaId of new Set(ideaIds)) {
      const found = board.idea(ideaId)
      const card = removeRecord(canvas, cardKey(ideaId))
      if (ideas.has(ideaId)) ideas.delete(ideaId)
      const idea = found ? (({ id: _id, ...rest }) => rest)(found) : null
      taken.push({ ideaId, idea, card })
    }
  }, origin)
  return taken
}

/**
 * Removes every entry of `key` from the canvas array and returns the record YKeyValue would show
 * (the last one). Works on the array itself, not a YKeyValue: inside a transaction that has just
 * inserted the record, a YKeyValue index does not know it yet.
 */
function removeRecord(
  canvas: Y.Array<CanvasEntry<unknown>>,
  key: string,
): Record<string, unknown> | null {
  const entries = canvas.toArray()
  let found: Record<string, unknown> | null = null
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i]
    if (typeof entry !== 'object' || entry === null || entry.key !== key) continue
    if (found === null && typeof entry.val === 'object' && entry.val !== null) {
      found = { ...(entry.val as Record<string, unknown>) }
    }
    canvas.delete(i, 1)
  }
  return found
}

/**
 * Writes held ideas back into `doc` in one transaction (their id, text, colour, author and
 * creation time as they were; a cluster that is gone meanwhile becomes "unsorted"). Ideas whose id
 * is on the board already are skipped. Returns the ids written.
 */
export function putBack(doc: Y.Doc, items: readonly HeldContent[]): string[] {
  const clusters = doc.getMap(BOARD_KEYS.clusters)
  const ideas = doc.getMap(BOARD_KEYS.ideas)
  const canvas = doc.getArray<CanvasEntry<unknown>>(BOARD_KEYS.canvas)
  const cards = new Set(canvas.toArray().map((entry) => entry?.key))
  const written: string[] = []
  doc.transact(() => {
    for (const { ideaId, idea, card } of items) {
      if (!idea || ideas.has(ideaId)) continue
      const board = new Board(doc, { now: () => idea.createdAt })
      const clusterId =
        idea.clusterId !== null && clusters.has(idea.clusterId) ? idea.clusterId : null
      board.addIdea({
        id: ideaId,
        text: idea.text,
        color: idea.color,
        clusterId,
        authorId: idea.authorId,
        authorName: idea.authorName,
        // Held before sources existed: none (own); a table idea always has its label.
        ...sourceOf(idea),
        // A carried idea a facilitator hid and shows again keeps where it came from (issue 20 §1).
        ...(idea.carriedFrom ? { carriedFrom: idea.carriedFrom } : {}),
      })
      // A card inside a frame that is gone meanwhile is moved out by every whiteboard
      // (canvasDomainRules: cards leave the frame of a deleted cluster).
      // A YKeyValue sees a pushed entry as the record's new value.
      if (card && !cards.has(cardKey(ideaId))) canvas.push([{ key: cardKey(ideaId), val: card }])
      written.push(ideaId)
    }
  })
  return written
}

/** The source fields to write back for a held idea (rows from before issue 19 §2 have none). */
function sourceOf(
  idea: Partial<Pick<Idea, 'source' | 'table'>>,
): Pick<NewIdea, 'source' | 'table'> {
  if (idea.source === 'paper') return { source: 'paper' }
  if (idea.source === 'table' && idea.table) return { source: 'table', table: idea.table }
  return {}
}
