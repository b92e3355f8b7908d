/**
 * Each workshop's control data in memory (`CachedControl`): read once from the stores — control
 * row, rounds, flags, held ideas, authors, speaking queue, idea statuses — and kept until the
 * workshop is forgotten (deleted, archived, changed on another instance). Also which workshop a
 * board belongs to. ControlService owns the cache and keeps it current; a read that fails or is
 * given up on is not kept, so the next request reads again.
 */
import type { IdeaStatus } from '@ideenwand/board'
import { DomainError, DomainErrorCode } from '../DomainError.ts'
import { settleWithin } from '../storage/settleWithin.ts'
import type { ControlStore } from './ControlStore.ts'
import type { HeldIdeas } from './HeldIdeas.ts'
import type { IdeaAuthors } from './IdeaAuthors.ts'
import { currentOf, type IdeaStatusStore } from './IdeaStatusStore.ts'
import type { RoundStore } from './RoundStore.ts'
import type { SpeakingData } from './SpeakingStore.ts'
import type { CachedControl } from './WorkshopControl.ts'
import type { WorkshopStore } from './WorkshopStore.ts'

/** Where the control data is read from. */
export interface ControlSources {
  workshops: WorkshopStore
  controlStore: ControlStore
  roundStore: RoundStore
  heldStore: HeldIdeas
  authorStore: IdeaAuthors
  statusStore: IdeaStatusStore
  speaking(workshopId: string): Promise<SpeakingData>
}

/** What the cache tells ControlService. */
export interface CacheHooks {
  /** An entry was read and is kept now (its round's end and the room's policy are set up). */
  loaded(c: CachedControl): void
  /** A kept entry is dropped (its round's end is cancelled). */
  dropped(c: CachedControl): void
}

export class ControlCache {
  private readonly cache = new Map<string, Promise<CachedControl>>()
  private readonly byBoard = new Map<string, string>()

  constructor(
    private readonly sources: ControlSources,
    private readonly hooks: CacheHooks,
  ) {}

  /** Loads (once) and returns the cached control data of a workshop. */
  load(workshopId: string): Promise<CachedControl> {
    let entry = this.cache.get(workshopId)
    if (!entry) {
      // Side effects only for the read that is kept (a read given up on may answer late).
      entry = settleWithin(this.read(workshopId), `loading the control data of ${workshopId}`).then(
        (cached) => {
          this.byBoard.set(cached.boardId, workshopId)
          this.hooks.loaded(cached)
          return cached
        },
      )
      entry.catch(() => this.cache.delete(workshopId))
      this.cache.set(workshopId, entry)
    }
    return entry
  }

  /**
   * The cached control data of a workshop that may still change: an archived workshop is
   * read-only — no phase, timer, setting, moderation, round or vote until it is brought back
   * (409 `workshop_archived`). Its board is read-only for everyone too (`mayWriteBoard`).
   * Erasure (`forgetGuest`) still works: a person's right to it does not end with the workshop.
   */
  async active(workshopId: string): Promise<CachedControl> {
    const c = await this.load(workshopId)
    if (c.archived) throw new DomainError(DomainErrorCode.WorkshopArchived)
    return c
  }

  /** Each idea's current status other than `open` (issue 20 §2). */
  async readStatuses(workshopId: string): Promise<Map<string, IdeaStatus>> {
    const current = currentOf(await this.sources.statusStore.changes(workshopId))
    const statuses = new Map<string, IdeaStatus>()
    for (const [ideaId, change] of current) {
      if (change.status !== 'open') statuses.set(ideaId, change.status)
    }
    return statuses
  }

  /** Reads a workshop's control data from the database (`load` caches it). */
  private async read(workshopId: string): Promise<CachedControl> {
    const { workshops, controlStore, roundStore, heldStore, authorStore } = this.sources
    const info = await workshops.info(workshopId)
    if (!info) throw new DomainError(DomainErrorCode.WorkshopNotFound)
    const [state, round, flags, history, held, authors, speaking] = await Promise.all([
      controlStore.state(workshopId),
      roundStore.currentRound(workshopId),
      controlStore.flags(workshopId),
      roundStore.revealedRounds(workshopId),
      heldStore.list(info.boardId),
      authorStore.list(info.boardId),
      this.sources.speaking(workshopId),
    ])
    return {
      workshopId,
      ...info,
      state,
      round,
      flags,
      history,
      held,
      heldIds: new Set(held.map((h) => h.ideaId)),
      authors,
      speaking,
      statuses: await this.readStatuses(workshopId),
      roundTimer: null,
    }
  }

  /** Whether a workshop's data is kept here. */
  has(workshopId: string): boolean {
    return this.cache.has(workshopId)
  }

  /** The workshops kept here. */
  workshopIds(): string[] {
    return [...this.cache.keys()]
  }

  /** Drops a workshop's data (deleted, archived state changed, changed elsewhere). */
  forget(workshopId: string): void {
    void this.cache.get(workshopId)?.then(
      (c) => this.hooks.dropped(c),
      () => {},
    )
    this.cache.delete(workshopId)
  }

  /** The workshop of a board loaded here, if any (no database read). */
  knownWorkshopOf(boardId: string): string | undefined {
    return this.byBoard.get(boardId)
  }

  /** The workshop a board belongs to, if any (remembered once read). */
  async workshopOf(boardId: string): Promise<string | null> {
    const known = this.byBoard.get(boardId)
    if (known) return known
    const w = await this.sources.workshops.byBoard(boardId)
    if (w) this.byBoard.set(boardId, w.id)
    return w?.id ?? null
  }
}
