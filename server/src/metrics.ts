/**
 * Prometheus metrics at `GET /metrics` (prom-client): Node's process metrics plus what tells an
 * operator whether a workshop runs well — connections, loaded boards, updates in and out, the
 * persistence queue and its lag, close codes, and HTTP latency by route pattern. Labels never
 * carry ids, names or addresses (a route is labelled `/api/workshops/:id`, not its path).
 * Each server has its own registry, so several servers in one process (tests) do not mix; the
 * process metrics exist once per process.
 */
import { timingSafeEqual } from 'node:crypto'
import type { Context, Handler, MiddlewareHandler } from 'hono'
import { routePath } from 'hono/route'
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client'
import type { WebSocketServer } from 'ws'
import type { Rooms } from './sync/Rooms.ts'
import type { SyncMetrics } from './sync/SyncMetrics.ts'

const PREFIX = 'ideenwand_'
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])

let processRegistry: Registry | null = null

/** Node's process metrics (CPU, memory, event loop, GC), collected once per process. */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry()
    collectDefaultMetrics({ register: processRegistry, prefix: PREFIX })
  }
  return processRegistry
}

export class Metrics implements SyncMetrics {
  readonly registry = new Registry()
  private readonly received: Counter
  private readonly delivered: Counter
  private readonly lag: Histogram
  private readonly caughtUp: Counter
  private readonly opened: Counter
  private readonly closes: Counter<'code'>
  private readonly http: Histogram<'method' | 'route' | 'status'>

  /** `rooms` is read on every scrape (the rooms are built with this as their metrics). */
  constructor(rooms: () => Rooms) {
    const registers = [this.registry]
    processMetrics()
    new Gauge({
      name: `${PREFIX}ws_connections`,
      help: 'Open sync connections that joined their board, by role',
      labelNames: ['role'],
      registers,
      collect() {
        this.reset()
        for (const room of rooms().loaded()) {
          for (const conn of room.connections) this.inc({ role: conn.context.role ?? 'none' })
        }
      },
    })
    new Gauge({
      name: `${PREFIX}boards_active`,
      help: 'Boards loaded in memory (with connections, or idle for less than ROOM_IDLE_MS)',
      registers,
      collect() {
        this.set(rooms().size)
      },
    })
    new Gauge({
      name: `${PREFIX}persistence_queue_updates`,
      help: 'Updates applied to boards but not stored yet (waiting or being written)',
      registers,
      collect() {
        let n = 0
        for (const room of rooms().loaded()) n += room.unstored
        this.set(n)
      },
    })
    new Gauge({
      name: `${PREFIX}fanout_catchups_total`,
      help: 'Catch-ups from the store because a message between instances was lost (sequence gap) or unreadable (counter)',
      labelNames: ['cause'],
      registers,
      collect() {
        const stats = rooms().fanoutStats
        this.set({ cause: 'gap' }, stats.gaps)
        this.set({ cause: 'unreadable' }, stats.unreadable)
      },
    })
    new Gauge({
      name: `${PREFIX}board_loads_total`,
      help: 'Boards loaded from the store into memory (counter)',
      registers,
      collect() {
        this.set(rooms().stats.loads)
      },
    })
    new Gauge({
      name: `${PREFIX}sync_snapshot_answers_total`,
      help: 'Clients answered from the stored snapshot while their board was still loading (counter)',
      registers,
      collect() {
        this.set(rooms().stats.answeredFromSnapshot)
      },
    })
    new Gauge({
      name: `${PREFIX}sync_waiting_connections`,
      help: 'Connections waiting for their board to load',
      registers,
      collect() {
        this.set(rooms().waitingConnections().all)
      },
    })
    this.received = new Counter({
      name: `${PREFIX}sync_updates_received_total`,
      help: 'Document updates received from writers',
      registers,
    })
    this.delivered = new Counter({
      name: `${PREFIX}sync_updates_delivered_total`,
      help: 'Document update frames sent to connections (one per receiving connection)',
      registers,
    })
    this.lag = new Histogram({
      name: `${PREFIX}persistence_lag_seconds`,
      help: 'Per stored batch: time from the arrival of its oldest update until it was stored',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    })
    this.caughtUp = new Counter({
      name: `${PREFIX}sync_store_catchups_total`,
      help: 'Catch-ups of a loaded board from the store completed (see fanout_catchups_total for why they were asked for)',
      registers,
    })
    this.opened = new Counter({
      name: `${PREFIX}ws_connections_opened_total`,
      help: 'WebSocket connections accepted',
      registers,
    })
    this.closes = new Counter({
      name: `${PREFIX}ws_closes_total`,
      help: 'WebSocket connections closed, by close code (1000 normal, 1001 going away, 1006 dropped, 4xxx see PROTOCOL.md)',
      labelNames: ['code'],
      registers,
    })
    this.http = new Histogram({
      name: `${PREFIX}http_request_duration_seconds`,
      help: 'HTTP request duration until the response started, by method, route pattern and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    })
  }

  updateReceived(): void {
    this.received.inc()
  }

  updatesDelivered(connections: number): void {
    if (connections > 0) this.delivered.inc(connections)
  }

  updatesStored(lagMs: number): void {
    this.lag.observe(lagMs / 1000)
  }

  caughtUpFromStore(): void {
    this.caughtUp.inc()
  }

  /** Counts accepted WebSockets and their close codes (whoever closed them). */
  watch(wss: WebSocketServer): void {
    wss.on('connection', (ws) => {
      this.opened.inc()
      ws.once('close', (code: number) => this.closes.inc({ code: String(code) }))
    })
  }

  /** Middleware: request duration by method, route pattern (never the raw path) and status. */
  httpMiddleware(): MiddlewareHandler {
    return async (c, next) => {
      const started = performance.now()
      try {
        await next()
      } finally {
        const method = METHODS.has(c.req.method) ? c.req.method : 'other'
        // After next(), the route index points at the handler that answered.
        const route = routePath(c) || 'unmatched'
        this.http.observe(
          { method, route, status: String(c.res.status) },
          (performance.now() - started) / 1000,
        )
      }
    }
  }

  /**
   * `GET /metrics` in the text exposition format; with a token, only for `Bearer <token>`.
   * `requireToken` (production): without a token the metrics are off (404), so a server that
   * is reachable from outside never shows how busy it is to anyone who asks.
   */
  handler(token: string | null, options: { requireToken: boolean }): Handler {
    const expected = token ? Buffer.from(`Bearer ${token}`) : null
    return async (c: Context) => {
      if (!expected && options.requireToken) {
        return c.json(
          {
            error: {
              code: 'metrics_off',
              message: 'Metrics are off in production until METRICS_TOKEN is set',
            },
          },
          404,
        )
      }
      if (expected && !matches(c.req.header('authorization'), expected)) {
        c.header('WWW-Authenticate', 'Bearer realm="metrics"')
        return c.json(
          {
            error: { code: 'unauthorized', message: 'Metrics need Authorization: Bearer <token>' },
          },
          401,
        )
      }
      c.header('Content-Type', this.registry.contentType)
      c.header('Cache-Control', 'no-store')
      // Two registries, no shared names: their expositions concatenate into a valid one.
      return c.body(`${await processMetrics().metrics()}\n${await this.registry.metrics()}`)
    }
  }
}

function matches(header: string | undefined, expected: Buffer): boolean {
  if (!header) return false
  const given = Buffer.from(header)
  return given.length === expected.length && timingSafeEqual(given, expected)
}
