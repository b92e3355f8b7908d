/**
 * What became of an idea (issue 20 §2): the rules for status changes, which only the
 * workshop's facilitators make (the routes check who asks). A status is set on a public idea of
 * the workshop's board (not held, hidden or pending — those are not in its document); "nicht
 * umgesetzt" needs a reason; "zusammengelegt mit …" names another public idea of the same
 * workshop, never the idea itself, and never one that is (through others) merged into it. A
 * change that changes nothing is not stored. Changes stay allowed on archived workshops: what
 * becomes of the ideas is decided after the workshop.
 */
import type { IdeaStatus } from '@ideenwand/board'
import { DomainError, DomainErrorCode } from '../DomainError.ts'
import {
  currentOf,
  type IdeaStatusStore,
  type StatusChangeRow,
} from '../workshops/IdeaStatusStore.ts'

export interface StatusRequest {
  status: IdeaStatus
  reason?: string | null | undefined
  mergedInto?: string | null | undefined
}

export class IdeaStatuses {
  constructor(
    readonly store: IdeaStatusStore,
    /** The ids of the workshop's public ideas (throws `workshop_not_found`). */
    private readonly publicIdeaIds: (workshopId: string) => Promise<ReadonlySet<string>>,
  ) {}

  /**
   * Stores a status change by facilitator `actorId`; resolves with it, or null when it would
   * change nothing.
   * @throws DomainError `idea_not_found`, `status_reason_required`, `invalid_merge_target`,
   * `merge_cycle`, `workshop_not_found`
   */
  async set(
    workshopId: string,
    ideaId: string,
    request: StatusRequest,
    actorId: string,
  ): Promise<StatusChangeRow | null> {
    const ideas = await this.publicIdeaIds(workshopId)
    if (!ideas.has(ideaId)) throw new DomainError(DomainErrorCode.IdeaNotFound)
    const reason = request.reason?.trim() || null
    const mergedInto = request.mergedInto ?? null
    const { status } = request
    if (status === 'not_implemented' && !reason) {
      throw new DomainError(DomainErrorCode.StatusReasonRequired)
    }
    if (status !== 'merged' && mergedInto !== null) {
      throw new DomainError(
        DomainErrorCode.InvalidMergeTarget,
        'mergedInto is only given with the status merged',
      )
    }
    if (status === 'merged') {
      if (mergedInto === null) {
        throw new DomainError(
          DomainErrorCode.InvalidMergeTarget,
          'Say which idea it was merged with (mergedInto)',
        )
      }
      if (mergedInto === ideaId) {
        throw new DomainError(
          DomainErrorCode.InvalidMergeTarget,
          'An idea cannot be merged with itself',
        )
      }
      if (!ideas.has(mergedInto)) {
        throw new DomainError(
          DomainErrorCode.InvalidMergeTarget,
          'mergedInto names no public idea of this workshop',
        )
      }
    }
    const stored = await this.store.change(workshopId, (changes) => {
      const current = currentOf(changes)
      const now = current.get(ideaId)
      const unchanged = now
        ? now.status === status && now.reason === reason && now.mergedInto === mergedInto
        : status === 'open' && reason === null
      if (unchanged) return null
      // Follow the target's merges: reaching this idea would close a circle.
      const seen = new Set<string>()
      for (let at = mergedInto; at !== null && !seen.has(at); ) {
        if (at === ideaId) throw new DomainError(DomainErrorCode.MergeCycle)
        seen.add(at)
        const next = current.get(at)
        at = next?.status === 'merged' ? next.mergedInto : null
      }
      return { ideaId, status, reason, mergedInto, changedById: actorId }
    })
    return stored
  }
}
