/**
 * Voting rounds over HTTP: facilitators start a round (dots, or resistance 0–10 per option with
 * the passive solution; its targets chosen or taken from an earlier round's best), close it and
 * reveal it; participants place and take back dots or rate options; everyone reads the revealed
 * rounds. The rules are VotingRounds'; ballots stay secret (each caller gets only their own).
 */
import { OpenAPIHono, z } from '@hono/zod-openapi'
import { RESISTANCE_MAX, RESISTANCE_MIN, topTargets } from '@ideenwand/board'
import { RevealedRound, RoundInfo, RoundMethod } from '@ideenwand/protocol'
import { ApiError } from '../http/errors.ts'
import type { ApiDeps, ApiEnv } from './deps.ts'
import { ElementId, IdParam, json, jsonBody, NoContent, route } from './helpers.ts'
import { facilitatorMemberOf, memberOf } from './workshopMember.ts'

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

export function votingRoutes(deps: ApiDeps) {
  const app = new OpenAPIHono<ApiEnv>()

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
      const actor = await facilitatorMemberOf(deps, c, id)
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
        const actor = await facilitatorMemberOf(deps, c, id)
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
      return c.json(await deps.control.vote(id, targetId, delta, await memberOf(deps, c, id)), 200)
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
      return c.json(
        await deps.control.rate(id, targetId, resistance, await memberOf(deps, c, id)),
        200,
      )
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
      return c.json((await deps.control.stateFor(id, await memberOf(deps, c, id))).history, 200)
    },
  )

  return app
}
