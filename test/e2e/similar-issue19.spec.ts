/**
 * Issue 19 §3 on a phone (Pixel 7, Chromium): while a participant types an idea, a similar public
 * idea is offered ("Ähnliche Idee: … – unterstützen statt neu schreiben?"); typing goes on, and
 * "Unterstützen (+1)" gives the idea a "+1" that the facilitator's list view and whiteboard show.
 * Withdrawing takes it away. The hint is found on the phone itself (offline). The phone with the
 * hint passes axe. A participant at home gets the same below the card they write.
 */
import AxeBuilder from '@axe-core/playwright'
import { devices, expect, test } from '@playwright/test'
import { createWorkshop, signInFacilitator } from './fixtures.ts'

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']
const EXISTING = 'Radweg zwischen Bad Belzig und Wiesenburg ausbauen'

test('similar idea while typing on the phone, and its "+1" reaches the facilitator', async ({
  browser,
}) => {
  test.setTimeout(120_000)
  const facContext = await browser.newContext()
  await signInFacilitator(facContext.request)
  const workshop = await createWorkshop(facContext.request, 'Ähnliche Ideen')
  const fac = await facContext.newPage()
  await fac.goto(`/l/${workshop.boardId}`)
  await fac.getByTestId('list-add-text').fill(EXISTING)
  await fac.getByTestId('list-add-submit').click()
  const card = fac.getByTestId('list-idea').filter({ hasText: EXISTING })
  await expect(card).toHaveCount(1)

  const phoneContext = await browser.newContext({ ...devices['Pixel 7'] })
  const joined = await phoneContext.request.post('/api/join', {
    data: { code: workshop.participantCode, name: 'Paul' },
  })
  expect(joined.ok()).toBe(true)
  const phone = await phoneContext.newPage()
  await phone.goto(`/m/${workshop.boardId}`)
  await expect(phone.getByTestId('connection-state')).toHaveAttribute('data-state', 'saved')

  // Nothing for an unrelated draft …
  const field = phone.getByTestId('phone-idea-input')
  await field.pressSequentially('Trinkbrunnen am Markt')
  await phone.waitForTimeout(800)
  await expect(phone.getByTestId('similar-hint')).toHaveCount(0)

  // … a hint for one that says the same thing, written differently (compound, no place name),
  // found on the phone itself: the Wi-Fi is gone meanwhile.
  await phoneContext.setOffline(true)
  await field.fill('')
  await field.pressSequentially('Fahrradweg nach Wiesenburg')
  const hint = phone.getByTestId('similar-hint')
  await expect(hint).toHaveCount(1)
  await phoneContext.setOffline(false)
  await expect(phone.getByTestId('connection-state')).toHaveAttribute('data-state', 'saved')
  await expect(hint).toContainText(
    `Ähnliche Idee: „${EXISTING}“ – unterstützen statt neu schreiben?`,
  )
  await expect(field).toBeFocused()
  await field.pressSequentially(' bitte')
  await expect(field).toHaveValue('Fahrradweg nach Wiesenburg bitte')

  const results = await new AxeBuilder({ page: phone }).withTags(WCAG).analyze()
  const violations = results.violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`,
  )
  expect(violations, violations.join('\n')).toEqual([])

  const support = hint.getByRole('button', { name: 'Unterstützen (+1)' })
  await support.click()
  await expect(hint.getByTestId('similar-support')).toHaveAttribute('aria-pressed', 'true')
  await expect(card.getByTestId('support-count')).toHaveText(/\+1/)
  await expect(card.getByTestId('support-count')).toContainText('1 Person unterstützt diese Idee')
  // The facilitator's whiteboard card shows it too.
  const board = await facContext.newPage()
  await board.goto(`/b/${workshop.boardId}`)
  await expect(
    board.getByTestId('idea-card').filter({ hasText: EXISTING }).getByTestId('support-count'),
  ).toContainText('+1')
  await board.close()
  // The draft is still there: supporting does not send or clear it.
  await expect(field).toHaveValue('Fahrradweg nach Wiesenburg bitte')

  await hint.getByTestId('similar-support').click()
  await expect(hint.getByTestId('similar-support')).toHaveAttribute('aria-pressed', 'false')
  await expect(card.getByTestId('support-count')).toHaveCount(0)
  await Promise.all([facContext.close(), phoneContext.close()])
})

test('similar idea while writing a card on the whiteboard at home, with "+1"', async ({
  browser,
}) => {
  test.setTimeout(120_000)
  const facContext = await browser.newContext()
  await signInFacilitator(facContext.request)
  const workshop = await createWorkshop(facContext.request, 'Ähnliche Ideen am Whiteboard')
  const fac = await facContext.newPage()
  await fac.goto(`/l/${workshop.boardId}`)
  await fac.getByTestId('list-add-text').fill('Neuer Spielplatz im Kurpark')
  await fac.getByTestId('list-add-submit').click()
  const listed = fac.getByTestId('list-idea').filter({ hasText: 'Neuer Spielplatz im Kurpark' })
  await expect(listed).toHaveCount(1)

  const home = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  const joined = await home.request.post('/api/join', {
    data: { code: workshop.participantCode, name: 'Hanna' },
  })
  expect(joined.ok()).toBe(true)
  const page = await home.newPage()
  await page.goto(`/b/${workshop.boardId}`)
  await page.getByTestId('add-idea').click()
  await page.keyboard.type('Kinderspielplatz im Kurpark')
  const hint = page.getByTestId('similar-hint')
  await expect(hint).toHaveCount(1)
  await expect(hint).toContainText('Neuer Spielplatz im Kurpark')
  await hint.getByRole('button', { name: 'Unterstützen (+1)' }).click()
  await expect(listed.getByTestId('support-count')).toContainText('+1')
  await Promise.all([facContext.close(), home.close()])
})
