/**
 * Storage of the speaking queue (migration 010): per workshop whether room and home alternate,
 * and the requests with their state — waiting, speaking, done (a finished turn, with its times),
 * withdrawn by the person or removed by a facilitator. Every change runs in one transaction under
 * the workshop's settings row (`for update`), so two facilitators pressing "next" at once call
 * two people one after the other, never two at once.
 */
import type { SpeakingChannel } from '@ideenwand/protocol'
import { randomToken } from '../auth/crypto.ts'
import type { Db, Queryable } from '../storage/Db.ts'

/** An open request (waiting or speaking) with the person's current display name. */
export interface SpeakingRow {
  id: string
  guestId: string | null
  name: string | null
  channel: SpeakingChannel
  status: 'waiting' | 'speaking'
  position: number
  requestedAt: number
  startedAt: number | null
}

/** A finished turn (for the figures and the report). */
export interface SpeakingTurn {
  channel: SpeakingChannel
  name: string | null
  startedAt: number
  endedAt: number
}

/** What the workshop control keeps of the queue. */
export interface SpeakingData {
  alternate: boolean
  open: SpeakingRow[]
  /** The channel of the current or most recent speaker. */
  lastChannel: SpeakingChannel | null
  turns: SpeakingTurn[]
}

interface OpenDbRow {
  id: string
  guest_id: string | null
  name: string | null
  channel: SpeakingChannel
  status: 'waiting' | 'speaking'
  position: number
  requested_at: Date | string
  started_at: Date | string | null
  [key: string]: unknown
}

const ms = (value: Date | string) => new Date(value).getTime()

async function loadOn(q: Queryable, workshopId: string): Promise<SpeakingData> {
  const [settings, open, last, turns] = await Promise.all([
    q.query<{ alternate: boolean }>(
      'select alternate from speaking_settings where workshop_id = $1',
      [workshopId],
    ),
    q.query<OpenDbRow>(
      `select s.id, s.guest_id, g.display_name as name, s.channel, s.status, s.position,
              s.requested_at, s.started_at
       from speaking_requests s left join guests g on g.id = s.guest_id
       where s.workshop_id = $1 and s.status in ('waiting', 'speaking')
       order by s.position, s.requested_at`,
      [workshopId],
    ),
    q.query<{ channel: SpeakingChannel }>(
      `select channel from speaking_requests
       where workshop_id = $1 and started_at is not null order by started_at desc limit 1`,
      [workshopId],
    ),
    turnsOn(q, workshopId),
  ])
  return {
    alternate: settings[0]?.alternate ?? false,
    open: open.map((r) => ({
      id: r.id,
      guestId: r.guest_id,
      name: r.name,
      channel: r.channel,
      status: r.status,
      position: r.position,
      requestedAt: ms(r.requested_at),
      startedAt: r.started_at === null ? null : ms(r.started_at),
    })),
    lastChannel: last[0]?.channel ?? null,
    turns,
  }
}

async function turnsOn(q: Queryable, workshopId: string): Promise<SpeakingTurn[]> {
  const rows = await q.query<{
    channel: SpeakingChannel
    name: string | null
    started_at: Date | string
    ended_at: Date | string
  }>(
    `select s.channel, g.display_name as name, s.started_at, s.ended_at
     from speaking_requests s left join guests g on g.id = s.guest_id
     where s.workshop_id = $1 and s.status = 'done' and s.started_at is not null
       and s.ended_at is not null
     order by s.started_at`,
    [workshopId],
  )
  return rows.map((r) => ({
    channel: r.channel,
    name: r.name,
    startedAt: ms(r.started_at),
    endedAt: ms(r.ended_at),
  }))
}

export class SpeakingStore {
  constructor(private readonly db: Db) {}

  load(workshopId: string): Promise<SpeakingData> {
    return loadOn(this.db, workshopId)
  }

  /** The workshop's finished turns, oldest first, with the speaker's current display name. */
  turns(workshopId: string): Promise<SpeakingTurn[]> {
    return turnsOn(this.db, workshopId)
  }

  /**
   * Runs `fn` in one transaction holding the workshop's queue lock; `SpeakingTx` offers the
   * changes. Returns what `fn` returns.
   */
  locked<T>(workshopId: string, fn: (tx: SpeakingTx) => Promise<T>): Promise<T> {
    return this.db.transaction(async (q) => {
      await q.query(
        'insert into speaking_settings (workshop_id) values ($1) on conflict do nothing',
        [workshopId],
      )
      await q.query('select 1 from speaking_settings where workshop_id = $1 for update', [
        workshopId,
      ])
      return fn(new SpeakingTx(q, workshopId))
    })
  }

  /**
   * Erasure: the person's waiting request is withdrawn and none of their requests names them any
   * more; finished turns stay as anonymous figures. Returns how many requests they had.
   */
  async forgetGuest(guestId: string): Promise<number> {
    await this.db.query(
      `update speaking_requests set status = 'withdrawn' where guest_id = $1 and status = 'waiting'`,
      [guestId],
    )
    await this.db.query(
      `update speaking_requests set status = 'done', ended_at = now()
       where guest_id = $1 and status = 'speaking'`,
      [guestId],
    )
    const rows = await this.db.query(
      'update speaking_requests set guest_id = null where guest_id = $1 returning id',
      [guestId],
    )
    return rows.length
  }
}

/** The queue's changes inside one locked transaction (see `SpeakingStore.locked`). */
export class SpeakingTx {
  constructor(
    private readonly q: Queryable,
    private readonly workshopId: string,
  ) {}

  /** The queue as it is in this transaction. */
  data(): Promise<SpeakingData> {
    return loadOn(this.q, this.workshopId)
  }

  async openOf(guestId: string): Promise<{ id: string; status: 'waiting' | 'speaking' } | null> {
    const [row] = await this.q.query<{ id: string; status: 'waiting' | 'speaking' }>(
      `select id, status from speaking_requests
       where workshop_id = $1 and guest_id = $2 and status in ('waiting', 'speaking')`,
      [this.workshopId, guestId],
    )
    return row ?? null
  }

  async waitingCount(): Promise<number> {
    const [row] = await this.q.query<{ n: number | string }>(
      `select count(*) as n from speaking_requests where workshop_id = $1 and status = 'waiting'`,
      [this.workshopId],
    )
    return Number(row?.n ?? 0)
  }

  async add(guestId: string, channel: SpeakingChannel): Promise<string> {
    const id = randomToken(16)
    await this.q.query(
      `insert into speaking_requests (id, workshop_id, guest_id, channel, status, position)
       values ($1, $2, $3, $4, 'waiting',
         (select coalesce(max(position), 0) + 1 from speaking_requests where workshop_id = $2))`,
      [id, this.workshopId, guestId, channel],
    )
    return id
  }

  async setChannel(id: string, channel: SpeakingChannel): Promise<void> {
    await this.q.query('update speaking_requests set channel = $2 where id = $1', [id, channel])
  }

  /** Ends a waiting request (`withdrawn`, `removed`) or the current turn (`done`, timed). */
  async end(id: string, status: 'withdrawn' | 'removed' | 'done'): Promise<void> {
    await this.q.query(
      `update speaking_requests set status = $3,
         ended_at = case when status = 'speaking' then now() else ended_at end
       where id = $1 and workshop_id = $2 and status in ('waiting', 'speaking')`,
      [id, this.workshopId, status],
    )
  }

  /** Ends the current turn, if any; returns whether there was one. */
  async finishCurrent(): Promise<boolean> {
    const rows = await this.q.query(
      `update speaking_requests set status = 'done', ended_at = now()
       where workshop_id = $1 and status = 'speaking' returning id`,
      [this.workshopId],
    )
    return rows.length > 0
  }

  async start(id: string): Promise<void> {
    await this.q.query(
      `update speaking_requests set status = 'speaking', started_at = now()
       where id = $1 and workshop_id = $2 and status = 'waiting'`,
      [id, this.workshopId],
    )
  }

  async reposition(positions: ReadonlyMap<string, number>): Promise<void> {
    for (const [id, position] of positions) {
      await this.q.query(
        'update speaking_requests set position = $3 where id = $1 and workshop_id = $2',
        [id, this.workshopId, position],
      )
    }
  }

  /** Everyone waiting is removed. */
  async removeWaiting(): Promise<number> {
    const rows = await this.q.query(
      `update speaking_requests set status = 'removed'
       where workshop_id = $1 and status = 'waiting' returning id`,
      [this.workshopId],
    )
    return rows.length
  }

  async setAlternate(alternate: boolean): Promise<void> {
    await this.q.query('update speaking_settings set alternate = $2 where workshop_id = $1', [
      this.workshopId,
      alternate,
    ])
  }
}
