/**
 * Assembles the Ideenwand server: storage, rooms, the Hono app with health, sync and the built
 * client, on one Node HTTP server with a `ws` WebSocket server we configure (maxPayload).
 */
import type { AddressInfo } from 'node:net'
import { createAdaptorServer } from '@hono/node-server'
import { Hono } from 'hono'
import { WebSocketServer } from 'ws'
import type { Config } from './config.ts'
import { onError } from './http/errors.ts'
import { mountClient } from './http/staticClient.ts'
import { type Authorize, allowEveryone, mountSync } from './http/syncRoute.ts'
import { createLogger, type Logger } from './logger.ts'
import { BoardStore } from './storage/BoardStore.ts'
import { type Db, openDb } from './storage/Db.ts'
import { migrate } from './storage/migrate.ts'
import { Rooms } from './sync/Rooms.ts'

export interface ServerOptions {
  config: Config
  log?: Logger
  authorize?: Authorize
}

export interface IdeenwandServer {
  readonly app: Hono
  readonly db: Db
  readonly store: BoardStore
  readonly rooms: Rooms
  readonly log: Logger
  /** Listens on `config.port` (0 = any free port); resolves with the port. */
  listen(): Promise<number>
  /** Graceful stop: refuse new connections, store pending writes, close sockets (1001). */
  stop(): Promise<void>
}

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
  const rooms = new Rooms(store, config.sync, log)
  let shuttingDown = false
  let connections = 0

  const app = new Hono()
  app.onError(onError(log))
  app.get('/healthz', async (c) => {
    const database = (await store.ping()) ? 'up' : 'down'
    return c.json({ status: 'ok', storage: db.engine, database, rooms: rooms.size, connections })
  })
  mountSync(app, {
    rooms,
    limits: config.sync,
    log,
    authorize: options.authorize ?? allowEveryone,
    isShuttingDown: () => shuttingDown,
    onConnection: (delta) => {
      connections += delta
    },
  })
  mountClient(app, config.clientDir)

  const wss = new WebSocketServer({ noServer: true, maxPayload: config.sync.maxPayload })
  const http = createAdaptorServer({ fetch: app.fetch, websocket: { server: wss } })

  return {
    app,
    db,
    store,
    rooms,
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
      http.close()
      await rooms.closeAll()
      for (const ws of wss.clients) ws.terminate()
      if ('closeAllConnections' in http) http.closeAllConnections()
      await store.idle()
      await db.close()
      log.info('stopped')
    },
  }
}
