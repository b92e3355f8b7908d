/**
 * Vite config for the Ideenwand client: React, a dev proxy to the server on :3000, workspace
 * packages consumed from source, and route-level code splitting (tldraw only in the board chunk).
 */
import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

const serverOrigin = process.env.IDEENWAND_SERVER ?? 'http://localhost:3000'
const workspaceRoot = fileURLToPath(new URL('..', import.meta.url))

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  server: {
    port: 5173,
    strictPort: true,
    // Workspace packages (`@ideenwand/board`, `@ideenwand/protocol`) export their TypeScript
    // sources; Vite must be allowed to serve files from the workspace root.
    fs: { allow: [workspaceRoot] },
    proxy: {
      '/api': { target: serverOrigin, changeOrigin: false },
      '/healthz': { target: serverOrigin, changeOrigin: false },
      '/sync': { target: serverOrigin, ws: true, changeOrigin: false },
    },
  },
  // `@tldraw/assets/imports.vite` imports ~70 files with `?url`; the dependency optimizer
  // cannot pre-bundle those, so Vite serves the package as is.
  optimizeDeps: { exclude: ['@tldraw/assets'] },
  // The server replaces this placeholder with each page response's CSP nonce
  // (CSP_NONCE_PLACEHOLDER in server/src/http/staticClient.ts); Vite puts it on the built
  // `<script>`/`<link>` tags and into `<meta property="csp-nonce">`, which its preload helper and
  // tldraw's `<style>` elements (client/src/cspNonce.ts) use.
  html: { cspNonce: '__IDEENWAND_CSP_NONCE__' },
  preview: { port: 4173 },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Read by the bundle budget check (test/bundle-budget.ts).
    manifest: true,
    target: 'es2022',
    // Small assets become data: URLs by default; tldraw fetch()es its translation files, and the
    // CSP's `connect-src 'self'` refuses data: URLs (en.json is `{}`, small enough to inline).
    assetsInlineLimit: (file) => (file.endsWith('.json') ? false : undefined),
    // The tldraw chunk is large by nature (~600 KB gzip); it is only loaded on /b/:id.
    chunkSizeWarningLimit: 4000,
  },
})
