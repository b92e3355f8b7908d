/**
 * Assembles the Ideenwand server: storage, access control, rooms, and the Hono app (security
 * headers, CSRF, /api, /healthz, /sync, the built client) on one Node HTTP server with a `ws`
 * WebSocket server we configure (maxPayload).
 */
import type { AddressInfo } from 'node:net'
import { createAdaptorServer } from '@hono/node-server'
import { Hono } from 'hono'
import { WebSocketServer } from 'ws'
import { createApi } from './api/index.ts'
import { Access } from './auth/Access.ts'
import type { CookiePolicy } from './auth/cookies.ts'
import { FacilitatorStore } from './auth/FacilitatorStore.ts'
import { SessionStore } from './auth/SessionStore.ts'
import { TicketStore } from './auth/TicketStore.ts'
import type { Config } from './config.ts'
import { onError } from './http/errors.ts'
import { limitSpecs, RateLimits } from './http/rateLimits.ts'
import { csrfProtection, originPolicy, securityHeaders } from './http/security.ts'
import { mountClient } from './http/staticClient.ts'
import { mountSync, sessionAuthorize } from './http/syncRoute.ts'
import { createLogger, type Logger } from './logger.ts'
import { OutcomeService } from './outcome/OutcomeService.ts'
import { BoardStore } from './storage/BoardStore.ts'
import { type Db, openDb } from './storage/Db.ts'
import { migrate } from './storage/migrate.ts'
import { ConnectionRegistry } from './sync/ConnectionRegistry.ts'
import { type Fanout, LocalFanout } from './sync/fanout/Fanout.ts'
import { RedisFanout } from './sync/fanout/RedisFanout.ts'
import { Rooms } from './sync/Rooms.ts'
import { CofacilitatorInvites } from './workshops/CofacilitatorInvites.ts'
import { ControlService } from './workshops/ControlService.ts'
import { FlowStore } from './workshops/FlowStore.ts'
import { GuestStore } from './workshops/GuestStore.ts'
import { WorkshopStore } from './workshops/WorkshopStore.ts'

export interface ServerOptions {
  config: Config
  log?: Logger
}

export interface IdeenwandServer {
  readonly app: Hono
  readonly db: Db
  readonly store: BoardStore
  readonly rooms: Rooms
  readonly registry: ConnectionRegistry
  readonly log: Logger
  /** Listens on `config.port` (0 = any free port); resolves with the port. */
  listen(): Promise<number>
  /** Graceful stop: refuse new connections, store pending writes, close sockets (1001). */
  stop(): Promise<void>
}

const HOUR = 3600 * 1000

export async function createServer(options: ServerOptions): Promise<IdeenwandServer> {
  const { config } = options
  const log = options.log ?? createLogger(config.logLevel)
  const db = await openDb(
    config.databaseUrl
      ? {
          engine: 'postgres',
          url: config.databaseUrl,
          ...(config.databaseSchema ? { schema: config.databaseSchema } : {}),
        }
      : { engine: 'pglite', dataDir: config.dataDir },
  )
  const applied = await migrate(db)
  log.info({ engine: db.engine, applied }, 'database ready')

  const store = new BoardStore(db)
  const fanout: Fanout = config.redisUrl
    ? new RedisFanout(config.redisUrl, log, `ideenwand:${config.databaseSchema ?? 'public'}`)
    : new LocalFanout()
  const rooms = new Rooms(store, config.sync, log, fanout)
  const registry = new ConnectionRegistry((conn) =>
    rooms.get(conn.context.boardId)?.dropAwareness(conn),
  )
  const sessions = new SessionStore(db, config.sessions)
  const facilitators = new FacilitatorStore(db)
  const workshops = new WorkshopStore(db)
  const guests = new GuestStore(db)
  const tickets = new TicketStore(db, config.ticketTtlMs)
  const control = new ControlService(new FlowStore(db), workshops, rooms, registry, log)
  const access = new Access(sessions, facilitators, guests, workshops, (id) =>
    control.participantsMayWrite(id),
  )
  const limits = new RateLimits(
    config.redisUrl,
    limitSpecs(config.rateLimits),
    config.databaseSchema ?? 'public',
  )
  const cookies: CookiePolicy = { secure: config.publicUrl?.startsWith('https://') ?? false }
  const isAllowedOrigin = originPolicy(config.publicUrl)
  let shuttingDown = false

  const app = new Hono()
  app.onError(onError(log))
  app.use('*', securityHeaders())
  app.use('*', csrfProtection(isAllowedOrigin))
  app.get('/healthz', async (c) => {
    const database = (await store.ping()) ? 'up' : 'down'
    return c.json({
      status: 'ok',
      storage: db.engine,
      database,
      rooms: rooms.size,
      connections: registry.size,
    })
  })
  app.route(
    '/api',
    createApi({
      access,
      sessions,
      facilitators,
      workshops,
      guests,
      tickets,
      cofacilitatorInvites: new CofacilitatorInvites(db),
      registry,
      rooms,
      control,
      outcome: new OutcomeService(db, store, rooms, workshops, guests),
      limits,
      cookies,
      appUrl: (origin, path) => `${config.publicUrl ?? origin}${path}`,
      log,
    }),
  )
  mountSync(app, {
    rooms,
    registry,
    limits: config.sync,
    log,
    authorize: sessionAuthorize({ access, tickets, cookies }),
    isAllowedOrigin,
    isShuttingDown: () => shuttingDown,
  })
  mountClient(app, config.clientDir)

  const housekeeping = setInterval(() => {
    Promise.all([sessions.sweep(), tickets.sweep()]).catch((err: unknown) =>
      log.warn({ err }, 'housekeeping failed'),
    )
  }, HOUR)
  housekeeping.unref()

  const wss = new WebSocketServer({ noServer: true, maxPayload: config.sync.maxPayload })
  const http = createAdaptorServer({ fetch: app.fetch, websocket: { server: wss } })

  return {
    app,
    db,
    store,
    rooms,
    registry,
    log,
    listen: () =>
      new Promise((resolve, reject) => {
        http.once('error', reject)
        http.listen(config.port, config.host, () => {
          const port = (http.address() as AddressInfo).port
          log.info({ port, engine: db.engine }, 'listening')
          resolve(port)
        })
      }),
    async stop() {
      if (shuttingDown) return
      shuttingDown = true
      clearInterval(housekeeping)
      registry.close()
      control.close()
      http.close()
      await rooms.closeAll()
      for (const ws of wss.clients) ws.terminate()
      if ('closeAllConnections' in http) http.closeAllConnections()
      await store.idle()
      await fanout.close()
      await limits.close()
      await db.close()
      log.info('stopped')
    },
  }
}
