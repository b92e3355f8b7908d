/**
 * Small shared pieces of the API routes: principals, JSON responses, OpenAPI route helpers, and
 * the facilitator-only read route (`facilitatorGet`).
 */
import { createRoute, type OpenAPIHono, type RouteConfig, z } from '@hono/zod-openapi'
import { ID_PATTERN } from '@ideenwand/board'
import { ApiErrorBody } from '@ideenwand/protocol'
import type { Context } from 'hono'
import QRCode from 'qrcode'
import type { Principal } from '../auth/Access.ts'
import { DomainError, DomainErrorCode } from '../DomainError.ts'
import { ApiError } from '../http/errors.ts'
import type { WorkshopStore } from '../workshops/WorkshopStore.ts'
import type { ApiEnv } from './deps.ts'

export function principalOf(c: Context<ApiEnv>): Principal {
  const principal = c.get('principal')
  if (!principal) throw new ApiError(401, 'unauthorized', 'Please sign in or join a workshop')
  return principal
}

/**
 * The signed-in facilitator: 401 signed out, 403 for guests. With `workshopId`, a guest of
 * another workshop gets 404 instead (whether that workshop exists is not revealed to them).
 */
export function facilitatorOf(
  c: Context<ApiEnv>,
  workshopId?: string,
): Extract<Principal, { kind: 'facilitator' }> {
  const principal = principalOf(c)
  if (principal.kind === 'guest') {
    if (workshopId !== undefined && principal.guest.workshopId !== workshopId) {
      throw new DomainError(DomainErrorCode.WorkshopNotFound)
    }
    throw new ApiError(403, 'forbidden', 'Only facilitators may do this')
  }
  return principal
}

/**
 * The signed-in facilitator, if they facilitate workshop `id`: 401 signed out, 403 for the
 * workshop's own guests, 404 for anyone else (other facilitators and other workshops' guests:
 * a workshop's existence is not revealed to them).
 */
export async function workshopFacilitatorOf(
  c: Context<ApiEnv>,
  workshops: Pick<WorkshopStore, 'facilitatorRole'>,
  id: string,
): Promise<Extract<Principal, { kind: 'facilitator' }>> {
  const principal = facilitatorOf(c, id)
  if (!(await workshops.facilitatorRole(id, principal.facilitator.id))) {
    throw new DomainError(DomainErrorCode.WorkshopNotFound)
  }
  return principal
}

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: ApiErrorBody } },
})

/** Error responses every route may give, for the OpenAPI document. */
export const COMMON_ERRORS = {
  400: errorResponse('Invalid request'),
  401: errorResponse('Not signed in'),
  403: errorResponse('Not allowed, or a cross-site request'),
  404: errorResponse('Not found'),
  429: errorResponse('Too many requests'),
} as const

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
})

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
})

/** `createRoute` with the common error responses added. */
export function route<R extends RouteConfig>(config: R) {
  return createRoute({ ...config, responses: { ...COMMON_ERRORS, ...config.responses } })
}

export const NoContent = { 204: { description: 'Done' } } as const

export const IdParam = z.object({ id: z.string().min(1).max(64) })

/**
 * An idea or cluster id as the board allows it (`ID_PATTERN`): never a name of
 * `Object.prototype` such as `__proto__` or `constructor`, which would reach the prototype where
 * ids key an object (400 instead of a 500 deep inside).
 */
export const ElementId = z.string().regex(ID_PATTERN, 'not a valid idea or cluster id')

/** A join URL as a QR code (SVG), the same for the facilitator page, handout and projector. */
export async function qrSvgResponse(c: Context, url: string): Promise<Response> {
  const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })
  c.header('Cache-Control', 'private, no-cache')
  return c.body(svg, 200, { 'Content-Type': 'image/svg+xml; charset=utf-8' })
}

/** What `facilitatorGet` documents: the path under `/workshops/{id}/` and the JSON answer. */
export interface FacilitatorGetConfig<S extends z.ZodType> {
  path: string
  tags: string[]
  summary: string
  schema: S
  description: string
}

/**
 * Registers `GET /workshops/{id}/<path>` for the workshop's facilitators only
 * (`workshopFacilitatorOf`: 401 signed out, 403 the workshop's own guests, 404 anyone else),
 * answering what `load` returns as JSON with 200 — the many read routes that are only that.
 *
 * @example
 * facilitatorGet(app, deps.workshops, {
 *   path: 'tables', tags: ['tables'], summary: 'The table devices of a workshop (facilitators)',
 *   schema: TableDeviceList, description: 'Table devices, oldest first',
 * }, (id) => deps.guests.tables(id))
 */
export function facilitatorGet<S extends z.ZodType>(
  app: OpenAPIHono<ApiEnv>,
  workshops: Pick<WorkshopStore, 'facilitatorRole'>,
  config: FacilitatorGetConfig<S>,
  load: (id: string, c: Context<ApiEnv>) => Promise<z.input<S>>,
): void {
  app.openapi(
    route({
      method: 'get',
      path: `/workshops/{id}/${config.path}`,
      tags: config.tags,
      summary: config.summary,
      request: { params: IdParam },
      responses: { 200: json(config.schema, config.description) },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      await workshopFacilitatorOf(c, workshops, id)
      return c.json(await load(id, c), 200)
    },
  )
}
