/**
 * Outcomes on the server: assembles a workshop's {@link Outcome} from its board doc (the live
 * room's, or a copy loaded from storage so an export does not keep a board in memory) and its
 * control data, and imports an export as a new workshop (prepared in a worker, written in one
 * transaction).
 */
import { Board, canvasRecords } from '@ideenwand/board'
import { buildOutcome, type Licence, type Outcome } from '@ideenwand/report'
import * as Y from 'yjs'
import { DomainError, DomainErrorCode } from '../DomainError.ts'
import type { Logger } from '../logger.ts'
import { applyStored } from '../storage/applyStored.ts'
import type { BoardStore } from '../storage/BoardStore.ts'
import type { Db } from '../storage/Db.ts'
import type { Rooms } from '../sync/Rooms.ts'
import { ControlStore } from '../workshops/ControlStore.ts'
import type { GuestStore } from '../workshops/GuestStore.ts'
import { IdeaStatusStore } from '../workshops/IdeaStatusStore.ts'
import { RoundStore } from '../workshops/RoundStore.ts'
import { SpeakingStore } from '../workshops/SpeakingStore.ts'
import { SupportStore } from '../workshops/SupportStore.ts'
import type { WorkshopStore } from '../workshops/WorkshopStore.ts'
import { Carrying } from './Carrying.ts'
import { IdeaStatuses } from './IdeaStatuses.ts'
import { ImportWorkers } from './ImportWorkers.ts'
import { OpenDataVersions } from './OpenDataVersions.ts'
import { OutcomeStore } from './OutcomeStore.ts'
import type { BoardLimits } from './prepareImport.ts'

export interface OutcomeRequest {
  /** Name participants: `undefined` = the workshop's setting (default off). */
  names?: boolean | undefined
  licence?: Licence | undefined
  now?: number
}

export const TIME_ZONE = 'Europe/Berlin'

export interface ImportOptions {
  /** What an imported board may hold (`BOARD_MAX_IDEAS`, `BOARD_MAX_BYTES`). */
  limits: BoardLimits
  /** `IMPORT_TIME_LIMIT_MS`: the worker preparing an import is stopped after this long. */
  timeLimitMs: number
  log?: Logger
}

/** Used when the server is not configured otherwise (config.ts reads the settings). */
const IMPORT_DEFAULTS: ImportOptions = {
  limits: { maxIdeas: 5000, maxBytes: 32 * 1024 * 1024 },
  timeLimitMs: 20_000,
}

export class OutcomeService {
  readonly store: OutcomeStore
  readonly imports: ImportWorkers
  /** What became of the ideas (issue 20 §2); the routes call it directly. */
  readonly statuses: IdeaStatuses
  /** Carrying ideas into another workshop (issue 20 §1); the routes call it directly. */
  readonly carrying: Carrying
  /** The published versions of the open-data package (issue 20 §5). */
  readonly versions: OpenDataVersions
  private readonly controlStore: ControlStore
  private readonly roundStore: RoundStore
  private readonly speaking: SpeakingStore
  private readonly supports: SupportStore

  constructor(
    db: Db,
    private readonly boards: BoardStore,
    private readonly rooms: Rooms,
    private readonly workshops: WorkshopStore,
    private readonly guests: GuestStore,
    importOptions: ImportOptions = IMPORT_DEFAULTS,
  ) {
    this.store = new OutcomeStore(db)
    this.controlStore = new ControlStore(db)
    this.roundStore = new RoundStore(db)
    this.speaking = new SpeakingStore(db)
    this.supports = new SupportStore(db)
    this.imports = new ImportWorkers(importOptions)
    this.statuses = new IdeaStatuses(new IdeaStatusStore(db), (id) => this.publicIdeaIds(id))
    this.carrying = new Carrying(this, workshops, rooms, this.controlStore)
    this.versions = new OpenDataVersions(db, (id) => this.outcome(id, { names: false }))
  }

  /** The ids of the workshop's public ideas: on its board, not hidden or pending. */
  private async publicIdeaIds(workshopId: string): Promise<Set<string>> {
    const meta = await this.store.meta(workshopId)
    if (!meta) throw new DomainError(DomainErrorCode.WorkshopNotFound)
    const [flags, doc] = await Promise.all([
      this.controlStore.flags(workshopId),
      this.doc(meta.boardId),
    ])
    const excluded = new Set([...flags.hidden, ...flags.pending])
    return new Set(
      new Board(doc)
        .ideas()
        .map((i) => i.id)
        .filter((id) => !excluded.has(id)),
    )
  }

  /** The board doc: the live room's if loaded, else a fresh copy from storage. */
  private async doc(boardId: string): Promise<Y.Doc> {
    const live = this.rooms.get(boardId)
    if (live) return live.doc
    const stored = await this.boards.load(boardId)
    const doc = new Y.Doc({ gc: true })
    applyStored(doc, [stored.snapshot, ...stored.updates])
    return doc
  }

  async outcome(workshopId: string, request: OutcomeRequest = {}): Promise<Outcome> {
    const meta = await this.store.meta(workshopId)
    if (!meta) throw new DomainError(DomainErrorCode.WorkshopNotFound)
    const [facilitators, guests, flags, rounds, activity, doc, speakingTurns, supports, statuses] =
      await Promise.all([
        this.store.facilitatorNames(workshopId),
        this.guests.list(workshopId),
        this.controlStore.flags(workshopId),
        this.roundStore.revealedRounds(workshopId),
        this.controlStore.activity(workshopId),
        this.doc(meta.boardId),
        this.speaking.turns(workshopId),
        this.supports.list(meta.boardId),
        this.statuses.store.changes(workshopId),
      ])
    const board = new Board(doc)
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
      supports: new Map([...supports].map(([ideaId, who]) => [ideaId, who.size])),
      // Who changed a status stays with the facilitators: the outcome never carries it.
      statusChanges: statuses.map((s) => ({
        ideaId: s.ideaId,
        status: s.status,
        reason: s.reason,
        mergedInto: s.mergedInto,
        changedAt: s.changedAt,
      })),
      rounds: rounds.map((r) => ({
        number: r.number,
        targetKind: r.targetKind,
        targetIds: r.targetIds,
        dotsPerPerson: r.dotsPerPerson,
        maxPerTarget: r.maxPerTarget,
        voters: r.voters,
        revealedAt: r.revealedAt,
        results: r.results,
        ...(r.method === 'resistance'
          ? { method: 'resistance' as const, resistance: r.resistance ?? [] }
          : {}),
      })),
      activity,
      speakingTurns,
      // Read only: the doc may be a live room's.
      canvas: canvasRecords(doc),
      tldrawSchema: board.tldrawSchema() ?? null,
    })
  }

  /**
   * Creates a new workshop owned by `ownerId` from an uploaded export (ZIP or JSON): parsed,
   * checked against the limits and turned into a board in a worker (ImportWorkers.ts), then
   * written in one transaction — workshop, outcome settings, the board (clusters, ideas with
   * ids, texts, colours and times, canvas records, tldraw schema) as its first updates, the
   * revealed rounds under new ids, the status changes and the activity entry — so a refused or failed import leaves
   * nothing behind. Rejects with DomainErrors for every refusal.
   */
  async import(
    ownerId: string,
    upload: Uint8Array,
    joinUrl: (code: string) => string,
  ): Promise<{ id: string; boardId: string }> {
    const prepared = await this.imports.prepare(upload)
    const w = prepared.workshop
    const input = {
      title: w.title,
      date: w.date,
      place: w.place,
      description: w.description,
      language: w.language,
    }
    // The room loads the board's updates when someone connects. (A room acquired here
    // would stay loaded: rooms unload only after their last connection leaves.)
    const created = await this.workshops.create(ownerId, input, joinUrl, async (tx, ids) => {
      await this.store.updateSettings(ids.id, { licence: w.licence, publisher: w.publisher }, tx)
      for (const update of prepared.board) await this.boards.appendWithin(tx, ids.boardId, update)
      await this.store.insertRevealedRounds(tx, ids.id, prepared.rounds)
      await this.store.insertStatusChanges(tx, ids.id, prepared.statusChanges)
      await this.store.logImported(tx, ids.id, prepared.counts)
    })
    return { id: created.id, boardId: created.boardId }
  }
}
