/**
 * Workshops for facilitators: create, list, read, edit, archive, delete; invite codes (rotate,
 * enable/disable, QR code); co-facilitators. Only facilitators of a workshop see it at all.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi'
import {
  CofacilitatorInviteResponse,
  GuestRole,
  Retention,
  RetentionSettings,
  Workshop,
  WorkshopDetail,
  WorkshopInput,
  WorkshopPatch,
} from '@ideenwand/protocol'
import type { Context } from 'hono'
import { DomainError, DomainErrorCode } from '../DomainError.ts'
import { ApiError } from '../http/errors.ts'
import type { ApiDeps, ApiEnv } from './deps.ts'
import {
  facilitatorOf,
  IdParam,
  json,
  jsonBody,
  NoContent,
  qrSvgResponse,
  route,
} from './helpers.ts'

const RoleParam = IdParam.extend({ role: GuestRole })

export function workshopRoutes(deps: ApiDeps) {
  const app = new OpenAPIHono<ApiEnv>()
  const joinUrl = (c: Context, code: string) =>
    deps.appUrl(new URL(c.req.url).origin, `/join/${code}`)

  /** The workshop if the signed-in facilitator has it, else 404 (existence is not revealed). */
  async function ownWorkshop(c: Context<ApiEnv>, id: string) {
    const { facilitator } = facilitatorOf(c, id)
    const detail = await deps.workshops.detail(id, facilitator.id, (code) => joinUrl(c, code))
    if (!detail) throw new DomainError(DomainErrorCode.WorkshopNotFound)
    return { facilitator, detail }
  }

  app.openapi(
    route({
      method: 'get',
      path: '/workshops',
      tags: ['workshops'],
      summary: "The signed-in facilitator's workshops",
      request: { query: z.object({ archived: z.enum(['0', '1']).optional() }) },
      responses: { 200: json(z.array(Workshop), 'Workshops, newest first') },
    }),
    async (c) => {
      const { facilitator } = facilitatorOf(c)
      const archived = c.req.valid('query').archived === '1'
      return c.json(await deps.workshops.list(facilitator.id, archived), 200)
    },
  )

  app.openapi(
    route({
      method: 'post',
      path: '/workshops',
      tags: ['workshops'],
      summary: 'Create a workshop with its board and invite codes',
      request: { body: jsonBody(WorkshopInput) },
      responses: { 201: json(WorkshopDetail, 'Created') },
    }),
    async (c) => {
      const { facilitator } = facilitatorOf(c)
      const created = await deps.workshops.create(facilitator.id, c.req.valid('json'), (code) =>
        joinUrl(c, code),
      )
      deps.log.info({ workshop: created.id, board: created.boardId }, 'workshop created')
      return c.json(created, 201)
    },
  )

  app.openapi(
    route({
      method: 'get',
      path: '/workshops/{id}',
      tags: ['workshops'],
      summary: 'One workshop with invites and facilitators',
      request: { params: IdParam },
      responses: { 200: json(WorkshopDetail, 'The workshop') },
    }),
    async (c) => c.json((await ownWorkshop(c, c.req.valid('param').id)).detail, 200),
  )

  app.openapi(
    route({
      method: 'patch',
      path: '/workshops/{id}',
      tags: ['workshops'],
      summary: 'Edit a workshop',
      request: { params: IdParam, body: jsonBody(WorkshopPatch) },
      responses: { 200: json(WorkshopDetail, 'The edited workshop') },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      await ownWorkshop(c, id)
      await deps.workshops.update(id, c.req.valid('json'))
      return c.json((await ownWorkshop(c, id)).detail, 200)
    },
  )

  for (const [path, archived] of [
    ['archive', true],
    ['unarchive', false],
  ] as const) {
    app.openapi(
      route({
        method: 'post',
        path: `/workshops/{id}/${path}`,
        tags: ['workshops'],
        summary: archived
          ? 'Archive: the board becomes read-only for everyone, the codes stop working, and phase, timer, settings, moderation, rounds and votes are refused (409 `workshop_archived`)'
          : 'Bring an archived workshop back',
        request: { params: IdParam },
        responses: { 200: json(WorkshopDetail, 'The workshop') },
      }),
      async (c) => {
        const { id } = c.req.valid('param')
        await ownWorkshop(c, id)
        await deps.workshops.setArchived(id, archived)
        await deps.control.refresh(id)
        return c.json((await ownWorkshop(c, id)).detail, 200)
      },
    )
  }

  app.openapi(
    route({
      method: 'delete',
      path: '/workshops/{id}',
      tags: ['workshops'],
      summary: 'Delete a workshop with its board, guests and all board data (owner only)',
      request: { params: IdParam },
      responses: NoContent,
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const { detail } = await ownWorkshop(c, id)
      if (detail.role !== 'owner') {
        throw new ApiError(403, 'owner_only', 'Only the workshop owner may delete it')
      }
      deps.registry.closeBoard(detail.boardId)
      await deps.rooms.discard(detail.boardId)
      deps.control.forget(id)
      await deps.workshops.delete(id)
      deps.log.info({ workshop: id, board: detail.boardId }, 'workshop deleted')
      return c.body(null, 204)
    },
  )

  app.openapi(
    route({
      method: 'get',
      path: '/workshops/{id}/retention',
      tags: ['workshops'],
      summary: "When guests' names and the whole workshop are deleted",
      request: { params: IdParam },
      responses: { 200: json(Retention, 'Retention settings and the resulting dates') },
    }),
    async (c) => c.json((await ownWorkshop(c, c.req.valid('param').id)).detail.retention, 200),
  )

  app.openapi(
    route({
      method: 'put',
      path: '/workshops/{id}/retention',
      tags: ['workshops'],
      summary:
        "Delete guests' names and/or the whole workshop N days (1–3650) after its end; null keeps them",
      request: { params: IdParam, body: jsonBody(RetentionSettings) },
      responses: { 200: json(Retention, 'The new retention settings and dates') },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const { detail } = await ownWorkshop(c, id)
      const settings = c.req.valid('json')
      // Deleting the workshop is the owner's decision (DELETE is owner-only): a co-facilitator
      // may keep it longer or for good, but not make retention delete it, or delete it sooner.
      const current = detail.retention.workshopDays
      const sooner =
        settings.workshopDays !== null && (current === null || settings.workshopDays < current)
      if (detail.role !== 'owner' && sooner) {
        throw new ApiError(
          403,
          'retention_owner_only',
          'Only the workshop owner may have the workshop deleted by retention, or sooner than now',
        )
      }
      await deps.workshops.retention.set(id, settings)
      deps.log.info({ workshop: id, ...settings }, 'retention set')
      return c.json((await ownWorkshop(c, id)).detail.retention, 200)
    },
  )

  app.openapi(
    route({
      method: 'post',
      path: '/workshops/{id}/invites/{role}/rotate',
      tags: ['invites'],
      summary: 'Replace an invite code; the old one stops working',
      request: { params: RoleParam },
      responses: { 200: json(WorkshopDetail, 'The workshop with the new code') },
    }),
    async (c) => {
      const { id, role } = c.req.valid('param')
      await ownWorkshop(c, id)
      await deps.workshops.rotateCode(id, role)
      return c.json((await ownWorkshop(c, id)).detail, 200)
    },
  )

  app.openapi(
    route({
      method: 'patch',
      path: '/workshops/{id}/invites/{role}',
      tags: ['invites'],
      summary: 'Enable or disable an invite code',
      request: { params: RoleParam, body: jsonBody(z.object({ enabled: z.boolean() })) },
      responses: { 200: json(WorkshopDetail, 'The workshop') },
    }),
    async (c) => {
      const { id, role } = c.req.valid('param')
      await ownWorkshop(c, id)
      await deps.workshops.setCodeEnabled(id, role, c.req.valid('json').enabled)
      return c.json((await ownWorkshop(c, id)).detail, 200)
    },
  )

  app.openapi(
    route({
      method: 'get',
      path: '/workshops/{id}/invites/{role}/qr.svg',
      tags: ['invites'],
      summary: "QR code (SVG) of the invite's join URL",
      request: { params: RoleParam },
      responses: {
        200: { description: 'SVG image', content: { 'image/svg+xml': { schema: z.string() } } },
      },
    }),
    async (c) => {
      const { id, role } = c.req.valid('param')
      const { detail } = await ownWorkshop(c, id)
      const invite = detail.invites.find((i) => i.role === role)
      if (!invite) throw new ApiError(404, 'invite_not_found', 'No such invite')
      return qrSvgResponse(c, invite.joinUrl)
    },
  )

  app.openapi(
    route({
      method: 'post',
      path: '/workshops/{id}/cofacilitators',
      tags: ['workshops'],
      summary: 'Create a one-time link that makes its user a co-facilitator (7 days)',
      request: { params: IdParam },
      responses: { 201: json(CofacilitatorInviteResponse, 'The invitation link') },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const { facilitator } = await ownWorkshop(c, id)
      const { token, expiresAt } = await deps.cofacilitatorInvites.create(id, facilitator.id)
      return c.json(
        {
          inviteUrl: deps.appUrl(new URL(c.req.url).origin, `/invite/${token}`),
          expiresAt: expiresAt.toISOString(),
        },
        201,
      )
    },
  )

  app.openapi(
    route({
      method: 'delete',
      path: '/workshops/{id}/cofacilitators/{facilitatorId}',
      tags: ['workshops'],
      summary: 'Remove a co-facilitator (owner only)',
      request: { params: IdParam.extend({ facilitatorId: z.string().min(1).max(64) }) },
      responses: NoContent,
    }),
    async (c) => {
      const { id, facilitatorId } = c.req.valid('param')
      const { detail } = await ownWorkshop(c, id)
      if (detail.role !== 'owner')
        throw new ApiError(403, 'owner_only', 'Only the owner may do this')
      if (!(await deps.workshops.removeFacilitator(id, facilitatorId))) {
        throw new ApiError(404, 'facilitator_not_found', 'No such co-facilitator')
      }
      deps.registry.closeFacilitatorOnBoard(facilitatorId, detail.boardId)
      return c.body(null, 204)
    },
  )

  return app
}
