/**
 * The one place the client talks JSON to `/api`: same-origin cookies, JSON bodies, responses
 * parsed with the shared schemas of `@ideenwand/protocol`, and every failure turned into an
 * `ApiError` with the server's error code (or `network` / `bad_response`).
 */
import { ApiErrorBody } from '@ideenwand/protocol'

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Seconds from a 429's Retry-After header. */
    readonly retryAfter: number | null = null,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** What the client needs of a zod schema (the client does not depend on zod directly). */
export interface Schema<T> {
  safeParse(
    value: unknown,
  ): { success: true; data: T } | { success: false; error: { message: string } }
}

async function send(method: Method, path: string, body?: unknown): Promise<Response> {
  let response: Response
  try {
    response = await fetch(`/api${path}`, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  } catch {
    throw new ApiError(0, 'network', 'The server cannot be reached')
  }
  if (response.ok) return response
  let code = 'unknown'
  let message = response.statusText
  try {
    const parsed = ApiErrorBody.safeParse(await response.json())
    if (parsed.success) ({ code, message } = parsed.data.error)
  } catch {
    // Not JSON (a proxy's error page): keep the status text.
  }
  const retry = Number(response.headers.get('retry-after'))
  throw new ApiError(
    response.status,
    code,
    message,
    Number.isFinite(retry) && retry > 0 ? retry : null,
  )
}

/** A request whose JSON response must match `schema`. */
export async function apiJson<T>(
  method: Method,
  path: string,
  schema: Schema<T>,
  body?: unknown,
): Promise<T> {
  const response = await send(method, path, body)
  const parsed = schema.safeParse(await response.json().catch(() => undefined))
  if (!parsed.success) throw new ApiError(response.status, 'bad_response', parsed.error.message)
  return parsed.data
}

/** A request whose response body does not matter (204, or one we do not read). */
export async function apiVoid(method: Method, path: string, body?: unknown): Promise<void> {
  await send(method, path, body)
}
