/**
 * Ideenwand as deployed (docs/deploy.md): production server behind the documented nginx
 * configuration, over HTTPS and WSS with a certificate for the test host name, in Chromium.
 * A facilitator sets up the server and runs a workshop; a participant joins by code on a phone,
 * adds an idea and votes. The client is built without a tldraw licence key, so the board page
 * shows the licence notice on this (non-local) host, and the list view does the canvas's work.
 * Every page fails the test on any CSP violation.
 */
import { request as httpRequest } from 'node:http'
import AxeBuilder from '@axe-core/playwright'
import { type BrowserContext, expect, type Page, test } from '@playwright/test'
import { tlsPorts } from './ports.ts'
import { METRICS_TOKEN, TLS_HOST } from './stack.ts'

const FACILITATOR = {
  email: 'ops@ideenwand.test',
  password: 'geheim-geheim-123',
  name: 'Olga Betrieb',
}

/** Adds CSP violations (event, console) and page errors of the context to `problems`. */
function watchProblems(context: BrowserContext, problems: string[]): void {
  context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const where = `${e.sourceFile}:${e.lineNumber}`
      console.error(
        `CSP violation: ${e.effectiveDirective} blocked ${e.blockedURI} (${where}) ${e.sample}`,
      )
    })
  })
  context.on('page', (page) => {
    page.on('console', (message) => {
      if (/CSP violation|Refused to|Content Security Policy/.test(message.text())) {
        problems.push(`${page.url()}: ${message.text()}`)
      }
    })
    page.on('pageerror', (error) => problems.push(`${page.url()}: ${error.message}`))
  })
}

/** The nonce the page got in its `<meta property="csp-nonce">` (only readable as a property). */
function metaNonce(page: Page): Promise<string> {
  return page.evaluate(
    () => document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]')?.nonce ?? '',
  )
}

test('security headers, a fresh CSP nonce per page, /metrics closed, http redirected', async ({
  page,
}) => {
  const first = await page.goto('/login')
  const csp = (await first?.headerValue('content-security-policy')) ?? ''
  expect(csp).toContain("default-src 'self'")
  expect(csp).not.toContain('unsafe-inline')
  expect(csp).toContain("style-src-attr 'none'")
  const nonce = await metaNonce(page)
  expect(nonce).toMatch(/^[A-Za-z0-9+/]{20,}={0,2}$/)
  expect(csp).toContain(`style-src-elem 'self' 'nonce-${nonce}'`)
  expect(await first?.headerValue('strict-transport-security')).toContain('max-age=')
  // nginx's $request_id reached the app, which trusts it only from TRUST_PROXY (a request id of
  // its own would be a UUID with dashes).
  expect(await first?.headerValue('x-request-id')).toMatch(/^[0-9a-f]{32}$/)

  const second = await page.goto('/m/abc')
  const secondNonce = await metaNonce(page)
  expect(secondNonce).not.toBe(nonce)
  expect(await second?.headerValue('content-security-policy')).toContain(`'nonce-${secondNonce}'`)

  // The documented configuration keeps the metrics off the internet.
  const status = (path: string) => page.evaluate(async (p) => (await fetch(p)).status, path)
  expect(await status('/metrics')).toBe(403)
  const direct = `http://127.0.0.1:${tlsPorts().app}/metrics`
  expect((await fetch(direct)).status).toBe(401)
  const bearer = { authorization: `Bearer ${METRICS_TOKEN}` }
  expect((await fetch(direct, { headers: bearer })).status).toBe(200)
  expect(await status('/readyz')).toBe(200)

  // Plain http only redirects to https.
  const redirect = await new Promise<{ status?: number; location?: string }>((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: tlsPorts().http, path: '/b/xyz', headers: { host: TLS_HOST } },
      (res) => {
        res.resume()
        resolve({ status: res.statusCode, location: res.headers.location })
      },
    )
    req.on('error', reject)
    req.end()
  })
  expect(redirect).toEqual({ status: 301, location: `https://${TLS_HOST}/b/xyz` })
})

test('a workshop over HTTPS and WSS: setup, phone participant, list view, vote, results', async ({
  browser,
}) => {
  test.setTimeout(90_000)
  const facContext = await browser.newContext({ viewport: { width: 1400, height: 900 } })
  const problems: string[] = []
  watchProblems(facContext, problems)
  const sockets: string[] = []
  facContext.on('page', (p) => p.on('websocket', (ws) => sockets.push(ws.url())))
  const fac = await facContext.newPage()

  // First run: the setup page creates the facilitator account.
  await fac.goto('/')
  await expect(fac).toHaveURL(/\/setup$/)
  await fac.getByLabel('Name').fill(FACILITATOR.name)
  await fac.getByLabel('E-Mail').fill(FACILITATOR.email)
  await fac.getByLabel('Passwort', { exact: true }).fill(FACILITATOR.password)
  await fac.getByLabel('Passwort wiederholen').fill(FACILITATOR.password)
  await fac.getByRole('button', { name: 'Konto anlegen' }).click()
  await expect(fac).toHaveURL(/\/workshops$/)
  const cookies = await facContext.cookies()
  expect(cookies.find((c) => c.name.startsWith('__Host-'))?.secure).toBe(true)

  await fac.getByLabel('Titel', { exact: true }).fill('Bürgerhaushalt 2027')
  await fac.getByLabel('Ort', { exact: true }).fill('Rathaus, Ratssaal')
  await fac.getByRole('button', { name: 'Workshop anlegen' }).click()
  await expect(fac).toHaveURL(/\/workshops\/[^/]+$/)
  const code = (await fac.getByTestId('invite-code-participant').textContent())?.trim() ?? ''
  expect(code).toMatch(/^[A-Z0-9]{3}-[A-Z0-9]{3}$/)
  const boardHref = (await fac.getByTestId('open-board').getAttribute('href')) ?? ''
  const boardId = boardHref.replace(/^\/b\//, '')
  expect(boardId).not.toBe('')

  // The board page: no licence key in this build, a non-local host → the notice, not a blank
  // canvas; the facilitator panel still runs the workshop.
  await fac.getByTestId('open-board').click()
  const notice = fac.getByTestId('licence-notice')
  await expect(notice).toBeVisible()
  await expect(notice).toHaveAttribute('data-reason', 'missing')
  await expect(notice.getByRole('heading', { level: 2 })).toHaveText(
    'Die Zeichenfläche ist auf diesem Server nicht freigeschaltet',
  )
  await expect(notice).toContainText('VITE_TLDRAW_LICENSE_KEY')
  await expect(notice.getByTestId('licence-link-list')).toHaveAttribute('href', `/l/${boardId}`)
  await expect(notice.getByTestId('licence-link-projector')).toHaveAttribute(
    'href',
    `/p/${boardId}`,
  )
  await expect(notice.getByTestId('licence-link-phone')).toHaveAttribute('href', `/m/${boardId}`)
  await expect(fac.locator('.tl-container')).toHaveCount(0)
  const axe = await new AxeBuilder({ page: fac })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .include('[data-testid=licence-notice]')
    .analyze()
  expect(axe.violations.map((v) => v.id)).toEqual([])
  await expect(fac.getByTestId('connection-state')).toHaveAttribute('data-state', 'saved', {
    timeout: 15_000,
  })
  await expect(fac.getByTestId('phase-bar')).toHaveAttribute('data-phase', 'collect')

  // A participant joins by code on a phone and lands on the phone view.
  const phoneContext = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  })
  watchProblems(phoneContext, problems)
  const phone = await phoneContext.newPage()
  await phone.goto('/')
  await phone.getByLabel('Code', { exact: true }).fill(code)
  await phone.getByRole('button', { name: 'Teilnehmen' }).click()
  await phone.getByTestId('join-name').fill('Paula')
  await phone.getByTestId('join-submit').click()
  await expect(phone).toHaveURL(new RegExp(`/m/${boardId}$`))
  await expect(phone.getByTestId('phone-view')).toBeVisible()
  await phone.getByTestId('phone-idea-input').fill('Mehr Bänke am Marktplatz')
  await phone.getByTestId('phone-idea-send').click()
  await expect(phone.locator('[data-testid=my-idea][data-state=sent]')).toHaveCount(1)

  // The facilitator works in the list view (what the notice offers instead of the canvas).
  const list = await facContext.newPage()
  await list.goto(`/l/${boardId}`)
  await expect(list.getByTestId('list-idea').filter({ hasText: 'Mehr Bänke' })).toBeVisible()
  await list.getByTestId('list-add-text').fill('Wasserspender im Rathaus')
  await list.getByTestId('list-add-submit').click()
  await expect(list.getByTestId('list-idea')).toHaveCount(2)

  // Phases from the board page: cluster, then a voting round of two dots.
  await fac.getByTestId('phase-next').click()
  await expect(fac.getByTestId('phase-bar')).toHaveAttribute('data-phase', 'cluster')
  await fac.getByTestId('round-dots').fill('2')
  await fac.getByTestId('round-start').click()
  await expect(fac.getByTestId('phase-bar')).toHaveAttribute('data-phase', 'vote')
  const target = phone.locator('li', { hasText: 'Wasserspender im Rathaus' })
  await target.getByTestId('phone-vote-plus').click()
  await expect(phone.getByTestId('phone-dots-left')).toContainText('1')
  await target.getByTestId('phone-vote-plus').click()
  await expect(phone.getByTestId('phone-dots-left')).toContainText('0')
  await expect(fac.getByTestId('turnout')).toContainText('1')
  await fac.getByTestId('round-reveal').click()
  for (const page of [fac, phone]) {
    const row = page.getByTestId('result-row').filter({ hasText: 'Wasserspender im Rathaus' })
    await expect(row.first()).toHaveAttribute('data-rank', '1')
    await expect(row.first()).toHaveAttribute('data-dots', '2')
  }

  // The projector and the remaining pages load without CSP violations too.
  const projector = await facContext.newPage()
  await projector.goto(`/p/${boardId}`)
  await expect(projector.getByTestId('projector-view')).toBeVisible()
  await projector.goto('/login')
  await expect(projector.getByRole('main')).toBeVisible()

  // Every sync connection went through nginx over TLS.
  expect(sockets.length).toBeGreaterThan(0)
  for (const url of sockets) expect(url).toMatch(new RegExp(`^wss://${TLS_HOST}:\\d+/sync/`))
  expect(problems).toEqual([])
  await Promise.all([facContext.close(), phoneContext.close()])
})
