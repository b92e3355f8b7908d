/**
 * What the tests ask the database about a board directly — things the server itself never needs
 * to ask (it creates boards with their workshops and never looks one up by id alone).
 */
import { Board } from '@ideenwand/board'
import type { Db } from '@ideenwand/server'
import * as Y from 'yjs'
import type { RunningServer } from './servers.ts'

/** Whether the board's row exists (deleting a workshop removes it with everything else). */
export async function boardExists(db: Pick<Db, 'query'>, boardId: string): Promise<boolean> {
  return (await db.query('select 1 from boards where id = $1', [boardId])).length > 0
}

/**
 * The board as the database holds it (snapshot + log), as a restarted server would load it,
 * after the room has stored what it holds.
 */
export async function storedBoard(s: RunningServer, boardId: string): Promise<Board> {
  await s.server.rooms.get(boardId)?.flush()
  const rows = await s.server.db.query<{ data: Uint8Array }>(
    `select data from (select data, 0 as o, 0 as id from board_snapshots where board_id = $1
       union all select data, 1 as o, id from board_updates where board_id = $1) r order by o, id`,
    [boardId],
  )
  const doc = new Y.Doc()
  for (const row of rows) Y.applyUpdate(doc, new Uint8Array(row.data))
  return new Board(doc)
}
