/**
 * The join funnel (issue 19 §5): per channel, how many opened the join link, joined, wrote a
 * first idea and voted. Only counts leave this module. Openings are a counter per workshop and
 * channel; the other steps are read from the guests (their channel and `first_idea_at`) and the
 * ballots, so erasure and retention, which delete guests, take them out of the funnel too.
 */
import type { Channel, FunnelCounts, JoinFunnel as JoinFunnelCounts } from '@ideenwand/protocol'
import type { Db } from '../storage/Db.ts'

export class JoinFunnel {
  /** Guests whose first idea this instance has noted: their later ideas cost no write. */
  private readonly noted = new Set<string>()

  constructor(private readonly db: Db) {}

  /** The join page of `workshopId` was opened on a device of `channel`. */
  async opened(workshopId: string, channel: Channel): Promise<void> {
    await this.db.query(
      `insert into join_opens (workshop_id, channel, opened) values ($1, $2, 1)
       on conflict (workshop_id, channel) do update set opened = join_opens.opened + 1`,
      [workshopId, channel],
    )
  }

  /** `guestId` got an idea onto the board; only the first time counts. */
  async firstIdea(guestId: string): Promise<void> {
    if (this.noted.has(guestId)) return
    this.noted.add(guestId)
    await this.db
      .query('update guests set first_idea_at = now() where id = $1 and first_idea_at is null', [
        guestId,
      ])
      .catch((err: unknown) => {
        this.noted.delete(guestId)
        throw err
      })
  }

  async counts(workshopId: string): Promise<JoinFunnelCounts> {
    const empty = (): FunnelCounts => ({ opened: 0, joined: 0, firstIdea: 0, voted: 0 })
    const funnel: JoinFunnelCounts = { room: empty(), home: empty(), unknown: empty() }
    const [opens, guests] = await Promise.all([
      this.db.query<{ channel: Channel; opened: number }>(
        'select channel, opened from join_opens where workshop_id = $1',
        [workshopId],
      ),
      this.db.query<{ channel: Channel | null; joined: number; first_idea: number; voted: number }>(
        `select g.channel,
                count(*)::int as joined,
                count(g.first_idea_at)::int as first_idea,
                count(*) filter (where exists (
                  select 1 from ballots b join voting_rounds r on r.id = b.round_id
                  where r.workshop_id = g.workshop_id and b.voter_id = g.id
                  union all
                  select 1 from resistance_ratings b join voting_rounds r on r.id = b.round_id
                  where r.workshop_id = g.workshop_id and b.voter_id = g.id
                ))::int as voted
         from guests g
         where g.workshop_id = $1 and g.role = 'participant' and g.status <> 'removed'
           and g.table_label is null -- a table's shared device is no person joining
         group by g.channel`,
        [workshopId],
      ),
    ])
    for (const row of opens) funnel[row.channel].opened = Number(row.opened)
    for (const row of guests) {
      const counts = funnel[row.channel ?? 'unknown']
      counts.joined = Number(row.joined)
      counts.firstIdea = Number(row.first_idea)
      counts.voted = Number(row.voted)
    }
    return funnel
  }
}
