/**
 * Structured JSON logs (pino). Never log document content, tokens or personal data (names,
 * e-mail addresses, IP addresses, idea text). Three safety nets for what slips through anyway:
 * - fields whose name looks secret (password, token, cookie, authorization, secret, …) or
 *   personal (ip, email, displayName) are replaced with `[redacted]` at any depth;
 * - errors are logged with type, message, code and stack only: database drivers attach the
 *   query, its parameters and the offending values (`detail`), which can hold personal data;
 * - the request id of the HTTP request being handled (see http/requestId.ts) is added to every
 *   line logged while handling it, so lines about one request can be found together.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import { pino } from 'pino'

export type Logger = pino.Logger

/** Fields added to every log line written inside `logContext.run(fields, …)`. */
export const logContext = new AsyncLocalStorage<Record<string, unknown>>()

const SECRET_KEY = /pass(word|wd)?|token|cookie|authori[sz]ation|secret|api[-_]?key|ticket/i
/** Durations, counts and sizes are not secrets, whatever they are named after (`WS_TICKET_TTL_SECONDS`). */
const QUANTITY_KEY = /(ttl|seconds|ms|minutes|hours|days|count|length|bytes|size)$/i
/** Personal data by field name: addresses, e-mail, display names. */
const PERSONAL_KEY = /^(ip|ips|client_?ip|remote_?address|e_?mail|display_?name)$/i
const REDACTED = '[redacted]'
const MAX_DEPTH = 6

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'ideenwand' },
    // A copy: pino merges the line's fields into the object the mixin returns.
    mixin: () => ({ ...logContext.getStore() }),
    formatters: { log: (object) => redact(object, 0) as Record<string, unknown> },
    serializers: { err: serializeError, error: serializeError },
  }
  return destination ? pino(options, destination) : pino(options)
}

/** A copy of plain objects and arrays with secret-looking fields replaced. */
function redact(value: unknown, depth: number): unknown {
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1))
  const proto = Object.getPrototypeOf(value)
  if (proto !== Object.prototype && proto !== null) return value // errors, buffers, dates
  const out: Record<string, unknown> = {}
  for (const [key, v] of Object.entries(value)) {
    const secret = SECRET_KEY.test(key) && !QUANTITY_KEY.test(key) && typeof v !== 'number'
    const hidden =
      (secret || PERSONAL_KEY.test(key)) && v !== undefined && v !== null && !isUnsetMarker(v)
    out[key] = hidden ? REDACTED : redact(v, depth + 1)
  }
  return out
}

/** The start-up configuration line says "(unset)" for a setting nobody set: nothing to hide. */
function isUnsetMarker(value: unknown): boolean {
  return value === '(unset)'
}

interface SerializedError {
  type: string
  message: string
  code?: string
  stack?: string
  cause?: SerializedError
}

/** Type, message, code and stack; never the driver's `query`, `parameters` or `detail`. */
export function serializeError(err: unknown, depth = 0): SerializedError | unknown {
  if (!(err instanceof Error)) return err
  const code = (err as { code?: unknown }).code
  const out: SerializedError = {
    type: err.constructor?.name ?? err.name,
    message: err.message,
    ...(typeof code === 'string' || typeof code === 'number' ? { code: String(code) } : {}),
    ...(err.stack ? { stack: err.stack } : {}),
  }
  if (err.cause instanceof Error && depth < 3) {
    out.cause = serializeError(err.cause, depth + 1) as SerializedError
  }
  return out
}
