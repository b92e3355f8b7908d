/**
 * The JSON API under /api: body limit, session loading, the route groups, the OpenAPI 3.1
 * document at /api/openapi.json, and JSON errors for validation failures and unknown paths.
 */
import { OpenAPIHono } from '@hono/zod-openapi'
import { bodyLimit } from 'hono/body-limit'
import { readSessionCookie } from '../auth/cookies.ts'
import { ApiError } from '../http/errors.ts'
import { authRoutes } from './authRoutes.ts'
import { carryRoutes } from './carryRoutes.ts'
import { controlRoutes } from './controlRoutes.ts'
import type { ApiDeps, ApiEnv } from './deps.ts'
import { guestRoutes } from './guestRoutes.ts'
import { historyRoutes } from './historyRoutes.ts'
import { ideaRoutes } from './ideaRoutes.ts'
import { outcomeImportRoute, outcomeRoutes } from './outcomeRoutes.ts'
import { speakingRoutes } from './speakingRoutes.ts'
import { statusRoutes } from './statusRoutes.ts'
import { tableRoutes } from './tableRoutes.ts'
import { votingRoutes } from './votingRoutes.ts'
import { workshopRoutes } from './workshopRoutes.ts'

/** Largest accepted JSON body (the import of a workshop export will raise it for its route). */
const MAX_BODY_BYTES = 64 * 1024

export function createApi(deps: ApiDeps) {
  const api = new OpenAPIHono<ApiEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const issues = result.error.issues
          .slice(0, 5)
          .map((i) => `${i.path.join('.') || 'body'}: ${i.message}`)
          .join('; ')
        throw new ApiError(400, 'invalid_request', issues)
      }
    },
  })
  api.route('/', outcomeImportRoute(deps)) // before the body limit: imports take up to 20 MB
  api.use(
    '*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new ApiError(
          413,
          'body_too_large',
          `Request bodies are limited to ${MAX_BODY_BYTES} bytes`,
        )
      },
    }),
  )
  api.use('*', async (c, next) => {
    c.set('principal', await deps.access.principal(readSessionCookie(c, deps.cookies)))
    await next()
  })
  api.route('/', authRoutes(deps))
  api.route('/', workshopRoutes(deps))
  api.route('/', guestRoutes(deps))
  api.route('/', controlRoutes(deps))
  api.route('/', ideaRoutes(deps))
  api.route('/', votingRoutes(deps))
  api.route('/', speakingRoutes(deps))
  api.route('/', tableRoutes(deps))
  api.route('/', historyRoutes(deps))
  api.route('/', outcomeRoutes(deps))
  api.route('/', statusRoutes(deps))
  api.route('/', carryRoutes(deps))
  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Ideenwand API',
      version: '1',
      description:
        'JSON API of Ideenwand. Sessions are HttpOnly cookies; state-changing requests from browsers must be same-origin. Errors are `{ "error": { "code", "message" } }`.',
    },
  })
  api.all('*', () => {
    throw new ApiError(404, 'not_found', 'No such API route')
  })
  return api
}
