/**
 * Accessibility: axe-core against the WCAG 2.1 A/AA rules on every page and view, in German and
 * English; and taking part with the keyboard alone (join → add an idea → move it into a cluster →
 * vote), without a mouse.
 */
import { type BrowserContext, expect, type Page, test } from '@playwright/test'
import { createWorkshop, expectAccessible, joinedContext, signInFacilitator } from './fixtures.ts'

const axe = expectAccessible

async function inLanguage(context: BrowserContext, lang: 'de' | 'en') {
  await context.addInitScript((l) => localStorage.setItem('ideenwand:lang', l), lang)
}

for (const lang of ['de', 'en'] as const) {
  test(`every page and view passes axe (WCAG 2.1 AA), ${lang}`, async ({ browser }) => {
    test.setTimeout(180_000)
    const facContext = await browser.newContext()
    await inLanguage(facContext, lang)
    await signInFacilitator(facContext.request)
    const workshop = await createWorkshop(facContext.request, `Barrierefrei ${lang}`)
    const fac = await facContext.newPage()
    const facilitatorPages: [string, string, string][] = [
      ['workshops', '/workshops', 'h1'],
      ['workshop', `/workshops/${workshop.id}`, '[data-testid=invite-code-participant]'],
      ['handout', `/workshops/${workshop.id}/handout`, 'h1'],
      ['account', '/account', 'h1'],
      ['help', '/hilfe', 'h1'],
      ['accessibility statement', '/barrierefreiheit', 'h1'],
      ['privacy', '/datenschutz', 'h1'],
      ['canvas (facilitator)', `/b/${workshop.boardId}`, '[data-testid=facilitator-panel]'],
      ['list (facilitator)', `/l/${workshop.boardId}`, '[data-testid=list-view]'],
    ]
    for (const [what, path, ready] of facilitatorPages) {
      await fac.goto(path)
      await expect(fac.locator(ready).first()).toBeVisible()
      await axe(fac, `${lang} ${what}`)
    }

    const anonymous = await browser.newContext()
    await inLanguage(anonymous, lang)
    const visitor = await anonymous.newPage()
    for (const [what, path] of [
      ['start', '/'],
      ['login', '/login'],
      ['join', '/join'],
      ['join preview', `/join/${workshop.participantCode}`],
      ['not found', '/nothing/here/at/all'],
    ] as const) {
      await visitor.goto(path)
      await expect(visitor.locator('h1').first()).toBeVisible()
      await axe(visitor, `${lang} ${what}`)
    }

    const guest = await joinedContext(browser, workshop.participantCode, 'Anna')
    await inLanguage(guest, lang)
    const participant = await guest.newPage()
    for (const [what, path, ready] of [
      ['canvas (participant)', `/b/${workshop.boardId}`, '[data-testid=phase-bar]'],
      ['list (participant)', `/l/${workshop.boardId}`, '[data-testid=list-view]'],
      ['phone', `/m/${workshop.boardId}`, '[data-testid=phone-view]'],
    ] as const) {
      await participant.goto(path)
      await expect(participant.locator(ready)).toBeVisible()
      await axe(participant, `${lang} ${what}`)
    }
    const projectorContext = await joinedContext(browser, workshop.viewerCode)
    await inLanguage(projectorContext, lang)
    const projector = await projectorContext.newPage()
    await projector.goto(`/p/${workshop.boardId}`)
    await expect(projector.getByTestId('projector-code')).toBeVisible()
    await axe(projector, `${lang} projector`)
    await Promise.all([facContext, anonymous, guest, projectorContext].map((c) => c.close()))
  })
}

/** Presses Tab until the focused element has `testId` (or matches `selector`). */
async function tabTo(page: Page, testId: string, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    const current = await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))
    if (current === testId) return
    await page.keyboard.press('Tab')
  }
  throw new Error(`could not reach ${testId} with Tab`)
}

test('join, add an idea, move it into a cluster and vote — keyboard only', async ({ browser }) => {
  test.setTimeout(120_000)
  const facContext = await browser.newContext()
  await signInFacilitator(facContext.request)
  const workshop = await createWorkshop(facContext.request, 'Nur Tastatur')
  const fac = await facContext.newPage()
  await fac.goto(`/l/${workshop.boardId}`)
  const clusterForm = fac.getByTestId('list-add-cluster-form')
  await clusterForm.getByRole('textbox').fill('Mobilität')
  await clusterForm.getByRole('button').click()
  await expect(fac.getByRole('heading', { name: 'Mobilität' })).toBeVisible()

  const context = await browser.newContext()
  const page = await context.newPage()
  await page.goto(`/join/${workshop.participantCode}`)
  // Tab through the page once it is there (on a busy machine the first presses came too early).
  await expect(page.getByTestId('join-name')).toBeVisible()
  await tabTo(page, 'join-name')
  await page.keyboard.type('Tina Tastatur')
  await tabTo(page, 'join-submit')
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(/\/(b|m)\//)
  // On a laptop the phone bundle hands the whiteboard over with a page load: let it finish.
  await expect(page.getByTestId('connection-state')).toBeVisible()
  await page.goto(`/l/${workshop.boardId}`)
  await expect(page.getByTestId('list-view')).toBeVisible()

  await tabTo(page, 'list-add-text')
  await page.keyboard.type('Rufbus am Abend')
  await tabTo(page, 'list-add-submit')
  await page.keyboard.press('Enter')
  const idea = page.getByTestId('list-idea').filter({ hasText: 'Rufbus am Abend' })
  await expect(idea).toBeVisible()

  await tabTo(page, 'list-move-select')
  await page.keyboard.press('ArrowDown')
  await expect(idea.getByTestId('list-move-select')).not.toHaveValue('')
  await tabTo(page, 'list-move-button')
  await page.keyboard.press('Enter')
  await expect(
    page
      .getByRole('region', { name: 'Mobilität' })
      .getByTestId('list-idea')
      .filter({ hasText: 'Rufbus am Abend' }),
  ).toBeVisible()

  const round = await facContext.request.post(`/api/workshops/${workshop.id}/rounds`, {
    data: { dotsPerPerson: 2 },
  })
  expect(round.status()).toBe(201)
  await tabTo(page, 'list-vote-plus')
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('list-dots-left')).toContainText('1')
  const state = await (await facContext.request.get(`/api/workshops/${workshop.id}/state`)).json()
  expect(state.turnout).toEqual({ voters: 1, dots: 1 })
  await Promise.all([facContext.close(), context.close()])
})
