/**
 * What became of an idea (issue 20 §2) and the public results page (§3) over the API. Statuses
 * are set by the workshop's facilitators only; each change is kept with its date, so the report,
 * the open data and the public page can show the history. Who made a change is told to the
 * workshop's facilitators only — never on the public page or in its feed.
 */
import { ID_PATTERN, IDEA_STATUSES, MAX_STATUS_REASON } from '@ideenwand/board'
import { z } from 'zod'

export const IdeaStatus = z.enum(IDEA_STATUSES, {
  error: `status must be one of ${IDEA_STATUSES.join(', ')}`,
})
export type IdeaStatus = z.infer<typeof IdeaStatus>

/**
 * `POST /api/workshops/{id}/ideas/{ideaId}/status`: a new status. `reason` is required for
 * `not_implemented` (a note otherwise); `mergedInto` names the idea of the same workshop that
 * this one was merged with, and only with `merged`.
 */
export const IdeaStatusRequest = z.object({
  status: IdeaStatus,
  reason: z.string().trim().max(MAX_STATUS_REASON).nullish(),
  mergedInto: z.string().regex(ID_PATTERN, 'not a valid idea id').nullish(),
})
export type IdeaStatusRequest = z.input<typeof IdeaStatusRequest>

/** One status change. */
export const IdeaStatusChange = z.object({
  /** Increasing per server; the order of the changes. */
  id: z.number(),
  ideaId: z.string(),
  status: IdeaStatus,
  reason: z.string().nullable(),
  mergedInto: z.string().nullable(),
  /** ms since the epoch. */
  changedAt: z.number(),
  /** The facilitator's name (facilitators' view only; null when the account is gone). */
  changedBy: z.string().nullable(),
})
export type IdeaStatusChange = z.infer<typeof IdeaStatusChange>

/** A public idea of the workshop as the facilitators' status list shows it. */
export const StatusIdea = z.object({
  id: z.string(),
  text: z.string(),
  clusterTitle: z.string().nullable(),
})
export type StatusIdea = z.infer<typeof StatusIdea>

/** `GET /api/workshops/{id}/idea-status` (facilitators). */
export const IdeaStatusOverview = z.object({
  /** The public ideas, by cluster as in the report. */
  ideas: z.array(StatusIdea),
  /** Every change, oldest first; an idea's current status is its last change (none: `open`). */
  changes: z.array(IdeaStatusChange),
})
export type IdeaStatusOverview = z.infer<typeof IdeaStatusOverview>

/** `GET`/`PATCH /api/workshops/{id}/results-page`: the public results page (opt-in). */
export const ResultsPageSettings = z.object({
  published: z.boolean(),
})
export const ResultsPageInfo = ResultsPageSettings.extend({
  /** Where the page is (also while not published: it answers 404 then). */
  url: z.string(),
  /** Its Atom feed of status changes. */
  feedUrl: z.string(),
})
export type ResultsPageInfo = z.infer<typeof ResultsPageInfo>

/** One published version of the open data (issue 20 §5) with its changelog entries. */
export const OpenDataVersionInfo = z.object({
  number: z.number().int(),
  /** When it was published (ms since the epoch). */
  created: z.number().int(),
  changes: z.array(
    z.object({ change: z.string(), itemId: z.string().nullable(), detail: z.string() }),
  ),
})
export type OpenDataVersionInfo = z.infer<typeof OpenDataVersionInfo>

/** `GET /api/workshops/{id}/open-data-versions`. */
export const OpenDataVersionList = z.object({
  /** Newest first. */
  versions: z.array(OpenDataVersionInfo),
  /** The public open-data address (answers while the results page is published). */
  url: z.string(),
  published: z.boolean(),
})
export type OpenDataVersionList = z.infer<typeof OpenDataVersionList>
