/**
 * First-run setup, login, logout, password change and "who am I". Sessions are created and
 * ended here; ending one also closes its WebSocket connections.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi'
import {
  ChangePasswordRequest,
  Facilitator,
  LoginRequest,
  Me,
  SetupRequest,
} from '@ideenwand/protocol'
import type { Context } from 'hono'
import { clearSessionCookie, setSessionCookie } from '../auth/cookies.ts'
import type { SessionSubject } from '../auth/SessionStore.ts'
import { ApiError } from '../http/errors.ts'
import { clientIp } from '../http/rateLimits.ts'
import type { ApiDeps, ApiEnv } from './deps.ts'
import { facilitatorOf, json, jsonBody, NoContent, principalOf, route } from './helpers.ts'

export async function startSession(
  c: Context,
  deps: ApiDeps,
  subject: SessionSubject,
): Promise<void> {
  const { token, session } = await deps.sessions.create(subject)
  setSessionCookie(c, deps.cookies, token, session.expiresAt)
}

/**
 * Checks a facilitator's e-mail and password under the failed-login limit (per e-mail and IP):
 * a slot of the limit is taken *before* the password is verified and given back when it matches,
 * so however many guesses arrive at once, at most `RATE_LIMIT_LOGIN_FAILURES` are verified in a
 * window; the rest, and then even the right password, get 429 until the block ends.
 * Returns the facilitator, or null when e-mail or password is wrong.
 */
export async function verifyLogin(
  c: Context,
  deps: ApiDeps,
  email: string,
  password: string,
): Promise<Facilitator | null> {
  const key = `${email}|${clientIp(c)}`
  await deps.limits.reserve(c, 'loginFailures', key)
  const facilitator = await deps.facilitators.authenticate(email, password)
  if (facilitator) await deps.limits.reset('loginFailures', key)
  return facilitator
}

export function authRoutes(deps: ApiDeps) {
  const app = new OpenAPIHono<ApiEnv>()

  app.openapi(
    route({
      method: 'get',
      path: '/setup',
      tags: ['auth'],
      summary: 'Whether the first facilitator still has to be created',
      responses: { 200: json(z.object({ needed: z.boolean() }), 'Setup state') },
    }),
    async (c) => c.json({ needed: (await deps.facilitators.count()) === 0 }, 200),
  )

  app.openapi(
    route({
      method: 'post',
      path: '/setup',
      tags: ['auth'],
      summary: 'Create the first facilitator (only while none exists)',
      request: { body: jsonBody(SetupRequest) },
      responses: {
        201: json(Facilitator, 'Created and signed in'),
        409: json(z.object({}), 'A facilitator exists already'),
      },
    }),
    async (c) => {
      await deps.limits.consume(c, 'setup', clientIp(c))
      const body = c.req.valid('json')
      const facilitator = await deps.facilitators.createFirst(body)
      if (!facilitator) {
        throw new ApiError(409, 'setup_done', 'Setup is complete; please sign in')
      }
      await startSession(c, deps, { kind: 'facilitator', id: facilitator.id })
      deps.log.info({ facilitator: facilitator.id }, 'first facilitator created')
      return c.json(facilitator, 201)
    },
  )

  app.openapi(
    route({
      method: 'post',
      path: '/auth/login',
      tags: ['auth'],
      summary: 'Sign in as a facilitator',
      request: { body: jsonBody(LoginRequest) },
      responses: { 200: json(Facilitator, 'Signed in') },
    }),
    async (c) => {
      const { email, password } = c.req.valid('json')
      const facilitator = await verifyLogin(c, deps, email, password)
      if (!facilitator) {
        throw new ApiError(401, 'invalid_credentials', 'E-mail or password is wrong')
      }
      await startSession(c, deps, { kind: 'facilitator', id: facilitator.id })
      return c.json(facilitator, 200)
    },
  )

  app.openapi(
    route({
      method: 'post',
      path: '/auth/logout',
      tags: ['auth'],
      summary: 'End this session (its live connections close)',
      responses: NoContent,
    }),
    async (c) => {
      const principal = c.get('principal')
      if (principal) {
        await deps.sessions.invalidate(principal.session.id)
        deps.registry.closeSessions([principal.session.id])
      }
      clearSessionCookie(c, deps.cookies)
      return c.body(null, 204)
    },
  )

  app.openapi(
    route({
      method: 'post',
      path: '/auth/password',
      tags: ['auth'],
      summary: "Change the facilitator's password; ends their other sessions",
      request: { body: jsonBody(ChangePasswordRequest) },
      responses: NoContent,
    }),
    async (c) => {
      const { facilitator, session } = facilitatorOf(c)
      const { currentPassword, newPassword } = c.req.valid('json')
      const key = `${facilitator.email}|${clientIp(c)}`
      // The slot is taken before the check, as for a login (see `verifyLogin`).
      await deps.limits.reserve(c, 'loginFailures', key)
      if (!(await deps.facilitators.changePassword(facilitator.id, currentPassword, newPassword))) {
        throw new ApiError(403, 'invalid_credentials', 'The current password is wrong')
      }
      await deps.limits.refund('loginFailures', key)
      const ended = await deps.sessions.invalidateAll(
        { kind: 'facilitator', id: facilitator.id },
        session.id,
      )
      deps.registry.closeSessions(ended)
      return c.body(null, 204)
    },
  )

  app.openapi(
    route({
      method: 'get',
      path: '/me',
      tags: ['auth'],
      summary: 'The signed-in facilitator or guest',
      responses: { 200: json(Me, 'Who you are') },
    }),
    async (c) => {
      const principal = principalOf(c)
      if (principal.kind === 'facilitator') {
        return c.json({ kind: 'facilitator' as const, facilitator: principal.facilitator }, 200)
      }
      const workshop = await deps.workshops.publicInfo(principal.guest.workshopId)
      if (!workshop) throw new ApiError(404, 'workshop_not_found', 'The workshop no longer exists')
      return c.json({ kind: 'guest' as const, guest: principal.guest, workshop }, 200)
    },
  )

  return app
}
