/**
 * The join funnel (issue 19 §5) as a facilitator sees it: two phones in the room and a laptop at
 * home open the join link; one phone joins and sends an idea, the laptop joins; the facilitator
 * panel's "Beteiligung" shows it per channel, names nowhere, and passes axe.
 */
import AxeBuilder from '@axe-core/playwright'
import { type Browser, expect, test } from '@playwright/test'
import { createWorkshop, signInFacilitator } from './fixtures.ts'
import { openBoard } from './seed.ts'

const PHONE = { width: 390, height: 844 }

async function openJoin(
  browser: Browser,
  code: string,
  viewport: { width: number; height: number },
) {
  const context = await browser.newContext({ viewport })
  const page = await context.newPage()
  await page.goto(`/join/${code}`)
  await expect(page.getByTestId('join-anonymous')).toBeVisible()
  return { context, page }
}

test('Beteiligung: opened, joined, first idea and voted per channel, live for the facilitator', async ({
  browser,
}) => {
  const facContext = await browser.newContext({ viewport: { width: 1440, height: 900 } })
  await signInFacilitator(facContext.request)
  const workshop = await createWorkshop(facContext.request, 'Themenlabor Freizeit')
  const fac = await facContext.newPage()
  await openBoard(fac, workshop.boardId)
  const panel = fac.getByTestId('facilitator-panel')
  if ((await panel.getAttribute('data-open')) !== 'true') {
    await fac.getByTestId('facilitator-panel-toggle').click()
  }
  const funnel = fac.getByTestId('join-funnel')
  const cell = (channel: string, step: string) =>
    funnel.getByTestId(`funnel-${step}`).locator(`[data-channel=${channel}]`)
  await expect(cell('room', 'opened')).toHaveText('0')

  const anna = await openJoin(browser, workshop.participantCode, PHONE)
  const ben = await openJoin(browser, workshop.participantCode, PHONE)
  const carla = await openJoin(browser, workshop.participantCode, { width: 1280, height: 800 })
  // A reload is not a second opening.
  await ben.page.reload()
  await expect(ben.page.getByTestId('join-anonymous')).toBeVisible()

  await anna.page.getByTestId('join-anonymous').click()
  await expect(anna.page.getByTestId('phone-view')).toBeVisible()
  await anna.page.getByTestId('phone-idea-input').fill('Mehr Bänke am Marktplatz')
  await anna.page.getByTestId('phone-idea-send').click()
  await carla.page.getByTestId('join-anonymous').click()
  await expect(carla.page).toHaveURL(/\/b\//)

  // Live: the panel refreshes by itself.
  await expect(cell('room', 'opened')).toHaveText('2', { timeout: 15_000 })
  await expect(cell('room', 'joined')).toHaveText('1')
  await expect(cell('room', 'firstIdea')).toHaveText('1')
  await expect(cell('home', 'opened')).toHaveText('1')
  await expect(cell('home', 'joined')).toHaveText('1')
  await expect(cell('home', 'firstIdea')).toHaveText('0')
  await expect(funnel.locator('[data-channel=unknown]')).toHaveCount(0)
  await expect(funnel).toContainText('Beteiligung')

  const results = await new AxeBuilder({ page: fac })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .include('[data-testid=join-funnel]')
    .analyze()
  expect(results.violations.map((v) => v.id)).toEqual([])
  await funnel.screenshot({ path: test.info().outputPath('funnel.png') })
  await Promise.all([facContext, anna.context, ben.context, carla.context].map((c) => c.close()))
})
