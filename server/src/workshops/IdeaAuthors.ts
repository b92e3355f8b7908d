/**
 * The server's record of who wrote each idea (table `idea_authors`, migration 009): the guest
 * behind the connection that created it, never a field a client wrote. It is what makes
 * anonymous ideas possible — they carry no author in the board document, yet their author may
 * still edit and delete them (sync/updateRights.ts) and erasure finds them. No view, report or
 * export reads it.
 */
import type { Queryable } from '../storage/Db.ts'

export class IdeaAuthors {
  constructor(private readonly db: Queryable) {}

  /** Idea id → guest id, for one board. */
  async list(boardId: string): Promise<Map<string, string>> {
    const rows = await this.db.query<{ idea_id: string; guest_id: string }>(
      'select idea_id, guest_id from idea_authors where board_id = $1',
      [boardId],
    )
    return new Map(rows.map((r) => [r.idea_id, r.guest_id]))
  }

  async record(boardId: string, ideaIds: readonly string[], guestId: string): Promise<void> {
    for (const ideaId of ideaIds) {
      await this.db.query(
        `insert into idea_authors (board_id, idea_id, guest_id) values ($1, $2, $3)
         on conflict (board_id, idea_id) do nothing`,
        [boardId, ideaId, guestId],
      )
    }
  }

  /** Erasure: forgets the guest's authorship everywhere (their ideas are deleted first). */
  async forget(guestId: string): Promise<void> {
    await this.db.query('delete from idea_authors where guest_id = $1', [guestId])
  }
}
