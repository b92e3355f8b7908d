/**
 * What became of the ideas (issue 20 §2) and the public results page (§3) over HTTP, for the
 * workshop's facilitators only (401 signed out, 403 the workshop's own guests, 404 anyone else):
 * the ideas with their status history, a new status for an idea, and publishing the page at
 * `/ergebnisse/{id}` (off by default; served by `http/publicResults.ts`).
 */
import { OpenAPIHono, z } from '@hono/zod-openapi'
import { ID_PATTERN } from '@ideenwand/board'
import {
  IdeaStatusChange,
  IdeaStatusOverview,
  IdeaStatusRequest,
  ResultsPageInfo,
  ResultsPageSettings,
} from '@ideenwand/protocol'
import type { Context } from 'hono'
import type { StatusChangeRow } from '../workshops/IdeaStatusStore.ts'
import type { ApiDeps, ApiEnv } from './deps.ts'
import { facilitatorGet, IdParam, json, jsonBody, route, workshopFacilitatorOf } from './helpers.ts'

const IdeaParam = IdParam.extend({
  ideaId: z.string().regex(ID_PATTERN, 'not a valid idea id'),
})

const changeOf = (row: StatusChangeRow): IdeaStatusChange => ({
  id: row.id,
  ideaId: row.ideaId,
  status: row.status,
  reason: row.reason,
  mergedInto: row.mergedInto,
  changedAt: row.changedAt,
  changedBy: row.changedBy,
})

/** Where the public results page and its feed are. */
export function resultsPagePath(workshopId: string): string {
  return `/ergebnisse/${encodeURIComponent(workshopId)}`
}

export function statusRoutes(deps: ApiDeps) {
  const app = new OpenAPIHono<ApiEnv>()
  const statuses = deps.outcome.statuses

  const pageInfo = async (c: Context<ApiEnv>, id: string): Promise<ResultsPageInfo> => {
    const origin = new URL(c.req.url).origin
    const path = resultsPagePath(id)
    return {
      published: await statuses.store.isPublished(id),
      url: deps.appUrl(origin, path),
      feedUrl: deps.appUrl(origin, `${path}/feed.atom`),
    }
  }

  facilitatorGet(
    app,
    deps.workshops,
    {
      path: 'idea-status',
      tags: ['status'],
      summary: "The workshop's public ideas and every status change, oldest first (facilitators)",
      schema: IdeaStatusOverview,
      description: 'Ideas and status history',
    },
    async (id) => {
      const [outcome, changes] = await Promise.all([
        deps.outcome.outcome(id, { names: false }),
        statuses.store.changes(id),
      ])
      const ideas = outcome.groups.flatMap((g) =>
        g.ideas.map((i) => ({ id: i.id, text: i.text, clusterTitle: g.cluster?.title ?? null })),
      )
      const shown = new Set(ideas.map((i) => i.id))
      return { ideas, changes: changes.filter((ch) => shown.has(ch.ideaId)).map(changeOf) }
    },
  )

  app.openapi(
    route({
      method: 'post',
      path: '/workshops/{id}/ideas/{ideaId}/status',
      tags: ['status'],
      summary: 'Give a public idea a new status (facilitators); dated, kept in its history',
      description:
        'A stored change publishes a new version of the open data. `reason` is required for `not_implemented` (400 `status_reason_required`); `mergedInto` names another public idea of the workshop, only with `merged` (400 `invalid_merge_target`), and never one merged into this idea (409 `merge_cycle`). An unknown, hidden or pending idea is 404 `idea_not_found`. A change that changes nothing answers 204 and is not stored.',
      request: { params: IdeaParam, body: jsonBody(IdeaStatusRequest) },
      responses: {
        201: json(IdeaStatusChange, 'The stored change'),
        204: { description: 'The idea has this status already; nothing stored' },
      },
    }),
    async (c) => {
      const { id, ideaId } = c.req.valid('param')
      const principal = await workshopFacilitatorOf(c, deps.workshops, id)
      const stored = await statuses.set(id, ideaId, c.req.valid('json'), principal.facilitator.id)
      if (!stored) return c.body(null, 204)
      // Everyone connected sees the new status (the control state's `ideaStatus`).
      await deps.control.statusChanged(id)
      // A new version of the open data carries it (issue 20 §5).
      await deps.outcome.versions.publish(id)
      return c.json(changeOf(stored), 201)
    },
  )

  facilitatorGet(
    app,
    deps.workshops,
    {
      path: 'results-page',
      tags: ['status'],
      summary: 'Whether the public results page is published, and its address (facilitators)',
      schema: ResultsPageInfo,
      description: 'The results page',
    },
    (id, c) => pageInfo(c, id),
  )

  app.openapi(
    route({
      method: 'patch',
      path: '/workshops/{id}/results-page',
      tags: ['status'],
      summary: 'Publish the public results page, or take it down (facilitators)',
      request: { params: IdParam, body: jsonBody(ResultsPageSettings) },
      responses: { 200: json(ResultsPageInfo, 'The results page') },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      await workshopFacilitatorOf(c, deps.workshops, id)
      const { published } = c.req.valid('json')
      await statuses.store.setPublished(id, published)
      // Publishing the page publishes the open data with it (issue 20 §5).
      if (published) await deps.outcome.versions.publish(id)
      return c.json(await pageInfo(c, id), 200)
    },
  )

  return app
}
