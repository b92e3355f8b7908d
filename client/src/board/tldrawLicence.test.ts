import { readFileSync, realpathSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  type LicenceSituation,
  TLDRAW_LICENCE_GATE_SELECTOR,
  tldrawCountsAsProduction,
  tldrawWouldHideCanvas,
} from './tldrawLicence.ts'

const prod = (hostname: string, protocol = 'https:', licenseKey?: string): LicenceSituation => ({
  licenseKey,
  production: true,
  protocol,
  hostname,
})

describe('tldrawWouldHideCanvas', () => {
  it('hides on a public https host in a production build without a key', () => {
    expect(tldrawWouldHideCanvas(prod('ideenwand.example.de'))).toBe(true)
    expect(tldrawWouldHideCanvas(prod('ideenwand.test'))).toBe(true)
    expect(tldrawWouldHideCanvas(prod('192.168.1.20'))).toBe(true)
  })

  it('keeps the canvas with a key (tldraw checks the key itself)', () => {
    expect(tldrawWouldHideCanvas(prod('ideenwand.example.de', 'https:', 'tldraw-abc.def'))).toBe(
      false,
    )
    expect(tldrawWouldHideCanvas(prod('ideenwand.example.de', 'https:', '   '))).toBe(true)
  })

  it('keeps the canvas on loopback hosts and plain http, as tldraw does', () => {
    for (const host of ['localhost', '127.0.0.1', '127.1.2.3', '[::1]', 'LOCALHOST']) {
      expect(tldrawWouldHideCanvas(prod(host)), host).toBe(false)
    }
    expect(tldrawWouldHideCanvas(prod('ideenwand.example.de', 'http:'))).toBe(false)
    expect(tldrawWouldHideCanvas(prod('192.168.1.20', 'http:'))).toBe(false)
  })

  it('treats *.localhost as production in a production build', () => {
    expect(tldrawWouldHideCanvas(prod('ideenwand.localhost'))).toBe(true)
    expect(tldrawWouldHideCanvas(prod('ideenwand.localhost', 'http:'))).toBe(true)
  })

  it('never hides in a development build', () => {
    expect(tldrawWouldHideCanvas({ ...prod('ideenwand.example.de'), production: false })).toBe(
      false,
    )
    expect(tldrawWouldHideCanvas({ ...prod('ideenwand.localhost'), production: false })).toBe(false)
  })
})

/** tldraw's own licence code, as installed (so an upgrade that changes it fails here). */
const licenseDir = join(
  realpathSync(fileURLToPath(new URL('../../node_modules/tldraw', import.meta.url))),
  '../@tldraw/editor/dist-esm/lib/license',
)

describe('agrees with the installed tldraw', () => {
  const nodeEnv = process.env.NODE_ENV
  afterEach(() => {
    process.env.NODE_ENV = nodeEnv
    vi.unstubAllGlobals()
  })

  it('counts the same pages as production as LicenseManager.getIsDevelopment', async () => {
    const { LicenseManager } = await import(join(licenseDir, 'LicenseManager.mjs'))
    // The method alone: the constructor would start validating (and, unlicensed, phone home).
    const manager = Object.create(LicenseManager.prototype)
    const hosts = ['ideenwand.example.de', 'localhost', '127.0.0.1', '127.8.9.10', '[::1]']
    for (const production of [true, false]) {
      for (const protocol of ['https:', 'http:']) {
        for (const hostname of [...hosts, 'board.localhost', '10.0.0.5', 'LOCALHOST']) {
          process.env.NODE_ENV = production ? 'production' : 'development'
          vi.stubGlobal('window', { location: { protocol, hostname } })
          expect(
            tldrawCountsAsProduction({ production, protocol, hostname }),
            `${production} ${protocol}//${hostname}`,
          ).toBe(!manager.getIsDevelopment())
        }
      }
    }
  })

  it('watches for the element tldraw renders when it hides the editor', () => {
    const provider = readFileSync(join(licenseDir, 'LicenseProvider.mjs'), 'utf8')
    const testId = /data-testid="([^"]+)"/.exec(TLDRAW_LICENCE_GATE_SELECTOR)?.[1]
    expect(provider).toContain(`"data-testid": "${testId}"`)
    expect(provider).toMatch(
      /licenseState === "expired" \|\| licenseState === "unlicensed-production"/,
    )
  })
})
