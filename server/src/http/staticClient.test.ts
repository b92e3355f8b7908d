import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Hono } from 'hono'
import { afterAll, describe, expect, it } from 'vitest'
import { securityHeaders } from './security.ts'
import { CSP_NONCE_PLACEHOLDER, mountClient } from './staticClient.ts'

const dir = mkdtempSync(join(tmpdir(), 'ideenwand-static-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const page = (name: string) =>
  `<!doctype html><meta property="csp-nonce" nonce="${CSP_NONCE_PLACEHOLDER}" />` +
  `<script type="module" nonce="${CSP_NONCE_PLACEHOLDER}" src="/assets/${name}.js"></script>`
writeFileSync(join(dir, 'index.html'), page('index'))
writeFileSync(join(dir, 'phone.html'), page('phone'))
writeFileSync(join(dir, 'icon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>')
mkdirSync(join(dir, 'assets'))
writeFileSync(join(dir, 'assets', 'index.js'), 'export {}')

const app = new Hono()
app.use('*', securityHeaders())
mountClient(app, dir)

async function load(path: string) {
  const res = await app.request(path)
  const csp = res.headers.get('content-security-policy') ?? ''
  const body = await res.text()
  return { res, csp, body, nonce: /'nonce-([^']+)'/.exec(csp)?.[1] }
}

describe('HTML pages with a per-response CSP nonce', () => {
  it('puts the response nonce in place of every placeholder, on every HTML route', async () => {
    for (const path of ['/', '/index.html', '/phone.html', '/b/abc', '/m/abc', '/login']) {
      const { res, csp, body, nonce } = await load(path)
      expect(res.status, path).toBe(200)
      expect(nonce, path).toMatch(/^[A-Za-z0-9+/]{20,}={0,2}$/)
      expect(body, path).not.toContain(CSP_NONCE_PLACEHOLDER)
      expect(body.split(`nonce="${nonce}"`).length - 1, path).toBe(2)
      expect(csp, path).not.toContain('unsafe-inline')
      expect(csp, path).toContain(`style-src-elem 'self' 'nonce-${nonce}'`)
      expect(csp, path).toContain("style-src-attr 'none'")
    }
    expect((await load('/m/abc')).body).toContain('/assets/phone.js')
    // The QR code's invite link joins with the phone build; the code form stays in the app.
    expect((await load('/join/ABCD-1234')).body).toContain('/assets/phone.js')
    expect((await load('/join')).body).not.toContain('/assets/phone.js')
  })

  it('gives every response a new nonce', async () => {
    const nonces = new Set<string | undefined>()
    for (let i = 0; i < 5; i++) nonces.add((await load('/b/abc')).nonce)
    expect(nonces.size).toBe(5)
  })

  it('still serves static files and hashed assets', async () => {
    const icon = await app.request('/icon.svg')
    expect(icon.status).toBe(200)
    expect(await icon.text()).toContain('<svg')
    const asset = await app.request('/assets/index.js')
    expect(asset.headers.get('cache-control')).toContain('immutable')
    const missing = await app.request('/assets/gone-1234.js')
    expect(missing.status).toBe(404)
    expect(missing.headers.get('cache-control')).toBeNull()
  })
})
