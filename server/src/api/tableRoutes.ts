/**
 * A table's shared device (issue 19 §2). Facilitators create one for a table ("Tisch 3",
 * 5 people), rename or re-count it, make a new one-time link and end it; opening the link makes
 * that browser the table's guest. The device writes ideas on behalf of the table (the server
 * stamps them, sync/RoomWrites.ts) and votes with the table's people (VotingRounds).
 */
import { OpenAPIHono, z } from '@hono/zod-openapi'
import {
  CloseCode,
  TableClaimRequest,
  TableClaimResponse,
  TableDevice,
  TableDeviceInput,
  TableDeviceLink,
  TableDeviceList,
  TableDevicePatch,
} from '@ideenwand/protocol'
import type { Context } from 'hono'
import QRCode from 'qrcode'
import { ApiError } from '../http/errors.ts'
import { clientIp } from '../http/rateLimits.ts'
import { startSession } from './authRoutes.ts'
import type { ApiDeps, ApiEnv } from './deps.ts'
import { facilitatorGet, IdParam, json, jsonBody, route, workshopFacilitatorOf } from './helpers.ts'

const TableParam = IdParam.extend({ tableId: z.string().min(1).max(64) })
/** Most table devices per workshop: a town hall has a few dozen tables at most. */
const MAX_TABLES = 100

const notFound = () => new ApiError(404, 'table_not_found', 'No such table device')

export function tableRoutes(deps: ApiDeps) {
  const app = new OpenAPIHono<ApiEnv>()

  /** The link and its QR code, shown once to the facilitator. */
  async function linkOf(c: Context, device: TableDevice, token: string) {
    const url = deps.appUrl(new URL(c.req.url).origin, `/tisch/${token}`)
    const qrSvg = await QRCode.toString(url, {
      type: 'svg',
      errorCorrectionLevel: 'M',
      margin: 2,
    })
    return { device, url, qrSvg }
  }

  facilitatorGet(
    app,
    deps.workshops,
    {
      path: 'tables',
      tags: ['tables'],
      summary: 'The table devices of a workshop (facilitators)',
      schema: TableDeviceList,
      description: 'Table devices, oldest first',
    },
    (id) => deps.guests.tables(id),
  )

  app.openapi(
    route({
      method: 'post',
      path: '/workshops/{id}/tables',
      tags: ['tables'],
      summary: 'Mark a table device: label and people; answers a one-time link (facilitators)',
      request: { params: IdParam, body: jsonBody(TableDeviceInput) },
      responses: {
        201: json(TableDeviceLink, 'The device and its link'),
        409: json(z.object({ error: z.object({ code: z.string() }) }), 'Too many tables'),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      await workshopFacilitatorOf(c, deps.workshops, id)
      const input = c.req.valid('json')
      const existing = await deps.guests.tables(id)
      if (existing.length >= MAX_TABLES) {
        throw new ApiError(409, 'too_many_tables', `At most ${MAX_TABLES} table devices`)
      }
      const { device, token } = await deps.guests.createTable(id, input)
      await deps.control.record(id, 'facilitator', 'table-created', { people: input.people })
      return c.json(await linkOf(c, device, token), 201)
    },
  )

  app.openapi(
    route({
      method: 'patch',
      path: '/workshops/{id}/tables/{tableId}',
      tags: ['tables'],
      summary: 'Rename or re-count a table device; it reconnects with them (facilitators)',
      request: { params: TableParam, body: jsonBody(TableDevicePatch) },
      responses: { 200: json(TableDevice, 'The device') },
    }),
    async (c) => {
      const { id, tableId } = c.req.valid('param')
      await workshopFacilitatorOf(c, deps.workshops, id)
      const device = await deps.guests.updateTable(id, tableId, c.req.valid('json'))
      if (!device || device.status === 'ended') throw notFound()
      // Its live connections reconnect and carry the new label and people from then on.
      deps.registry.closeGuest(tableId, CloseCode.TableChanged)
      return c.json(device, 200)
    },
  )

  app.openapi(
    route({
      method: 'post',
      path: '/workshops/{id}/tables/{tableId}/link',
      tags: ['tables'],
      summary:
        'A new one-time link for a table device; the device it was on is signed out (facilitators)',
      request: { params: TableParam },
      responses: { 200: json(TableDeviceLink, 'The new link') },
    }),
    async (c) => {
      const { id, tableId } = c.req.valid('param')
      await workshopFacilitatorOf(c, deps.workshops, id)
      const token = await deps.guests.renewTableLink(id, tableId)
      const device = token ? await deps.guests.table(id, tableId) : null
      if (!token || !device) throw notFound()
      // One browser is the table at a time: the one that had it is signed out.
      await deps.sessions.invalidateAll({ kind: 'guest', id: tableId })
      deps.registry.closeGuest(tableId, CloseCode.SessionEnded)
      return c.json(await linkOf(c, device, token), 200)
    },
  )

  app.openapi(
    route({
      method: 'delete',
      path: '/workshops/{id}/tables/{tableId}',
      tags: ['tables'],
      summary: 'End a table device: signed out, link void; its ideas and dots stay (facilitators)',
      request: { params: TableParam },
      responses: { 200: json(TableDevice, 'The ended device') },
    }),
    async (c) => {
      const { id, tableId } = c.req.valid('param')
      await workshopFacilitatorOf(c, deps.workshops, id)
      const device = await deps.guests.endTable(id, tableId)
      if (!device) throw notFound()
      await deps.control.speaking.guestLeft(id, tableId)
      deps.registry.closeGuest(tableId)
      await deps.sessions.invalidateAll({ kind: 'guest', id: tableId })
      return c.json(device, 200)
    },
  )

  app.openapi(
    route({
      method: 'post',
      path: '/tables/claim',
      tags: ['tables', 'join'],
      summary: "Open a table device's one-time link: this browser becomes the table's device",
      request: { body: jsonBody(TableClaimRequest) },
      responses: { 200: json(TableClaimResponse, 'This browser is the table device now') },
    }),
    async (c) => {
      // Guessing links is limited like guessing codes (per IP), on top of their 120 bits.
      const ip = clientIp(c)
      await deps.limits.reserve(c, 'join', ip)
      const guest = await deps.guests.claimTable(c.req.valid('json').token)
      if (!guest?.table) {
        throw new ApiError(
          404,
          'invalid_table_link',
          'This table link is not valid (any more). Ask the facilitator for a new one.',
        )
      }
      await deps.limits.refund('join', ip)
      // A previous session in this browser (a person's, or a facilitator's) ends here.
      const previous = c.get('principal')
      if (previous) {
        await deps.sessions.invalidate(previous.session.id)
        deps.registry.closeSessions([previous.session.id])
      }
      await startSession(c, deps, { kind: 'guest', id: guest.id })
      await deps.control.record(guest.workshopId, 'participant', 'table-device-opened', {
        people: guest.table.people,
      })
      return c.json(
        { workshopId: guest.workshopId, boardId: guest.boardId, table: guest.table },
        200,
      )
    },
  )

  return app
}
