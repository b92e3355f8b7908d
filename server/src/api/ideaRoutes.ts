/**
 * Single ideas outside the board over HTTP: facilitators hide, show again and approve ideas
 * (moderation; a hidden idea also leaves every published open-data version), participants
 * support a public idea ("+1") or withdraw their support, and an idea that is not public yet is
 * withdrawn by its author or a facilitator. Every change reaches the board's connections through
 * the ControlService.
 */
import { OpenAPIHono } from '@hono/zod-openapi'
import { ApiError } from '../http/errors.ts'
import type { ApiDeps, ApiEnv } from './deps.ts'
import { ElementId, IdParam, NoContent, route } from './helpers.ts'
import { facilitatorMemberOf, memberOf } from './workshopMember.ts'

const IdeaParam = IdParam.extend({ ideaId: ElementId })

export function ideaRoutes(deps: ApiDeps) {
  const app = new OpenAPIHono<ApiEnv>()

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
        await deps.control.flagIdea(id, ideaId, flag, on, await facilitatorMemberOf(deps, c, id))
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
        await deps.control.support.set(id, ideaId, method === 'post', await memberOf(deps, c, id))
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
      const m = await memberOf(deps, c, id)
      if (m.role === 'viewer') throw new ApiError(403, 'forbidden', 'Viewers cannot change ideas')
      await deps.control.deleteHeld(id, ideaId, m)
      return c.body(null, 204)
    },
  )

  return app
}
