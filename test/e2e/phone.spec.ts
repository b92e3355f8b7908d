/**
 * The phone in a room with poor Wi-Fi: the network is cut for ten seconds while three ideas are
 * added; all three arrive once it is back, none twice.
 */
import { expect, test } from '@playwright/test'
import { createWorkshop, signInFacilitator } from './fixtures.ts'

test('ideas typed offline on a phone arrive once the network is back, exactly once', async ({
  browser,
}) => {
  test.setTimeout(120_000)
  const facContext = await browser.newContext()
  await signInFacilitator(facContext.request)
  const workshop = await createWorkshop(facContext.request, 'Schwaches WLAN')
  const phoneContext = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  })
  const joined = await phoneContext.request.post('/api/join', {
    data: { code: workshop.participantCode, name: 'Paul' },
  })
  expect(joined.ok()).toBe(true)
  const phone = await phoneContext.newPage()
  await phone.goto(`/m/${workshop.boardId}`)
  await expect(phone.getByTestId('phone-view')).toBeVisible()
  await expect(phone.getByTestId('connection-state')).toHaveAttribute('data-state', 'saved')

  await phoneContext.setOffline(true)
  const cutAt = Date.now()
  await expect(phone.getByTestId('offline-banner')).toBeVisible()
  const ideas = ['Bank am Teich', 'Trinkbrunnen im Park', 'Licht am Radweg']
  for (const text of ideas) {
    await phone.getByTestId('phone-idea-input').fill(text)
    await phone.getByTestId('phone-idea-send').click()
  }
  await expect(phone.locator('[data-testid=my-idea][data-state=pending]')).toHaveCount(3)
  // Ten seconds without a network, as in a council chamber with poor Wi-Fi.
  await phone.waitForTimeout(Math.max(0, 10_000 - (Date.now() - cutAt)))
  await phoneContext.setOffline(false)
  await expect(phone.locator('[data-testid=my-idea][data-state=sent]')).toHaveCount(3, {
    timeout: 30_000,
  })

  const fac = await facContext.newPage()
  await fac.goto(`/l/${workshop.boardId}`)
  for (const text of ideas) {
    await expect(fac.getByTestId('list-idea').filter({ hasText: text })).toHaveCount(1)
  }
  await expect(fac.getByTestId('list-idea')).toHaveCount(3)
  await Promise.all([facContext.close(), phoneContext.close()])
})

test('a guest deletes their contributions from the phone and leaves', async ({ browser }) => {
  const facContext = await browser.newContext()
  await signInFacilitator(facContext.request)
  const workshop = await createWorkshop(facContext.request, 'Recht auf Löschung')
  const phoneContext = await browser.newContext({ viewport: { width: 390, height: 844 } })
  await phoneContext.request.post('/api/join', {
    data: { code: workshop.participantCode, name: 'Lea' },
  })
  const phone = await phoneContext.newPage()
  await phone.goto(`/m/${workshop.boardId}`)
  await phone.getByTestId('phone-idea-input').fill('Bitte wieder löschen')
  await phone.getByTestId('phone-idea-send').click()
  await expect(phone.locator('[data-testid=my-idea][data-state=sent]')).toHaveCount(1)
  const fac = await facContext.newPage()
  await fac.goto(`/l/${workshop.boardId}`)
  await expect(
    fac.getByTestId('list-idea').filter({ hasText: 'Bitte wieder löschen' }),
  ).toHaveCount(1)

  await phone.getByTestId('forget-me').click()
  await phone.getByRole('button', { name: 'Ja, alles löschen' }).click()
  await expect(phone).toHaveURL(/\/$/)
  await expect(
    fac.getByTestId('list-idea').filter({ hasText: 'Bitte wieder löschen' }),
  ).toHaveCount(0)
  await Promise.all([facContext.close(), phoneContext.close()])
})
