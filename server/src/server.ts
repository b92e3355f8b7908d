/**
 * Assembles the Ideenwand server: storage, access control, rooms, and the Hono app (request
 * context, metrics, compression in production, security headers, CSRF, /api, /healthz, /readyz,
 * /metrics, /sync, the built client) on one Node HTTP server with a `ws` WebSocket server we
 * configure (maxPayload).
 */
import type { AddressInfo } from 'node:net'
import { createAdaptorServer } from '@hono/node-server'
import { AccessDenial, closeInfoFor } from '@ideenwand/protocol'
import { Hono } from 'hono'
import { WebSocketServer } from 'ws'
import { createApi } from './api/index.ts'
import { Access } from './auth/Access.ts'
import type { CookiePolicy } from './auth/cookies.ts'
import { FacilitatorStore } from './auth/FacilitatorStore.ts'
import { SessionStore } from './auth/SessionStore.ts'
import { TicketStore } from './auth/TicketStore.ts'
import type { Config } from './config.ts'
import { withStorageFallback } from './http/authFallback.ts'
import { compression } from './http/compression.ts'
import { onError } from './http/errors.ts'
import { hostAllowList } from './http/hostAllowList.ts'
import { mountPublicOpenData } from './http/publicOpenData.ts'
import { mountPublicResults } from './http/publicResults.ts'
import { limitSpecs, RateLimits } from './http/rateLimits.ts'
import { readiness } from './http/readiness.ts'
import { mountReceiptPage } from './http/receiptPage.ts'
import { requestContext } from './http/requestContext.ts'
import { csrfProtection, originPolicy, securityHeaders } from './http/security.ts'
import { mountClient } from './http/staticClient.ts'
import { mountSync, sessionAuthorize } from './http/syncRoute.ts'
import { createLogger, type Logger } from './logger.ts'
import { Metrics } from './metrics.ts'
import { OutcomeService } from './outcome/OutcomeService.ts'
import { BoardStore } from './storage/BoardStore.ts'
import { type Db, openDb } from './storage/Db.ts'
import { migrate } from './storage/migrate.ts'
import { ConnectionRegistry } from './sync/ConnectionRegistry.ts'
import { type Fanout, LocalFanout } from './sync/fanout/Fanout.ts'
import {
  type InstanceEvents,
  LocalInstanceEvents,
  RedisInstanceEvents,
} from './sync/fanout/InstanceEvents.ts'
import { RedisFanout } from './sync/fanout/RedisFanout.ts'
import { NO_ROOM_HOOKS, type RoomHooks, Rooms } from './sync/Rooms.ts'
import type { SyncConnection } from './sync/SyncConnection.ts'
import { CofacilitatorInvites } from './workshops/CofacilitatorInvites.ts'
import { ControlService } from './workshops/ControlService.ts'
import { ControlStore } from './workshops/ControlStore.ts'
import { GuestStore } from './workshops/GuestStore.ts'
import { HeldIdeas } from './workshops/HeldIdeas.ts'
import { HistoryService } from './workshops/HistoryService.ts'
import { IdeaAuthors } from './workshops/IdeaAuthors.ts'
import { JoinFunnel } from './workshops/JoinFunnel.ts'
import { Receipts } from './workshops/Receipts.ts'
import { RetentionJob } from './workshops/RetentionJob.ts'
import { WorkshopStore } from './workshops/WorkshopStore.ts'

/** How long an idle HTTP keep-alive connection stays open (longer than nginx's 60 s). */
const KEEP_ALIVE_MS = 65_000

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
  /** Deletes names and workshops whose retention is due; `run(now)` takes a clock for tests. */
  readonly retention: RetentionJob
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
  let applied: number[]
  try {
    applied = await migrate(db)
  } catch (err) {
    // E.g. a MigrationError (changed migration, newer database): release the database first.
    await db.close()
    throw err
  }
  log.info({ engine: db.engine, applied }, 'database ready')

  const store = new BoardStore(db)
  const fanout: Fanout = config.redisUrl
    ? new RedisFanout(config.redisUrl, log, `ideenwand:${config.databaseSchema ?? 'public'}`)
    : new LocalFanout()
  const workshops = new WorkshopStore(db, config.retention.defaults)
  // The rooms report to the workshop control (built below, it needs the rooms) and count a board's
  // opening as activity, from which a workshop's retention counts.
  let controlHooks: RoomHooks = NO_ROOM_HOOKS
  // The join funnel (issue 19 §5) notes a participant's first idea, public or held.
  const funnel = new JoinFunnel(db)
  const firstIdea = (conn: SyncConnection) => {
    const { role, guestId } = conn.context
    if (role !== 'participant' || !guestId) return
    funnel
      .firstIdea(guestId)
      .catch((err: unknown) => log.warn({ err }, 'recording a first idea failed'))
  }
  const metrics: Metrics = new Metrics(() => rooms)
  const rooms = new Rooms(store, config.sync, log, {
    metrics,
    fanout,
    hooks: {
      onJoin: (conn) => {
        controlHooks.onJoin(conn)
        workshops.retention
          .touch(conn.context.boardId)
          .catch((err: unknown) => log.warn({ err }, 'recording activity failed'))
      },
      onIdeasAdded: (conn, ids) => {
        controlHooks.onIdeasAdded(conn, ids)
        firstIdea(conn)
      },
      onHeld: (conn, held) => {
        controlHooks.onHeld(conn, held)
        firstIdea(conn)
      },
    },
  })
  const registry = new ConnectionRegistry((conn) =>
    rooms.get(conn.context.boardId)?.dropAwareness(conn),
  )
  const sessions = new SessionStore(db, config.sessions)
  const facilitators = new FacilitatorStore(db)
  const guests = new GuestStore(db)
  const tickets = new TicketStore(db, config.ticketTtlMs)
  const control = ControlService.onDb(db, workshops, rooms, registry, log)
  controlHooks = control.roomHooks
  const history = new HistoryService(db, store, rooms, new ControlStore(db), workshops, log)
  const retention = new RetentionJob({
    history,
    store: workshops.retention,
    workshops,
    rooms,
    registry,
    control,
    log,
  })
  // Access changes made on this instance reach the connections on every other one, and theirs here.
  const instanceEvents: InstanceEvents = config.redisUrl
    ? new RedisInstanceEvents(
        config.redisUrl,
        log,
        `ideenwand:${config.databaseSchema ?? 'public'}`,
      )
    : new LocalInstanceEvents()
  registry.announce = (event) => instanceEvents.publish(event)
  control.announce = (event) => instanceEvents.publish(event)
  instanceEvents.subscribe((event) => {
    registry.apply(event)
    // A deleted board's room must not live on (and keep storing) on the other instances.
    if (event.type === 'board-closed') {
      rooms.discard(event.boardId).catch((err: unknown) => log.error({ err }, 'discard failed'))
    }
    control.apply(event).catch((err: unknown) => log.error({ err }, 'instance event failed'))
  })
  instanceEvents.onResync(() => {
    // Events may have been missed while Redis was away: check every connection again.
    const recheck = async () => {
      await control.refreshCached()
      const closed = await registry.revalidate(async (ctx) => {
        if (!ctx.sessionId) return { canWrite: ctx.canWrite }
        const session = await sessions.byId(ctx.sessionId)
        const principal = session ? await access.principalOf(session) : null
        if (!principal) return { close: closeInfoFor(AccessDenial.SessionEnded) }
        const result = await access.boardAccess(principal, ctx.boardId)
        if (result.ok) return { canWrite: result.access.canWrite, role: result.access.role }
        return { close: closeInfoFor(result.denied) }
      })
      log.info({ closed }, 'connections checked again after Redis came back')
    }
    recheck().catch((err: unknown) => log.error({ err }, 'checking connections again failed'))
  })
  await instanceEvents.ready()
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
  // First: client address, scheme and request id (logged with every line about the request).
  app.use('*', requestContext({ trustProxy: config.trustProxy }))
  app.use('*', metrics.httpMiddleware())
  // Only names of ours (DNS rebinding); before anything reads the Host (origins, join links).
  app.use('*', hostAllowList({ publicUrl: config.publicUrl, allowedHosts: config.allowedHosts }))
  if (config.production) app.use('*', compression())
  app.use('*', securityHeaders())
  app.use('*', csrfProtection(isAllowedOrigin))
  app.get('/healthz', async (c) => {
    const database = (await store.ping()) ? 'up' : 'down'
    return c.json({
      status: 'ok',
      storage: db.engine,
      database,
      redis: fanout.health(),
      // Rooms holding updates the database did not take yet (clients were told "delayed").
      savingDelayed: [...rooms.loaded()].filter((r) => r.savingDelayed).length,
      rooms: rooms.size,
      connections: registry.size,
    })
  })
  app.get('/readyz', readiness({ db, isShuttingDown: () => shuttingDown }))
  // Not for the public: block it at the proxy (docs/deploy.md) and/or set METRICS_TOKEN; in
  // production it is served only with a token.
  app.get('/metrics', metrics.handler(config.metricsToken, { requireToken: config.production }))
  if (config.production && !config.metricsToken) {
    log.warn('metrics are off (/metrics answers 404): set METRICS_TOKEN to scrape them')
  }
  const outcome = new OutcomeService(db, store, rooms, workshops, guests, {
    limits: { maxIdeas: config.sync.maxBoardIdeas, maxBytes: config.sync.maxBoardBytes },
    timeLimitMs: config.importTimeLimitMs,
    log,
  })
  const appUrl = (origin: string, path: string) => `${config.publicUrl ?? origin}${path}`
  const receipts = new Receipts(db)
  app.route(
    '/api',
    createApi({
      access,
      sessions,
      facilitators,
      workshops,
      guests,
      funnel,
      tickets,
      cofacilitatorInvites: new CofacilitatorInvites(db),
      registry,
      rooms,
      control,
      history,
      outcome,
      limits,
      cookies,
      appUrl,
      receipts,
      log,
    }),
  )
  const authorize = withStorageFallback(sessionAuthorize({ access, tickets, cookies }), {
    cookies,
    log,
  })
  registry.observe = (event) => authorize.forget(event)
  mountSync(app, {
    rooms,
    registry,
    limits: config.sync,
    log,
    authorize,
    isAllowedOrigin,
    isShuttingDown: () => shuttingDown,
  })
  // The public results pages (issue 20 §3), before the client's catch-all.
  mountPublicResults(app, outcome, appUrl)
  mountPublicOpenData(app, outcome, appUrl)
  // A participant's receipt (issue 20 §4).
  mountReceiptPage(app, {
    receipts,
    outcomes: outcome,
    workshops,
    authors: new IdeaAuthors(db),
    held: new HeldIdeas(db),
    control: new ControlStore(db),
    appUrl,
  })
  mountClient(app, config.clientDir)

  const housekeeping = setInterval(() => {
    Promise.all([sessions.sweep(), tickets.sweep()]).catch((err: unknown) =>
      log.warn({ err }, 'housekeeping failed'),
    )
  }, HOUR)
  housekeeping.unref()
  const runRetention = () => {
    retention.run().catch((err: unknown) => log.warn({ err }, 'retention job failed'))
  }
  const retentionTimer = setInterval(runRetention, config.retention.jobIntervalMs)
  retentionTimer.unref()
  runRetention()

  const wss = new WebSocketServer({ noServer: true, maxPayload: config.sync.maxPayload })
  metrics.watch(wss)
  const http = createAdaptorServer({ fetch: app.fetch, websocket: { server: wss } })
  // Keep idle keep-alive connections longer than the clients that reuse them: nginx keeps its
  // upstream connections (docs/nginx, `keepalive 16`) for 60 s, and with Node's 5 s a request
  // nginx sends on a connection the server is just closing fails with 502 (seen as ECONNRESET by
  // test clients). Headers must be allowed a little longer than that (Node's rule).
  if ('keepAliveTimeout' in http) {
    http.keepAliveTimeout = KEEP_ALIVE_MS
    http.headersTimeout = KEEP_ALIVE_MS + 1000
  }

  return {
    app,
    db,
    store,
    rooms,
    registry,
    log,
    retention,
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
      clearInterval(retentionTimer)
      await retention.idle()
      registry.close()
      control.close()
      http.close()
      await outcome.imports.close()
      await rooms.closeAll()
      for (const ws of wss.clients) ws.terminate()
      if ('closeAllConnections' in http) http.closeAllConnections()
      await store.idle()
      await fanout.close()
      await instanceEvents.close()
      await limits.close()
      await db.close()
      log.info('stopped')
    },
  }
}
