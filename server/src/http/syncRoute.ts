/**
 * `GET /sync/:boardId`: the y-websocket endpoint. Checks the Origin (refusing the upgrade for a
 * foreign one), authenticates by session cookie or single-use `?ticket=`, decides the role on
 * the board, then hands frames to the room. Authentication failures are reported as close codes
 * after the upgrade (4401/4403/4404), so clients learn why and stop reconnecting.
 */
import { upgradeWebSocket } from '@hono/node-server'
import { AccessDenial, CloseCode, type CloseInfo, closeInfoFor } from '@ideenwand/protocol'
import type { Context, Hono } from 'hono'
import type { Access, Principal } from '../auth/Access.ts'
import { type CookiePolicy, readSessionCookie } from '../auth/cookies.ts'
import type { TicketStore } from '../auth/TicketStore.ts'
import type { SyncLimits } from '../config.ts'
import type { Logger } from '../logger.ts'
import type { ConnectionRegistry } from '../sync/ConnectionRegistry.ts'
import { IdeaBudgets } from '../sync/IdeaBudgets.ts'
import { RateLimiter } from '../sync/RateLimiter.ts'
import type { Rooms } from '../sync/Rooms.ts'
import { type ConnectionContext, SyncConnection } from '../sync/SyncConnection.ts'
import { ApiError } from './errors.ts'
import { Heartbeat, type HeartbeatSocket } from './heartbeat.ts'
import { clientIp } from './rateLimits.ts'
import type { originPolicy } from './security.ts'
import { WsSocket } from './WsSocket.ts'

/** Board ids: URL-safe, 1–64 characters. */
export const BOARD_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/

export type AuthorizeResult =
  | {
      ok: true
      context: Omit<ConnectionContext, 'boardId' | 'wantsAck' | 'wantsPresence' | 'ip'>
    }
  | { ok: false; close: CloseInfo }

/** Decides who a connection is and what it may do on `boardId`. */
export type Authorize = (c: Context, boardId: string) => Promise<AuthorizeResult>

export interface SyncRouteOptions {
  rooms: Rooms
  registry: ConnectionRegistry
  limits: SyncLimits
  log: Logger
  authorize: Authorize
  isAllowedOrigin: ReturnType<typeof originPolicy>
  isShuttingDown: () => boolean
}

/** The production `Authorize`: ticket or session cookie, then the principal's board access. */
export function sessionAuthorize(deps: {
  access: Access
  tickets: TicketStore
  cookies: CookiePolicy
}): Authorize {
  return async (c, boardId) => {
    let principal: Principal | null = null
    const ticket = c.req.query('ticket')
    if (ticket) {
      const sessionId = await deps.tickets.consume(ticket, boardId)
      const session = sessionId ? await deps.access.sessions.byId(sessionId) : null
      principal = session ? await deps.access.principalOf(session) : null
    } else {
      principal = await deps.access.principal(readSessionCookie(c, deps.cookies))
    }
    if (!principal) return { ok: false, close: closeInfoFor(AccessDenial.NoSession) }
    const result = await deps.access.boardAccess(principal, boardId)
    if (!result.ok) return { ok: false, close: closeInfoFor(result.denied) }
    const { access } = result
    return {
      ok: true,
      context: {
        sessionId: principal.session.id,
        facilitatorId: principal.kind === 'facilitator' ? principal.facilitator.id : null,
        guestId: principal.kind === 'guest' ? principal.guest.id : null,
        displayName:
          principal.kind === 'facilitator' ? principal.facilitator.name : principal.guest.name,
        table: principal.kind === 'guest' ? (principal.guest.table ?? null) : null,
        role: access.role,
        canWrite: access.canWrite,
        expiresAt: principal.session.expiresAt.getTime(),
      },
    }
  }
}

export function mountSync(app: Hono, opts: SyncRouteOptions): void {
  const { rooms, limits, log, registry } = opts
  const ideaBudgets = new IdeaBudgets(limits.ideasPerMinute)
  const heartbeat = new Heartbeat(limits.heartbeatMs)
  app.get('/sync/:boardId', async (c, next) => {
    const boardId = c.req.param('boardId')
    if (!BOARD_ID_PATTERN.test(boardId)) {
      throw new ApiError(
        400,
        'invalid_board_id',
        'Board ids are 1-64 characters of A-Z a-z 0-9 _ -',
      )
    }
    if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') {
      throw new ApiError(426, 'upgrade_required', 'This endpoint speaks the y-websocket protocol')
    }
    const origin = c.req.header('origin')
    if (origin !== undefined && !opts.isAllowedOrigin(origin, c)) {
      log.warn({ boardId, origin }, 'WebSocket from a foreign origin refused')
      throw new ApiError(
        403,
        'origin_not_allowed',
        'WebSocket connections from this origin are not allowed',
      )
    }
    if (opts.isShuttingDown()) {
      throw new ApiError(503, 'shutting_down', 'The server is restarting; try again shortly')
    }
    const verdict = await opts.authorize(c, boardId)
    let conn: SyncConnection | null = null
    let link: ReturnType<Rooms['connect']> | null = null
    let watched: HeartbeatSocket | null = null
    const handler = upgradeWebSocket(() => ({
      onOpen(_event, ws) {
        if (!verdict.ok) {
          ws.close(verdict.close.code, verdict.close.reason)
          return
        }
        const context: ConnectionContext = {
          ...verdict.context,
          boardId,
          wantsAck: c.req.query('ack') === '1',
          wantsPresence: c.req.query('presence') !== '0',
          ip: clientIp(c),
        }
        // Counted when the socket opens (synchronously with `registry.add` below), so parallel
        // upgrades cannot slip past the limit. The new connection is refused; open ones stay.
        const over = registry.overLimit(context, {
          perSession: limits.connectionsPerSession,
          sessionsPerIp: limits.sessionsPerIp,
          extraPerIp: limits.connectionsPerIp,
        })
        if (over) {
          log.warn({ boardId, limit: over }, 'too many connections, refused')
          ws.close(CloseCode.TooManyConnections.code, CloseCode.TooManyConnections.reason)
          return
        }
        conn = new SyncConnection(
          context,
          new WsSocket(ws, ws.raw),
          new RateLimiter(limits.ratePerSecond, limits.rateBurst),
          {
            backpressure: {
              slowBytes: limits.slowBufferedBytes,
              maxBytes: limits.maxBufferedBytes,
            },
            ideaLimiter: ideaBudgets.for(context.sessionId),
          },
        )
        // Both let go of it when it ends, whoever ends it (SyncConnection.whenEnded).
        registry.add(conn)
        link = rooms.connect(conn)
        watched = (ws.raw as HeartbeatSocket | undefined) ?? null
        if (watched) heartbeat.watch(watched)
        log.debug({ boardId, conn: conn.id, role: context.role }, 'connection opened')
      },
      onMessage(event) {
        if (!link || !conn) return
        const data = event.data
        if (!(data instanceof ArrayBuffer)) {
          log.warn({ boardId, conn: conn.id }, 'text frame, closing connection')
          conn.close(CloseCode.MalformedMessage)
          return
        }
        link.receive(new Uint8Array(data))
      },
      onClose(event) {
        if (watched) heartbeat.unwatch(watched)
        if (!conn) return
        conn.socketClosed()
        log.debug({ boardId, conn: conn.id, code: event.code }, 'connection closed')
      },
    }))
    return handler(c, next)
  })
}
