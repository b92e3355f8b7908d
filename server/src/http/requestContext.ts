/**
 * Who sent a request, through which proxy, and its id — decided once per request, first thing:
 * - the client's IP: the socket peer; when the peer is a trusted proxy (`TRUST_PROXY`), the
 *   rightmost address in `X-Forwarded-For` that is not itself a trusted proxy;
 * - the scheme: `X-Forwarded-Proto` from a trusted proxy, else the request's own;
 * - the request id: a sane `X-Request-Id` from a trusted proxy (so nginx's `$request_id` links
 *   both logs), else a new one. It is echoed in the response header and added to every log
 *   line written while the request is handled (logContext). WebSocket upgrades get one too.
 * Headers from anyone else are ignored: they are trivially spoofed.
 */
import { randomUUID } from 'node:crypto'
import { isIP } from 'node:net'
import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context, MiddlewareHandler } from 'hono'
import { normaliseIp } from '../config.ts'
import { logContext } from '../logger.ts'

declare module 'hono' {
  interface ContextVariableMap {
    /** Set by `requestContext`: this request's id (also the `X-Request-Id` response header). */
    requestId: string
    /** Set by `requestContext`: the client's IP as far as we can trust it; use `clientIp(c)`. */
    clientIp: string
    /** Set by `requestContext`: `http` or `https` as the client used it. */
    clientProto: 'http' | 'https'
  }
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/

/** The socket peer's address, normalised (`unknown` when there is no socket, as in app.request). */
export function peerAddress(c: Context): string {
  try {
    const address = getConnInfo(c).remote.address
    return address ? normaliseIp(address) : 'unknown'
  } catch {
    return 'unknown'
  }
}

export function requestContext(options: { trustProxy: readonly string[] }): MiddlewareHandler {
  const trusted = new Set(options.trustProxy)
  return async (c, next) => {
    const peer = peerAddress(c)
    const viaProxy = trusted.has(peer)
    const incomingId = viaProxy ? c.req.header('x-request-id') : undefined
    const requestId = incomingId && REQUEST_ID.test(incomingId) ? incomingId : randomUUID()
    c.set('requestId', requestId)
    c.set(
      'clientIp',
      viaProxy ? forwardedFor(c.req.header('x-forwarded-for'), trusted, peer) : peer,
    )
    c.set(
      'clientProto',
      (viaProxy && forwardedProto(c.req.header('x-forwarded-proto'))) || ownProto(c),
    )
    await logContext.run({ reqId: requestId }, next)
    // After the handler: it may have returned a Response of its own (the WebSocket upgrade does).
    c.header('X-Request-Id', requestId)
  }
}

/**
 * The rightmost address that is not a trusted proxy: each proxy appends the address it saw, so
 * everything left of the first untrusted hop may be made up by the client.
 */
export function forwardedFor(
  header: string | undefined,
  trusted: ReadonlySet<string>,
  peer: string,
): string {
  if (!header) return peer
  const hops = header.split(',').map((s) => normaliseIp(s.trim()))
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i] ?? ''
    if (isIP(hop) === 0) return peer // a hop our proxy did not write; do not guess
    if (!trusted.has(hop)) return hop
  }
  return hops[0] ?? peer // every hop is a proxy of ours
}

function forwardedProto(header: string | undefined): 'http' | 'https' | null {
  const first = header?.split(',')[0]?.trim().toLowerCase()
  return first === 'https' || first === 'http' ? first : null
}

function ownProto(c: Context): 'http' | 'https' {
  return c.req.url.startsWith('https:') ? 'https' : 'http'
}
