/**
 * Outcomes on the server: assembles a workshop's {@link Outcome} from its board doc (the live
 * room's, or a copy loaded from storage so an export does not keep a board in memory) and its
 * flow data, and imports an export as a new workshop.
 */
import {
  Board,
  BoardError,
  canvasStore,
  type IdeaColor,
  initBoard,
  type TldrawSchemaValue,
} from '@ideenwand/board'
import { buildOutcome, type Licence, type MachineExport, type Outcome } from '@ideenwand/report'
import * as Y from 'yjs'
import { ApiError } from '../http/errors.ts'
import type { BoardStore } from '../storage/BoardStore.ts'
import type { Db } from '../storage/Db.ts'
import type { Rooms } from '../sync/Rooms.ts'
import { FlowStore } from '../workshops/FlowStore.ts'
import type { GuestStore } from '../workshops/GuestStore.ts'
import type { WorkshopStore } from '../workshops/WorkshopStore.ts'
import { OutcomeStore } from './OutcomeStore.ts'

export interface OutcomeRequest {
  /** Name participants: `undefined` = the workshop's setting (default off). */
  names?: boolean | undefined
  licence?: Licence | undefined
  now?: number
}

export const TIME_ZONE = 'Europe/Berlin'

export class OutcomeService {
  readonly store: OutcomeStore
  private readonly flow: FlowStore

  constructor(
    db: Db,
    private readonly boards: BoardStore,
    private readonly rooms: Rooms,
    private readonly workshops: WorkshopStore,
    private readonly guests: GuestStore,
  ) {
    this.store = new OutcomeStore(db)
    this.flow = new FlowStore(db)
  }

  /** The board doc: the live room's if loaded, else a fresh copy from storage. */
  private async doc(boardId: string): Promise<Y.Doc> {
    const live = this.rooms.get(boardId)
    if (live) return live.doc
    const stored = await this.boards.load(boardId)
    const doc = new Y.Doc({ gc: true })
    doc.transact(() => {
      for (const update of [stored.snapshot, ...stored.updates]) {
        if (!update) continue
        try {
          Y.applyUpdate(doc, update)
        } catch {
          // A corrupt row is skipped the same way the room skips it when loading.
        }
      }
    })
    return doc
  }

  async outcome(workshopId: string, request: OutcomeRequest = {}): Promise<Outcome> {
    const meta = await this.store.meta(workshopId)
    if (!meta) throw new ApiError(404, 'workshop_not_found', 'No such workshop')
    const [facilitators, guests, flags, rounds, activity, doc] = await Promise.all([
      this.store.facilitatorNames(workshopId),
      this.guests.list(workshopId),
      this.flow.flags(workshopId),
      this.flow.revealedRounds(workshopId),
      this.flow.activity(workshopId),
      this.doc(meta.boardId),
    ])
    const board = new Board(doc)
    // Read the canvas array as YKeyValue stores it (the last entry of a key wins) without
    // creating a YKeyValue, which would clean up — i.e. write to — a live room's doc.
    const records = new Map<string, unknown>()
    for (const entry of doc.getArray<unknown>('canvas').toArray()) {
      if (
        typeof entry === 'object' &&
        entry !== null &&
        typeof (entry as { key?: unknown }).key === 'string'
      ) {
        const { key, val } = entry as { key: string; val: unknown }
        records.set(key, val)
      }
    }
    return buildOutcome({
      now: request.now ?? Date.now(),
      timeZone: TIME_ZONE,
      workshop: {
        id: meta.id,
        title: meta.title,
        date: meta.date,
        place: meta.place,
        description: meta.description,
        language: meta.language,
        publisher: meta.publisher,
        licence: request.licence ?? meta.licence,
        createdAt: meta.createdAt,
      },
      facilitators: facilitators.map((name) => ({ name })),
      guests,
      includeNames: request.names ?? meta.reportNames,
      ideas: board.ideas(),
      clusters: board.clusters(),
      excludedIdeaIds: [...flags.hidden, ...flags.pending],
      rounds: rounds.map((r) => ({
        number: r.number,
        targetKind: r.targetKind,
        targetIds: r.targetIds,
        dotsPerPerson: r.dotsPerPerson,
        maxPerTarget: r.maxPerTarget,
        voters: r.voters,
        revealedAt: r.revealedAt,
        results: r.results,
      })),
      activity,
      canvas: [...records.values()],
      tldrawSchema: board.tldrawSchema() ?? null,
    })
  }

  /**
   * Creates a new workshop owned by `ownerId` from an export: the board (clusters with their
   * order, ideas with ids, texts, colours and times, canvas records, tldraw schema) stored as
   * one update, the workshop's outcome settings, and the revealed rounds under new ids.
   */
  async import(
    ownerId: string,
    data: MachineExport,
    joinUrl: (code: string) => string,
  ): Promise<{ id: string; boardId: string }> {
    const doc = new Y.Doc({ gc: true })
    let clock = 0
    const board = new Board(doc, { now: () => clock })
    try {
      doc.transact(() => {
        initBoard(doc)
        for (const c of data.clusters) {
          board.addCluster({ id: c.id, title: c.title, color: c.color as IdeaColor })
          board.updateCluster(c.id, { order: c.order })
        }
        for (const idea of data.ideas) {
          clock = idea.createdAt
          board.addIdea({
            id: idea.id,
            text: idea.text,
            color: idea.color as IdeaColor,
            clusterId: idea.clusterId,
          })
        }
        const canvas = canvasStore<Record<string, unknown>>(doc)
        for (const record of data.canvas as { id: string }[]) canvas.set(record.id, record)
        const schema = data.tldrawSchema
        if (typeof schema === 'string' || (typeof schema === 'object' && schema !== null)) {
          board.setTldrawSchema(schema as TldrawSchemaValue)
        }
      })
    } catch (err) {
      if (err instanceof BoardError) {
        throw new ApiError(400, 'invalid_import', `The export does not fit a board: ${err.message}`)
      }
      throw err
    }
    const w = data.workshop
    const created = await this.workshops.create(
      ownerId,
      {
        title: w.title,
        date: w.date,
        place: w.place,
        description: w.description,
        language: w.language,
      },
      joinUrl,
    )
    await this.store.updateSettings(created.id, { licence: w.licence, publisher: w.publisher })
    // Stored as the board's first update; the room loads it when someone connects. (A room
    // acquired here would stay loaded: rooms unload only after their last connection leaves.)
    await this.boards.append(created.boardId, Y.encodeStateAsUpdate(doc))
    await this.store.insertRevealedRounds(created.id, data.rounds)
    await this.flow.log(created.id, 'facilitator', 'imported', {
      ideas: data.ideas.length,
      clusters: data.clusters.length,
      rounds: data.rounds.length,
    })
    return { id: created.id, boardId: created.boardId }
  }
}
