/**
 * The held store (issue 14 §2): ideas that are not public yet, kept by the server outside the
 * shared board document (table `held_ideas`, migration 008). The room takes them out of the board
 * as they arrive (sync/heldContent.ts); IdeaModeration decides when they go back (approved,
 * revealed, shown again) and who sees them meanwhile: their author and facilitators, through the
 * per-connection control state — nobody else, on no channel.
 */
import type { Queryable } from '../storage/Db.ts'
import type { HeldContent } from '../sync/heldContent.ts'

/** One held idea. `private`: written during private collection (the reveal releases it). */
export interface HeldRow extends HeldContent {
  authorId: string | null
  private: boolean
  heldAt: number
}

interface DbRow {
  idea_id: string
  author_id: string | null
  private: boolean
  idea: string
  card: string | null
  held_at: Date | string
  [key: string]: unknown
}

function parse(json: string | null): Record<string, unknown> | null {
  if (json === null) return null
  const value: unknown = JSON.parse(json)
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null
}

export class HeldIdeas {
  constructor(private readonly db: Queryable) {}

  /** The board's held ideas, oldest first. */
  async list(boardId: string): Promise<HeldRow[]> {
    const rows = await this.db.query<DbRow>(
      `select idea_id, author_id, private, idea, card, held_at from held_ideas
       where board_id = $1 order by held_at, idea_id`,
      [boardId],
    )
    return rows.map((r) => ({
      ideaId: r.idea_id,
      authorId: r.author_id,
      private: r.private,
      idea: parse(r.idea) as HeldContent['idea'],
      card: parse(r.card),
      heldAt: new Date(r.held_at).getTime(),
    }))
  }

  /**
   * Keeps what the room took out. An idea held already (its card arrived later) only gets its
   * card, and only from its author; an unreadable entry (`idea` null) with no held row is dropped.
   */
  async add(
    boardId: string,
    taken: readonly HeldContent[],
    by: { authorId: string | null; private: boolean },
  ): Promise<void> {
    for (const t of taken) {
      if (t.idea === null) {
        if (t.card !== null) {
          await this.db.query(
            `update held_ideas set card = $3
             where board_id = $1 and idea_id = $2 and author_id is not distinct from $4`,
            [boardId, t.ideaId, JSON.stringify(t.card), by.authorId],
          )
        }
        continue
      }
      await this.db.query(
        `insert into held_ideas (board_id, idea_id, author_id, private, idea, card)
         values ($1, $2, $3, $4, $5, $6)
         on conflict (board_id, idea_id) do update set idea = excluded.idea,
           card = coalesce(excluded.card, held_ideas.card)`,
        [
          boardId,
          t.ideaId,
          by.authorId,
          by.private,
          JSON.stringify(t.idea),
          t.card === null ? null : JSON.stringify(t.card),
        ],
      )
    }
  }

  async remove(boardId: string, ideaIds: readonly string[]): Promise<void> {
    for (const id of ideaIds) {
      await this.db.query('delete from held_ideas where board_id = $1 and idea_id = $2', [
        boardId,
        id,
      ])
    }
  }

  /**
   * Retention ("names after N days"): the author names of the board's held ideas are cleared,
   * except those of `keep` (facilitators). Returns how many ideas changed.
   */
  async clearNames(boardId: string, keep: ReadonlySet<string>): Promise<number> {
    let changed = 0
    for (const row of await this.list(boardId)) {
      if (!row.idea || row.idea.authorName === null) continue
      if (row.authorId !== null && keep.has(row.authorId)) continue
      await this.db.query('update held_ideas set idea = $3 where board_id = $1 and idea_id = $2', [
        boardId,
        row.ideaId,
        JSON.stringify({ ...row.idea, authorName: null }),
      ])
      changed++
    }
    return changed
  }

  /** Erasure: a guest's held ideas go, on every board. Returns how many. */
  async forgetAuthor(authorId: string): Promise<number> {
    const rows = await this.db.query(
      'delete from held_ideas where author_id = $1 returning idea_id',
      [authorId],
    )
    return rows.length
  }
}
