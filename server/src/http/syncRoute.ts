/**
 * `GET /sync/:boardId`: the y-websocket endpoint. Validates the board id, resolves the
 * connection context (who, may write) before the upgrade, then hands frames to the room.
 */
import { upgradeWebSocket } from '@hono/node-server'
import type { Context, Hono } from 'hono'
import type { SyncLimits } from '../config.ts'
import type { Logger } from '../logger.ts'
import { RateLimiter } from '../sync/RateLimiter.ts'
import type { Rooms } from '../sync/Rooms.ts'
import { type ConnectionContext, SyncConnection } from '../sync/SyncConnection.ts'
import { ApiError } from './errors.ts'

/** Board ids: URL-safe, 1–64 characters. */
export const BOARD_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/

/**
 * Decides who a connection is and whether it may write. Returns the context, or throws an
 * `ApiError` (401/403/404) to refuse the upgrade. The access issue replaces the default.
 */
export type Authorize = (
  c: Context,
  boardId: string,
) => Promise<Omit<ConnectionContext, 'boardId' | 'wantsAck'>>

export const allowEveryone: Authorize = async () => ({
  userId: null,
  displayName: null,
  canWrite: true,
})

export interface SyncRouteOptions {
  rooms: Rooms
  limits: SyncLimits
  log: Logger
  authorize: Authorize
  isShuttingDown: () => boolean
  onConnection?: (delta: 1 | -1) => void
}

export function mountSync(app: Hono, opts: SyncRouteOptions): void {
  const { rooms, limits, log } = opts
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
    if (opts.isShuttingDown()) {
      throw new ApiError(503, 'shutting_down', 'The server is restarting; try again shortly')
    }
    const who = await opts.authorize(c, boardId)
    const context: ConnectionContext = { ...who, boardId, wantsAck: c.req.query('ack') === '1' }
    let conn: SyncConnection | null = null
    let link: ReturnType<Rooms['connect']> | null = null
    const handler = upgradeWebSocket(() => ({
      onOpen(_event, ws) {
        conn = new SyncConnection(
          context,
          {
            send: (data) => ws.send(data as Uint8Array<ArrayBuffer>),
            close: (code, reason) => ws.close(code, reason),
          },
          new RateLimiter(limits.ratePerSecond, limits.rateBurst),
        )
        opts.onConnection?.(1)
        link = rooms.connect(conn)
        log.debug({ boardId, conn: conn.id, canWrite: context.canWrite }, 'connection opened')
      },
      onMessage(event) {
        if (!link || !conn) return
        const data = event.data
        if (!(data instanceof ArrayBuffer)) {
          log.warn({ boardId, conn: conn.id }, 'text frame, closing connection')
          conn.close({ code: 4400, reason: 'malformed message' })
          return
        }
        link.receive(new Uint8Array(data))
      },
      onClose(event) {
        if (!conn) return
        conn.closed = true
        link?.disconnect()
        opts.onConnection?.(-1)
        log.debug({ boardId, conn: conn.id, code: event.code }, 'connection closed')
      },
    }))
    return handler(c, next)
  })
}
