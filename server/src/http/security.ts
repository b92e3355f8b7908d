/**
 * Browser-facing protections: the origin policy (shared by CSRF checks and the WebSocket
 * upgrade), CSRF refusal of cross-site state-changing requests, and security headers with a CSP
 * that allows only the app's own origin.
 */
import type { Context, MiddlewareHandler } from 'hono'
import { NONCE, secureHeaders } from 'hono/secure-headers'
import { ApiError } from './errors.ts'

/**
 * With PUBLIC_URL: exactly that origin. Without: the origin must name the host the request was
 * sent to (same origin), which keeps a laptop in a local network working without configuration.
 */
export function originPolicy(publicUrl: string | null) {
  const allowed = publicUrl ? new URL(publicUrl).origin : null
  return (origin: string, c: Context): boolean => {
    if (allowed) return origin === allowed
    const host = c.req.header('host')
    if (!host) return false
    try {
      return new URL(origin).host === host
    } catch {
      return false
    }
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Refuses state-changing requests that a browser marks as cross-site (Sec-Fetch-Site) or whose
 * Origin is not ours. Requests with neither header do not come from a browser's cross-site
 * context (every current browser sends one of them), so scripts and bots can still call the API.
 */
export function csrfProtection(
  isAllowedOrigin: ReturnType<typeof originPolicy>,
): MiddlewareHandler {
  return async (c, next) => {
    if (!SAFE_METHODS.has(c.req.method)) {
      const site = c.req.header('sec-fetch-site')
      const origin = c.req.header('origin')
      const crossSite = site !== undefined && site !== 'same-origin' && site !== 'none'
      const foreignOrigin = origin !== undefined && !isAllowedOrigin(origin, c)
      if (crossSite || foreignOrigin) {
        throw new ApiError(403, 'cross_site_request', 'Cross-site requests are not allowed')
      }
    }
    await next()
  }
}

/**
 * Security headers with a CSP that allows only the app's own origin and no inline code.
 *
 * Styles: stylesheets from our origin, plus `<style>` elements that carry this response's nonce
 * (`style-src-elem`). The nonce is generated per response; `staticClient.ts` writes it into the
 * HTML pages, where Vite's `html.cspNonce` put placeholders (on the `<script>`/`<link>` tags and a
 * `<meta property="csp-nonce">` read by Vite's preload helper and passed to tldraw and TipTap).
 * `style-src-attr 'none'`: no `style="…"` attributes parsed from markup; React, Preact and tldraw
 * set styles through the CSSOM (`element.style`), which CSP does not restrict. No
 * 'unsafe-eval' either (zod runs jitless). See docs/security.md, "Content Security Policy".
 */
export function securityHeaders(): MiddlewareHandler {
  const headers = secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", NONCE],
      styleSrcElem: ["'self'", NONCE],
      styleSrcAttr: ["'none'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      mediaSrc: ["'self'", 'data:', 'blob:'],
      workerSrc: ["'self'", 'blob:'],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: 'same-origin',
    permissionsPolicy: { camera: [], microphone: [], geolocation: [] },
  })
  return async (c, next) => {
    await headers(c, next)
    // A receipt's address is its secret (issue 20 §4): no link on it sends it on as a referrer.
    if (c.req.path.startsWith('/beleg/')) c.res.headers.set('Referrer-Policy', 'no-referrer')
  }
}
