/**
 * The workshop control over HTTP: the control state, phases, the timer, facilitation settings,
 * the participant invite for the projector (code, link, QR code) and the activity log. Every
 * change is pushed to the board's connections by the ControlService. Single ideas (moderation,
 * support) are in ideaRoutes.ts, voting rounds in votingRoutes.ts.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi'
import { PHASES } from '@ideenwand/board'
import { ControlSettings, ControlState } from '@ideenwand/protocol'
import type { Context } from 'hono'
import { ApiError } from '../http/errors.ts'
import type { ApiDeps, ApiEnv } from './deps.ts'
import { IdParam, json, jsonBody, NoContent, qrSvgResponse, route } from './helpers.ts'
import { facilitatorMemberOf, memberOf } from './workshopMember.ts'

const TimerRequest = z.object({
  action: z.enum(['start', 'pause', 'resume', 'reset', 'add']),
  /** For start and add; add may be negative. */
  seconds: z
    .number()
    .int()
    .min(-3600)
    .max(4 * 3600)
    .optional(),
})

const ActivityEntry = z.object({
  at: z.string(),
  actorRole: z.string().nullable(),
  type: z.string(),
  data: z.unknown(),
})

export function controlRoutes(deps: ApiDeps) {
  const app = new OpenAPIHono<ApiEnv>()

  const member = (c: Context<ApiEnv>, workshopId: string) => memberOf(deps, c, workshopId)
  const facilitator = (c: Context<ApiEnv>, workshopId: string) =>
    facilitatorMemberOf(deps, c, workshopId)

  app.openapi(
    route({
      method: 'get',
      path: '/workshops/{id}/state',
      tags: ['control'],
      summary: 'The control state as you may see it (also pushed over the WebSocket)',
      request: { params: IdParam },
      responses: { 200: json(ControlState, 'Phase, timer, round, your ballot') },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      return c.json(await deps.control.stateFor(id, await member(c, id)), 200)
    },
  )

  app.openapi(
    route({
      method: 'post',
      path: '/workshops/{id}/phase',
      tags: ['control'],
      summary: 'Move to a phase (collect, cluster, vote, discuss — back and forth)',
      request: { params: IdParam, body: jsonBody(z.object({ phase: z.enum(PHASES) })) },
      responses: NoContent,
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      await deps.control.setPhase(id, c.req.valid('json').phase, await facilitator(c, id))
      return c.body(null, 204)
    },
  )

  app.openapi(
    route({
      method: 'post',
      path: '/workshops/{id}/timer',
      tags: ['control'],
      summary: 'Start, pause, resume, reset the timer or add time (one clock for everyone)',
      request: { params: IdParam, body: jsonBody(TimerRequest) },
      responses: NoContent,
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const { action, seconds } = c.req.valid('json')
      if ((action === 'start' || action === 'add') && seconds === undefined) {
        throw new ApiError(400, 'invalid_request', `seconds is required to ${action}`)
      }
      if (action === 'start' && (seconds ?? 0) <= 0) {
        throw new ApiError(400, 'invalid_request', 'A timer needs a positive duration')
      }
      await deps.control.timer(id, action, (seconds ?? 0) * 1000, await facilitator(c, id))
      return c.body(null, 204)
    },
  )

  app.openapi(
    route({
      method: 'patch',
      path: '/workshops/{id}/settings',
      tags: ['control'],
      summary:
        'Lock the board, private collection, pre-moderation, anonymity, spotlight, follow me',
      request: { params: IdParam, body: jsonBody(ControlSettings) },
      responses: NoContent,
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const patch = Object.fromEntries(
        Object.entries(c.req.valid('json')).filter(([, v]) => v !== undefined),
      )
      await deps.control.settings(id, patch, await facilitator(c, id))
      return c.body(null, 204)
    },
  )

  /** The participant invite, for the projector and everyone in the workshop. */
  async function participantInvite(c: Context<ApiEnv>, id: string) {
    await member(c, id)
    const invites = await deps.workshops.invites(id, (code) =>
      deps.appUrl(new URL(c.req.url).origin, `/join/${code}`),
    )
    const invite = invites.find((i) => i.role === 'participant')
    if (!invite) throw new ApiError(404, 'invite_not_found', 'No participant invite')
    return invite
  }

  app.openapi(
    route({
      method: 'get',
      path: '/workshops/{id}/join-info',
      tags: ['control'],
      summary: 'The participant code and join URL, for the projector (any member)',
      request: { params: IdParam },
      responses: {
        200: json(
          z.object({ code: z.string(), joinUrl: z.string(), enabled: z.boolean() }),
          'Invite',
        ),
      },
    }),
    async (c) => {
      const { code, joinUrl, enabled } = await participantInvite(c, c.req.valid('param').id)
      return c.json({ code, joinUrl, enabled }, 200)
    },
  )

  app.openapi(
    route({
      method: 'get',
      path: '/workshops/{id}/join-qr.svg',
      tags: ['control'],
      summary: 'QR code (SVG) of the participant join URL (any member)',
      request: { params: IdParam },
      responses: {
        200: { description: 'SVG image', content: { 'image/svg+xml': { schema: z.string() } } },
      },
    }),
    async (c) => {
      const invite = await participantInvite(c, c.req.valid('param').id)
      return qrSvgResponse(c, invite.joinUrl)
    },
  )

  app.openapi(
    route({
      method: 'get',
      path: '/workshops/{id}/activity',
      tags: ['control'],
      summary: 'What happened when (facilitators only)',
      request: { params: IdParam },
      responses: { 200: json(z.array(ActivityEntry), 'Activity, oldest first') },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      await facilitator(c, id)
      return c.json(await deps.control.activity(id), 200)
    },
  )

  return app
}
