/**
 * Durable storage of board documents: an append-only log of Yjs updates plus one snapshot per
 * board. Appends from all rooms are group-committed: while one INSERT is in flight, further
 * appends queue up and go out together in the next one, so hundreds of updates per second cost a
 * few round trips. This is the storage contract both engines are tested against
 * (storage/BoardStore.contract.ts).
 */
import type { Db, Engine, Queryable } from './Db.ts'

export interface StoredBoard {
  snapshot: Uint8Array | null
  /** Updates after the snapshot, in the order they were stored. */
  updates: Uint8Array[]
  /** Highest update id included in this load (0 if none). */
  lastUpdateId: number
}

/**
 * Who sent an update (issue 14 §3): a guest or facilitator by id, or the server itself. Stored with
 * every log row; the history lists it and per-person undo selects by it.
 */
export interface UpdateSender {
  kind: 'guest' | 'facilitator' | 'system'
  id: string | null
}

/** The server's own edits (imports, moderation, erasure) when no person is named. */
export const SYSTEM_SENDER: UpdateSender = Object.freeze({ kind: 'system', id: null })

/** One row of a board's history (the update log, kept for restore). */
export interface HistoryRow {
  id: number
  at: Date
  /** null for rows stored before senders were recorded (migration 007). */
  sender: UpdateSender | null
  data: Uint8Array
}

/** The stored inputs of a board's state at a point of its history. */
export interface HistoryState {
  /** The newest restore point entirely before the point, or null (start from an empty doc). */
  base: Uint8Array | null
  /** The log rows before the point that are not in `base`, in id order. */
  before: HistoryRow[]
  /** The log rows from the point on, in id order. */
  after: HistoryRow[]
}

interface PendingAppend {
  boardId: string
  data: Uint8Array
  sender: UpdateSender
  resolve: (id: number) => void
  reject: (err: unknown) => void
}

export interface StoreStats {
  appends: number
  writes: number
}

export class BoardStore {
  private queue: PendingAppend[] = []
  private writing: Promise<void> | null = null
  readonly stats: StoreStats = { appends: 0, writes: 0 }

  constructor(private readonly db: Db) {}

  get engine(): Engine {
    return this.db.engine
  }

  /** Creates the board row if missing. */
  async ensureBoard(boardId: string): Promise<void> {
    await this.db.query('insert into boards (id) values ($1) on conflict (id) do nothing', [
      boardId,
    ])
  }

  async load(boardId: string): Promise<StoredBoard> {
    return this.db.transaction(async (tx) => {
      const { snapshot, updates, ids, covers } = await readStored(tx, boardId)
      return { snapshot, updates, lastUpdateId: Math.max(covers, ids.at(-1) ?? 0) }
    })
  }

  /**
   * Stores one update durably with who sent it; resolves with its log id once committed. Appends
   * made in the same turn of the event loop go out in one INSERT.
   */
  append(boardId: string, data: Uint8Array, sender: UpdateSender = SYSTEM_SENDER): Promise<number> {
    this.stats.appends++
    return new Promise((resolve, reject) => {
      this.queue.push({ boardId, data, sender, resolve, reject })
      if (!this.writing) this.writing = Promise.resolve().then(() => this.drain())
    })
  }

  /**
   * Stores one update inside the caller's transaction, outside the group commit: for a board
   * created in that same transaction (an import), which no room serves yet. The bytes go as hex
   * text: PGlite serialises a bytea parameter in a JavaScript loop on the event loop (8 MB took
   * 4 s), Node's hex encoder and Postgres' `decode` take a tenth of that.
   */
  async appendWithin(
    tx: Queryable,
    boardId: string,
    data: Uint8Array,
    sender: UpdateSender = SYSTEM_SENDER,
  ): Promise<void> {
    this.stats.appends++
    const hex = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('hex')
    await tx.query(
      `insert into board_updates (board_id, data, sender_kind, sender_id)
       values ($1, decode($2, 'hex'), $3, $4)`,
      [boardId, hex, sender.kind, sender.id],
    )
  }

  /**
   * `append` for retrying a write that failed: a write can commit although its answer is lost
   * (the connection dropped after COMMIT), so first look for the very same bytes among the
   * board's rows after `afterId` (the last id this writer knows) and return that row's id.
   */
  async appendOnce(
    boardId: string,
    data: Uint8Array,
    afterId: number,
    sender: UpdateSender = SYSTEM_SENDER,
  ): Promise<number> {
    const found = await this.db.query<{ id: string | number }>(
      'select id from board_updates where board_id = $1 and id > $2 and data = $3::bytea order by id limit 1',
      [boardId, afterId, data],
    )
    if (found[0]) return Number(found[0].id)
    return this.append(boardId, data, sender)
  }

  /** Resolves when every append queued so far is committed or failed. */
  async idle(): Promise<void> {
    while (this.writing) await this.writing
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue
      this.queue = []
      try {
        const params: unknown[] = []
        const values = batch.map((a, i) => {
          params.push(a.boardId, a.data, a.sender.kind, a.sender.id)
          const n = i * 4
          return `($${n + 1}, $${n + 2}::bytea, $${n + 3}, $${n + 4})`
        })
        this.stats.writes++
        const rows = await this.db.query<{ id: string | number }>(
          `insert into board_updates (board_id, data, sender_kind, sender_id)
           values ${values.join(', ')} returning id`,
          params,
        )
        // Postgres returns the rows of a multi-row VALUES insert in input order.
        batch.forEach((a, i) => {
          a.resolve(Number(rows[i]?.id))
        })
      } catch (err) {
        for (const a of batch) a.reject(err)
      }
    }
    this.writing = null
  }

  /**
   * Compaction that is safe while other instances append to the same board: under a per-board
   * advisory lock it reads the stored snapshot and log rows, lets `build` return the new snapshot
   * (which must contain everything it was given), stores it (also as a restore point) and marks
   * exactly the rows it read as folded into it — never a row committed meanwhile, whatever its
   * id. The rows stay as the board's history (sync/historyListing.ts); loading skips them.
   */
  async compactWith(
    boardId: string,
    build: (stored: { snapshot: Uint8Array | null; updates: Uint8Array[] }) => Uint8Array,
  ): Promise<{ rows: number; bytes: number; covers: number }> {
    return this.db.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock(hashtext($1))', [`ideenwand:compact:${boardId}`])
      const stored = await readStored(tx, boardId)
      const snapshot = build(stored)
      const ids = stored.ids
      const covers = Math.max(stored.covers, ids.at(-1) ?? 0)
      const point = await writeSnapshot(tx, boardId, snapshot, covers)
      // Ids are integers read from the database, safe to inline; chunked to bound statement size.
      for (let i = 0; i < ids.length; i += 1000) {
        await tx.query(
          `update board_updates set restore_point_id = $2
           where board_id = $1 and id in (${ids.slice(i, i + 1000).join(',')})`,
          [boardId, point],
        )
      }
      return { rows: ids.length, bytes: snapshot.length, covers }
    })
  }

  /** Deletes a board with its snapshot and update log. */
  async deleteBoard(boardId: string): Promise<void> {
    await this.db.query('delete from boards where id = $1', [boardId])
  }

  /** Log rows not folded into the snapshot yet, and whether there is a snapshot. */
  async counts(boardId: string): Promise<{ updates: number; snapshots: number }> {
    const [row] = await this.db.query<{ updates: string | number; snapshots: string | number }>(
      `select (select count(*) from board_updates
               where board_id = $1 and restore_point_id is null) as updates,
              (select count(*) from board_snapshots where board_id = $1) as snapshots`,
      [boardId],
    )
    return { updates: Number(row?.updates ?? 0), snapshots: Number(row?.snapshots ?? 0) }
  }

  /** The board's history: every kept log row and restore point. */
  async historyCounts(boardId: string): Promise<{ rows: number; restorePoints: number }> {
    const [row] = await this.db.query<{ rows: string | number; points: string | number }>(
      `select (select count(*) from board_updates where board_id = $1) as rows,
              (select count(*) from board_restore_points where board_id = $1) as points`,
      [boardId],
    )
    return { rows: Number(row?.rows ?? 0), restorePoints: Number(row?.points ?? 0) }
  }

  /**
   * The stored inputs of the board's state just before log row `beforeId` (all rows when it is
   * beyond the last): the newest restore point that holds only rows before it, the rows before it
   * that point does not hold, and the rows from it on.
   */
  async historyState(boardId: string, beforeId: number): Promise<HistoryState> {
    return this.db.transaction(async (tx) => {
      const [base] = await tx.query<{ id: string | number; data: Uint8Array }>(
        `select id, data from board_restore_points
         where board_id = $1 and covers_update_id < $2 order by id desc limit 1`,
        [boardId, beforeId],
      )
      const rows = await tx.query<RawRow>(
        `select ${ROW_COLUMNS} from board_updates
         where board_id = $1 and (restore_point_id is null or restore_point_id > $2 or id >= $3)
         order by id`,
        [boardId, base ? Number(base.id) : 0, beforeId],
      )
      const all = rows.map(historyRow)
      return {
        base: base ? toBytes(base.data) : null,
        before: all.filter((r) => r.id < beforeId),
        after: all.filter((r) => r.id >= beforeId),
      }
    })
  }

  /**
   * The board's newest `limit` log rows (oldest first), the newest restore point that holds none
   * of them, and the older rows that restore point does not hold (listed too: they are part of
   * the state) — what the history listing replays.
   */
  async historyRows(
    boardId: string,
    limit: number,
  ): Promise<{ base: Uint8Array | null; rows: HistoryRow[] }> {
    return this.db.transaction(async (tx) => {
      const raw = await tx.query<RawRow>(
        `select * from (select ${ROW_COLUMNS} from board_updates where board_id = $1
         order by id desc limit $2) r order by id`,
        [boardId, limit],
      )
      const rows = raw.map(historyRow)
      const first = rows[0]?.id ?? Number.MAX_SAFE_INTEGER
      const [base] = await tx.query<{ id: string | number; data: Uint8Array }>(
        `select id, data from board_restore_points
         where board_id = $1 and covers_update_id < $2 order by id desc limit 1`,
        [boardId, first],
      )
      // Rows before the first listed one that the base does not hold are part of the state too.
      const missing = await tx.query<RawRow>(
        `select ${ROW_COLUMNS} from board_updates where board_id = $1 and id < $2
         and (restore_point_id is null or restore_point_id > $3) order by id`,
        [boardId, first, base ? Number(base.id) : 0],
      )
      return {
        base: base ? toBytes(base.data) : null,
        rows: [...missing.map(historyRow), ...rows],
      }
    })
  }

  /** The id of the first log row stored at or after `at` (for "the board as it was at `at`"). */
  async firstRowAt(boardId: string, at: Date): Promise<number | null> {
    const [row] = await this.db.query<{ id: string | number | null }>(
      'select min(id) as id from board_updates where board_id = $1 and created_at >= $2',
      [boardId, at],
    )
    return row?.id == null ? null : Number(row.id)
  }

  /**
   * Rewrites every stored copy of the board — log rows, restore points and the snapshot — under
   * the compaction lock, so no compaction runs meanwhile. `plan` sees all copies (rows in id
   * order, restore points oldest first) and returns the rewrite, which gives back the same array
   * when it has nothing to take out; `forget`'s rows lose their sender id. For erasure: a
   * person's text must leave every restore point. Returns how many copies changed.
   */
  async rewriteHistory(
    boardId: string,
    plan: (copies: {
      rows: Uint8Array[]
      points: Uint8Array[]
      snapshots: Uint8Array[]
    }) => Promise<(data: Uint8Array) => Uint8Array>,
    forget: UpdateSender | null = null,
  ): Promise<number> {
    return this.db.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock(hashtext($1))', [`ideenwand:compact:${boardId}`])
      const tables = [
        ['board_updates', 'id'],
        ['board_restore_points', 'id'],
        ['board_snapshots', 'board_id'],
      ] as const
      const copies: Array<Array<{ key: string | number; data: Uint8Array }>> = []
      for (const [table, key] of tables) {
        const rows = await tx.query<{ key: string | number; data: Uint8Array }>(
          `select ${key} as key, data from ${table} where board_id = $1 order by ${key}`,
          [boardId],
        )
        copies.push(rows.map((r) => ({ key: r.key, data: toBytes(r.data) })))
      }
      const [rows = [], points = [], snapshots = []] = copies
      const rewrite = await plan({
        rows: rows.map((r) => r.data),
        points: points.map((r) => r.data),
        snapshots: snapshots.map((r) => r.data),
      })
      let changed = 0
      let seen = 0
      for (const [i, [table, key]] of tables.entries()) {
        for (const copy of copies[i] ?? []) {
          // Decoding and encoding thousands of rows: let the event loop breathe now and then.
          if (++seen % 100 === 0) await new Promise((resolve) => setImmediate(resolve))
          const after = rewrite(copy.data)
          if (after === copy.data) continue
          changed++
          await tx.query(`update ${table} set data = $2::bytea where ${key} = $1`, [
            copy.key,
            after,
          ])
        }
      }
      if (forget?.id) {
        await tx.query(
          `update board_updates set sender_id = null
           where board_id = $1 and sender_kind = $2 and sender_id = $3`,
          [boardId, forget.kind, forget.id],
        )
      }
      return changed
    })
  }

  /** True when the database answers a trivial query within `timeoutMs`. */
  async ping(timeoutMs = 2_000): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(resolve, timeoutMs, false)
    })
    try {
      return await Promise.race([this.db.query('select 1').then(() => true), timeout])
    } catch {
      return false
    } finally {
      clearTimeout(timer)
    }
  }
}

/** Writes the board's snapshot and keeps it as a restore point; returns the restore point's id. */
async function writeSnapshot(
  tx: Queryable,
  boardId: string,
  snapshot: Uint8Array,
  covers: number,
): Promise<number> {
  await tx.query(
    `insert into board_snapshots (board_id, data, covers_update_id, updated_at)
     values ($1, $2::bytea, $3, now())
     on conflict (board_id) do update
       set data = excluded.data, covers_update_id = excluded.covers_update_id, updated_at = now()`,
    [boardId, snapshot, covers],
  )
  const [point] = await tx.query<{ id: string | number }>(
    `insert into board_restore_points (board_id, data, covers_update_id)
     values ($1, $2::bytea, $3) returning id`,
    [boardId, snapshot, covers],
  )
  return Number(point?.id)
}

const ROW_COLUMNS = 'id, created_at, sender_kind, sender_id, data'

type RawRow = {
  id: string | number
  created_at: Date | string
  sender_kind: UpdateSender['kind'] | null
  sender_id: string | null
  data: Uint8Array
}

function historyRow(r: RawRow): HistoryRow {
  return {
    id: Number(r.id),
    at: new Date(r.created_at),
    sender: r.sender_kind ? { kind: r.sender_kind, id: r.sender_id } : null,
    data: toBytes(r.data),
  }
}

function toBytes(value: Uint8Array): Uint8Array {
  // postgres.js returns Buffers; hand out plain Uint8Array views for Yjs.
  return value instanceof Buffer
    ? new Uint8Array(value.buffer, value.byteOffset, value.length)
    : value
}

/** A board's stored snapshot and log, read inside `tx` (the log's row ids, the snapshot's cover). */
async function readStored(tx: Queryable, boardId: string) {
  const snap = await tx.query<{ data: Uint8Array; covers: string | number }>(
    'select data, covers_update_id as covers from board_snapshots where board_id = $1',
    [boardId],
  )
  const rows = await tx.query<{ id: string | number; data: Uint8Array }>(
    'select id, data from board_updates where board_id = $1 and restore_point_id is null order by id',
    [boardId],
  )
  const snapshotRow = snap[0]
  return {
    snapshot: snapshotRow ? toBytes(snapshotRow.data) : null,
    updates: rows.map((r) => toBytes(r.data)),
    ids: rows.map((r) => Number(r.id)),
    covers: Number(snapshotRow?.covers ?? 0),
  }
}
