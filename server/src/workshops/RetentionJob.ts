/**
 * The retention job: deletes guests' names and whole workshops when their retention is due
 * (RetentionStore says when). Runs in the server's housekeeping — once at start, then every
 * `RETENTION_JOB_INTERVAL_MINUTES` — and takes its clock as a parameter so tests can move time.
 *
 * - Names: the guests' display names are cleared, and so are the author names on the board's
 *   ideas (except facilitators'); the board is then compacted at once, which purges the update
 *   log and rewrites the snapshot, so the names are gone from the database and from every export.
 * - Workshop: live connections are closed (4404 board not found), the room is dropped, and the
 *   workshop is deleted with everything that belongs to it (board, update log, snapshots, guests,
 *   sessions, votes, outcome settings, invites, activity).
 *
 * Safe with several instances: each workshop is claimed (`for update skip locked` plus a lease)
 * before it is processed. Idempotent: a second run finds nothing due. A failure in one workshop
 * is logged and does not stop the others; it is retried on the next run.
 */
import { BOARD_KEYS } from '@ideenwand/board'
import { CloseCode } from '@ideenwand/protocol'
import * as Y from 'yjs'
import type { Logger } from '../logger.ts'
import type { ConnectionRegistry } from '../sync/ConnectionRegistry.ts'
import type { Rooms } from '../sync/Rooms.ts'
import type { ControlService } from './ControlService.ts'
import type { HistoryService } from './HistoryService.ts'
import type { RetentionStore } from './RetentionStore.ts'
import type { WorkshopStore } from './WorkshopStore.ts'

export interface RetentionJobDeps {
  /** Takes the names out of every restore point of the board's history too. */
  history: HistoryService
  store: RetentionStore
  workshops: WorkshopStore
  rooms: Rooms
  registry: ConnectionRegistry
  control: ControlService
  log: Logger
}

export interface RetentionRunResult {
  namesDeleted: string[]
  workshopsDeleted: string[]
  failed: string[]
}

export class RetentionJob {
  private running: Promise<RetentionRunResult> | null = null

  constructor(private readonly deps: RetentionJobDeps) {}

  /**
   * Processes everything due at `now`. Runs of one instance never overlap: a call while a run is
   * in progress waits for it and then runs again with its own clock.
   */
  async run(now: Date = new Date()): Promise<RetentionRunResult> {
    while (this.running) await this.running.catch(() => undefined)
    const run = this.runOnce(now).finally(() => {
      this.running = null
    })
    this.running = run
    return run
  }

  /** Resolves when no run is in progress (for shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running.catch(() => undefined)
  }

  private async runOnce(now: Date): Promise<RetentionRunResult> {
    const result: RetentionRunResult = { namesDeleted: [], workshopsDeleted: [], failed: [] }
    // Whole workshops first: their names need no separate treatment.
    for (const [action, process, done] of [
      ['workshop', (w: Due) => this.deleteWorkshop(w, now), result.workshopsDeleted],
      ['names', (w: Due) => this.deleteNames(w, now), result.namesDeleted],
    ] as const) {
      for (;;) {
        // A processed workshop is no longer due; a failed one keeps its lease until the run
        // ends, so no batch returns it again.
        const batch = await this.deps.store.claim(action, now)
        if (batch.length === 0) break
        for (const workshop of batch) {
          try {
            await process(workshop)
            done.push(workshop.id)
            await this.deps.store.release(workshop.id).catch(() => undefined)
          } catch (err) {
            result.failed.push(workshop.id)
            this.deps.log.error({ err, workshop: workshop.id, action }, 'retention failed')
          }
        }
      }
    }
    for (const id of result.failed) {
      await this.deps.store.release(id).catch(() => undefined)
    }
    if (result.namesDeleted.length + result.workshopsDeleted.length + result.failed.length > 0) {
      this.deps.log.info(
        {
          namesDeleted: result.namesDeleted.length,
          workshopsDeleted: result.workshopsDeleted.length,
          failed: result.failed.length,
        },
        'retention run',
      )
    }
    return result
  }

  private async deleteWorkshop({ id, boardId }: Due, now: Date): Promise<void> {
    const { registry, rooms, control, workshops, store, log } = this.deps
    const drop = async () => {
      registry.closeBoard(boardId, CloseCode.BoardNotFound)
      await rooms.discard(boardId)
    }
    await drop()
    control.forget(id)
    const deleted = await workshops.delete(id)
    // Someone may have connected between the first close and the delete.
    await drop()
    if (!deleted) return
    await store.audit(id, 'workshop-deleted', { board: boardId, at: now.toISOString() })
    log.info({ workshop: id, board: boardId }, 'retention: workshop deleted')
  }

  private async deleteNames({ id, boardId }: Due, now: Date): Promise<void> {
    const { rooms, store, log } = this.deps
    const keep = await store.facilitatorIds(id)
    const room = await rooms.acquire(boardId)
    let ideas = 0
    try {
      ideas = clearAuthorNames(room.doc as Y.Doc, keep)
      // Compact now: the overwritten names are garbage-collected in the doc, and the snapshot
      // written from it replaces the update log that still holds them.
      await room.purge()
      await this.deps.history.purge(boardId, { kind: 'names', keep }, null)
    } finally {
      rooms.release(boardId)
    }
    ideas += await this.deps.control.clearHeldNames(id, new Set(keep))
    const guests = await store.clearGuestNames(id, now)
    // The speaking queue names people by their guest name (SpeakingStore): the cached control
    // state is reloaded without them and pushed, here and on the other instances.
    await this.deps.control.refresh(id)
    // A guest still connected carries their name in the connection (and would write it on new
    // ideas): they reconnect (1001, transient) and come back without it.
    for (const conn of rooms.connectionsOf(boardId)) {
      if (conn.context.role !== 'facilitator') conn.close(CloseCode.GoingAway)
    }
    await store.audit(id, 'names-deleted', { guests, ideas })
    log.info({ workshop: id, board: boardId, guests, ideas }, 'retention: names deleted')
  }
}

type Due = { id: string; boardId: string }

/**
 * Clears `authorName` on every idea whose author is not in `keep`, in one transaction; returns
 * how many ideas changed. (The idea entry layout is packages/board's SCHEMA.md; Board has no
 * API for this server-only operation.)
 */
export function clearAuthorNames(doc: Y.Doc, keep: ReadonlySet<string>): number {
  const ideas = doc.getMap<unknown>(BOARD_KEYS.ideas)
  let changed = 0
  doc.transact(() => {
    for (const entry of ideas.values()) {
      if (!(entry instanceof Y.Map)) continue
      const author = entry.get('authorId')
      if (entry.get('authorName') == null || (typeof author === 'string' && keep.has(author))) {
        continue
      }
      entry.set('authorName', null)
      changed++
    }
  })
  return changed
}
