/**
 * The one place where errors become HTTP responses: `{ "error": { "code", "message" } }`.
 * Routes and middleware (the edge) throw `ApiError`s; the domain throws `DomainError`s, which
 * {@link DOMAIN_HTTP} translates — the only table from domain codes to statuses and texts.
 */
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { routePath } from 'hono/route'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { DomainError, type DomainErrorCode } from '../DomainError.ts'
import type { Logger } from '../logger.ts'
import { BUSY_RETRY_SECONDS } from '../outcome/ImportWorkers.ts'

export class ApiError extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    readonly code: string,
    message: string,
  ) {
    super(status, { message })
  }
}

export function errorBody(code: string, message: string) {
  return { error: { code, message } }
}

/** How a domain refusal is answered: status, text (unless the error brings its own), headers. */
interface HttpAnswer {
  status: ContentfulStatusCode
  message: string
  headers?: Record<string, string>
}

const ARCHIVED =
  'This workshop is archived and cannot be changed; bring it back from the archive first'
const IMPORT = 'The file could not be read as an export'

/** Domain error code → HTTP answer. Import refusals bring their own text (with the figures). */
export const DOMAIN_HTTP: Record<DomainErrorCode, HttpAnswer> = {
  workshop_not_found: { status: 404, message: 'No such workshop' },
  workshop_archived: { status: 409, message: ARCHIVED },
  held_idea_not_found: { status: 404, message: 'No such idea waiting to be published' },
  round_open: { status: 409, message: 'Close the open round first' },
  no_round: { status: 409, message: 'There is no round to reveal' },
  not_a_voter: { status: 403, message: 'Only participants vote' },
  no_open_round: { status: 409, message: 'Voting is not open' },
  wrong_method: { status: 409, message: 'This round decides by another method' },
  invalid_resistance: { status: 400, message: 'Resistance is a whole number from 0 to 10' },
  no_options: { status: 409, message: 'Choose at least one idea or cluster to rate' },
  too_many_options: { status: 409, message: 'Too many options for one resistance round' },
  not_a_supporter: { status: 403, message: 'Only participants support ideas' },
  idea_not_found: { status: 404, message: 'No such public idea on this board' },
  cluster_not_found: { status: 404, message: 'No such cluster in the source workshop' },
  carry_same_workshop: {
    status: 400,
    message: 'Ideas are carried into another workshop, not into the one they come from',
  },
  carry_too_many: { status: 400, message: 'Too many ideas to carry at once' },
  status_reason_required: {
    status: 400,
    message: 'Say why the idea is not implemented (reason is required for not_implemented)',
  },
  invalid_merge_target: {
    status: 400,
    message: 'mergedInto must name another public idea of this workshop, and only with merged',
  },
  merge_cycle: {
    status: 409,
    message: 'That idea is already merged into this one (directly or through others)',
  },
  support_closed: { status: 409, message: 'Ideas can be supported while collecting or sorting' },
  own_idea: { status: 409, message: 'You cannot support your own idea' },
  already_supported: { status: 409, message: 'You support this idea already' },
  not_supported: { status: 409, message: 'You do not support this idea' },
  'budget-exhausted': { status: 409, message: 'All your dots are used' },
  'target-maximum': { status: 409, message: 'This one has the most dots you may give it' },
  'invalid-target': { status: 409, message: 'This cannot be voted on in this round' },
  'no-dot-to-remove': { status: 409, message: 'There is no dot to take back' },
  board_unavailable: { status: 503, message: 'The board was closed' },
  board_not_found: { status: 404, message: 'No such board, or not yours to see' },
  waiting_for_admission: { status: 403, message: 'The facilitator has not admitted you yet' },
  not_a_speaker: { status: 403, message: 'Only participants ask to speak' },
  speaking_request_not_found: { status: 404, message: 'No such request to speak, or not yours' },
  already_speaking: { status: 409, message: 'You are speaking now' },
  speaking_queue_full: { status: 409, message: 'The speaking queue is full' },
  speaking_queue_empty: { status: 409, message: 'Nobody is waiting to speak' },
  nobody_speaking: { status: 409, message: 'Nobody is speaking' },
  speaking_too_fast: {
    status: 429,
    message: 'You changed your request to speak too often; try again in a minute',
    headers: { 'Retry-After': '60' },
  },
  invalid_import: { status: 400, message: IMPORT },
  import_too_deep: { status: 400, message: IMPORT },
  import_too_many_ideas: { status: 413, message: IMPORT },
  import_too_many_entries: { status: 400, message: IMPORT },
  import_overlapping_entries: { status: 400, message: IMPORT },
  import_unpacks_too_large: { status: 413, message: IMPORT },
  import_board_too_large: { status: 413, message: IMPORT },
  import_too_large: { status: 413, message: IMPORT },
  import_timeout: { status: 422, message: IMPORT },
  import_busy: {
    status: 429,
    message: `Other imports are running; try again in ${BUSY_RETRY_SECONDS} s`,
    headers: { 'Retry-After': String(BUSY_RETRY_SECONDS) },
  },
}

/** The HTTP status and body text of a domain refusal. */
export function httpAnswerOf(err: DomainError): { status: ContentfulStatusCode; message: string } {
  const answer = DOMAIN_HTTP[err.code]
  return { status: answer.status, message: err.detail ?? answer.message }
}

export function onError(log: Logger) {
  return (err: Error, c: Context) => {
    if (err instanceof DomainError) {
      const { status, message } = httpAnswerOf(err)
      for (const [name, value] of Object.entries(DOMAIN_HTTP[err.code].headers ?? {})) {
        c.header(name, value)
      }
      return c.json(errorBody(err.code, message), status)
    }
    if (err instanceof ApiError) return c.json(errorBody(err.code, err.message), err.status)
    if (err instanceof HTTPException) {
      return c.json(errorBody(`http_${err.status}`, err.message || 'request failed'), err.status)
    }
    // Postgres cannot store NUL in text (SQLSTATE 22021, 22P05 for untranslatable characters):
    // such input is the client's fault, not the server's.
    const sqlState = (err as { code?: unknown }).code
    if (sqlState === '22021' || sqlState === '22P05') {
      return c.json(errorBody('invalid_request', 'Text must not contain NUL characters'), 400)
    }
    // The route pattern, not the path: paths carry invite tokens and join codes.
    log.error({ err, method: c.req.method, route: routePath(c) }, 'unhandled error')
    return c.json(errorBody('internal_error', 'Internal server error'), 500)
  }
}
