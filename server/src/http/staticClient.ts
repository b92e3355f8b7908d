/**
 * Serves the built client: hashed assets with long-lived caching, everything else that is not an
 * API path falls back to index.html (client-side routes such as /b/:boardId). Each HTML response
 * gets the CSP nonce of its own response (see `securityHeaders`) in place of the build's
 * placeholder.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { serveStatic } from '@hono/node-server/serve-static'
import type { Context, Hono } from 'hono'

/** What Vite's `html.cspNonce` writes into the built pages (client/vite.config.ts). */
export const CSP_NONCE_PLACEHOLDER = '__IDEENWAND_CSP_NONCE__'

/** The page with this response's nonce; `securityHeaders` must run before (it makes the nonce). */
function withNonce(c: Context, html: string): string {
  const nonce = c.get('secureHeadersNonce')
  if (!nonce) throw new Error('no CSP nonce for this response: securityHeaders() must run first')
  return html.replaceAll(CSP_NONCE_PLACEHOLDER, nonce)
}

export function mountClient(app: Hono, clientDir: string | null): void {
  const indexPath = clientDir ? join(clientDir, 'index.html') : null
  if (!clientDir || !indexPath || !existsSync(indexPath)) {
    app.get('/', (c) =>
      c.text('Ideenwand: the client is not built. Run "pnpm build" (or "pnpm start").', 503),
    )
    return
  }
  const index = readFileSync(indexPath, 'utf8')
  // The phone route has its own, smaller build (Preact instead of React); see client/README.md.
  const phonePath = join(clientDir, 'phone.html')
  const phone = existsSync(phonePath) ? readFileSync(phonePath, 'utf8') : index
  // Hashed file names: cached for good. (Set after the fact: serveStatic's `onFound` runs after
  // the response is made, too late for `c.header`.) A missing asset is a 404, not the app page.
  app.use('/assets/*', async (c, next) => {
    await next()
    if (c.res.status === 200) c.header('Cache-Control', 'public, max-age=31536000, immutable')
  })
  app.use('/assets/*', serveStatic({ root: clientDir }))
  app.get('/assets/*', (c) => c.notFound())
  // Files from public/ (icons, manifest); the HTML pages only through the handlers below, which
  // put the nonce in.
  const publicFiles = serveStatic({ root: clientDir })
  app.use('*', (c, next) =>
    c.req.path === '/' || c.req.path.endsWith('.html') ? next() : publicFiles(c, next),
  )
  const phonePage = (c: Context) => {
    c.header('Cache-Control', 'no-cache')
    return c.html(withNonce(c, phone))
  }
  app.get('/m/*', phonePage)
  // The invite link of the QR code: joining on a phone needs no more than the phone build.
  app.get('/join/:code', phonePage)
  app.get('*', (c) => {
    c.header('Cache-Control', 'no-cache')
    return c.html(withNonce(c, index))
  })
}
