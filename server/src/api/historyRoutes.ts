/**
 * Versions and restore over HTTP (issue 14 §3), for the workshop's facilitators only: the board's
 * history, restoring the whole board to a point, and undoing one person's changes since a point.
 * Guests (participants and viewers) get 403, strangers 404.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { HistoryPoint } from '../workshops/HistoryService.ts'
import type { ApiDeps, ApiEnv } from './deps.ts'
import { facilitatorGet, IdParam, json, jsonBody, route, workshopFacilitatorOf } from './helpers.ts'

const Sender = z.object({
  kind: z.enum(['guest', 'facilitator', 'system']),
  id: z.string().min(1).max(100).nullable(),
})

const HistoryEntry = z.object({
  id: z.number().int(),
  lastId: z.number().int(),
  at: z.string(),
  until: z.string(),
  sender: Sender.nullable(),
  senderName: z.string().nullable(),
  updates: z.number().int(),
  ideasAdded: z.number().int(),
  ideasDeleted: z.number().int(),
  ideasChanged: z.number().int(),
  clustersChanged: z.number().int(),
  cardsOnly: z.boolean(),
})

/** A point of the history: before a log row (an entry's `id`), or a moment. */
const Point = z
  .object({
    before: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
    at: z.string().datetime({ offset: true }).optional(),
  })
  .refine((p) => (p.before === undefined) !== (p.at === undefined), {
    message: 'give exactly one of before (an entry id) or at (a time)',
  })

const UndoRequest = Point.and(z.object({ sender: Sender }))

const Applied = z.object({
  ideasRestored: z.number().int(),
  ideasRemoved: z.number().int(),
  ideasChanged: z.number().int(),
  clustersChanged: z.number().int(),
  cardsChanged: z.number().int(),
  ideasHeldBack: z.number().int(),
})

function point(p: { before?: number | undefined; at?: string | undefined }): HistoryPoint {
  return p.before !== undefined ? { before: p.before } : { at: new Date(p.at as string) }
}

export function historyRoutes(deps: ApiDeps) {
  const app = new OpenAPIHono<ApiEnv>()

  /** The signed-in facilitator of the workshop: 403 for guests, 404 for other facilitators. */
  async function facilitator(c: Context<ApiEnv>, workshopId: string): Promise<string> {
    return (await workshopFacilitatorOf(c, deps.workshops, workshopId)).facilitator.id
  }

  facilitatorGet(
    app,
    deps.workshops,
    {
      path: 'history',
      tags: ['history'],
      summary: "The board's history: who changed how many ideas when (facilitators only)",
      schema: z.array(HistoryEntry),
      description: 'Entries, newest first',
    },
    (id) => deps.history.list(id),
  )

  app.openapi(
    route({
      method: 'post',
      path: '/workshops/{id}/history/restore',
      tags: ['history'],
      summary:
        'Restore ideas, clusters and their cards to how they were before a point (as new changes)',
      request: { params: IdParam, body: jsonBody(Point) },
      responses: { 200: json(Applied, 'What changed on the board') },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const actor = await facilitator(c, id)
      return c.json(await deps.history.restore(id, point(c.req.valid('json')), actor), 200)
    },
  )

  app.openapi(
    route({
      method: 'post',
      path: '/workshops/{id}/history/undo',
      tags: ['history'],
      summary: "Undo everything one person changed since a point, keeping everyone else's changes",
      request: { params: IdParam, body: jsonBody(UndoRequest) },
      responses: { 200: json(Applied, 'What changed on the board') },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const actor = await facilitator(c, id)
      const body = c.req.valid('json')
      return c.json(await deps.history.undo(id, point(body), body.sender, actor), 200)
    },
  )

  return app
}
