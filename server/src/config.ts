/**
 * Server configuration from environment variables: every setting, its default and its meaning
 * in one place. Invalid values fail at start-up with a message that says what to set; with
 * `NODE_ENV=production`, unsafe combinations too (`productionProblems`). Every variable read here
 * is listed with its description in settings.ts, which generates `.env.example` and is checked
 * against the README's settings table (config.test.ts fails for an undocumented one).
 */
import { existsSync } from 'node:fs'
import { isIP } from 'node:net'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { SessionPolicy } from './auth/SessionStore.ts'
import { SERVER_DIR } from './serverDir.ts'

export interface Config {
  /** `NODE_ENV=production`: compression on, unsafe settings refused (see `productionProblems`). */
  production: boolean
  /** `--demo` or `DEMO=1`: seed the demo workshop (refused in production). */
  demo: boolean
  port: number
  host: string
  /** Postgres connection string; when unset, embedded PGlite in `dataDir` is used. */
  databaseUrl: string | null
  /** Postgres schema (search_path) to use; tests give each run its own. */
  databaseSchema: string | null
  dataDir: string
  /** Directory with the built client (served at /); null disables static serving. */
  clientDir: string | null
  logLevel: string
  /**
   * The address people use, e.g. `https://ideenwand.bad-belzig.de`. When set, only this origin
   * may open WebSockets and make state-changing requests, join links and QR codes use it, and
   * cookies get `Secure` and the `__Host-` prefix on https. When unset, requests must come from
   * the host they are sent to (same origin), which also works on a laptop in a local network.
   */
  publicUrl: string | null
  /**
   * Optional Redis: rate-limit counters shared by several instances, and the fan-out of board
   * updates and presence between instances that serve the same board (sync/fanout).
   */
  redisUrl: string | null
  sessions: SessionPolicy
  rateLimits: {
    /**
     * Look-ups of invite codes that lead nowhere (guessing) per IP and minute, and of
     * co-facilitator invitations.
     */
    joinPerMinute: number
    /** Joins (new guest sessions) of one workshop per IP and minute. */
    joinPerWorkshopPerMinute: number
    /** Failed logins per e-mail and IP before a 15-minute block. */
    loginFailures: number
    /** First-run setup attempts per IP and hour. */
    setupPerHour: number
  }
  /** Lifetime of WebSocket tickets for non-browser clients (ms). */
  ticketTtlMs: number
  /** `IMPORT_TIME_LIMIT_MS`: the worker preparing an import is stopped after this long (422). */
  importTimeLimitMs: number
  /**
   * Addresses of reverse proxies (normalised IPs). Only a request whose socket peer is one of
   * them has its `X-Forwarded-For`, `X-Forwarded-Proto` and `X-Request-Id` headers believed.
   */
  trustProxy: string[]
  /**
   * Further names (or addresses) the server answers to, besides localhost, the machine's own
   * addresses and `PUBLIC_URL`'s host; requests naming another `Host` get 421 (hostAllowList.ts).
   */
  allowedHosts: string[]
  /** When set, `GET /metrics` requires `Authorization: Bearer <token>`. */
  metricsToken: string | null
  sync: SyncLimits
  retention: RetentionConfig
}

/** Data retention (workshops/RetentionJob.ts): defaults and how often the job runs. */
export interface RetentionConfig {
  /** The retention job runs once at start and then every this many ms. */
  jobIntervalMs: number
  /**
   * For workshops whose facilitators set nothing: delete guests' names / the whole workshop this
   * many days after the workshop's end; null keeps them.
   */
  defaults: { namesDays: number | null; workshopDays: number | null }
}

export interface SyncLimits {
  /** Largest accepted WebSocket frame in bytes. */
  maxPayload: number
  /** Sustained messages per second allowed per connection. */
  ratePerSecond: number
  /** Burst of messages per connection above the sustained rate. */
  rateBurst: number
  /** Ideas one person (session) may add per minute (also the burst); more closes it (4429). */
  ideasPerMinute: number
  /** How long a board stays loaded after its last connection left (ms). */
  roomIdleMs: number
  /** Compact the update log once a board has this many updates since its snapshot… */
  compactUpdates: number
  /** …or this many bytes of updates. */
  compactBytes: number
  /** A board's updates arriving within this window are stored and sent as one (ms). */
  updateTickMs: number
  /** Presence (awareness) changes of a board are coalesced and sent once per this window (ms). */
  awarenessTickMs: number
  /**
   * At most this many changed presence states per board and tick; the rest wait (freshest first,
   * facilitators, joins and leaves always). Thins cursors on very large boards.
   */
  presenceCap: number
  /** Above this many unsent bytes a connection gets no presence until it has caught up. */
  slowBufferedBytes: number
  /** Above this many unsent bytes a connection is closed (4508, the client reconnects). */
  maxBufferedBytes: number
  /** Most ideas one board may hold; an update adding more is refused (4413 `board full`). */
  maxBoardIdeas: number
  /** Most bytes one board may take in the database; an update beyond is refused (4413). */
  maxBoardBytes: number
  /** Open sync connections per session (tabs); one more is refused (4429). */
  connectionsPerSession: number
  /**
   * Sessions with an open sync connection per client address and board (a town hall's Wi-Fi is
   * one address), each counted once however many tabs it has; guests and facilitators apart.
   */
  sessionsPerIp: number
  /** Further tabs (beyond each session's first) per client address and board; then 4429. */
  connectionsPerIp: number
  /** Longest struct or delete range an update may declare in one piece (updateGuard). */
  maxStructLength: number
  /** Time budget for checking one incoming update before it is refused (ms). */
  updateCheckMs: number
  /**
   * Highest estimated cost of applying one update (sync/updateCost.ts, about 1 µs a unit); above,
   * 4413 `update too costly`. A connection may spend a quarter of it per second (burst: twice).
   */
  maxUpdateCost: number
  /** Sync sockets are pinged this often; one that answered nothing since is terminated (ms). */
  heartbeatMs: number
}

type Env = Record<string, string | undefined>

export class ConfigError extends Error {
  override name = 'ConfigError'
}

/** Days between 1 and 3650, or 0 for "never" (null). */
function days(env: Env, name: string, fallback: number | null): number | null {
  const value = int(env, name, fallback ?? 0)
  if (value > 3650) throw new ConfigError(`${name} must be at most 3650 days, or 0 for never`)
  return value === 0 ? null : value
}

function int(env: Env, name: string, fallback: number, min = 0): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < min) {
    throw new ConfigError(`${name} must be a whole number >= ${min} (got "${raw}")`)
  }
  return value
}

export function loadConfig(env: Env = process.env, cwd = process.cwd()): Config {
  const databaseUrl = env.DATABASE_URL?.trim() || null
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://')
  }
  const schema = env.DATABASE_SCHEMA?.trim() || null
  if (schema && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new ConfigError('DATABASE_SCHEMA must be a lower-case SQL identifier')
  }
  const level = env.LOG_LEVEL ?? 'info'
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(level)) {
    throw new ConfigError('LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent')
  }
  const publicUrl = env.PUBLIC_URL?.trim().replace(/\/+$/, '') || null
  if (publicUrl) {
    let parsed: URL
    try {
      parsed = new URL(publicUrl)
    } catch {
      throw new ConfigError(
        'PUBLIC_URL must be an absolute http(s) URL like https://ideenwand.example.org',
      )
    }
    if (!/^https?:$/.test(parsed.protocol) || parsed.pathname !== '/') {
      throw new ConfigError('PUBLIC_URL must be an http(s) origin without a path')
    }
  }
  const redisUrl = env.REDIS_URL?.trim() || null
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) {
    throw new ConfigError('REDIS_URL must start with redis:// or rediss://')
  }
  const trustProxy = parseTrustProxy(env.TRUST_PROXY)
  const hour = 3600 * 1000
  const day = 24 * hour
  const config: Config = {
    production: env.NODE_ENV === 'production',
    demo: env.DEMO === '1' || env.DEMO === 'true',
    trustProxy,
    allowedHosts: parseAllowedHosts(env.ALLOWED_HOSTS),
    metricsToken: env.METRICS_TOKEN?.trim() || null,
    port: int(env, 'PORT', 3000),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl,
    databaseSchema: schema,
    // Default: `data/` at the repository root, whichever directory pnpm runs the server from.
    dataDir: env.DATA_DIR
      ? resolve(cwd, env.DATA_DIR)
      : fileURLToPath(new URL('../data', SERVER_DIR)),
    clientDir:
      env.CLIENT_DIR === ''
        ? null
        : resolve(cwd, env.CLIENT_DIR ?? fileURLToPath(new URL('../client/dist', SERVER_DIR))),
    logLevel: level,
    publicUrl,
    redisUrl,
    sessions: {
      facilitator: {
        inactivityMs: int(env, 'SESSION_INACTIVITY_HOURS', 10 * 24, 1) * hour,
        absoluteMs: int(env, 'SESSION_MAX_AGE_DAYS', 30, 1) * day,
        activityCheckMs: hour,
      },
      guest: {
        inactivityMs: int(env, 'GUEST_SESSION_INACTIVITY_HOURS', 24, 1) * hour,
        absoluteMs: int(env, 'GUEST_SESSION_MAX_AGE_SECONDS', 3 * 24 * 3600, 1) * 1000,
        activityCheckMs: Math.min(
          hour,
          int(env, 'GUEST_SESSION_MAX_AGE_SECONDS', 3 * 24 * 3600, 1) * 250,
        ),
      },
    },
    ticketTtlMs: int(env, 'WS_TICKET_TTL_SECONDS', 60, 1) * 1000,
    importTimeLimitMs: int(env, 'IMPORT_TIME_LIMIT_MS', 20_000, 1),
    rateLimits: {
      joinPerMinute: int(env, 'RATE_LIMIT_JOIN_PER_MINUTE', 300, 1),
      joinPerWorkshopPerMinute: int(env, 'RATE_LIMIT_JOIN_PER_WORKSHOP', 300, 1),
      loginFailures: int(env, 'RATE_LIMIT_LOGIN_FAILURES', 5, 1),
      setupPerHour: int(env, 'RATE_LIMIT_SETUP_PER_HOUR', 10, 1),
    },
    sync: {
      maxPayload: int(env, 'SYNC_MAX_PAYLOAD', 2 * 1024 * 1024, 1024),
      ratePerSecond: int(env, 'SYNC_RATE_PER_SECOND', 200, 1),
      rateBurst: int(env, 'SYNC_RATE_BURST', 1000, 1),
      ideasPerMinute: int(env, 'SYNC_IDEAS_PER_MINUTE', 30, 1),
      roomIdleMs: int(env, 'ROOM_IDLE_MS', 30_000),
      compactUpdates: int(env, 'COMPACT_UPDATES', 500, 1),
      compactBytes: int(env, 'COMPACT_BYTES', 4 * 1024 * 1024, 1),
      updateTickMs: int(env, 'SYNC_UPDATE_TICK_MS', 33),
      awarenessTickMs: int(env, 'SYNC_AWARENESS_TICK_MS', 25, 1),
      presenceCap: int(env, 'SYNC_PRESENCE_CAP', 112, 1),
      slowBufferedBytes: int(env, 'SYNC_SLOW_BUFFERED', 512 * 1024, 1024),
      maxBufferedBytes: int(env, 'SYNC_MAX_BUFFERED', 16 * 1024 * 1024, 1024),
      maxBoardIdeas: int(env, 'BOARD_MAX_IDEAS', 5000, 1),
      maxBoardBytes: int(env, 'BOARD_MAX_BYTES', 32 * 1024 * 1024, 1024),
      connectionsPerSession: int(env, 'SYNC_CONNECTIONS_PER_SESSION', 8, 1),
      sessionsPerIp: int(env, 'SYNC_SESSIONS_PER_IP', 1000, 1),
      connectionsPerIp: int(env, 'SYNC_CONNECTIONS_PER_IP', 200, 1),
      maxStructLength: int(env, 'SYNC_MAX_STRUCT_LENGTH', 10_000_000, 1),
      updateCheckMs: int(env, 'SYNC_UPDATE_CHECK_MS', 1000, 1),
      maxUpdateCost: int(env, 'SYNC_UPDATE_MAX_COST', 40_000, 1000),
      heartbeatMs: int(env, 'SYNC_HEARTBEAT_MS', 15_000, 10),
    },
    retention: {
      jobIntervalMs: int(env, 'RETENTION_JOB_INTERVAL_MINUTES', 60, 1) * 60_000,
      defaults: {
        namesDays: days(env, 'RETENTION_DEFAULT_NAMES_DAYS', 30),
        workshopDays: days(env, 'RETENTION_DEFAULT_WORKSHOP_DAYS', null),
      },
    },
  }
  const problems = config.production ? productionProblems(config) : []
  if (problems.length === 1) throw new ConfigError(problems[0]!)
  if (problems.length > 1) {
    throw new ConfigError(`${problems.length} problems:\n  - ${problems.join('\n  - ')}`)
  }
  return config
}

/** `TRUST_PROXY=127.0.0.1,::1`: proxy addresses, normalised; anything else is refused. */
function parseTrustProxy(raw: string | undefined): string[] {
  const entries = (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
  for (const entry of entries) {
    if (isIP(normaliseIp(entry)) === 0) {
      throw new ConfigError(
        `TRUST_PROXY must be a comma-separated list of proxy IP addresses like 127.0.0.1,::1 (got "${entry}")`,
      )
    }
  }
  return [...new Set(entries.map(normaliseIp))]
}

/** `ALLOWED_HOSTS=ideenwand.local,192.168.1.20`: host names or IP addresses, lower case. */
function parseAllowedHosts(raw: string | undefined): string[] {
  const entries = (raw ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase().replace(/\.$/, ''))
    .filter((s) => s.length > 0)
  return entries.map((entry) => {
    const ip = normaliseIp(entry)
    if (isIP(ip) !== 0) return ip
    if (!/^(?=.{1,253}$)[a-z0-9_]([a-z0-9_-]{0,62})(\.[a-z0-9_]([a-z0-9_-]{0,62}))*$/.test(entry)) {
      throw new ConfigError(
        `ALLOWED_HOSTS must be a comma-separated list of host names or IP addresses without scheme or port, like ideenwand.local,192.168.1.20 (got "${entry}")`,
      )
    }
    return entry
  })
}

/** `::ffff:127.0.0.1` (IPv4 on a dual-stack socket) is `127.0.0.1`; IPv6 in lower case. */
export function normaliseIp(address: string): string {
  const bare = address.replace(/^\[(.*)\]$/, '$1').toLowerCase()
  return bare.startsWith('::ffff:') && isIP(bare.slice(7)) === 4 ? bare.slice(7) : bare
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

/**
 * What makes a production start unsafe or inconsistent, each as a message naming what to set.
 * Outside production none of these is checked.
 */
export function productionProblems(config: Config): string[] {
  const problems: string[] = []
  if (!config.publicUrl) {
    problems.push(
      'NODE_ENV=production requires PUBLIC_URL, the https:// address people use (e.g. PUBLIC_URL=https://ideenwand.example.org)',
    )
  } else {
    const url = new URL(config.publicUrl)
    if (url.protocol !== 'https:' && !LOCAL_HOSTS.has(url.hostname)) {
      problems.push(
        `PUBLIC_URL must start with https:// in production (got ${url.origin}; http:// is accepted only for localhost and 127.0.0.1)`,
      )
    }
  }
  const index = config.clientDir ? join(config.clientDir, 'index.html') : null
  if (!index || !existsSync(index)) {
    problems.push(
      config.clientDir
        ? `NODE_ENV=production needs the built client, but ${index} does not exist: run "pnpm build" or set CLIENT_DIR to the directory with the build`
        : 'NODE_ENV=production needs the built client: CLIENT_DIR is empty; unset it (client/dist) or set it to the directory with the build',
    )
  }
  if (config.demo) {
    problems.push(
      'the demo (--demo or DEMO=1) must not run with NODE_ENV=production: its password is published. Unset DEMO (and drop --demo) or NODE_ENV',
    )
  }
  if (config.redisUrl && !config.databaseUrl) {
    problems.push(
      'REDIS_URL (several instances) needs DATABASE_URL: the embedded PGlite database serves one process only. Set DATABASE_URL=postgres://… or unset REDIS_URL',
    )
  }
  return problems
}
