/**
 * Boards for the benchmark: an Ideenwand workshop with a guest session (through the real API),
 * and the cold-load board — 2,000 ideas and 5,000 canvas records — as a long update log or as
 * one compacted snapshot, written straight into the server's database.
 */
import { Board, canvasStore } from '@ideenwand/board'
import { BoardStore, openDb } from '@ideenwand/server'
import * as Y from 'yjs'
import { workshopFixture } from '../../integration/support/api.ts'

export interface BoardAccess {
  boardId: string
  workshopId: string
  /** The participants' invite code (to join further guests). */
  participantCode: string
  /** Cookie header of a participant session (shared by all bench clients that only read). */
  cookie: string
  /**
   * Cookie header of a facilitator session, for the writers: their test map is no part of the
   * board's schema, which only a facilitator may write (the server's rights check closes a
   * participant that does with 4403).
   */
  writerCookie: string
}

export async function ideenwandBoard(baseUrl: string): Promise<BoardAccess> {
  const fixture = await workshopFixture(baseUrl, { title: 'Benchmark' })
  const guest = await fixture.join('participant', 'Bench')
  if (!guest.cookie) throw new Error('join returned no session cookie')
  if (!fixture.facilitator.cookie) throw new Error('the facilitator has no session cookie')
  return {
    boardId: fixture.boardId,
    workshopId: fixture.workshopId,
    participantCode: fixture.participantCode,
    cookie: guest.cookie,
    writerCookie: fixture.facilitator.cookie,
  }
}

/** The cold-load board as the list of updates its authors made, one per idea or record. */
export function coldBoardUpdates(ideas = 2000, records = 5000): Uint8Array[] {
  const doc = new Y.Doc()
  const updates: Uint8Array[] = []
  doc.on('update', (u: Uint8Array) => updates.push(u))
  const board = new Board(doc)
  const canvas = canvasStore<Record<string, unknown>>(doc)
  for (let i = 0; i < ideas; i++) {
    board.addIdea({
      text: `Idee ${i}: mehr Sitzbänke und Schatten am Marktplatz, Abschnitt ${i % 37}`,
      authorName: `Person ${i % 80}`,
    })
  }
  for (let i = 0; i < records; i++) {
    const id = `shape:bench${i}`
    doc.transact(() =>
      canvas.set(id, {
        id,
        typeName: 'shape',
        type: i % 3 === 0 ? 'arrow' : 'geo',
        x: (i % 100) * 220,
        y: Math.floor(i / 100) * 160,
        rotation: 0,
        index: `a${i.toString(36)}`,
        parentId: 'page:page',
        isLocked: false,
        opacity: 1,
        props: { w: 200, h: 140, geo: 'rectangle', color: 'black', fill: 'none', text: '' },
        meta: {},
      }),
    )
  }
  return updates
}

export type DbTarget =
  | { engine: 'pglite'; dataDir: string }
  | { engine: 'postgres'; url: string; schema: string }

/** Replaces the board's stored content with `updates` as log rows, or with one snapshot. */
export async function seedBoard(
  target: DbTarget,
  boardId: string,
  updates: Uint8Array[],
  mode: 'log' | 'snapshot',
): Promise<{ rows: number; bytes: number }> {
  const db = await openDb(target)
  try {
    await db.query('delete from board_updates where board_id = $1', [boardId])
    await db.query('delete from board_snapshots where board_id = $1', [boardId])
    const store = new BoardStore(db)
    if (mode === 'snapshot') {
      const snapshot = Y.mergeUpdates(updates)
      const doc = new Y.Doc()
      Y.applyUpdate(doc, snapshot)
      const compact = Y.encodeStateAsUpdate(doc)
      await store.compactWith(boardId, () => compact)
      return { rows: 1, bytes: compact.length }
    }
    let bytes = 0
    for (let i = 0; i < updates.length; i += 500) {
      const chunk = updates.slice(i, i + 500)
      await Promise.all(chunk.map((u) => store.append(boardId, u)))
      for (const u of chunk) bytes += u.length
    }
    return { rows: updates.length, bytes }
  } finally {
    await db.close()
  }
}
