/**
 * Issue 16 §10, the phone from the QR code: scanning the handout's QR code (its link, the
 * invite's `joinUrl`), joining and sending the first idea downloads at most 100 KB of JavaScript
 * on the wire, and on a slow 3G line (WebPageTest's "3G Slow": 400 ms round trip, 400 kbit/s
 * each way, set through the Chrome DevTools Protocol) the join page is usable within 5 s.
 *
 * "On the wire" is what a production server sends, so this test starts one (NODE_ENV=production:
 * Brotli/gzip compression, as behind the documented setup) on a port of its own; the Pixel 7
 * page counts the encoded bytes of every script response until its first idea is sent.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { devices, expect, request, test } from '@playwright/test'
import { FACILITATOR } from './fixtures.ts'

const BUDGET_BYTES = 100 * 1024
const USABLE_WITHIN_MS = 5_000
/** WebPageTest's "3G Slow" profile. */
const SLOW_3G = { latency: 400, downloadThroughput: 50_000, uploadThroughput: 50_000 }

let server: ChildProcess | null = null
let baseURL = ''

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address()
      srv.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

test.beforeAll(async () => {
  const port = await freePort()
  baseURL = `http://127.0.0.1:${port}`
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: fileURLToPath(new URL('../../server/', import.meta.url)),
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PUBLIC_URL: baseURL,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'ideenwand-qr-')),
      DATABASE_URL: '',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  server = child
  let output = ''
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes('"msg":"listening"')) resolve()
    })
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
    })
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)))
  })
})

test.afterAll(async () => {
  const child = server
  if (!child || child.exitCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM')
  await exited
})

test('§10 the QR link joins and sends the first idea with ≤ 100 KB of JavaScript on the wire, usable on slow 3G within 5 s', async ({
  browser,
}) => {
  test.setTimeout(120_000)
  const fac = await request.newContext({ baseURL })
  expect((await fac.post('/api/setup', { data: FACILITATOR })).ok()).toBe(true)
  const created = await fac.post('/api/workshops', {
    data: { title: 'Themenlabor Mobilität Wiesenburg', place: 'Gemeindezentrum' },
  })
  expect(created.status()).toBe(201)
  const workshop = (await created.json()) as {
    id: string
    invites: { role: string; joinUrl: string }[]
  }
  const joinUrl = workshop.invites.find((i) => i.role === 'participant')?.joinUrl ?? ''
  // The handout's QR code encodes exactly this link.
  expect(joinUrl).toMatch(new RegExp(`^${baseURL}/join/[A-Za-z0-9_-]+$`))
  const qr = await fac.get(`/api/workshops/${workshop.id}/invites/participant/qr.svg`)
  expect(qr.status()).toBe(200)
  expect(qr.headers()['content-type']).toContain('image/svg+xml')

  const context = await browser.newContext({ ...devices['Pixel 7'] })
  const page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.emulateNetworkConditions', { offline: false, ...SLOW_3G })
  const scripts = new Map<string, string>()
  const bytes = new Map<string, number>()
  cdp.on('Network.responseReceived', (event) => {
    if (event.type === 'Script') scripts.set(event.requestId, event.response.url)
  })
  cdp.on('Network.loadingFinished', (event) => {
    if (scripts.has(event.requestId)) bytes.set(event.requestId, event.encodedDataLength)
  })

  const started = Date.now()
  await page.goto(joinUrl, { waitUntil: 'commit' })
  await expect(page.getByTestId('join-preview')).toContainText('Themenlabor Mobilität Wiesenburg', {
    timeout: 15_000,
  })
  const name = page.getByTestId('join-name')
  await expect(name).toBeEditable()
  const usableMs = Date.now() - started

  await name.fill('Erika')
  await page.getByTestId('join-submit').click()
  await expect(page).toHaveURL(/\/m\/[^/]+$/, { timeout: 15_000 })
  const field = page.getByTestId('phone-idea-input')
  await expect(field).toBeEditable({ timeout: 20_000 })
  await field.fill('Rufbus am Wochenende')
  await page.keyboard.press('Enter')
  await expect(page.locator('[data-testid=my-idea][data-state=sent]')).toHaveCount(1, {
    timeout: 30_000,
  })
  const firstIdeaMs = Date.now() - started

  const total = [...bytes.values()].reduce((a, b) => a + b, 0)
  console.log(
    `QR path: ${(total / 1024).toFixed(1)} KB of JavaScript on the wire in ${bytes.size} scripts (${[
      ...scripts.values(),
    ]
      .map((url) => new URL(url).pathname)
      .join(
        ', ',
      )}); join page usable after ${usableMs} ms, first idea sent after ${firstIdeaMs} ms on slow 3G`,
  )
  expect(bytes.size).toBeGreaterThan(0)
  expect(total).toBeLessThanOrEqual(BUDGET_BYTES)
  expect(usableMs).toBeLessThanOrEqual(USABLE_WITHIN_MS)
  await Promise.all([context.close(), fac.dispose()])
})
