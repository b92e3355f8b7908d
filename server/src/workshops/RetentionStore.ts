/**
 * Retention settings of workshops and the SQL of the retention job (migration 005): which
 * workshops are due, claiming them so that several instances never process one twice, and the
 * deletion log (without personal data).
 *
 * A workshop's **end** — the moment the days count from — is the latest of: its creation, the end
 * of its date (if set), its last phase change, and the last time someone opened its board. So a
 * board still in use is never cleaned up under people's hands, and the date shown to the
 * facilitator ("wird gelöscht am …") moves on while the workshop is in use.
 */
import type { Retention, RetentionSettings } from '@ideenwand/protocol'
import type { Db } from '../storage/Db.ts'

/** Server-wide defaults for workshops nobody set retention for; null means "keep". */
export type RetentionDefaults = RetentionSettings

/** How long a job instance may hold a claimed workshop before another may take it over. */
const LEASE = "interval '10 minutes'"

const END_SQL = `greatest(
  w.created_at,
  coalesce(w.last_active_at, w.created_at),
  coalesce(s.phase_started_at, w.created_at),
  coalesce((w.date + 1)::timestamptz, w.created_at))`

/** Effective days of a workshop: its own setting, or the server's default given as $2. */
const daysSql = (column: 'retention_names_days' | 'retention_workshop_days') =>
  `(case when w.retention_custom then w.${column} else $2::int end)`

/** When each action is due at $1; for names: not deleted since the workshop's (latest) end. */
const DUE_SQL = {
  names: `${daysSql('retention_names_days')} is not null
    and ${END_SQL} + ${daysSql('retention_names_days')} * interval '1 day' <= $1::timestamptz
    and (w.names_deleted_at is null or w.names_deleted_at < ${END_SQL})`,
  workshop: `${daysSql('retention_workshop_days')} is not null
    and ${END_SQL} + ${daysSql('retention_workshop_days')} * interval '1 day' <= $1::timestamptz`,
} as const

export type RetentionAction = keyof typeof DUE_SQL

export interface DueWorkshop {
  id: string
  boardId: string
}

interface RetentionRow {
  retention_custom: boolean
  retention_names_days: number | null
  retention_workshop_days: number | null
  names_deleted_at: Date | string | null
  ends_at: Date | string
}

const iso = (value: Date | string) => new Date(value).toISOString()
const plusDays = (from: Date | string, days: number | null) =>
  days === null ? null : new Date(new Date(from).getTime() + days * 86_400_000).toISOString()

export class RetentionStore {
  /** Per board: when this instance last recorded activity (to write at most every few minutes). */
  private readonly touched = new Map<string, number>()

  constructor(
    private readonly db: Db,
    readonly defaults: RetentionDefaults,
  ) {}

  /** The retention of a workshop, or null if there is no such workshop. */
  async of(workshopId: string): Promise<Retention | null> {
    const [row] = await this.db.query<RetentionRow & Record<string, unknown>>(
      `select w.retention_custom, w.retention_names_days, w.retention_workshop_days,
              w.names_deleted_at, ${END_SQL} as ends_at
       from workshops w left join workshop_state s on s.workshop_id = w.id
       where w.id = $1`,
      [workshopId],
    )
    if (!row) return null
    const namesDays = row.retention_custom ? row.retention_names_days : this.defaults.namesDays
    const workshopDays = row.retention_custom
      ? row.retention_workshop_days
      : this.defaults.workshopDays
    return {
      namesDays,
      workshopDays,
      custom: row.retention_custom,
      defaults: { ...this.defaults },
      endsAt: iso(row.ends_at),
      namesDeleteAt: plusDays(row.ends_at, namesDays),
      workshopDeleteAt: plusDays(row.ends_at, workshopDays),
      namesDeletedAt: row.names_deleted_at === null ? null : iso(row.names_deleted_at),
    }
  }

  async set(workshopId: string, settings: RetentionSettings): Promise<void> {
    await this.db.query(
      `update workshops set retention_custom = true, retention_names_days = $2,
         retention_workshop_days = $3, updated_at = now() where id = $1`,
      [workshopId, settings.namesDays, settings.workshopDays],
    )
  }

  /**
   * Records that someone opened the board now (at most once per `everyMs` per board and
   * instance: a workshop's end is counted in days, minutes do not matter).
   */
  async touch(boardId: string, now = Date.now(), everyMs = 5 * 60_000): Promise<void> {
    const last = this.touched.get(boardId)
    if (last !== undefined && now - last < everyMs) return
    this.touched.set(boardId, now)
    if (this.touched.size > 10_000) this.touched.clear()
    await this.db.query('update workshops set last_active_at = now() where board_id = $1', [
      boardId,
    ])
  }

  /**
   * Claims up to `limit` workshops for which `action` is due at `now`: locks them with
   * `for update skip locked` and sets a lease, so a concurrent job on another instance skips
   * them — both while this transaction runs and afterwards until the lease ends or is released.
   */
  async claim(action: RetentionAction, now: Date, limit = 50): Promise<DueWorkshop[]> {
    const rows = await this.db.query<{ id: string; board_id: string }>(
      `update workshops set retention_lease_until = now() + ${LEASE}
       where id in (
         select w.id from workshops w left join workshop_state s on s.workshop_id = w.id
         where (w.retention_lease_until is null or w.retention_lease_until < now())
           and ${DUE_SQL[action]}
         order by w.id
         limit ${Math.max(1, Math.floor(limit))}
         for update of w skip locked)
       returning id, board_id`,
      [
        now.toISOString(),
        action === 'names' ? this.defaults.namesDays : this.defaults.workshopDays,
      ],
    )
    return rows.map((r) => ({ id: r.id, boardId: r.board_id }))
  }

  /** Ends this instance's claim on a workshop (after processing it, or after a failure). */
  async release(workshopId: string): Promise<void> {
    await this.db.query('update workshops set retention_lease_until = null where id = $1', [
      workshopId,
    ])
  }

  /** Guests' names are deleted: clears them from the guests table and records when. */
  async clearGuestNames(workshopId: string, now: Date): Promise<number> {
    return this.db.transaction(async (tx) => {
      const rows = await tx.query(
        `update guests set display_name = null
         where workshop_id = $1 and display_name is not null returning 1`,
        [workshopId],
      )
      await tx.query('update workshops set names_deleted_at = $2 where id = $1', [
        workshopId,
        now.toISOString(),
      ])
      return rows.length
    })
  }

  /** Ids of the workshop's facilitators (their names on ideas are not guests' names). */
  async facilitatorIds(workshopId: string): Promise<Set<string>> {
    const rows = await this.db.query<{ facilitator_id: string }>(
      'select facilitator_id from workshop_facilitators where workshop_id = $1',
      [workshopId],
    )
    return new Set(rows.map((r) => r.facilitator_id))
  }

  /** Appends to the deletion log. `detail` holds counts only, never names or texts. */
  async audit(
    workshopId: string,
    action: 'names-deleted' | 'workshop-deleted',
    detail: Record<string, number | string>,
  ): Promise<void> {
    await this.db.query(
      'insert into retention_log (workshop_id, action, detail) values ($1, $2, $3)',
      [workshopId, action, JSON.stringify(detail)],
    )
  }

  /** The deletion log of a workshop, oldest first. */
  async log(workshopId: string): Promise<{ at: string; action: string; detail: unknown }[]> {
    const rows = await this.db.query<{ at: Date | string; action: string; detail: string | null }>(
      'select at, action, detail from retention_log where workshop_id = $1 order by id',
      [workshopId],
    )
    return rows.map((r) => ({
      at: iso(r.at),
      action: r.action,
      detail: r.detail === null ? null : JSON.parse(r.detail),
    }))
  }
}
