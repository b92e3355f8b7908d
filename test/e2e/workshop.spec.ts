/**
 * A whole mini-workshop in real Chromium: one facilitator on the canvas, three participants —
 * one on the canvas, one in the list view, one on a phone — through all four phases with the
 * timer running, ending in a revealed ranking that matches the votes cast.
 */
import { type BrowserContext, expect, type Page, test } from '@playwright/test'
import {
  addIdea,
  createWorkshop,
  expectSaved,
  joinedContext,
  signInFacilitator,
} from './fixtures.ts'

const IDEAS = {
  canvas: 'Radweg nach Wiesenburg',
  list: 'Skatepark am Sportplatz',
  phone: 'Sommerkino auf der Burg',
}

async function phase(page: Page, name: string) {
  await expect(page.getByTestId('phase-bar')).toHaveAttribute('data-phase', name)
}

test('collect, cluster, vote and discuss with canvas, list and phone participants', async ({
  browser,
}) => {
  test.setTimeout(180_000)
  const contexts: BrowserContext[] = []
  const facContext = await browser.newContext({ viewport: { width: 1400, height: 900 } })
  contexts.push(facContext)
  await signInFacilitator(facContext.request)
  const workshop = await createWorkshop(facContext.request, 'Themenlabor Freizeit')
  const code = workshop.participantCode
  const canvasContext = await joinedContext(browser, code, 'Anna')
  const listContext = await joinedContext(browser, code, 'Bernd')
  const phoneContext = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  })
  expect(
    (await phoneContext.request.post('/api/join', { data: { code, name: 'Carla' } })).ok(),
  ).toBe(true)
  contexts.push(canvasContext, listContext, phoneContext)

  const fac = await facContext.newPage()
  const anna = await canvasContext.newPage()
  const bernd = await listContext.newPage()
  const carla = await phoneContext.newPage()
  await fac.goto(`/b/${workshop.boardId}`)
  await anna.goto(`/b/${workshop.boardId}`)
  await bernd.goto(`/l/${workshop.boardId}`)
  await carla.goto(`/m/${workshop.boardId}`)
  await expect(bernd.getByTestId('list-view')).toBeVisible()
  await expect(carla.getByTestId('phone-view')).toBeVisible()
  await expectSaved(fac)
  await expectSaved(anna)

  // Collect, with the timer running for everyone.
  await phase(anna, 'collect')
  await fac.getByTestId('timer-start-5').click()
  for (const page of [anna, bernd, carla]) {
    await expect(page.getByTestId('timer').first()).toHaveAttribute('data-status', 'running')
  }
  await addIdea(anna, IDEAS.canvas)
  await bernd.getByTestId('list-add-text').fill(IDEAS.list)
  await bernd.getByTestId('list-add-submit').click()
  await carla.getByTestId('phone-idea-input').fill(IDEAS.phone)
  await carla.getByTestId('phone-idea-send').click()
  await expect(carla.locator('[data-testid=my-idea][data-state=sent]')).toHaveCount(1)
  for (const text of Object.values(IDEAS)) {
    await expect(fac.getByTestId('idea-card').filter({ hasText: text })).toBeVisible()
    await expect(bernd.getByTestId('list-idea').filter({ hasText: text })).toBeVisible()
  }

  // Cluster: the facilitator opens a cluster, Bernd sorts his idea into it from the list.
  await fac.getByTestId('phase-next').click()
  await phase(anna, 'cluster')
  await fac.getByTestId('add-cluster').click()
  const item = bernd.getByTestId('list-idea').filter({ hasText: IDEAS.list })
  await expect(
    item.getByTestId('list-move-select').locator('option', { hasText: 'Neuer Cluster' }),
  ).toHaveCount(1)
  await item.getByTestId('list-move-select').selectOption({ label: 'Neuer Cluster' })
  await item.getByTestId('list-move-button').click()
  await expect(bernd.getByRole('heading', { name: 'Neuer Cluster' })).toBeVisible()

  // Vote: a round of three dots, cast from the canvas, the list and the phone.
  await fac.getByTestId('round-dots').fill('3')
  await fac.getByTestId('round-start').click()
  await phase(anna, 'vote')
  // Anna looks at the whole board (Shift+1, zoom to fit): the facilitator placed the new cluster
  // in the facilitator's view, which may lie outside hers.
  const annaCanvas = await anna.locator('.tl-canvas').boundingBox()
  if (!annaCanvas) throw new Error('no canvas')
  await anna.mouse.click(annaCanvas.x + annaCanvas.width - 40, annaCanvas.y + annaCanvas.height / 2)
  await anna.keyboard.press('Shift+1')
  const card = (page: Page, text: string) => page.getByTestId('idea-card').filter({ hasText: text })
  await card(anna, IDEAS.canvas).getByTestId('vote-plus').click()
  await expect(anna.getByTestId('dots-left')).toHaveAttribute('data-remaining', '2')
  await card(anna, IDEAS.list).getByTestId('vote-plus').click()
  await expect(anna.getByTestId('dots-left')).toHaveAttribute('data-remaining', '1')
  const listItem = (text: string) => bernd.getByTestId('list-idea').filter({ hasText: text })
  await listItem(IDEAS.list).getByTestId('list-vote-plus').click()
  await expect(bernd.getByTestId('list-dots-left')).toContainText('2')
  await listItem(IDEAS.phone).getByTestId('list-vote-plus').click()
  await expect(bernd.getByTestId('list-dots-left')).toContainText('1')
  const phoneTarget = carla.locator('li', { hasText: IDEAS.list })
  await phoneTarget.getByTestId('phone-vote-plus').click()
  await expect(carla.getByTestId('phone-dots-left')).toContainText('2')
  await expect(fac.getByTestId('turnout')).toContainText('3')

  // Reveal, then discuss: everyone sees the same ranking, matching the votes.
  await fac.getByTestId('round-reveal').click()
  await fac.getByTestId('phase-next').click()
  await phase(anna, 'discuss')
  const expected = [
    [IDEAS.list, '1', '3'],
    [IDEAS.canvas, '2', '1'],
    [IDEAS.phone, '2', '1'],
  ]
  for (const page of [fac, anna, bernd, carla]) {
    const rows = page.getByTestId('result-row')
    await expect(rows.first()).toBeVisible()
    for (const [text, rank, dots] of expected) {
      const row = rows.filter({ hasText: text }).first()
      await expect(row).toHaveAttribute('data-rank', rank as string)
      await expect(row).toHaveAttribute('data-dots', dots as string)
    }
  }
  await Promise.all(contexts.map((c) => c.close()))
})
