/**
 * Carrying ideas into another workshop (issue 20 §1, "Workshop series") over HTTP, for
 * facilitators only: what a workshop offers to carry (its public ideas by cluster, with the dots
 * of its latest revealed round), and the carry itself into a target workshop. The caller must
 * facilitate both workshops; any other gets 404 as on every facilitator route.
 */
import { OpenAPIHono } from '@hono/zod-openapi'
import { CarryCandidates, CarryRequest, CarryResult, MAX_CARRY_IDEAS } from '@ideenwand/protocol'
import type { ApiDeps, ApiEnv } from './deps.ts'
import { facilitatorGet, IdParam, json, jsonBody, route, workshopFacilitatorOf } from './helpers.ts'

export function carryRoutes(deps: ApiDeps) {
  const app = new OpenAPIHono<ApiEnv>()
  const carrying = deps.outcome.carrying

  facilitatorGet(
    app,
    deps.workshops,
    {
      path: 'carry-candidates',
      tags: ['series'],
      summary:
        "A workshop's public ideas by cluster with the dots and rank of its latest revealed round, to carry into another workshop (facilitators)",
      schema: CarryCandidates,
      description: 'What can be carried',
    },
    (id) => carrying.candidates(id),
  )

  app.openapi(
    route({
      method: 'post',
      path: '/workshops/{id}/carry',
      tags: ['series'],
      summary:
        'Carry public ideas and whole clusters of another workshop into this one (facilitators of both)',
      description: `\`id\` is the target. The caller must facilitate both workshops (404 \`workshop_not_found\` otherwise, also for the workshop's own guests on the source). Each carried idea is a new idea in the target — text and colour, never its author or source — with \`carriedFrom\` (source workshop id, title and date, the idea's id there, its dots and rank in the source's latest revealed dot round on ideas, and when it was carried), written by the server only. A cluster comes as a cluster of the same title and colour (one of that title in the target takes the ideas) with its public ideas; single ideas land unsorted. Hidden, pending or unknown ideas are 404 \`idea_not_found\`, unknown clusters 404 \`cluster_not_found\`; carrying into the source itself is 400 \`carry_same_workshop\`, more than ${MAX_CARRY_IDEAS} ideas 400 \`carry_too_many\`, an archived target 409. A source idea the target has carried before is skipped (listed in \`skipped\`), never carried twice. Connected clients of the target see the ideas at once; they are stored before the answer, and the target's open data gets a new version.`,
      request: { params: IdParam, body: jsonBody(CarryRequest) },
      responses: { 200: json(CarryResult, 'What was carried and skipped') },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const body = c.req.valid('json')
      const principal = await workshopFacilitatorOf(c, deps.workshops, id)
      await workshopFacilitatorOf(c, deps.workshops, body.fromWorkshopId)
      const result = await carrying.carry(
        id,
        {
          fromWorkshopId: body.fromWorkshopId,
          ideaIds: body.ideaIds ?? [],
          clusterIds: body.clusterIds ?? [],
        },
        principal.facilitator.id,
      )
      // The target's open data gets a new version with the carried ideas (issue 20 §5).
      if (result.carried.length > 0) await deps.outcome.versions.publish(id)
      return c.json(result, 200)
    },
  )

  return app
}
