/**
 * A facilitator's direction of the workshop: the phase, the timer (one clock for everyone) and
 * the facilitation settings (lock, private collection, pre-moderation, anonymity, spotlight,
 * follow me, tally). Each change is stored, logged, and then applied to the board: the room's
 * policy (what participants may change, sync/updateRights) and every connection's write
 * permission follow it, and held ideas that became public go back into the board.
 *
 * The cached control data and publishing belong to ControlService, which hands them in as
 * `FacilitationHooks`; this module changes the `state` of an entry.
 */
import { mayWriteBoard, type Phase } from '@ideenwand/board'
import type { ConnectionRegistry } from '../sync/ConnectionRegistry.ts'
import type { Rooms } from '../sync/Rooms.ts'
import type { ControlRow, ControlStore } from './ControlStore.ts'
import { privateNow, recordsAuthors } from './IdeaModeration.ts'
import { applyTimerAction, type TimerAction } from './timerAction.ts'
import type { Actor, CachedControl } from './WorkshopControl.ts'

/** What facilitation needs from ControlService. */
export interface FacilitationHooks {
  /** The workshop's cached control data, refusing an archived workshop. */
  active(workshopId: string): Promise<CachedControl>
  /** Pushes the state to every connection, on every instance. */
  publish(workshopId: string): Promise<void>
  /** Puts held ideas that are public now back into the board (IdeaModeration). */
  releaseHeld(c: CachedControl): Promise<void>
}

/** The settings a facilitator may change (`PATCH /workshops/{id}/settings`). */
export type SettingsPatch = Partial<
  Pick<
    ControlRow,
    | 'locked'
    | 'privateCollection'
    | 'ideasRevealed'
    | 'premoderation'
    | 'anonymousIdeas'
    | 'storeAuthors'
    | 'collaborativeClustering'
    | 'spotlight'
    | 'follow'
    | 'showTally'
  >
>

export class Facilitation {
  constructor(
    private readonly controlStore: ControlStore,
    private readonly rooms: Rooms,
    private readonly registry: ConnectionRegistry,
    private readonly hooks: FacilitationHooks,
  ) {}

  /** Applies a state patch, stores it, updates write permissions and publishes. */
  private async change(
    workshopId: string,
    patch: Partial<ControlRow>,
    actor: Actor,
    type: string,
    data?: unknown,
  ) {
    const c = await this.hooks.active(workshopId)
    await this.controlStore.updateState(workshopId, patch)
    c.state = { ...c.state, ...patch }
    await this.controlStore.log(workshopId, actor.role, type, data)
    this.applyWritePermissions(c)
    await this.hooks.releaseHeld(c)
    await this.hooks.publish(workshopId)
  }

  /** Tells the board's room what participants may change (sync/updateRights). */
  applyPolicy(c: CachedControl): void {
    this.rooms.setPolicy(c.boardId, {
      phase: c.state.phase,
      locked: c.state.locked,
      collaborativeClustering: c.state.collaborativeClustering,
      holdNewIdeas: c.state.premoderation || privateNow(c),
      heldIdeaIds: c.heldIds,
      ideaAuthors: c.authors,
      recordAuthors: recordsAuthors(c),
    })
  }

  /** The room's policy and every connection's write permission, from the control state. */
  applyWritePermissions(c: CachedControl): void {
    this.applyPolicy(c)
    const participants = mayWriteBoard('participant', { ...c.state, archived: c.archived })
    const facilitators = mayWriteBoard('facilitator', { ...c.state, archived: c.archived })
    this.registry.setBoardWrite(c.boardId, (conn) =>
      conn.context.role === 'facilitator'
        ? facilitators
        : conn.context.role === 'participant'
          ? participants
          : false,
    )
  }

  async setPhase(workshopId: string, phase: Phase, actor: Actor): Promise<void> {
    const c = await this.hooks.active(workshopId)
    if (c.state.phase === phase) return
    // A countdown belongs to its phase: the next one starts without it (the last phase's
    // "0:00 Zeit ist um" stayed on every screen while voting). A round's own end is separate.
    const now = Date.now()
    const timer = applyTimerAction(c.state.timer, 'reset', 0, now)
    await this.change(workshopId, { phase, phaseStartedAt: now, timer }, actor, 'phase', {
      from: c.state.phase,
      to: phase,
    })
  }

  async timer(workshopId: string, action: TimerAction, ms: number, actor: Actor) {
    const c = await this.hooks.active(workshopId)
    const next = applyTimerAction(c.state.timer, action, ms, Date.now())
    await this.change(workshopId, { timer: next }, actor, 'timer', { action, ms })
  }

  async settings(workshopId: string, patch: SettingsPatch, actor: Actor): Promise<void> {
    const c = await this.hooks.active(workshopId)
    // Switching private collection on starts a new private round: nothing is revealed yet.
    const starting = patch.privateCollection === true && !c.state.privateCollection
    const full =
      starting && patch.ideasRevealed === undefined ? { ...patch, ideasRevealed: false } : patch
    await this.change(workshopId, full, actor, 'settings', full)
  }
}
