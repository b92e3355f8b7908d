/**
 * Issue 20 §4: a resident on a phone (Pixel 7) adds an idea and keeps a receipt; the
 * facilitator later records what became of the idea; the receipt — opened in a browser without
 * JavaScript and without the guest's session — shows the idea with its status and reason, its
 * own QR code, and nothing about anyone else. axe on the phone view and on the receipt.
 */
import { devices, expect, test } from '@playwright/test'
import { createWorkshop, expectAccessible, signInFacilitator } from './fixtures.ts'

const IDEA = 'Trinkbrunnen am Spielplatz'

test('a phone keeps a receipt; a status set later shows on it without JavaScript', async ({
  browser,
}) => {
  test.setTimeout(120_000)
  const facContext = await browser.newContext({ viewport: { width: 1440, height: 900 } })
  await signInFacilitator(facContext.request)
  const workshop = await createWorkshop(facContext.request, 'Themenlabor Spielplätze')

  const phoneContext = await browser.newContext({ ...devices['Pixel 7'] })
  const joined = await phoneContext.request.post('/api/join', {
    data: { code: workshop.participantCode, name: 'Petra Phone' },
  })
  expect(joined.ok()).toBe(true)
  const phone = await phoneContext.newPage()
  await phone.goto(`/m/${workshop.boardId}`)
  await expect(phone.getByTestId('connection-state')).toHaveAttribute('data-state', 'saved')
  await phone.getByTestId('phone-idea-input').fill(IDEA)
  await phone.getByTestId('phone-idea-send').click()
  await expect(phone.locator('[data-testid=my-idea][data-state=sent]')).toHaveCount(1)

  await phone.getByRole('button', { name: 'Beleg behalten' }).click()
  const link = phone.getByRole('textbox', { name: 'Link zu Ihrem Beleg (nicht teilen)' })
  await expect(link).toHaveValue(/\/beleg\/[a-z0-9]{32}$/)
  const url = await link.inputValue()
  await expect(phone.getByRole('link', { name: 'Beleg öffnen (neues Fenster)' })).toHaveAttribute(
    'href',
    url,
  )
  await expectAccessible(phone, 'phone view with a receipt link')

  // Later: the facilitator records that it will not be built, with a reason.
  const fac = await facContext.newPage()
  await fac.goto(`/workshops/${workshop.id}`)
  const item = fac.getByTestId('idea-status-panel').locator('[data-idea-id]', { hasText: IDEA })
  await item.getByTestId('idea-status-select').selectOption('not_implemented')
  await item.getByTestId('idea-status-reason').fill('Keine Wasserleitung in der Nähe')
  await item.getByTestId('idea-status-save').click()
  await expect(item.getByTestId('idea-status-badge')).toHaveText('nicht umgesetzt')

  // The receipt in a browser without JavaScript and without the guest's cookie.
  const plain = await browser.newContext({ javaScriptEnabled: false, locale: 'de-DE' })
  const receipt = await plain.newPage()
  const res = await receipt.goto(url)
  expect(res?.status()).toBe(200)
  expect(res?.headers()['cache-control']).toBe('no-store')
  await expect(
    receipt.getByRole('heading', { level: 1, name: 'Themenlabor Spielplätze' }),
  ).toBeVisible()
  const mine = receipt.getByRole('region', { name: 'Meine Ideen' })
  await expect(mine).toContainText(IDEA)
  await expect(mine).toContainText('nicht umgesetzt')
  await expect(mine).toContainText('Begründung: Keine Wasserleitung in der Nähe')
  await expect(receipt.getByRole('img', { name: /QR-Code dieses Belegs/ })).toBeVisible()
  await expect(receipt.locator('body')).not.toContainText('Petra Phone')

  // axe needs script: the same page in a browser with JavaScript.
  const checker = await (await browser.newContext({ locale: 'de-DE' })).newPage()
  await checker.goto(url)
  await expectAccessible(checker, 'receipt page')
  await plain.close()
  await checker.context().close()
  await phoneContext.close()
  await facContext.close()
})
