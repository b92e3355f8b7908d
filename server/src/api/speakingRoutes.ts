/**
 * The speaking queue over HTTP ("Wortmeldungen", issue 19 §1). Participants ask to speak and
 * withdraw their own request; facilitators call, finish, move, remove, clear and switch
 * "room and home in turn". The queue itself reaches everyone in the control state.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi'
import { ID_PATTERN } from '@ideenwand/board'
import { SpeakingMove, SpeakingRequest, SpeakingSettings } from '@ideenwand/protocol'
import type { Context } from 'hono'
import type { Actor } from '../workshops/ControlService.ts'
import type { ApiDeps, ApiEnv } from './deps.ts'
import { IdParam, json, jsonBody, NoContent, route } from './helpers.ts'
import { facilitatorMemberOf, memberOf } from './workshopMember.ts'

const RequestParam = IdParam.extend({
  requestId: z.string().regex(ID_PATTERN, 'not a valid request id'),
})

export function speakingRoutes(deps: ApiDeps) {
  const app = new OpenAPIHono<ApiEnv>()
  const facilitator = (c: Context<ApiEnv>, workshopId: string) =>
    facilitatorMemberOf(deps, c, workshopId)

  app.openapi(
    route({
      method: 'post',
      path: '/workshops/{id}/speaking',
      tags: ['speaking'],
      summary:
        'Ask to speak from the room or from home (participants; again while waiting: switch the channel)',
      request: { params: IdParam, body: jsonBody(SpeakingRequest) },
      responses: { 200: json(z.object({ id: z.string() }), 'Your request') },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const { channel } = c.req.valid('json')
      const requestId = await deps.control.speaking.request(
        id,
        await memberOf(deps, c, id),
        channel,
      )
      return c.json({ id: requestId }, 200)
    },
  )

  app.openapi(
    route({
      method: 'delete',
      path: '/workshops/{id}/speaking/{requestId}',
      tags: ['speaking'],
      summary:
        'Withdraw your own request, or (facilitators) remove anyone’s; a current speaker’s turn ends',
      request: { params: RequestParam },
      responses: NoContent,
    }),
    async (c) => {
      const { id, requestId } = c.req.valid('param')
      await deps.control.speaking.withdraw(id, requestId, await memberOf(deps, c, id))
      return c.body(null, 204)
    },
  )

  app.openapi(
    route({
      method: 'post',
      path: '/workshops/{id}/speaking/{requestId}/call',
      tags: ['speaking'],
      summary: 'End the current turn and call this person now (facilitators)',
      request: { params: RequestParam },
      responses: NoContent,
    }),
    async (c) => {
      const { id, requestId } = c.req.valid('param')
      await deps.control.speaking.call(id, requestId, await facilitator(c, id))
      return c.body(null, 204)
    },
  )

  app.openapi(
    route({
      method: 'post',
      path: '/workshops/{id}/speaking/{requestId}/move',
      tags: ['speaking'],
      summary: 'Put a waiting request at a place of the call order, 0 = first (facilitators)',
      request: { params: RequestParam, body: jsonBody(SpeakingMove) },
      responses: NoContent,
    }),
    async (c) => {
      const { id, requestId } = c.req.valid('param')
      const { index } = c.req.valid('json')
      await deps.control.speaking.move(id, requestId, index, await facilitator(c, id))
      return c.body(null, 204)
    },
  )

  app.openapi(
    route({
      method: 'patch',
      path: '/workshops/{id}/speaking',
      tags: ['speaking'],
      summary: 'Switch "room and home in turn" on or off (facilitators)',
      request: { params: IdParam, body: jsonBody(SpeakingSettings) },
      responses: NoContent,
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const { alternate } = c.req.valid('json')
      await deps.control.speaking.setAlternate(id, alternate, await facilitator(c, id))
      return c.body(null, 204)
    },
  )

  // The facilitator's actions on the whole queue: no body, no request id.
  for (const [method, path, summary, act] of [
    [
      'post',
      '/workshops/{id}/speaking/next',
      'End the current turn and call the next person in the call order (facilitators)',
      (id: string, actor: Actor) => deps.control.speaking.call(id, null, actor),
    ],
    [
      'post',
      '/workshops/{id}/speaking/finish',
      'End the current turn; its length is recorded (facilitators)',
      (id: string, actor: Actor) => deps.control.speaking.finish(id, actor),
    ],
    [
      'delete',
      '/workshops/{id}/speaking',
      'Clear the queue: everyone waiting is removed, the current turn ends (facilitators)',
      (id: string, actor: Actor) => deps.control.speaking.clear(id, actor),
    ],
  ] as const) {
    app.openapi(
      route({
        method,
        path,
        tags: ['speaking'],
        summary,
        request: { params: IdParam },
        responses: NoContent,
      }),
      async (c) => {
        const { id } = c.req.valid('param')
        await act(id, await facilitator(c, id))
        return c.body(null, 204)
      },
    )
  }

  return app
}
