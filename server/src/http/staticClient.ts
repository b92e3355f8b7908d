/**
 * Serves the built client: hashed assets with long-lived caching, everything else that is not an
 * API path falls back to index.html (client-side routes such as /b/:boardId).
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { serveStatic } from '@hono/node-server/serve-static'
import type { Hono } from 'hono'

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
  app.use(
    '/assets/*',
    serveStatic({
      root: clientDir,
      onFound: (_path, c) => {
        c.header('Cache-Control', 'public, max-age=31536000, immutable')
      },
    }),
  )
  app.use('*', serveStatic({ root: clientDir }))
  app.get('/m/*', (c) => {
    c.header('Cache-Control', 'no-cache')
    return c.html(phone)
  })
  app.get('*', (c) => {
    c.header('Cache-Control', 'no-cache')
    return c.html(index)
  })
}
