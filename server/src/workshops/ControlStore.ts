/**
 * Storage of the workshop control: the control row per workshop (phase, timer, facilitation
 * settings), idea flags (hidden, pending) and the activity log. Voting rounds, ballots and
 * ratings are RoundStore's.
 */
import type { Phase } from '@ideenwand/board'
import type { TimerState } from '@ideenwand/protocol'
import type { Db } from '../storage/Db.ts'

export interface ControlRow {
  phase: Phase
  phaseStartedAt: number
  timer: TimerState
  locked: boolean
  privateCollection: boolean
  ideasRevealed: boolean
  premoderation: boolean
  anonymousIdeas: boolean
  storeAuthors: boolean
  /** Participants may move everyone's cards and change cluster membership (sync/updateRights). */
  collaborativeClustering: boolean
  spotlight: { kind: 'idea' | 'cluster'; id: string } | null
  follow: string | null
  showTally: boolean
}

interface StateRow {
  phase: Phase
  phase_started_at: Date | string
  timer_status: TimerState['status']
  timer_duration_ms: number
  timer_ends_at: Date | string | null
  timer_remaining_ms: number
  locked: boolean
  private_collection: boolean
  ideas_revealed: boolean
  premoderation: boolean
  anonymous_ideas: boolean
  store_authors: boolean
  collaborative_clustering: boolean
  spotlight_kind: 'idea' | 'cluster' | null
  spotlight_id: string | null
  follow_user: string | null
  show_tally: boolean
}

const ms = (value: Date | string) => new Date(value).getTime()

function toState(row: StateRow): ControlRow {
  return {
    phase: row.phase,
    phaseStartedAt: ms(row.phase_started_at),
    timer: {
      status: row.timer_status,
      durationMs: row.timer_duration_ms,
      endsAt: row.timer_ends_at ? ms(row.timer_ends_at) : null,
      remainingMs: row.timer_remaining_ms,
    },
    locked: row.locked,
    privateCollection: row.private_collection,
    ideasRevealed: row.ideas_revealed,
    premoderation: row.premoderation,
    anonymousIdeas: row.anonymous_ideas,
    storeAuthors: row.store_authors,
    collaborativeClustering: row.collaborative_clustering,
    spotlight:
      row.spotlight_kind && row.spotlight_id
        ? { kind: row.spotlight_kind, id: row.spotlight_id }
        : null,
    follow: row.follow_user,
    showTally: row.show_tally,
  }
}

/** Column values for a state patch (only the given fields). */
function stateColumns(patch: Partial<ControlRow>): Record<string, unknown> {
  const c: Record<string, unknown> = {}
  if (patch.phase !== undefined) c.phase = patch.phase
  if (patch.phaseStartedAt !== undefined) c.phase_started_at = new Date(patch.phaseStartedAt)
  if (patch.timer !== undefined) {
    c.timer_status = patch.timer.status
    c.timer_duration_ms = patch.timer.durationMs
    c.timer_ends_at = patch.timer.endsAt === null ? null : new Date(patch.timer.endsAt)
    c.timer_remaining_ms = patch.timer.remainingMs
  }
  if (patch.locked !== undefined) c.locked = patch.locked
  if (patch.privateCollection !== undefined) c.private_collection = patch.privateCollection
  if (patch.ideasRevealed !== undefined) c.ideas_revealed = patch.ideasRevealed
  if (patch.premoderation !== undefined) c.premoderation = patch.premoderation
  if (patch.anonymousIdeas !== undefined) c.anonymous_ideas = patch.anonymousIdeas
  if (patch.storeAuthors !== undefined) c.store_authors = patch.storeAuthors
  if (patch.collaborativeClustering !== undefined) {
    c.collaborative_clustering = patch.collaborativeClustering
  }
  if (patch.spotlight !== undefined) {
    c.spotlight_kind = patch.spotlight?.kind ?? null
    c.spotlight_id = patch.spotlight?.id ?? null
  }
  if (patch.follow !== undefined) c.follow_user = patch.follow
  if (patch.showTally !== undefined) c.show_tally = patch.showTally
  return c
}

export class ControlStore {
  constructor(private readonly db: Db) {}

  async state(workshopId: string): Promise<ControlRow> {
    await this.db.query(
      'insert into workshop_state (workshop_id) values ($1) on conflict do nothing',
      [workshopId],
    )
    const [row] = await this.db.query<StateRow & Record<string, unknown>>(
      'select * from workshop_state where workshop_id = $1',
      [workshopId],
    )
    if (!row) throw new Error(`no state for workshop ${workshopId}`)
    return toState(row)
  }

  async updateState(workshopId: string, patch: Partial<ControlRow>): Promise<void> {
    const columns = stateColumns(patch)
    const names = Object.keys(columns)
    if (names.length === 0) return
    await this.db.query(
      `update workshop_state set ${names.map((n, i) => `${n} = $${i + 2}`).join(', ')} where workshop_id = $1`,
      [workshopId, ...Object.values(columns)],
    )
  }

  async flags(workshopId: string): Promise<{ hidden: string[]; pending: string[] }> {
    const rows = await this.db.query<{ idea_id: string; flag: 'hidden' | 'pending' }>(
      'select idea_id, flag from idea_flags where workshop_id = $1 order by idea_id',
      [workshopId],
    )
    return {
      hidden: rows.filter((r) => r.flag === 'hidden').map((r) => r.idea_id),
      pending: rows.filter((r) => r.flag === 'pending').map((r) => r.idea_id),
    }
  }

  async setFlag(workshopId: string, ideaId: string, flag: 'hidden' | 'pending', on: boolean) {
    await this.db.query(
      on
        ? 'insert into idea_flags (workshop_id, idea_id, flag) values ($1, $2, $3) on conflict do nothing'
        : 'delete from idea_flags where workshop_id = $1 and idea_id = $2 and flag = $3',
      [workshopId, ideaId, flag],
    )
  }

  async log(
    workshopId: string,
    actorRole: string | null,
    type: string,
    data?: unknown,
  ): Promise<void> {
    await this.db.query(
      'insert into activity (workshop_id, actor_role, type, data) values ($1, $2, $3, $4)',
      [workshopId, actorRole, type, data === undefined ? null : JSON.stringify(data)],
    )
  }

  async activity(
    workshopId: string,
  ): Promise<{ at: string; actorRole: string | null; type: string; data: unknown }[]> {
    const rows = await this.db.query<{
      at: Date | string
      actor_role: string | null
      type: string
      data: string | null
    }>('select at, actor_role, type, data from activity where workshop_id = $1 order by id', [
      workshopId,
    ])
    return rows.map((r) => ({
      at: new Date(r.at).toISOString(),
      actorRole: r.actor_role,
      type: r.type,
      data: r.data ? JSON.parse(r.data) : null,
    }))
  }
}
