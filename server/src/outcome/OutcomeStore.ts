/**
 * The outcome's SQL: a workshop's outcome settings (licence, publisher, names opt-in; migration
 * 004), what a report needs about the workshop and its facilitators, and what an import writes
 * inside the transaction that creates its workshop (revealed rounds, the activity entry).
 */
import type { Lang, Licence, OutcomeStatusChange } from '@ideenwand/report'
import { randomToken } from '../auth/crypto.ts'
import type { Db, Queryable } from '../storage/Db.ts'
import type { PreparedRound } from './prepareImport.ts'

export interface OutcomeSettings {
  licence: Licence
  publisher: string | null
  /** Reports name participants (opt-in). */
  reportNames: boolean
}

export interface WorkshopMeta extends OutcomeSettings {
  id: string
  boardId: string
  title: string
  date: string | null
  place: string | null
  description: string
  language: Lang
  createdAt: number
}

export class OutcomeStore {
  constructor(private readonly db: Db) {}

  async meta(workshopId: string): Promise<WorkshopMeta | null> {
    const [row] = await this.db.query<
      Omit<WorkshopMeta, 'createdAt'> & { createdAt: Date | string }
    >(
      `select id, board_id as "boardId", title, to_char(date, 'YYYY-MM-DD') as date, place,
              description, language, created_at as "createdAt", data_licence as licence, publisher,
              report_names as "reportNames"
       from workshops where id = $1`,
      [workshopId],
    )
    return row ? { ...row, createdAt: new Date(row.createdAt).getTime() } : null
  }

  /** `on`: a transaction to run in (an import's), else the database. */
  async updateSettings(
    workshopId: string,
    patch: Partial<OutcomeSettings>,
    on: Queryable = this.db,
  ): Promise<void> {
    await on.query(
      `update workshops set
         data_licence = coalesce($2, data_licence),
         publisher = case when $3::boolean then $4 else publisher end,
         report_names = coalesce($5, report_names),
         updated_at = now()
       where id = $1`,
      [
        workshopId,
        patch.licence ?? null,
        patch.publisher !== undefined,
        patch.publisher ?? null,
        patch.reportNames ?? null,
      ],
    )
  }

  async facilitatorNames(workshopId: string): Promise<string[]> {
    const rows = await this.db.query<{ name: string }>(
      `select f.name from workshop_facilitators wf join facilitators f on f.id = wf.facilitator_id
       where wf.workshop_id = $1 order by wf.role desc, f.name`,
      [workshopId],
    )
    return rows.map((r) => r.name)
  }

  /** Stores an import's rounds as revealed, with fresh ids and their results, in `tx`. */
  async insertRevealedRounds(
    tx: Queryable,
    workshopId: string,
    rounds: PreparedRound[],
  ): Promise<void> {
    for (const r of rounds) {
      await tx.query(
        `insert into voting_rounds (id, workshop_id, number, status, target_kind, target_ids,
           dots_per_person, max_per_target, ends_at, revealed_at, voters, results, method)
         values ($1, $2, $3, 'revealed', $4, $5, $6, $7, null, $8, $9, $10, $11)`,
        [
          randomToken(16),
          workshopId,
          r.number,
          r.targetKind,
          r.targetIdsJson,
          r.dotsPerPerson,
          Math.min(r.maxPerTarget, r.dotsPerPerson),
          new Date(r.revealedAt),
          r.voters,
          r.resultsJson,
          r.method ?? 'dots',
        ],
      )
    }
  }

  /** An import's status changes (issue 20 §2), oldest first, by no one (`changed_by` null). */
  async insertStatusChanges(
    tx: Queryable,
    workshopId: string,
    changes: readonly OutcomeStatusChange[],
  ): Promise<void> {
    for (const c of changes) {
      await tx.query(
        `insert into idea_status_changes (workshop_id, idea_id, status, reason, merged_into, changed_at)
         values ($1, $2, $3, $4, $5, $6)`,
        [workshopId, c.ideaId, c.status, c.reason, c.mergedInto, new Date(c.changedAt)],
      )
    }
  }

  /** The new workshop's first activity entry (the row ControlStore.log writes), in `tx`. */
  async logImported(tx: Queryable, workshopId: string, counts: Record<string, number>) {
    await tx.query(
      'insert into activity (workshop_id, actor_role, type, data) values ($1, $2, $3, $4)',
      [workshopId, 'facilitator', 'imported', JSON.stringify(counts)],
    )
  }
}
