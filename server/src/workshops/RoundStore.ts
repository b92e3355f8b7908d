/**
 * Storage of voting rounds: the rounds of a workshop (open, closed, revealed with their results),
 * ballots (one row per voter, round and target: dots, locked per voter while one is placed),
 * resistance ratings (0–10 per person and option, weighted by a table device's people) and the
 * sums that the reveal and the facilitators' tally read. VotingRounds applies the rules; the
 * control row, idea flags and activity log are ControlStore's.
 */
import {
  applyDot,
  type Ballot,
  type BallotError,
  dotsOn,
  emptyBallot,
  type RoundRules,
} from '@ideenwand/board'
import type { RevealedRound, RoundInfo } from '@ideenwand/protocol'
import { randomToken } from '../auth/crypto.ts'
import type { Db } from '../storage/Db.ts'

const ms = (value: Date | string) => new Date(value).getTime()

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

export class RoundStore {
  constructor(private readonly db: Db) {}

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
}
