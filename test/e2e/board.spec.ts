/**
 * The live board in real Chromium: two people in separate browser contexts on one board.
 */
import { expect, type Page, test } from '@playwright/test'
import {
  addIdea,
  createWorkshop,
  expectSaved,
  joinedContext,
  recordForeignRequests,
  signInFacilitator,
} from './fixtures.ts'

async function setName(page: Page, name: string) {
  const field = page.getByTestId('user-name')
  await field.fill(name)
  await expect(field).toHaveValue(name)
}

test('an idea card made in one browser shows in the other within a second, with the cursor', async ({
  browser,
  baseURL,
}) => {
  if (!baseURL) throw new Error('baseURL missing')
  const facContext = await browser.newContext()
  await signInFacilitator(facContext.request)
  const workshop = await createWorkshop(facContext.request, 'Live-Board')
  const guestContext = await joinedContext(browser, workshop.participantCode, 'Aylin')
  const foreign = [
    ...recordForeignRequests(facContext, baseURL),
    ...recordForeignRequests(guestContext, baseURL),
  ]
  const a = await guestContext.newPage()
  const b = await facContext.newPage()
  await a.goto(`/b/${workshop.boardId}`)
  await b.goto(`/b/${workshop.boardId}`)
  await setName(b, 'Bernd')
  await expectSaved(a)
  await expectSaved(b)

  await addIdea(a, 'Radweg zur Schule')
  const cardOnB = b.getByTestId('idea-card').filter({ hasText: 'Radweg zur Schule' })
  await expect(cardOnB).toBeVisible({ timeout: 1_000 })
  await expect(cardOnB).toContainText('Aylin')

  // Aylin's cursor, with her name, on Bernd's screen.
  const box = await a.locator('.tl-canvas').boundingBox()
  if (!box) throw new Error('no canvas')
  await a.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2 + 80)
  await a.mouse.move(box.x + box.width / 2 + 140, box.y + box.height / 2 + 90)
  await expect(b.locator('.tl-nametag', { hasText: 'Aylin' })).toBeVisible()

  await expectSaved(a)
  await b.reload()
  await expect(b.getByTestId('idea-card').filter({ hasText: 'Radweg zur Schule' })).toBeVisible()
  await a.reload()
  await expect(a.getByTestId('idea-card').filter({ hasText: 'Radweg zur Schule' })).toBeVisible()

  expect(foreign).toEqual([])
  await Promise.all([facContext.close(), guestContext.close()])
})
