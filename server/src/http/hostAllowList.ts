/**
 * The names this server answers to (the `Host` header), checked before anything else: localhost
 * names, the machine's own addresses and name, `PUBLIC_URL`'s host and `ALLOWED_HOSTS`. Anything
 * else gets 421 Misdirected Request.
 *
 * Why: a page on another DNS name can make its name resolve to this server (DNS rebinding); the
 * browser then treats the server as that page's own origin, sends its requests with
 * `Host: <that name>` and lets the page read the answers. Without `PUBLIC_URL` the origin check
 * (security.ts) compares the Origin with that same Host, so on a fresh install in a local
 * network such a page could post to `/api/setup` and create the first account, and join links
 * would name the foreign host. Checking the Host against names we know stops that whatever the
 * browser believes.
 *
 * `/healthz` and `/readyz` are exempt: probes (load balancers, container runtimes) call them by
 * whatever address they have, and they reveal nothing a probe may not know.
 * @module
 */

import { isIP } from 'node:net'
import { hostname as machineName, networkInterfaces } from 'node:os'
import type { MiddlewareHandler } from 'hono'
import { normaliseIp } from '../config.ts'
import { ApiError } from './errors.ts'

export interface HostAllowListOptions {
  /** `PUBLIC_URL`; its host name is allowed. */
  publicUrl: string | null
  /** `ALLOWED_HOSTS`: further names or addresses, normalised (`normaliseHost`). */
  allowedHosts: readonly string[]
}

const EXEMPT_PATHS = new Set(['/healthz', '/readyz'])

/** How long the machine's addresses are trusted before a miss reads them again (ms). */
const ADDRESSES_TTL_MS = 5_000

/** A host name or address as compared here: lower case, no brackets, no IPv6 zone, no dot at the end. */
export function normaliseHost(name: string): string {
  const bare = name.trim().toLowerCase().replace(/\.$/, '')
  const ip = normaliseIp(bare).replace(/%.*$/, '')
  return isIP(ip) ? ip : bare
}

/** The host name of a `Host` header (`name`, `name:port`, `[v6]:port`), or null if malformed. */
export function hostOf(header: string): string | null {
  try {
    const url = new URL(`http://${header}`)
    if (url.username || url.password || url.pathname !== '/' || url.search || url.hash) return null
    return normaliseHost(url.hostname)
  } catch {
    return null
  }
}

/** `localhost`, `*.localhost` (RFC 6761: always the loopback) and loopback addresses. */
export function isLocalName(host: string): boolean {
  if (host === 'localhost' || host.endsWith('.localhost')) return true
  if (isIP(host) === 4) return host.startsWith('127.')
  return host === '::1'
}

/** The machine's own names and interface addresses, read now. */
function machineHosts(): Set<string> {
  const hosts = new Set<string>()
  const name = normaliseHost(machineName())
  if (name) hosts.add(name).add(`${name}.local`)
  for (const addresses of Object.values(networkInterfaces())) {
    for (const { address } of addresses ?? []) hosts.add(normaliseHost(address))
  }
  return hosts
}

/**
 * Middleware: refuses requests (and WebSocket upgrades) whose `Host` is not one of ours with 421.
 * The machine's addresses are read at start and again (at most every few seconds) when an
 * unknown name arrives, so a laptop that changes networks keeps working.
 */
export function hostAllowList(options: HostAllowListOptions): MiddlewareHandler {
  const configured = new Set(options.allowedHosts)
  if (options.publicUrl) configured.add(normaliseHost(new URL(options.publicUrl).hostname))
  let own = machineHosts()
  let readAt = Date.now()
  const allowed = (host: string): boolean => {
    if (isLocalName(host) || configured.has(host) || own.has(host)) return true
    if (Date.now() - readAt < ADDRESSES_TTL_MS) return false
    own = machineHosts()
    readAt = Date.now()
    return own.has(host)
  }
  return async (c, next) => {
    const header = c.req.header('host')
    // Without a Host header (HTTP/1.0 scripts) no browser is involved: nothing to rebind.
    if (header !== undefined && !EXEMPT_PATHS.has(c.req.path)) {
      const host = hostOf(header)
      if (host === null || !allowed(host)) {
        const shown = JSON.stringify((host ?? header).slice(0, 100))
        throw new ApiError(
          421,
          'unknown_host',
          `This server does not answer to the name ${shown}; the operator can add it to ALLOWED_HOSTS. / Dieser Server antwortet nicht unter dem Namen ${shown}; der Betreiber kann ihn in ALLOWED_HOSTS eintragen.`,
        )
      }
    }
    await next()
  }
}
