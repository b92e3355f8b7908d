/**
 * Joining by code, the lobby and participant management, board access for the client, tickets
 * for non-browser WebSocket clients, and accepting a co-facilitator invitation.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi'
import {
  AcceptInviteRequest,
  BoardAccess,
  CloseCode,
  Facilitator,
  Guest,
  GuestPatch,
  JoinFunnel,
  JoinPreview,
  JoinPreviewQuery,
  JoinRequest,
  JoinResponse,
  TicketResponse,
} from '@ideenwand/protocol'
import type { Context } from 'hono'
import { clearSessionCookie } from '../auth/cookies.ts'
import { normaliseInviteCode } from '../auth/inviteCodes.ts'
import { DomainError } from '../DomainError.ts'
import { ApiError } from '../http/errors.ts'
import { clientIp } from '../http/rateLimits.ts'
import { receiptPath } from '../http/receiptPage.ts'
import { startSession, verifyLogin } from './authRoutes.ts'
import type { ApiDeps, ApiEnv } from './deps.ts'
import {
  facilitatorGet,
  IdParam,
  json,
  jsonBody,
  principalOf,
  route,
  workshopFacilitatorOf,
} from './helpers.ts'

const CodeParam = z.object({ code: z.string().min(1).max(20) })
const TokenParam = z.object({ token: z.string().min(1).max(64) })
const BoardParam = z.object({ boardId: z.string().min(1).max(64) })

export function guestRoutes(deps: ApiDeps) {
  const app = new OpenAPIHono<ApiEnv>()

  /**
   * The workshop behind a code. Guessing is limited per IP (`join`): a slot is taken before the
   * look-up, so parallel guesses cannot slip past, and given back when the code is valid — so a
   * flood of joins into one workshop (limited on its own, `joinWorkshop`) leaves the joins of
   * other workshops from the same address alone.
   */
  async function workshopByCode(c: Context<ApiEnv>, raw: string) {
    const ip = clientIp(c)
    await deps.limits.reserve(c, 'join', ip)
    const code = normaliseInviteCode(raw)
    const found = code ? await deps.workshops.findByCode(code) : null
    if (!found) {
      throw new ApiError(404, 'invalid_code', 'This code is not valid (any more). Please check it.')
    }
    await deps.limits.refund('join', ip)
    return found
  }

  app.openapi(
    route({
      method: 'get',
      path: '/join/{code}',
      tags: ['join'],
      summary: 'What a code leads to, before joining',
      request: { params: CodeParam, query: JoinPreviewQuery },
      responses: { 200: json(JoinPreview, 'The workshop behind the code') },
    }),
    async (c) => {
      const found = await workshopByCode(c, c.req.valid('param').code)
      // The join page says where it runs the first time a browser opens a code (join funnel);
      // viewer codes (the projector) are not counted.
      const { channel } = c.req.valid('query')
      if (channel && found.role === 'participant') {
        await deps.funnel.opened(found.workshopId, channel)
      }
      const { title, date, place, language, role } = found
      return c.json({ title, date, place, language, role }, 200)
    },
  )

  app.openapi(
    route({
      method: 'post',
      path: '/join',
      tags: ['join'],
      summary: 'Join a workshop by code with a display name or anonymously',
      request: { body: jsonBody(JoinRequest) },
      responses: { 200: json(JoinResponse, 'Joined; a guest session cookie is set') },
    }),
    async (c) => {
      const { code, name, channel } = c.req.valid('json')
      const found = await workshopByCode(c, code)
      await deps.limits.consume(c, 'joinWorkshop', `${clientIp(c)} ${found.workshopId}`)
      const status = found.lobby ? ('waiting' as const) : ('admitted' as const)
      const guestId = await deps.guests.create({
        workshopId: found.workshopId,
        name: name ? name : null,
        role: found.role,
        status,
        channel: channel ?? null,
      })
      // A previous session in this browser (another workshop, or facilitator) ends here.
      const previous = c.get('principal')
      if (previous) {
        await deps.sessions.invalidate(previous.session.id)
        deps.registry.closeSessions([previous.session.id])
      }
      await startSession(c, deps, { kind: 'guest', id: guestId })
      await deps.control.record(found.workshopId, found.role, 'join', { anonymous: !name, status })
      return c.json(
        { workshopId: found.workshopId, boardId: found.boardId, role: found.role, status },
        200,
      )
    },
  )

  app.openapi(
    route({
      method: 'post',
      path: '/me/forget',
      tags: ['join'],
      summary:
        'A guest deletes their contributions and leaves: ideas (also from the stored history), open-round dots, name and session',
      responses: {
        200: json(z.object({ deletedIdeas: z.number() }), 'Done; the session cookie is cleared'),
      },
    }),
    async (c) => {
      const principal = principalOf(c)
      if (principal.kind !== 'guest') {
        throw new ApiError(403, 'guests_only', 'Only guests can erase themselves this way')
      }
      const { guest } = principal
      if (guest.table) {
        // A table's shared device holds no one's personal data, and its ideas are the table's:
        // nobody at the table erases them for everyone. The facilitator ends the device.
        throw new ApiError(
          403,
          'table_device',
          'A table device has no personal data to delete; the facilitator can end it',
        )
      }
      const erased = await deps.control.forgetGuest(guest.workshopId, guest.id)
      // Published open data forgets them too, in every version (issue 20 §5).
      await deps.outcome.versions.forgetIdeas(guest.workshopId, erased.ideaIds)
      // Their text leaves every restore point of the history too, and their rows their id.
      const info = await deps.workshops.info(guest.workshopId)
      if (info) {
        await deps.history.purge(
          info.boardId,
          { kind: 'ideas-of', authorId: guest.id },
          { kind: 'guest', id: guest.id },
        )
      }
      deps.registry.closeGuest(guest.id, CloseCode.SessionEnded)
      await deps.guests.delete(guest.id)
      clearSessionCookie(c, deps.cookies)
      return c.json({ deletedIdeas: erased.deleted }, 200)
    },
  )

  app.openapi(
    route({
      method: 'post',
      path: '/me/receipt',
      tags: ['join'],
      summary:
        'A participant keeps a receipt: a link to their own ideas and what became of them, valid after the session ends',
      description:
        'Each call makes a new link (only its hash is stored); the five newest of a guest stay valid. Table devices and viewers get 403.',
      responses: {
        200: json(z.object({ url: z.string() }), 'The link to the receipt page /beleg/<token>'),
      },
    }),
    async (c) => {
      const principal = principalOf(c)
      if (principal.kind !== 'guest') {
        throw new ApiError(403, 'guests_only', 'Only participants who joined by code get a receipt')
      }
      const { guest } = principal
      if (guest.table) {
        throw new ApiError(
          403,
          'table_device',
          'A table device is shared by a table; each person can keep a receipt on their own phone',
        )
      }
      if (guest.role !== 'participant') {
        throw new ApiError(403, 'participants_only', 'Viewers write no ideas and get no receipt')
      }
      await deps.limits.consume(c, 'tickets', principal.session.id)
      const token = await deps.receipts.issue(guest.id, guest.workshopId)
      return c.json({ url: deps.appUrl(new URL(c.req.url).origin, receiptPath(token)) }, 200)
    },
  )

  facilitatorGet(
    app,
    deps.workshops,
    {
      path: 'funnel',
      tags: ['workshops'],
      summary: 'The join funnel per channel: opened, joined, first idea, voted (counts only)',
      schema: JoinFunnel,
      description: 'Counts per channel',
    },
    (id) => deps.funnel.counts(id),
  )

  facilitatorGet(
    app,
    deps.workshops,
    {
      path: 'participants',
      tags: ['participants'],
      summary: 'Guests of a workshop (facilitators only)',
      schema: z.array(Guest),
      description: 'Guests in joining order',
    },
    (id) => deps.guests.list(id),
  )

  app.openapi(
    route({
      method: 'patch',
      path: '/workshops/{id}/participants/{guestId}',
      tags: ['participants'],
      summary: 'Admit, remove or change the role of a guest; live connections follow at once',
      request: {
        params: IdParam.extend({ guestId: z.string().min(1).max(64) }),
        body: jsonBody(GuestPatch),
      },
      responses: { 200: json(Guest, 'The guest') },
    }),
    async (c) => {
      const { id, guestId } = c.req.valid('param')
      await workshopFacilitatorOf(c, deps.workshops, id)
      const patch = c.req.valid('json')
      const guest = await deps.guests.update(id, guestId, patch)
      if (!guest) throw new ApiError(404, 'guest_not_found', 'No such guest')
      // Someone removed, sent back to the lobby or made a viewer no longer waits to speak.
      if (guest.status !== 'admitted' || guest.role !== 'participant') {
        await deps.control.speaking.guestLeft(id, guest.id)
      }
      if (guest.status === 'removed') {
        deps.registry.closeGuest(guest.id)
        await deps.sessions.invalidateAll({ kind: 'guest', id: guest.id })
      } else if (guest.status === 'waiting') {
        deps.registry.closeGuest(guest.id)
      } else {
        // Their live connections take the new role at once, with the write permission the
        // current phase gives it, and are sent their control state again (ControlService).
        const mayWrite =
          guest.role === 'participant' && (await deps.control.participantsMayWrite(id))
        deps.registry.setGuestWrite(guest.id, mayWrite, guest.role)
      }
      const { workshopId: _w, boardId: _b, ...body } = guest
      return c.json(body, 200)
    },
  )

  app.openapi(
    route({
      method: 'get',
      path: '/boards/{boardId}/access',
      tags: ['boards'],
      summary: 'Your role on a board',
      request: { params: BoardParam },
      responses: { 200: json(BoardAccess, 'Your access') },
    }),
    async (c) => {
      const result = await deps.access.boardAccess(principalOf(c), c.req.valid('param').boardId)
      if (!result.ok) throw new DomainError(result.denied)
      return c.json(result.access, 200)
    },
  )

  app.openapi(
    route({
      method: 'post',
      path: '/boards/{boardId}/ticket',
      tags: ['boards'],
      summary:
        'A single-use ticket for a WebSocket connection (?ticket=…) from a non-browser client',
      request: { params: BoardParam },
      responses: { 200: json(TicketResponse, 'The ticket') },
    }),
    async (c) => {
      const principal = principalOf(c)
      const { boardId } = c.req.valid('param')
      await deps.limits.consume(c, 'tickets', principal.session.id)
      const result = await deps.access.boardAccess(principal, boardId)
      if (!result.ok) throw new DomainError(result.denied)
      const { ticket, expiresAt } = await deps.tickets.issue(principal.session.id, boardId)
      return c.json({ ticket, expiresAt: expiresAt.toISOString() }, 200)
    },
  )

  /**
   * Signed out, with an e-mail that has an account. The answer must not tell whether an e-mail
   * has an account (the invitation link would be an oracle for anyone who holds it), so:
   * the attempt uses the invitation up first; then the password is checked under the
   * failed-login limit. If it is that account's, the person is signed in and becomes
   * co-facilitator (the same answer as for a new account); otherwise, or when that limit is
   * exhausted, the one generic refusal `invite_not_accepted` — never "e-mail taken". Whoever
   * holds a link learns at most one bit, once; trying other e-mails needs a new invitation.
   */
  async function acceptAsExistingAccount(
    c: Context<ApiEnv>,
    token: string,
    email: string,
    password: string,
  ) {
    const workshopId = await deps.cofacilitatorInvites.use(token)
    if (!workshopId) throw new ApiError(404, 'invalid_invite', 'This invitation was used already')
    const existing = await verifyLogin(c, deps, email, password).catch((err: unknown) => {
      if (err instanceof ApiError && err.status === 429) return null
      throw err
    })
    if (!existing) {
      throw new ApiError(
        403,
        'invite_not_accepted',
        'This invitation could not be accepted with these details and is used up. If you have an account, sign in first, then ask for a new invitation',
      )
    }
    await startSession(c, deps, { kind: 'facilitator', id: existing.id })
    await deps.workshops.addFacilitator(workshopId, existing.id)
    return c.json(existing, 200)
  }

  app.openapi(
    route({
      method: 'get',
      path: '/facilitator-invites/{token}',
      tags: ['workshops'],
      summary: 'The workshop a co-facilitator invitation is for',
      request: { params: TokenParam },
      responses: { 200: json(z.object({ workshopTitle: z.string() }), 'The invitation') },
    }),
    async (c) => {
      await deps.limits.consume(c, 'join', clientIp(c))
      const invite = await deps.cofacilitatorInvites.peek(c.req.valid('param').token)
      if (!invite)
        throw new ApiError(404, 'invalid_invite', 'This invitation is not valid (any more)')
      return c.json({ workshopTitle: invite.title }, 200)
    },
  )

  app.openapi(
    route({
      method: 'post',
      path: '/facilitator-invites/{token}/accept',
      tags: ['workshops'],
      summary:
        'Become co-facilitator: signed in as facilitator with an empty body, or create an account',
      description:
        "Signed out with an e-mail that has an account: the attempt uses the invitation up; with that account's password the person is signed in, otherwise 403 `invite_not_accepted`. No answer says whether an e-mail has an account.",
      request: { params: TokenParam, body: jsonBody(AcceptInviteRequest) },
      responses: { 200: json(Facilitator, 'You are now a co-facilitator') },
    }),
    async (c) => {
      await deps.limits.consume(c, 'join', clientIp(c))
      const { token } = c.req.valid('param')
      if (!(await deps.cofacilitatorInvites.peek(token))) {
        throw new ApiError(404, 'invalid_invite', 'This invitation is not valid (any more)')
      }
      const principal = c.get('principal')
      let facilitator: Facilitator | null =
        principal?.kind === 'facilitator' ? principal.facilitator : null
      if (!facilitator) {
        const { email, password, name } = c.req.valid('json')
        if (!email || !password || !name) {
          throw new ApiError(400, 'account_required', 'Sign in, or give e-mail, password and name')
        }
        facilitator = await deps.facilitators.create({ email, password, name })
        if (!facilitator) return acceptAsExistingAccount(c, token, email, password)
        await startSession(c, deps, { kind: 'facilitator', id: facilitator.id })
      }
      const workshopId = await deps.cofacilitatorInvites.use(token)
      if (!workshopId) throw new ApiError(404, 'invalid_invite', 'This invitation was used already')
      await deps.workshops.addFacilitator(workshopId, facilitator.id)
      return c.json(facilitator, 200)
    },
  )

  return app
}
