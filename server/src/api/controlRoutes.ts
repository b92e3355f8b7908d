/**
 * The workshop control over HTTP: the control state, phases, timer, facilitation settings,
 * hiding and pre-moderation of ideas, voting rounds, dots and the activity log. Every change is
 * pushed to the board's connections by the ControlService.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi'
import { ID_PATTERN, PHASES, RESISTANCE_MAX, RESISTANCE_MIN, topTargets } from '@ideenwand/board'
import {
  ControlSettings,
  ControlState,
  RevealedRound,
  RoundInfo,
  RoundMethod,
} from '@ideenwand/protocol'
import type { Context } from 'hono'
import { ApiError } from '../http/errors.ts'
import type { ApiDeps, ApiEnv } from './deps.ts'
import { IdParam, json, jsonBody, NoContent, qrSvgResponse, route } from './helpers.ts'
import { facilitatorMemberOf, memberOf } from './workshopMember.ts'

/**
 * An idea or cluster id as the board allows it (`ID_PATTERN`): never a name of
 * `Object.prototype` such as `__proto__` or `constructor`, which would reach the prototype where
 * ids key an object (400 instead of a 500 deep inside).
 */
const ElementId = z.string().regex(ID_PATTERN, 'not a valid idea or cluster id')

const IdeaParam = IdParam.extend({ ideaId: ElementId })

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

const RoundRequest = z.object({
  /** Dots (default) or resistance 0–10 per option ("Systemisches Konsensieren"). */
  method: RoundMethod.default('dots'),
  targetKind: z.enum(['idea', 'cluster']).default('idea'),
  /** Only these targets; or take them from an earlier round's top results. */
  targetIds: z.array(ElementId).min(1).max(500).optional(),
  fromRound: z
    .object({ number: z.number().int().min(1), top: z.number().int().min(1).max(100) })
    .optional(),
  /** Required for dot rounds; a resistance round ignores it. */
  dotsPerPerson: z.number().int().min(1).max(100).optional(),
  maxPerTarget: z.number().int().min(1).max(100).optional(),
  durationSeconds: z
    .number()
    .int()
    .min(1)
    .max(4 * 3600)
    .optional(),
})

const VoteRequest = z.object({
  targetId: ElementId,
  delta: z.union([z.literal(1), z.literal(-1)]),
})
const RatingRequest = z.object({
  targetId: ElementId,
  resistance: z.number().int().min(RESISTANCE_MIN).max(RESISTANCE_MAX),
})
const MyBallot = z.object({
  votes: z.record(z.string(), z.number()),
  remaining: z.number(),
  /** Table devices only: their own cap per target (the round's × people). */
  maxPerTarget: z.number().optional(),
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

  for (const [action, flag, on] of [
    ['hide', 'hidden', true],
    ['unhide', 'hidden', false],
    ['approve', 'pending', false],
  ] as const) {
    app.openapi(
      route({
        method: 'post',
        path: `/workshops/{id}/ideas/{ideaId}/${action}`,
        tags: ['control'],
        summary:
          action === 'approve'
            ? 'Approve a pre-moderated idea'
            : action === 'hide'
              ? 'Hide an idea (kept for the record; it leaves every published open-data version)'
              : 'Show an idea again',
        request: { params: IdeaParam },
        responses: NoContent,
      }),
      async (c) => {
        const { id, ideaId } = c.req.valid('param')
        await deps.control.flagIdea(id, ideaId, flag, on, await facilitator(c, id))
        // Moderation reaches what was published: a hidden idea leaves every version of the open
        // data, not only the next one (issue 20 §5). Shown again, it is in the next version.
        if (action === 'hide') await deps.outcome.versions.forgetIdeas(id, [ideaId])
        return c.body(null, 204)
      },
    )
  }

  for (const method of ['post', 'delete'] as const) {
    app.openapi(
      route({
        method,
        path: '/workshops/{id}/ideas/{ideaId}/support',
        tags: ['control'],
        summary:
          method === 'post'
            ? 'Support a public idea ("+1"; participants, not their own, while collecting or sorting)'
            : 'Withdraw your support of an idea',
        request: { params: IdeaParam },
        responses: NoContent,
      }),
      async (c) => {
        const { id, ideaId } = c.req.valid('param')
        await deps.control.support.set(id, ideaId, method === 'post', await member(c, id))
        return c.body(null, 204)
      },
    )
  }

  app.openapi(
    route({
      method: 'delete',
      path: '/workshops/{id}/held-ideas/{ideaId}',
      tags: ['control'],
      summary:
        'Withdraw an idea that is not public yet (pending, hidden or private): its author or a facilitator',
      request: { params: IdeaParam },
      responses: NoContent,
    }),
    async (c) => {
      const { id, ideaId } = c.req.valid('param')
      const m = await member(c, id)
      if (m.role === 'viewer') throw new ApiError(403, 'forbidden', 'Viewers cannot change ideas')
      await deps.control.deleteHeld(id, ideaId, m)
      return c.body(null, 204)
    },
  )

  app.openapi(
    route({
      method: 'post',
      path: '/workshops/{id}/rounds',
      tags: ['voting'],
      summary:
        'Start a voting round — dots, or resistance 0–10 per option with the passive solution (moves to the vote phase)',
      request: { params: IdParam, body: jsonBody(RoundRequest) },
      responses: { 201: json(RoundInfo, 'The open round') },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const actor = await facilitator(c, id)
      const body = c.req.valid('json')
      if (body.method === 'dots' && body.dotsPerPerson === undefined) {
        throw new ApiError(400, 'invalid_request', 'dotsPerPerson is required for a dot round')
      }
      const dotsPerPerson = body.dotsPerPerson ?? RESISTANCE_MAX
      let targetIds = body.targetIds ?? null
      if (body.fromRound) {
        const { history } = await deps.control.stateFor(id, {
          ...actor,
          name: null,
          canWrite: true,
        })
        const earlier = history.find((r) => r.number === body.fromRound?.number)
        if (!earlier)
          throw new ApiError(404, 'round_not_found', 'No revealed round with that number')
        if (earlier.method !== 'dots') {
          throw new ApiError(409, 'wrong_method', 'Only the best of a dot round start a new round')
        }
        targetIds = topTargets(earlier.results, body.fromRound.top)
        if (targetIds.length === 0) throw new ApiError(409, 'no_votes', 'That round had no votes')
      }
      const round = await deps.control.startRound(
        id,
        {
          method: body.method,
          targetKind: body.fromRound ? 'idea' : body.targetKind,
          targetIds,
          dotsPerPerson,
          maxPerTarget: body.maxPerTarget ?? dotsPerPerson,
          durationMs: body.durationSeconds ? body.durationSeconds * 1000 : null,
        },
        actor,
      )
      return c.json(round, 201)
    },
  )

  for (const action of ['close', 'reveal'] as const) {
    app.openapi(
      route({
        method: 'post',
        path: `/workshops/{id}/rounds/current/${action}`,
        tags: ['voting'],
        summary: action === 'close' ? 'Stop accepting dots' : 'Reveal the ranking to everyone',
        request: { params: IdParam },
        responses: NoContent,
      }),
      async (c) => {
        const { id } = c.req.valid('param')
        const actor = await facilitator(c, id)
        if (action === 'close') await deps.control.closeRound(id, actor)
        else await deps.control.reveal(id, actor)
        return c.body(null, 204)
      },
    )
  }

  app.openapi(
    route({
      method: 'post',
      path: '/workshops/{id}/votes',
      tags: ['voting'],
      summary: 'Place (+1) or take back (-1) one dot; decided by the server within your budget',
      request: { params: IdParam, body: jsonBody(VoteRequest) },
      responses: { 200: json(MyBallot, 'Your ballot'), 409: json(z.object({}), 'Not allowed now') },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const { targetId, delta } = c.req.valid('json')
      return c.json(await deps.control.vote(id, targetId, delta, await member(c, id)), 200)
    },
  )

  app.openapi(
    route({
      method: 'post',
      path: '/workshops/{id}/resistance',
      tags: ['voting'],
      summary:
        'Rate an option of the open resistance round 0–10 (participants; changeable until it closes)',
      request: { params: IdParam, body: jsonBody(RatingRequest) },
      responses: {
        200: json(MyBallot, 'Your ratings; remaining = options not rated yet'),
        409: json(z.object({}), 'Not allowed now'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const { targetId, resistance } = c.req.valid('json')
      return c.json(await deps.control.rate(id, targetId, resistance, await member(c, id)), 200)
    },
  )

  app.openapi(
    route({
      method: 'get',
      path: '/workshops/{id}/rounds',
      tags: ['voting'],
      summary: 'Revealed rounds with their rankings',
      request: { params: IdParam },
      responses: { 200: json(z.array(RevealedRound), 'History') },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      return c.json((await deps.control.stateFor(id, await member(c, id))).history, 200)
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
