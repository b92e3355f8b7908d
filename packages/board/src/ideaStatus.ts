/**
 * What became of an idea after the workshop (issue 20 §2): the statuses facilitators give ideas.
 * Not part of the board document — the server keeps them with their dated history
 * (`idea_status_changes`) — but shared here because the views, the API and the report all name
 * them.
 */
export const IDEA_STATUSES = [
  /** Nothing decided yet (every idea starts here). */
  'open',
  /** Being looked at ("in Prüfung"). */
  'in_review',
  /** Handed over to the administration ("an die Verwaltung übergeben"). */
  'forwarded',
  /** Done ("umgesetzt"). */
  'implemented',
  /** Not done, always with a reason ("nicht umgesetzt"). */
  'not_implemented',
  /** Merged with another idea of the same workshop ("zusammengelegt mit …"). */
  'merged',
] as const
export type IdeaStatus = (typeof IDEA_STATUSES)[number]

/** The longest reason or note a status change may carry. */
export const MAX_STATUS_REASON = 1000

export function isIdeaStatus(value: unknown): value is IdeaStatus {
  return typeof value === 'string' && (IDEA_STATUSES as readonly string[]).includes(value)
}
