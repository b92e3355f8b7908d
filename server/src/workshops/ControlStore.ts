/**
 * Storage of the workshop control: the control row per workshop, voting rounds, ballots (one row
 * per voter, round and target: dots, or resistance 0–10 in a resistance round), idea flags
 * (hidden, pending) and the activity log.
 */
import {
  applyDot,
  type Ballot,
  type BallotError,
  dotsOn,
  emptyBallot,
  type Phase,
  type RoundRules,
} from '@ideenwand/board'
import type { RevealedRound, RoundInfo, TimerState } from '@ideenwand/protocol'
import { randomToken } from '../auth/crypto.ts'
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

interface RoundRow {
  id: string
  number: number
  status: RoundInfo['status']
  method: RoundInfo['method']
  target_kind: RoundInfo['targetKind']
  target_ids: string | null
  dots_per_person: number
  max_per_target: number
  ends_at: Date | string | null
  revealed_at: Date | string | null
  voters: number | null
  results: string | null
}

function toRound(row: RoundRow): RoundInfo {
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    method: row.method,
    targetKind: row.target_kind,
    targetIds: row.target_ids ? (JSON.parse(row.target_ids) as string[]) : null,
    dotsPerPerson: row.dots_per_person,
    maxPerTarget: row.max_per_target,
    endsAt: row.ends_at ? ms(row.ends_at) : null,
  }
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

  /** The latest round that is not revealed yet (open or closed), if any. */
  async currentRound(workshopId: string): Promise<RoundInfo | null> {
    const [row] = await this.db.query<RoundRow & Record<string, unknown>>(
      `select * from voting_rounds where workshop_id = $1 and status <> 'revealed'
       order by number desc limit 1`,
      [workshopId],
    )
    return row ? toRound(row) : null
  }

  async round(roundId: string): Promise<(RoundInfo & { workshopId: string }) | null> {
    const [row] = await this.db.query<RoundRow & { workshop_id: string } & Record<string, unknown>>(
      'select * from voting_rounds where id = $1',
      [roundId],
    )
    return row ? { ...toRound(row), workshopId: row.workshop_id } : null
  }

  async createRound(
    workshopId: string,
    input: Omit<RoundInfo, 'id' | 'number' | 'status'>,
  ): Promise<RoundInfo> {
    const id = randomToken(16)
    await this.db.transaction(async (tx) => {
      const [row] = await tx.query<{ n: number | string | null }>(
        'select max(number) as n from voting_rounds where workshop_id = $1',
        [workshopId],
      )
      await tx.query(
        `insert into voting_rounds (id, workshop_id, number, status, target_kind, target_ids,
           dots_per_person, max_per_target, ends_at, method)
         values ($1, $2, $3, 'open', $4, $5, $6, $7, $8, $9)`,
        [
          id,
          workshopId,
          Number(row?.n ?? 0) + 1,
          input.targetKind,
          input.targetIds ? JSON.stringify(input.targetIds) : null,
          input.dotsPerPerson,
          input.maxPerTarget,
          input.endsAt === null ? null : new Date(input.endsAt),
          input.method,
        ],
      )
    })
    const created = await this.round(id)
    if (!created) throw new Error('round vanished')
    return created
  }

  async setRoundStatus(roundId: string, status: 'open' | 'closed'): Promise<void> {
    await this.db.query(
      `update voting_rounds set status = $2 where id = $1 and status <> 'revealed'`,
      [roundId, status],
    )
  }

  async reveal(roundId: string, results: unknown, voters: number): Promise<void> {
    await this.db.query(
      `update voting_rounds set status = 'revealed', revealed_at = now(), results = $2, voters = $3
       where id = $1`,
      [roundId, JSON.stringify(results), voters],
    )
  }

  async revealedRounds(workshopId: string): Promise<RevealedRound[]> {
    const rows = await this.db.query<RoundRow & Record<string, unknown>>(
      `select * from voting_rounds where workshop_id = $1 and status = 'revealed' order by number`,
      [workshopId],
    )
    return rows.map((row) => {
      const results = row.results ? JSON.parse(row.results) : []
      const resistance = row.method === 'resistance'
      return {
        ...toRound(row),
        revealedAt: row.revealed_at ? ms(row.revealed_at) : 0,
        voters: row.voters ?? 0,
        results: resistance ? [] : results,
        resistance: resistance ? results : null,
      }
    })
  }

  /**
   * Adds or removes one dot of `voterId` in a transaction that locks the voter's ballot, so
   * concurrent requests (several tabs, double clicks) cannot exceed the budget.
   */
  async placeDot(
    roundId: string,
    voterId: string,
    targetId: string,
    delta: 1 | -1,
    rules: RoundRules,
  ): Promise<{ ok: true; ballot: Ballot } | { ok: false; error: BallotError }> {
    return this.db.transaction(async (tx) => {
      await tx.query(
        'insert into ballot_locks (round_id, voter_id) values ($1, $2) on conflict do nothing',
        [roundId, voterId],
      )
      await tx.query(
        'select 1 from ballot_locks where round_id = $1 and voter_id = $2 for update',
        [roundId, voterId],
      )
      const ballot = await this.ballotIn(tx, roundId, voterId)
      const result = applyDot(ballot, targetId, delta, rules)
      if (!result.ok) return result
      const next = dotsOn(result.ballot, targetId)
      if (next === 0) {
        await tx.query(
          'delete from ballots where round_id = $1 and voter_id = $2 and target_id = $3',
          [roundId, voterId, targetId],
        )
      } else {
        await tx.query(
          `insert into ballots (round_id, voter_id, target_id, dots) values ($1, $2, $3, $4)
           on conflict (round_id, voter_id, target_id) do update set dots = excluded.dots`,
          [roundId, voterId, targetId, next],
        )
      }
      return result
    })
  }

  async ballot(roundId: string, voterId: string): Promise<Ballot> {
    return this.ballotIn(this.db, roundId, voterId)
  }

  private async ballotIn(
    q: Pick<Db, 'query'>,
    roundId: string,
    voterId: string,
  ): Promise<Record<string, number>> {
    const rows = await q.query<{ target_id: string; dots: number }>(
      'select target_id, dots from ballots where round_id = $1 and voter_id = $2',
      [roundId, voterId],
    )
    const ballot = emptyBallot()
    for (const r of rows) ballot[r.target_id] = Number(r.dots)
    return ballot
  }

  /**
   * Sets `voterId`'s resistance (0–10, checked by the caller and by the table) to `targetId` in a
   * resistance round: one row per person and option, so a change overwrites and concurrent
   * ratings of different people or options never touch each other.
   */
  async rate(
    roundId: string,
    voterId: string,
    targetId: string,
    resistance: number,
    weight: number,
  ): Promise<void> {
    await this.db.query(
      `insert into resistance_ratings (round_id, voter_id, target_id, resistance, weight)
       values ($1, $2, $3, $4, $5)
       on conflict (round_id, voter_id, target_id)
       do update set resistance = excluded.resistance, weight = excluded.weight`,
      [roundId, voterId, targetId, resistance, weight],
    )
    // A table's people may have been re-counted since its earlier ratings: one weight per ballot.
    await this.db.query(
      'update resistance_ratings set weight = $3 where round_id = $1 and voter_id = $2 and weight <> $3',
      [roundId, voterId, weight],
    )
  }

  /**
   * How many people each table device of a workshop stands for now (issue 19 §2), by guest id;
   * everyone else is one person.
   */
  async tablePeople(workshopId: string): Promise<Map<string, number>> {
    const rows = await this.db.query<{ id: string; table_people: number }>(
      `select id, table_people from guests
       where workshop_id = $1 and table_people is not null`,
      [workshopId],
    )
    return new Map(rows.map((r) => [r.id, Number(r.table_people)]))
  }

  /**
   * How many people each ballot of a resistance round stands for (1 unless a table device rated;
   * then its people when it last rated).
   */
  async ratingWeights(roundId: string): Promise<Map<string, number>> {
    const rows = await this.db.query<{ voter_id: string; weight: number }>(
      `select voter_id, max(weight) as weight from resistance_ratings
       where round_id = $1 group by voter_id`,
      [roundId],
    )
    return new Map(rows.map((r) => [r.voter_id, Number(r.weight)]))
  }

  /**
   * Every voter's ballot in a round (server-side only: never sent to participants): dots per
   * target, or in a resistance round the ratings per option.
   */
  async ballotsByVoter(
    round: Pick<RoundInfo, 'id' | 'method'>,
  ): Promise<Map<string, Record<string, number>>> {
    const rows = await this.db.query<{ voter_id: string; target_id: string; dots: number }>(
      round.method === 'resistance'
        ? 'select voter_id, target_id, resistance as dots from resistance_ratings where round_id = $1'
        : 'select voter_id, target_id, dots from ballots where round_id = $1',
      [round.id],
    )
    const byVoter = new Map<string, Record<string, number>>()
    for (const r of rows) {
      const ballot = byVoter.get(r.voter_id) ?? emptyBallot()
      ballot[r.target_id] = Number(r.dots)
      byVoter.set(r.voter_id, ballot)
    }
    return byVoter
  }

  async tally(roundId: string): Promise<Map<string, number>> {
    const rows = await this.db.query<{ target_id: string; dots: string | number }>(
      'select target_id, sum(dots) as dots from ballots where round_id = $1 group by target_id',
      [roundId],
    )
    return new Map(rows.map((r) => [r.target_id, Number(r.dots)]))
  }

  async turnout(roundId: string): Promise<{ voters: number; dots: number }> {
    const [row] = await this.db.query<{ voters: string | number; dots: string | number | null }>(
      'select count(distinct voter_id) as voters, sum(dots) as dots from ballots where round_id = $1',
      [roundId],
    )
    return { voters: Number(row?.voters ?? 0), dots: Number(row?.dots ?? 0) }
  }

  /**
   * Removes a voter's dots and ratings from rounds not revealed yet (revealed results hold only
   * sums).
   */
  async forgetVoter(voterId: string): Promise<void> {
    for (const table of ['ballots', 'resistance_ratings']) {
      await this.db.query(
        `delete from ${table} where voter_id = $1
         and round_id in (select id from voting_rounds where status <> 'revealed')`,
        [voterId],
      )
    }
    await this.db.query('delete from ballot_locks where voter_id = $1', [voterId])
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
