/**
 * Every setting as data: name, default, meaning, and whether its value is secret. The list
 * documents config.ts (which reads and validates the values), generates `.env.example`
 * (`pnpm --filter @ideenwand/server settings:env`), and gives the start-up log its
 * "configuration" line with secrets redacted. config.test.ts fails when a variable read in
 * config.ts is missing here, in `.env.example` or in the README's settings table.
 */

export interface Setting {
  name: string
  /** The default as people read it (`—` = unset). */
  default: string
  description: string
  /** Its value (or the password in it) must never be logged. */
  secret?: boolean
  /** `build`: read when the client is built (Vite), not by the server. */
  scope?: 'server' | 'build'
}

export const SETTINGS: readonly Setting[] = [
  {
    name: 'NODE_ENV',
    default: '—',
    description:
      '`production`: compressed responses, and the server refuses to start on unsafe settings (see "Production")',
  },
  { name: 'PORT', default: '3000', description: 'HTTP port for client, API and sync' },
  { name: 'HOST', default: '0.0.0.0', description: 'interface to listen on' },
  {
    name: 'PUBLIC_URL',
    default: '—',
    description:
      'the address people use (`https://ideenwand.example.org`): only this origin may open WebSockets and post; join links and QR codes use it; on https the session cookie is `Secure` with the `__Host-` prefix. Unset: requests must be same-origin with the `Host` they are sent to. Required in production (https)',
  },
  {
    name: 'ALLOWED_HOSTS',
    default: '—',
    description:
      "comma-separated further names or IP addresses people use to reach the server (`ideenwand.local,192.168.1.20`). Answered are only these, `localhost`, the machine's own name and addresses, and `PUBLIC_URL`'s host; a request naming another `Host` gets 421 (a page on another name cannot reach the server by DNS rebinding)",
  },
  {
    name: 'TRUST_PROXY',
    default: '—',
    description:
      'comma-separated IP addresses of reverse proxies (`127.0.0.1,::1`); only requests from them have `X-Forwarded-For`, `X-Forwarded-Proto` and `X-Request-Id` believed',
  },
  {
    name: 'DATABASE_URL',
    default: '—',
    description: '`postgres://…` to store in PostgreSQL; unset = embedded PGlite',
    secret: true,
  },
  {
    name: 'DATABASE_SCHEMA',
    default: '—',
    description: 'PostgreSQL schema (search_path) to use',
  },
  {
    name: 'DATA_DIR',
    default: '`data/` at the repository root',
    description:
      'PGlite data directory (when `DATABASE_URL` is unset; relative paths from the working directory)',
  },
  {
    name: 'CLIENT_DIR',
    default: '`client/dist`',
    description: 'built client to serve; empty = serve no client',
  },
  {
    name: 'LOG_LEVEL',
    default: 'info',
    description:
      '`fatal`, `error`, `warn`, `info`, `debug`, `trace` or `silent` (JSON logs on stdout)',
  },
  {
    name: 'REDIS_URL',
    default: '—',
    description:
      '`redis://…`: several instances serve the same boards (updates and presence fan out through Redis pub/sub; needs `DATABASE_URL`), and rate-limit counters are shared (fall back to memory if Redis is down)',
    secret: true,
  },
  {
    name: 'METRICS_TOKEN',
    default: '—',
    description:
      'when set, `GET /metrics` requires `Authorization: Bearer <token>`; in production (`NODE_ENV=production`) metrics are served only when it is set (404 otherwise); keep `/metrics` off the public internet either way',
    secret: true,
  },
  {
    name: 'SYNC_MAX_PAYLOAD',
    default: '2097152',
    description: 'largest WebSocket frame in bytes; larger ones close the connection (1009)',
  },
  {
    name: 'SYNC_RATE_PER_SECOND',
    default: '200',
    description: 'sustained messages per second per connection',
  },
  {
    name: 'SYNC_RATE_BURST',
    default: '1000',
    description: 'burst above that rate; exceeding it closes the connection (4429)',
  },
  {
    name: 'SYNC_IDEAS_PER_MINUTE',
    default: '30',
    description:
      "ideas one person (session, all tabs together, across reconnects) may add per minute (also the burst); more closes the connection (4429 `too many ideas`); the handshake's offline work is exempt",
  },
  {
    name: 'ROOM_IDLE_MS',
    default: '30000',
    description: 'a board stays in memory this long after its last connection left',
  },
  {
    name: 'COMPACT_UPDATES',
    default: '500',
    description: "compact a board's update log into a snapshot after this many updates…",
  },
  { name: 'COMPACT_BYTES', default: '4194304', description: '…or this many bytes' },
  {
    name: 'SYNC_UPDATE_TICK_MS',
    default: '33',
    description:
      "a board's updates arriving within this window are stored and sent as one merged update (33 ms ≈ 30 frames per second, as tldraw syncs; an update after a quiet spell goes out at once)",
  },
  {
    name: 'SYNC_AWARENESS_TICK_MS',
    default: '25',
    description:
      'presence (cursors) of a board is coalesced and sent once per this window; no moving position goes out older than one window',
  },
  {
    name: 'SYNC_PRESENCE_CAP',
    default: '112',
    description:
      'at most this many moving cursors per board and tick, those that moved since the last tick and were sent longest ago first (thinning on very large boards: with the 25 ms tick 300 cursors at 20 Hz still reach everyone at more than 10 Hz each); joins, leaves and facilitators always, and the final positions of cursors that stopped from a budget of the same size',
  },
  {
    name: 'SYNC_SLOW_BUFFERED',
    default: '524288',
    description: 'a connection with more unsent bytes gets no presence until it has caught up',
  },
  {
    name: 'SYNC_MAX_BUFFERED',
    default: '16777216',
    description:
      'a connection with more unsent bytes is closed (4508 `too slow`; the client reconnects)',
  },
  {
    name: 'BOARD_MAX_IDEAS',
    default: '5000',
    description:
      'most ideas one board may hold; an update adding more is refused (4413 `board full`)',
  },
  {
    name: 'BOARD_MAX_BYTES',
    default: '33554432',
    description:
      'most bytes one board may take in the database (32 MiB); an update beyond is refused (4413 `board full`)',
  },
  {
    name: 'IMPORT_TIME_LIMIT_MS',
    default: '20000',
    description:
      'an import (workshop export upload) is prepared in a worker thread that is stopped after this long; the import is refused (422 `import_timeout`) and nothing is stored',
  },
  {
    name: 'SYNC_CONNECTIONS_PER_SESSION',
    default: '8',
    description:
      'open sync connections per session (browser tabs); one more is refused (4429 `too many connections`)',
  },
  {
    name: 'SYNC_SESSIONS_PER_IP',
    default: '1000',
    description:
      "people (sessions) connected to one board from one client IP, each counted once however many tabs it has; one more is refused (4429 `too many connections`). Generous on purpose: a town hall's Wi-Fi puts everyone behind one address; facilitators count apart, so guests never lock them out; behind a reverse proxy set `TRUST_PROXY`",
  },
  {
    name: 'SYNC_CONNECTIONS_PER_IP',
    default: '200',
    description:
      "further tabs (beyond each session's first) on one board from one client IP, shared; one more is refused (4429 `too many connections`). Nobody's first tab is ever refused because of others' tabs",
  },
  {
    name: 'SYNC_MAX_STRUCT_LENGTH',
    default: '10000000',
    description:
      'longest struct or delete range an incoming update may declare in one piece (update check, 4400)',
  },
  {
    name: 'SYNC_HEARTBEAT_MS',
    default: '15000',
    description:
      'sync sockets are pinged this often; one that answered nothing since the last ping is closed (frees its place in the connection limits)',
  },
  {
    name: 'SYNC_UPDATE_CHECK_MS',
    default: '1000',
    description: 'time budget for checking one incoming update before it is refused (4400)',
  },
  {
    name: 'SYNC_UPDATE_MAX_COST',
    default: '40000',
    description:
      'highest estimated cost of applying one incoming update, in units of about 1 µs of server time (splits, deletes of live text, conflicting inserts; see docs/security.md); above, the update is refused (4413 `update too costly`). Each connection may spend a quarter of it per second, twice it at once (4429 `too much work`)',
  },
  {
    name: 'SESSION_INACTIVITY_HOURS',
    default: '240',
    description: "a facilitator's session ends after this long unused…",
  },
  {
    name: 'SESSION_MAX_AGE_DAYS',
    default: '30',
    description: '…and at the latest this long after sign-in',
  },
  {
    name: 'GUEST_SESSION_INACTIVITY_HOURS',
    default: '24',
    description: "a guest's session ends after this long unused…",
  },
  {
    name: 'GUEST_SESSION_MAX_AGE_SECONDS',
    default: '259200',
    description: '…and at the latest after three days; open connections are closed then',
  },
  {
    name: 'WS_TICKET_TTL_SECONDS',
    default: '60',
    description: 'lifetime of single-use WebSocket tickets for non-browser clients',
  },
  {
    name: 'RETENTION_DEFAULT_NAMES_DAYS',
    default: '30',
    description:
      "guests' names are deleted this many days after a workshop's end, unless its facilitators set otherwise; `0` = keep",
  },
  {
    name: 'RETENTION_DEFAULT_WORKSHOP_DAYS',
    default: '0',
    description:
      'whole workshops are deleted this many days after their end, unless their facilitators set otherwise; `0` = keep',
  },
  {
    name: 'RETENTION_JOB_INTERVAL_MINUTES',
    default: '60',
    description: 'the retention job runs at start and then this often',
  },
  {
    name: 'RATE_LIMIT_JOIN_PER_MINUTE',
    default: '300',
    description:
      'attempts with an invite code that leads nowhere (guessing), and co-facilitator invitation look-ups, per IP and minute',
  },
  {
    name: 'RATE_LIMIT_JOIN_PER_WORKSHOP',
    default: '300',
    description:
      "joins of one workshop per IP and minute (a room of phones behind one router must fit); a flood of joins into one workshop leaves other workshops' joins from the same address alone",
  },
  {
    name: 'RATE_LIMIT_LOGIN_FAILURES',
    default: '5',
    description: 'failed logins per e-mail and IP before a 15-minute block',
  },
  {
    name: 'RATE_LIMIT_SETUP_PER_HOUR',
    default: '10',
    description: 'first-run setup attempts per IP and hour',
  },
  {
    name: 'DEMO',
    default: '—',
    description:
      '`1`: create the demo workshop at start (what `pnpm demo` does); refused in production',
  },
  {
    name: 'VITE_TLDRAW_LICENSE_KEY',
    default: '—',
    description: 'tldraw licence key, read when the client is **built** (see below)',
    secret: true,
    scope: 'build',
  },
  {
    name: 'VITE_PRIVACY_CONTROLLER',
    default: 'a placeholder',
    description:
      'who runs the installation (name and address), shown in the privacy notice; read when the client is built',
    scope: 'build',
  },
  {
    name: 'VITE_PRIVACY_CONTACT',
    default: '`datenschutz@example.org`',
    description:
      'contact of the data protection officer in the privacy notice; read when the client is built',
    scope: 'build',
  },
  {
    name: 'VITE_ACCESSIBILITY_CONTACT',
    default: '`barrierefreiheit@example.org`',
    description:
      'contact for accessibility feedback in the accessibility statement; read when the client is built',
    scope: 'build',
  },
]

const REDACTED = '[redacted]'

/**
 * The effective value of every setting for the start-up log: what `env` sets, else the default.
 * Secret values are replaced; in URLs only the password (and secret-looking query parameters),
 * so the host stays visible.
 */
export function effectiveSettings(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const setting of SETTINGS) {
    if (setting.scope === 'build') continue
    const raw = env[setting.name]
    if (raw === undefined) {
      out[setting.name] = setting.default === '—' ? '(unset)' : `(default) ${setting.default}`
    } else {
      out[setting.name] = setting.secret ? redactSecret(raw) : raw
    }
  }
  return out
}

/** A URL with its password (and secret-looking query parameters) replaced; anything else whole. */
export function redactSecret(value: string): string {
  if (value === '') return ''
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return REDACTED
  }
  if (!url.host) return REDACTED
  if (url.password) url.password = REDACTED
  for (const key of [...url.searchParams.keys()]) {
    if (/pass|secret|token|key/i.test(key)) url.searchParams.set(key, REDACTED)
  }
  // `new URL` percent-encodes the brackets; show the marker as written.
  return url.href.replaceAll(encodeURIComponent(REDACTED), REDACTED)
}

/** `.env.example`: every setting, commented out with its default, grouped as in SETTINGS. */
export function envExample(): string {
  const lines = [
    '# Ideenwand settings. Generated from server/src/settings.ts by',
    '# `pnpm --filter @ideenwand/server settings:env`; do not edit by hand.',
    '# Copy to .env (e.g. for `node --env-file=.env`, a systemd EnvironmentFile= or',
    '# `docker run --env-file`) and uncomment what you change. Secrets are marked.',
    '# [client build] settings are read by `pnpm build` (from its environment or client/.env).',
    '',
  ]
  for (const setting of SETTINGS) {
    const text = setting.description.replaceAll('`', '').replaceAll('**', '')
    lines.push(
      `# ${text}${setting.secret ? ' [secret]' : ''}${setting.scope === 'build' ? ' [client build]' : ''}`,
    )
    const value = /^\d+$|^[a-z]+$|^0\.0\.0\.0$/.test(setting.default) ? setting.default : ''
    lines.push(`# ${setting.name}=${value}`, '')
  }
  return `${lines.join('\n').trimEnd()}\n`
}
