/**
 * The server's record of "+1" supports (table `idea_support`, migration 011): who supports which
 * idea of a board, one row per person and idea. The rules (public ideas only, not one's own,
 * while ideas are collected or sorted) are ControlService's; this module only stores.
 */
import type { Queryable } from '../storage/Db.ts'

/** Idea id → the ids of the people who support it. */
export type Supports = Map<string, Set<string>>

export class SupportStore {
  constructor(private readonly db: Queryable) {}

  async list(boardId: string): Promise<Supports> {
    const rows = await this.db.query<{ idea_id: string; supporter_id: string }>(
      'select idea_id, supporter_id from idea_support where board_id = $1',
      [boardId],
    )
    const supports: Supports = new Map()
    for (const r of rows) {
      const set = supports.get(r.idea_id) ?? new Set<string>()
      set.add(r.supporter_id)
      supports.set(r.idea_id, set)
    }
    return supports
  }

  /** Adds a support; false when it was there already (a concurrent second request). */
  async add(boardId: string, ideaId: string, supporterId: string): Promise<boolean> {
    const rows = await this.db.query(
      `insert into idea_support (board_id, idea_id, supporter_id) values ($1, $2, $3)
       on conflict do nothing returning 1`,
      [boardId, ideaId, supporterId],
    )
    return rows.length > 0
  }

  /** Withdraws a support; false when there was none. */
  async remove(boardId: string, ideaId: string, supporterId: string): Promise<boolean> {
    const rows = await this.db.query(
      `delete from idea_support where board_id = $1 and idea_id = $2 and supporter_id = $3
       returning 1`,
      [boardId, ideaId, supporterId],
    )
    return rows.length > 0
  }

  /** Erasure: the person's supports, and all supports of the ideas erased with them. */
  async forget(boardId: string, supporterId: string, ideaIds: readonly string[]): Promise<void> {
    await this.db.query('delete from idea_support where supporter_id = $1', [supporterId])
    for (const ideaId of ideaIds) {
      await this.db.query('delete from idea_support where board_id = $1 and idea_id = $2', [
        boardId,
        ideaId,
      ])
    }
  }
}
