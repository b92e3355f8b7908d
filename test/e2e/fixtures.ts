/**
 * Shared steps for end-to-end tests: a facilitator account and workshops made through the API
 * of the browser context (so its cookies are the context's), joining by code, and a watch on
 * every request a page makes, and the axe check every view must pass.
 */
import AxeBuilder from '@axe-core/playwright'
import {
  type APIRequestContext,
  type Browser,
  type BrowserContext,
  expect,
  type Page,
} from '@playwright/test'

export const FACILITATOR = {
  email: 'maria@ok-lab-flaeming.de',
  password: 'geheim-geheim-123',
  name: 'Maria Moderation',
}

/** Signs the context in as the facilitator, creating the account on a fresh server. */
export async function signInFacilitator(request: APIRequestContext): Promise<void> {
  const setup = await (await request.get('/api/setup')).json()
  const res = setup.needed
    ? await request.post('/api/setup', { data: FACILITATOR })
    : await request.post('/api/auth/login', {
        data: { email: FACILITATOR.email, password: FACILITATOR.password },
      })
  expect(res.ok(), await res.text()).toBe(true)
}

export interface CreatedWorkshop {
  id: string
  boardId: string
  participantCode: string
  viewerCode: string
}

export async function createWorkshop(
  request: APIRequestContext,
  title: string,
): Promise<CreatedWorkshop> {
  const res = await request.post('/api/workshops', { data: { title, place: 'Rathaus Bad Belzig' } })
  expect(res.status(), await res.text()).toBe(201)
  const body = await res.json()
  const code = (role: string) =>
    body.invites.find((i: { role: string }) => i.role === role).code as string
  return {
    id: body.id,
    boardId: body.boardId,
    participantCode: code('participant'),
    viewerCode: code('viewer'),
  }
}

/** A new browser context that joined with `code` (through the API) under `name`. */
export async function joinedContext(
  browser: Browser,
  code: string,
  name?: string,
): Promise<BrowserContext> {
  const context = await browser.newContext()
  const res = await context.request.post('/api/join', { data: { code, ...(name ? { name } : {}) } })
  expect(res.ok(), await res.text()).toBe(true)
  return context
}

/** Everything the page's WebSockets receive, as text (binary frames as latin1). */
export function recordFrames(page: Page): string[] {
  const frames: string[] = []
  page.on('websocket', (ws) => {
    ws.on('framereceived', ({ payload }) => {
      frames.push(typeof payload === 'string' ? payload : payload.toString('latin1'))
    })
  })
  return frames
}

/** Records requests to any host but the app's own. */
export function recordForeignRequests(context: BrowserContext, baseURL: string): string[] {
  const own = new URL(baseURL).host
  const foreign: string[] = []
  context.on('request', (request) => {
    const url = new URL(request.url())
    if (url.protocol === 'data:' || url.protocol === 'blob:') return
    if (url.host !== own) foreign.push(request.url())
  })
  return foreign
}

/** Records CSP violations and uncaught errors on a page. */
export function recordPageProblems(page: Page): string[] {
  const problems: string[] = []
  page.on('console', (message) => {
    if (/Refused to|Content Security Policy/.test(message.text())) problems.push(message.text())
  })
  page.on('pageerror', (error) => problems.push(error.message))
  return problems
}

export async function expectSaved(page: Page): Promise<void> {
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'saved', {
    timeout: 15_000,
  })
}

export async function addIdea(page: Page, text: string): Promise<void> {
  await page.getByTestId('add-idea').click()
  await page.keyboard.type(text)
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('idea-card').filter({ hasText: text })).toBeVisible()
}

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']

/**
 * axe-core against the WCAG 2.1 A/AA rules; `what` names the page in the failure. tldraw's own
 * canvas UI is excluded: its shapes are not accessible to assistive technology (tldraw #5215,
 * #9156), which is why the list view exists — the accessibility statement says so. Everything
 * Ideenwand renders around the canvas is checked.
 */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG).exclude('.tl-container').analyze()
  const violations = results.violations.map(
    (v) => `${what}: ${v.id} (${v.impact}) — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  )
  expect(violations, violations.join('\n')).toEqual([])
}
