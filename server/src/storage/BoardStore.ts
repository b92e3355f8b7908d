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

interface PendingAppend {
  boardId: string
  data: Uint8Array
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

  async boardExists(boardId: string): Promise<boolean> {
    return (await this.db.query('select 1 from boards where id = $1', [boardId])).length > 0
  }

  async load(boardId: string): Promise<StoredBoard> {
    return this.db.transaction(async (tx) => {
      const { snapshot, updates, ids, covers } = await readStored(tx, boardId)
      return { snapshot, updates, lastUpdateId: Math.max(covers, ids.at(-1) ?? 0) }
    })
  }

  /** Stores one update durably; resolves with its log id once committed. */
  append(boardId: string, data: Uint8Array): Promise<number> {
    this.stats.appends++
    return new Promise((resolve, reject) => {
      this.queue.push({ boardId, data, resolve, reject })
      if (!this.writing) this.writing = this.drain()
    })
  }

  /**
   * `append` for retrying a write that failed: a write can commit although its answer is lost
   * (the connection dropped after COMMIT), so first look for the very same bytes among the
   * board's rows after `afterId` (the last id this writer knows) and return that row's id.
   */
  async appendOnce(boardId: string, data: Uint8Array, afterId: number): Promise<number> {
    const found = await this.db.query<{ id: string | number }>(
      'select id from board_updates where board_id = $1 and id > $2 and data = $3::bytea order by id limit 1',
      [boardId, afterId, data],
    )
    if (found[0]) return Number(found[0].id)
    return this.append(boardId, data)
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
          params.push(a.boardId, a.data)
          return `($${i * 2 + 1}, $${i * 2 + 2}::bytea)`
        })
        this.stats.writes++
        const rows = await this.db.query<{ id: string | number }>(
          `insert into board_updates (board_id, data) values ${values.join(', ')} returning id`,
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
   * Replaces the board's snapshot with `snapshot`, which must contain every update with
   * id <= `coversUpdateId`, and deletes those updates — in one transaction.
   */
  async compact(boardId: string, snapshot: Uint8Array, coversUpdateId: number): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query(
        `insert into board_snapshots (board_id, data, covers_update_id, updated_at)
         values ($1, $2::bytea, $3, now())
         on conflict (board_id) do update
           set data = excluded.data, covers_update_id = excluded.covers_update_id, updated_at = now()`,
        [boardId, snapshot, coversUpdateId],
      )
      await tx.query('delete from board_updates where board_id = $1 and id <= $2', [
        boardId,
        coversUpdateId,
      ])
    })
  }

  /**
   * Compaction that is safe while other instances append to the same board: under a per-board
   * advisory lock it reads the stored snapshot and log rows, lets `build` return the new snapshot
   * (which must contain everything it was given), stores it and deletes exactly the rows it read —
   * never a row committed meanwhile, whatever its id.
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
      await tx.query(
        `insert into board_snapshots (board_id, data, covers_update_id, updated_at)
         values ($1, $2::bytea, $3, now())
         on conflict (board_id) do update
           set data = excluded.data, covers_update_id = excluded.covers_update_id, updated_at = now()`,
        [boardId, snapshot, covers],
      )
      // Ids are integers read from the database, safe to inline; chunked to bound statement size.
      for (let i = 0; i < ids.length; i += 1000) {
        await tx.query(
          `delete from board_updates where board_id = $1 and id in (${ids.slice(i, i + 1000).join(',')})`,
          [boardId],
        )
      }
      return { rows: ids.length, bytes: snapshot.length, covers }
    })
  }

  /** Deletes a board with its snapshot and update log. */
  async deleteBoard(boardId: string): Promise<void> {
    await this.db.query('delete from boards where id = $1', [boardId])
  }

  async counts(boardId: string): Promise<{ updates: number; snapshots: number }> {
    const [row] = await this.db.query<{ updates: string | number; snapshots: string | number }>(
      `select (select count(*) from board_updates where board_id = $1) as updates,
              (select count(*) from board_snapshots where board_id = $1) as snapshots`,
      [boardId],
    )
    return { updates: Number(row?.updates ?? 0), snapshots: Number(row?.snapshots ?? 0) }
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
    'select id, data from board_updates where board_id = $1 order by id',
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
