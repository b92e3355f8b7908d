/** The one place where errors become HTTP responses: `{ "error": { "code", "message" } }`. */
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { routePath } from 'hono/route'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { Logger } from '../logger.ts'

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

export function onError(log: Logger) {
  return (err: Error, c: Context) => {
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
