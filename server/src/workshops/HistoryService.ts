/**
 * Versions and restore for facilitators (issue 14 §3): the board's history with names, restoring
 * the whole board to a point, undoing one person's changes since a point, and erasure across every
 * restore point. Restore and undo are server-side edits on the live room, made in the acting
 * facilitator's name (`EditedBy`): they are stored and echoed like any other update, so every open
 * client shows the result at once while others keep working. The algorithms are in sync/:
 * historyListing.ts, boardRestore.ts, historyRedaction.ts, over historyReplay.ts.
 */

import { DomainError, DomainErrorCode } from '../DomainError.ts'
import type { Logger } from '../logger.ts'
import type { BoardStore, UpdateSender } from '../storage/BoardStore.ts'
import type { Db } from '../storage/Db.ts'
import { type ApplyResult, applyState, readState, withoutSender } from '../sync/boardRestore.ts'
import { type HistoryEntry, listHistory } from '../sync/historyListing.ts'
import { type Redaction, redactionRanges, redactUpdate } from '../sync/historyRedaction.ts'
import { replay } from '../sync/historyReplay.ts'
import type { Rooms } from '../sync/Rooms.ts'
import { EditedBy } from '../sync/updateSender.ts'
import type { ControlStore } from './ControlStore.ts'
import type { WorkshopStore } from './WorkshopStore.ts'

/** The history lists at most this many of the newest log rows. */
export const HISTORY_ROWS = 2_000

export interface NamedEntry extends Omit<HistoryEntry, 'at' | 'until'> {
  at: string
  until: string
  /** The sender's name now (null: anonymous, erased, or names deleted by retention). */
  senderName: string | null
}

/** What a point of the history is given as: a log row id, or a moment. */
export type HistoryPoint = { before: number } | { at: Date }

export class HistoryService {
  constructor(
    private readonly db: Db,
    private readonly store: BoardStore,
    private readonly rooms: Rooms,
    private readonly controlStore: ControlStore,
    private readonly workshops: WorkshopStore,
    private readonly log: Logger,
  ) {}

  /**
   * Ideas that restore and undo must never put back on the board: those not public now — hidden
   * by a facilitator or pending under pre-moderation (ControlStore's flags). The one place that
   * decides it; ideas held outside the board (issue 14 §2) belong here too.
   */
  async excludedIdeaIds(workshopId: string): Promise<Set<string>> {
    const flags = await this.controlStore.flags(workshopId)
    return new Set([...flags.hidden, ...flags.pending])
  }

  private async board(workshopId: string, write: boolean): Promise<string> {
    const info = await this.workshops.info(workshopId)
    if (!info) throw new DomainError(DomainErrorCode.WorkshopNotFound)
    if (write && info.archived) throw new DomainError(DomainErrorCode.WorkshopArchived)
    return info.boardId
  }

  /** The board's history, newest first, with the senders' current names. */
  async list(workshopId: string): Promise<NamedEntry[]> {
    const boardId = await this.board(workshopId, false)
    // What the live room holds is stored first, so the listing ends with the present.
    await this.rooms.get(boardId)?.flush()
    const { base, rows } = await this.store.historyRows(boardId, HISTORY_ROWS)
    const entries = await listHistory(base, rows)
    const names = await this.names(workshopId)
    return entries.map((e) => ({
      ...e,
      at: e.at.toISOString(),
      until: e.until.toISOString(),
      senderName: e.sender?.id ? (names.get(`${e.sender.kind}:${e.sender.id}`) ?? null) : null,
    }))
  }

  private async names(workshopId: string): Promise<Map<string, string>> {
    const rows = await this.db.query<{ kind: string; id: string; name: string | null }>(
      `select 'guest' as kind, id, display_name as name from guests where workshop_id = $1
       union all
       select 'facilitator' as kind, f.id, f.name from facilitators f
       join workshop_facilitators wf on wf.facilitator_id = f.id where wf.workshop_id = $1`,
      [workshopId],
    )
    return new Map(rows.filter((r) => r.name).map((r) => [`${r.kind}:${r.id}`, r.name as string]))
  }

  private async rowId(boardId: string, point: HistoryPoint): Promise<number> {
    if ('before' in point) return point.before
    return (await this.store.firstRowAt(boardId, point.at)) ?? Number.MAX_SAFE_INTEGER
  }

  /** Restores ideas, clusters and their cards to how they were just before `point`. */
  async restore(workshopId: string, point: HistoryPoint, actorId: string): Promise<ApplyResult> {
    return this.edit(workshopId, point, actorId, async (boardId, before) => {
      const state = await this.store.historyState(boardId, before)
      const target = readState(
        await replay(
          state.base,
          state.before.map((r) => r.data),
        ),
      )
      return { keys: null, target }
    })
  }

  /** Undoes everything `sender` changed from `point` on, keeping everyone else's changes. */
  async undo(
    workshopId: string,
    point: HistoryPoint,
    sender: UpdateSender,
    actorId: string,
  ): Promise<ApplyResult> {
    return this.edit(workshopId, point, actorId, async (boardId, before) => {
      const state = await this.store.historyState(boardId, before)
      return withoutSender(state.base, state.before, state.after, sender)
    })
  }

  private async edit(
    workshopId: string,
    point: HistoryPoint,
    actorId: string,
    plan: (
      boardId: string,
      before: number,
    ) => Promise<{ keys: Set<string> | null; target: ReturnType<typeof readState> }>,
  ): Promise<ApplyResult> {
    const boardId = await this.board(workshopId, true)
    const room = await this.rooms.acquire(boardId)
    try {
      // Everything the room applied is in the log before the history is read.
      await room.flush()
      const before = await this.rowId(boardId, point)
      const [{ keys, target }, excluded] = await Promise.all([
        plan(boardId, before),
        this.excludedIdeaIds(workshopId),
      ])
      if (room.isClosed) throw new DomainError(DomainErrorCode.BoardUnavailable)
      // Applied to the live doc as it is now, in one transaction: others' work meanwhile stays.
      const origin = new EditedBy({ kind: 'facilitator', id: actorId })
      const result = applyState(room.doc, target, keys, excluded, origin)
      await room.flush()
      this.log.info({ workshop: workshopId, board: boardId, before, ...result }, 'history applied')
      return result
    } finally {
      this.rooms.release(boardId)
    }
  }

  /**
   * Erasure across restore points: after the live board lost the content (and was compacted),
   * every stored copy — log rows, restore points, snapshot — is rewritten without it. `forget`:
   * the person whose rows lose their sender id.
   */
  async purge(boardId: string, redaction: Redaction, forget: UpdateSender | null): Promise<number> {
    return this.store.rewriteHistory(
      boardId,
      async (copies) => {
        // Rows first (they hold content with its parents), then restore points for what older
        // rows no longer hold; without garbage collection, deleted content stays findable.
        const doc = await replay(
          null,
          [...copies.rows, ...copies.points, ...copies.snapshots],
          false,
        )
        const ranges = redactionRanges(doc, redaction)
        doc.destroy()
        return (data) => redactUpdate(data, ranges)
      },
      forget,
    )
  }
}
