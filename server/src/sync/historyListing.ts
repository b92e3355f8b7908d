/**
 * The history listing (issue 14 §3): what the stored log says happened — who, when, how many
 * ideas and clusters — with consecutive rows of one sender and kind close together in time
 * grouped into one entry, newest first. Each entry's first row is the point that restore and
 * undo ("before this entry") go back to.
 */
import { canvasStore } from '@ideenwand/board'
import type { HistoryRow, UpdateSender } from '../storage/BoardStore.ts'
import { ideaOfCard } from './boardRestore.ts'
import { applyRow, breathe, buildDoc, CHUNK_ROWS, sameSender } from './historyReplay.ts'

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
