/**
 * The server's record of what became of ideas (table `idea_status_changes`, migration 014): one
 * row per status change, never updated, so every change keeps its date. The rules (public ideas
 * only, a reason for "not implemented", merges within the workshop without cycles) are
 * `IdeaStatuses`'; this module stores and reads, and runs a change under the workshop's row lock
 * so two facilitators merging two ideas into each other at once cannot make a cycle.
 */
import type { IdeaStatus } from '@ideenwand/board'
import type { Db, Queryable } from '../storage/Db.ts'

export interface StatusChangeRow {
  id: number
  ideaId: string
  status: IdeaStatus
  reason: string | null
  mergedInto: string | null
  changedAt: number
  /** The facilitator's id (null once the account was deleted). */
  changedById: string | null
  /** Their current name. */
  changedBy: string | null
}

export interface NewStatusChange {
  ideaId: string
  status: IdeaStatus
  reason: string | null
  mergedInto: string | null
  changedById: string
}

interface DbRow {
  id: string | number
  idea_id: string
  status: IdeaStatus
  reason: string | null
  merged_into: string | null
  changed_at: Date | string
  changed_by: string | null
  changed_by_name: string | null
  [key: string]: unknown
}

const toRow = (r: DbRow): StatusChangeRow => ({
  id: Number(r.id),
  ideaId: r.idea_id,
  status: r.status,
  reason: r.reason,
  mergedInto: r.merged_into,
  changedAt: new Date(r.changed_at).getTime(),
  changedById: r.changed_by,
  changedBy: r.changed_by_name,
})

/** The current status per idea: its newest change. */
export function currentOf(changes: readonly StatusChangeRow[]): Map<string, StatusChangeRow> {
  const current = new Map<string, StatusChangeRow>()
  for (const c of changes) {
    const before = current.get(c.ideaId)
    if (!before || before.id < c.id) current.set(c.ideaId, c)
  }
  return current
}

async function changesOn(q: Queryable, workshopId: string): Promise<StatusChangeRow[]> {
  const rows = await q.query<DbRow>(
    `select s.id, s.idea_id, s.status, s.reason, s.merged_into, s.changed_at, s.changed_by,
            f.name as changed_by_name
     from idea_status_changes s left join facilitators f on f.id = s.changed_by
     where s.workshop_id = $1 order by s.id`,
    [workshopId],
  )
  return rows.map(toRow)
}

export class IdeaStatusStore {
  constructor(private readonly db: Db) {}

  /** Every change of the workshop, oldest first. */
  changes(workshopId: string): Promise<StatusChangeRow[]> {
    return changesOn(this.db, workshopId)
  }

  /**
   * Runs `decide` on the workshop's changes under its row lock and stores what it returns (null:
   * nothing to store). Resolves with the stored change, or null when the workshop is gone.
   */
  async change(
    workshopId: string,
    decide: (changes: StatusChangeRow[]) => NewStatusChange | null,
  ): Promise<StatusChangeRow | null> {
    return this.db.transaction(async (tx) => {
      const locked = await tx.query('select 1 from workshops where id = $1 for update', [
        workshopId,
      ])
      if (locked.length === 0) return null
      const next = decide(await changesOn(tx, workshopId))
      if (!next) return null
      const [row] = await tx.query<DbRow>(
        `insert into idea_status_changes
           (workshop_id, idea_id, status, reason, merged_into, changed_by)
         values ($1, $2, $3, $4, $5, $6)
         returning id, idea_id, status, reason, merged_into, changed_at, changed_by,
           (select name from facilitators where id = $6) as changed_by_name`,
        [workshopId, next.ideaId, next.status, next.reason, next.mergedInto, next.changedById],
      )
      if (!row) throw new Error('status change not stored')
      return toRow(row)
    })
  }

  /** Erasure: the changes of the ideas erased with a person. */
  async forgetIdeas(workshopId: string, ideaIds: readonly string[]): Promise<void> {
    for (const ideaId of ideaIds) {
      await this.db.query(
        'delete from idea_status_changes where workshop_id = $1 and idea_id = $2',
        [workshopId, ideaId],
      )
    }
  }

  async isPublished(workshopId: string): Promise<boolean> {
    const rows = await this.db.query<{ results_public: boolean }>(
      'select results_public from workshops where id = $1',
      [workshopId],
    )
    return rows[0]?.results_public === true
  }

  async setPublished(workshopId: string, published: boolean): Promise<void> {
    await this.db.query('update workshops set results_public = $2 where id = $1', [
      workshopId,
      published,
    ])
  }
}
