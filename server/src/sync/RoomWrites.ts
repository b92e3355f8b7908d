/**
 * A room's write path: a client's update from its arrival to the doc. In this order — the
 * read-only notice for connections that may not write, the unsaved cap while the database is
 * away (4503), the guard and its cost (sync/updateGuard, sync/updateCost: 4400, 4413, the work
 * budget 4429), a participant's rights (sync/updateRights, 4403; for everyone else the fields only
 * the server writes), the board's size (BoardBudget, 4413) and the idea budget (4429, the
 * handshake's step 2 exempt). A refused update is applied, stored and relayed nowhere and closes
 * only its sender.
 *
 * An update that passes is applied with the connection as origin; a participant's ideas that are
 * not public yet are taken out again in the same transaction (sync/heldContent) and handed to the
 * room's `onHeld`, and a table device's new ideas are stamped with its table. Storing, echo and
 * acks are RoomPersistence's.
 */
import { Board } from '@ideenwand/board'
import { type ClientMessage, CloseCode, type CloseInfo, ProtocolError } from '@ideenwand/protocol'
import * as Y from 'yjs'
import type { SyncLimits } from '../config.ts'
import type { Logger } from '../logger.ts'
import type { BoardBudget } from './BoardBudget.ts'
import type { BoardPolicy } from './boardPolicy.ts'
import { CanvasIndex } from './canvasIndex.ts'
import { type HeldContent, takeOut } from './heldContent.ts'
import type { SyncConnection } from './SyncConnection.ts'
import type { SyncMetrics } from './SyncMetrics.ts'
import { UpdateTooCostly } from './updateCost.ts'
import { checkUpdate, type UpdateSummary } from './updateGuard.ts'
import {
  checkRights,
  checkServerFields,
  type RightsVerdict,
  UpdateRefused,
} from './updateRights.ts'

/** y-protocols' auth message "permission denied" with a reason, sent once to read-only clients. */
const READ_ONLY_NOTICE = new Uint8Array([2, 0, 9, ...new TextEncoder().encode('read-only')])

/**
 * Unsaved updates a room holds while its database is away. Beyond this, writers are closed with
 * 4503 before their update is applied; their clients keep it and send it again on reconnect.
 */
export const MAX_UNSAVED_BYTES = 16 * 1024 * 1024

/** What the write path needs from its room. */
export interface WritesHost {
  readonly boardId: string
  readonly doc: Y.Doc
  readonly log: Logger
  readonly limits: Pick<SyncLimits, 'maxStructLength' | 'updateCheckMs' | 'maxUpdateCost'>
  readonly budget: BoardBudget
  /** What participants may change now (set by the workshop control). */
  policy(): BoardPolicy
  metrics(): SyncMetrics
  /** Bytes applied but not stored yet because the database is away. */
  unsavedBytes(): number
  /** The room took ideas that are not public yet out of the board (`RoomCallbacks.onHeld`). */
  onHeld(conn: SyncConnection, held: HeldContent[]): void
}

export class RoomWrites {
  /** Live canvas records by key, for the rights check; built when a participant first writes. */
  private canvasIndex: CanvasIndex | null = null

  constructor(private readonly room: WritesHost) {}

  /**
   * Checks an update from `conn` and applies it if it passes. Returns whether it was applied
   * (then it is to be stored, echoed and acked); a refusal has told or closed the sender.
   */
  receive(
    conn: SyncConnection,
    message: Extract<ClientMessage, { type: 'sync-step2' | 'sync-update' }>,
  ): boolean {
    if (!conn.context.canWrite) {
      this.denyWrite(conn)
      return false
    }
    if (this.room.unsavedBytes() > MAX_UNSAVED_BYTES) {
      // The database has been away long: hold no more. The client keeps its update.
      this.room.log.warn({ boardId: this.room.boardId, conn: conn.id }, 'too much unsaved, closing')
      conn.close(CloseCode.StorageUnavailable)
      return false
    }
    const summary = this.checkIncoming(message.update, conn)
    if (!summary) return false
    const rights = this.mayApply(conn, message.update)
    if (!rights) return false
    const verdict = this.room.budget.admits(
      message.update,
      summary,
      this.room.policy().heldIdeaIds.size,
    )
    if (verdict !== 'ok') {
      // Not applied: the board stays as it was; the sender's client drops its unsaved copy.
      this.room.log.warn(
        { boardId: this.room.boardId, conn: conn.id, verdict, bytes: message.update.length },
        'board full, closing connection',
      )
      conn.close(CloseCode.BoardFull)
      return false
    }
    // The handshake's first step 2 hands back what the server lacks (offline work, recovery
    // after a crash); every other update is limited in how many ideas it may add.
    const handshake = message.type === 'sync-step2' && conn.completeHandshake()
    if (!handshake && !conn.takeIdeas(summary.newIdeas)) {
      this.room.log.warn(
        { boardId: this.room.boardId, conn: conn.id },
        'too many ideas, closing connection',
      )
      conn.close(CloseCode.TooManyIdeas)
      return false
    }
    conn.countReceived()
    this.room.metrics().updateReceived()
    const hold =
      rights === true
        ? []
        : [
            ...(this.room.policy().holdNewIdeas ? rights.createdIdeas : []),
            ...rights.cardsOfHeldIdeas,
          ]
    const stamp = rights !== true && conn.context.table ? rights.createdIdeas : []
    if (hold.length > 0) this.applyHolding(conn, message.update, hold, stamp)
    else if (stamp.length > 0) {
      this.room.doc.transact(() => {
        Y.applyUpdate(this.room.doc, message.update, conn)
        this.stampTable(conn, stamp)
      }, conn)
    } else Y.applyUpdate(this.room.doc, message.update, conn)
    if (rights !== true) this.recordAuthors(conn, rights.createdIdeas)
    return true
  }

  /**
   * Checks an update from a connection before it touches the doc (sync/updateGuard: bounded,
   * linear, and complete, so nothing is applied half-way); a refusal closes only the sender.
   * What applying it would cost is estimated first (sync/updateCost): an update above
   * `SYNC_UPDATE_MAX_COST` is refused (4413), and so is one beyond the connection's work budget
   * (4429); then null is returned.
   */
  private checkIncoming(update: Uint8Array, conn: SyncConnection): UpdateSummary | null {
    let summary: UpdateSummary
    try {
      summary = checkUpdate(update, (client) => Y.getState(this.room.doc.store, client), {
        maxLength: this.room.limits.maxStructLength,
        budgetMs: this.room.limits.updateCheckMs,
        board: this.room.doc,
        maxCost: this.room.limits.maxUpdateCost,
      })
    } catch (err) {
      if (!(err instanceof UpdateTooCostly)) {
        throw new ProtocolError(`invalid update: ${(err as Error).message}`)
      }
      this.refuseCost(conn, CloseCode.UpdateTooCostly, err.message, update.length)
      return null
    }
    if (!conn.takeWork(summary.cost, this.room.limits.maxUpdateCost)) {
      this.refuseCost(conn, CloseCode.TooMuchWork, `cost ${summary.cost}`, update.length)
      return null
    }
    return summary
  }

  private refuseCost(conn: SyncConnection, info: CloseInfo, reason: string, bytes: number): void {
    this.room.log.warn(
      { boardId: this.room.boardId, conn: conn.id, reason, bytes },
      `${info.reason}, closing connection`,
    )
    conn.close(info)
  }

  /**
   * A participant's update is checked against their rights (sync/updateRights) before it touches
   * the doc. A refused update is applied, stored and relayed nowhere; the sender is closed with
   * 4403 "change not permitted" so its client drops the change and reloads the server's state.
   * Everyone else's update is only checked for fields that the server alone writes.
   */
  private mayApply(conn: SyncConnection, update: Uint8Array): RightsVerdict | true | null {
    try {
      if (conn.context.role !== 'participant') {
        // Facilitators own the board, except what only the server writes (`carriedFrom`).
        checkServerFields(this.room.doc, update)
        return true
      }
      this.canvasIndex ??= new CanvasIndex(this.room.doc)
      const writer = { id: conn.context.guestId, name: conn.context.displayName }
      return checkRights(this.room.doc, update, writer, this.room.policy(), this.canvasIndex)
    } catch (err) {
      if (!(err instanceof UpdateRefused)) throw err
      this.room.log.warn(
        { boardId: this.room.boardId, conn: conn.id, reason: err.message },
        'change not permitted, closing connection',
      )
      conn.close(CloseCode.ChangeRefused)
      return null
    }
  }

  /**
   * Applies a participant's update whose new ideas are not public yet, and takes those ideas (and
   * cards of ideas held already) out of the board again before anything is stored or relayed.
   * Both happen in one transaction, so the one update it emits — what is stored and sent to
   * everyone, the author included, whose client then shows the idea from the control state — is
   * encoded after garbage collection: the structure every client needs to stay in step, without
   * the held text, author or card.
   */
  private applyHolding(
    conn: SyncConnection,
    update: Uint8Array,
    ideaIds: string[],
    stamp: readonly string[],
  ): void {
    let held: HeldContent[] = []
    this.room.doc.transact(() => {
      Y.applyUpdate(this.room.doc, update, conn)
      this.stampTable(conn, stamp)
      held = takeOut(this.room.doc, ideaIds, conn)
    }, conn)
    for (const h of held) if (h.idea) this.room.policy().heldIdeaIds.add(h.ideaId)
    this.room.onHeld(conn, held)
  }

  /**
   * A table device's new ideas carry its table (issue 19 §2): the server writes `source` and
   * `table` into them inside the transaction that applies them, so what is stored, relayed and
   * echoed to the device already has them (participants may not write them: updateRights).
   */
  private stampTable(conn: SyncConnection, created: readonly string[]): void {
    const table = conn.context.table
    if (!table || created.length === 0) return
    const board = new Board(this.room.doc)
    const ideas = this.room.doc.getMap('ideas')
    for (const id of created) if (ideas.has(id)) board.setIdeaSource(id, 'table', table.label)
  }

  /**
   * The server's record of who created ideas (BoardPolicy.ideaAuthors), at once, so the author's
   * next edit finds it; the workshop control stores it (`onIdeasAdded`). Held ideas are recorded
   * when they become public.
   */
  private recordAuthors(conn: SyncConnection, created: readonly string[]): void {
    const guestId = conn.context.guestId
    if (!this.room.policy().recordAuthors || guestId === null) return
    const ideas = this.room.doc.getMap('ideas')
    for (const id of created) if (ideas.has(id)) this.room.policy().ideaAuthors.set(id, guestId)
  }

  private denyWrite(conn: SyncConnection): void {
    if (conn.takeReadOnlyNotice()) conn.send(READ_ONLY_NOTICE)
  }
}
