/**
 * Server configuration from environment variables: every setting, its default and its meaning
 * in one place (the README's settings table mirrors this). Invalid values fail at start-up with a
 * message that says what to set.
 */
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { SessionPolicy } from './auth/SessionStore.ts'

export interface Config {
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
    /** Join attempts (preview and join) per IP and minute. */
    joinPerMinute: number
    /** Failed logins per e-mail and IP before a 15-minute block. */
    loginFailures: number
    /** First-run setup attempts per IP and hour. */
    setupPerHour: number
  }
  /** Lifetime of WebSocket tickets for non-browser clients (ms). */
  ticketTtlMs: number
  sync: SyncLimits
}

export interface SyncLimits {
  /** Largest accepted WebSocket frame in bytes. */
  maxPayload: number
  /** Sustained messages per second allowed per connection. */
  ratePerSecond: number
  /** Burst of messages per connection above the sustained rate. */
  rateBurst: number
  /** Ideas one connection may add per minute (also the burst); more closes it (4429). */
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
}

type Env = Record<string, string | undefined>

export class ConfigError extends Error {
  override name = 'ConfigError'
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
  const hour = 3600 * 1000
  const day = 24 * hour
  return {
    port: int(env, 'PORT', 3000),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl,
    databaseSchema: schema,
    // Default: `data/` at the repository root, whichever directory pnpm runs the server from.
    dataDir: env.DATA_DIR
      ? resolve(cwd, env.DATA_DIR)
      : fileURLToPath(new URL('../../data', import.meta.url)),
    clientDir:
      env.CLIENT_DIR === ''
        ? null
        : resolve(cwd, env.CLIENT_DIR ?? new URL('../../client/dist', import.meta.url).pathname),
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
    rateLimits: {
      joinPerMinute: int(env, 'RATE_LIMIT_JOIN_PER_MINUTE', 300, 1),
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
      updateTickMs: int(env, 'SYNC_UPDATE_TICK_MS', 20),
      awarenessTickMs: int(env, 'SYNC_AWARENESS_TICK_MS', 40, 1),
      presenceCap: int(env, 'SYNC_PRESENCE_CAP', 64, 1),
      slowBufferedBytes: int(env, 'SYNC_SLOW_BUFFERED', 512 * 1024, 1024),
      maxBufferedBytes: int(env, 'SYNC_MAX_BUFFERED', 16 * 1024 * 1024, 1024),
    },
  }
}
