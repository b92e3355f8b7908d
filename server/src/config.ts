/**
 * Server configuration from environment variables: every setting, its default and its meaning
 * in one place (the README's settings table mirrors this). Invalid values fail at start-up with a
 * message that says what to set.
 */
import { resolve } from 'node:path'

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
  sync: SyncLimits
}

export interface SyncLimits {
  /** Largest accepted WebSocket frame in bytes. */
  maxPayload: number
  /** Sustained messages per second allowed per connection. */
  ratePerSecond: number
  /** Burst of messages per connection above the sustained rate. */
  rateBurst: number
  /** How long a board stays loaded after its last connection left (ms). */
  roomIdleMs: number
  /** Compact the update log once a board has this many updates since its snapshot… */
  compactUpdates: number
  /** …or this many bytes of updates. */
  compactBytes: number
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
  return {
    port: int(env, 'PORT', 3000),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl,
    databaseSchema: schema,
    dataDir: resolve(cwd, env.DATA_DIR ?? './data'),
    clientDir:
      env.CLIENT_DIR === ''
        ? null
        : resolve(cwd, env.CLIENT_DIR ?? new URL('../../client/dist', import.meta.url).pathname),
    logLevel: level,
    sync: {
      maxPayload: int(env, 'SYNC_MAX_PAYLOAD', 2 * 1024 * 1024, 1024),
      ratePerSecond: int(env, 'SYNC_RATE_PER_SECOND', 200, 1),
      rateBurst: int(env, 'SYNC_RATE_BURST', 1000, 1),
      roomIdleMs: int(env, 'ROOM_IDLE_MS', 30_000),
      compactUpdates: int(env, 'COMPACT_UPDATES', 500, 1),
      compactBytes: int(env, 'COMPACT_BYTES', 4 * 1024 * 1024, 1),
    },
  }
}
