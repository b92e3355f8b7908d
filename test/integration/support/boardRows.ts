/**
 * What the tests ask the database about a board directly — things the server itself never needs
 * to ask (it creates boards with their workshops and never looks one up by id alone).
 */
import type { Db } from '@ideenwand/server'

/** Whether the board's row exists (deleting a workshop removes it with everything else). */
export async function boardExists(db: Pick<Db, 'query'>, boardId: string): Promise<boolean> {
  return (await db.query('select 1 from boards where id = $1', [boardId])).length > 0
}
