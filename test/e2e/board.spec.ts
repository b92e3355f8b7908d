/**
 * The live board in real Chromium: two people in separate browser contexts on one board.
 */
import { type BrowserContext, expect, type Page, test } from '@playwright/test'

/** Every request a page makes must go to the app's own origin. */
function recordForeignRequests(context: BrowserContext, baseURL: string): string[] {
  const own = new URL(baseURL).host
  const foreign: string[] = []
  context.on('request', (request) => {
    const url = new URL(request.url())
    if (url.protocol === 'data:' || url.protocol === 'blob:') return
    if (url.host !== own) foreign.push(request.url())
  })
  return foreign
}

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
  const contextA = await browser.newContext()
  const contextB = await browser.newContext()
  const foreign = [
    ...recordForeignRequests(contextA, baseURL),
    ...recordForeignRequests(contextB, baseURL),
  ]
  const a = await contextA.newPage()
  const b = await contextB.newPage()

  await a.goto('/')
  await a.getByRole('button', { name: 'Neues Board' }).click()
  await expect(a).toHaveURL(/\/b\/[A-Za-z0-9_-]+$/)
  const boardUrl = a.url()
  await b.goto(boardUrl)
  await setName(a, 'Aylin')
  await setName(b, 'Bernd')
  await expect(a.getByTestId('connection-state')).toHaveAttribute('data-state', 'saved')
  await expect(b.getByTestId('connection-state')).toHaveAttribute('data-state', 'saved')

  await a.getByTestId('add-idea').click()
  await a.keyboard.type('Radweg zur Schule')
  await a.keyboard.press('Escape')
  const cardOnA = a.getByTestId('idea-card').filter({ hasText: 'Radweg zur Schule' })
  await expect(cardOnA).toBeVisible()
  const cardOnB = b.getByTestId('idea-card').filter({ hasText: 'Radweg zur Schule' })
  await expect(cardOnB).toBeVisible({ timeout: 1_000 })
  await expect(cardOnB).toContainText('Aylin')

  // Aylin's cursor, with her name, on Bernd's screen.
  const box = await a.locator('.tl-canvas').boundingBox()
  if (!box) throw new Error('no canvas')
  await a.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2 + 80)
  await a.mouse.move(box.x + box.width / 2 + 140, box.y + box.height / 2 + 90)
  await expect(b.locator('.tl-nametag', { hasText: 'Aylin' })).toBeVisible()

  await expect(a.getByTestId('connection-state')).toHaveAttribute('data-state', 'saved')
  await b.reload()
  await expect(b.getByTestId('idea-card').filter({ hasText: 'Radweg zur Schule' })).toBeVisible()
  await a.reload()
  await expect(a.getByTestId('idea-card').filter({ hasText: 'Radweg zur Schule' })).toBeVisible()

  expect(foreign).toEqual([])
  await contextA.close()
  await contextB.close()
})
