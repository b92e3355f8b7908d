/**
 * Issue 19 §4, Leichte Sprache (BITV 2.0 § 4) on a phone (Pixel 7): the pages `/leicht` and
 * `/leicht/so-gehts` are reachable from the join page and from the phone view and pass axe; the
 * switch "Leichte Sprache" swaps the phone view's phase explanation, is announced, and survives
 * a reload. The same pages in Easy Read when the language is English.
 */
import AxeBuilder from '@axe-core/playwright'
import { devices, expect, type Page, test } from '@playwright/test'
import { createWorkshop, signInFacilitator } from './fixtures.ts'

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']

async function axe(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).withTags(WCAG).analyze()
  const violations = results.violations.map(
    (v) => `${what}: ${v.id} (${v.impact}) — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  )
  expect(violations, violations.join('\n')).toEqual([])
}

async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true })
}

const COLLECT = 'Schreiben Sie Ihre Ideen auf – jede Idee einzeln.'
const COLLECT_EASY = /^Jetzt sammeln alle Ideen\.\s+Schreiben Sie Ihre Idee in das Feld\./

test('Leichte Sprache: pages from the join page and the phone view, and the switch', async ({
  browser,
}) => {
  test.setTimeout(120_000)
  const facContext = await browser.newContext()
  await signInFacilitator(facContext.request)
  const workshop = await createWorkshop(facContext.request, 'Leichte Sprache')

  const context = await browser.newContext({ ...devices['Pixel 7'] })
  const phone = await context.newPage()

  // From the join page of the QR code's link to the start page in Leichte Sprache …
  await phone.goto(`/join/${workshop.participantCode}`)
  await expect(phone.getByTestId('join-form')).toBeVisible()
  await phone.getByRole('link', { name: 'Erklärung in Leichter Sprache' }).click()
  await expect(phone).toHaveURL(/\/leicht$/)
  await expect(phone.getByRole('heading', { level: 1 })).toHaveText('Ideenwand in Leichter Sprache')
  await expect(phone.locator('html')).toHaveAttribute('lang', 'de')
  await expect(phone.getByText('Schweres Wort: QR-Code')).toBeVisible()
  await axe(phone, 'de /leicht')
  await screenshot(phone, 'leicht-de')

  // … and on to "Wie funktioniert das?".
  await phone.getByRole('link', { name: 'Wie funktioniert das?' }).click()
  await expect(phone).toHaveURL(/\/leicht\/so-gehts$/)
  await expect(phone.getByRole('heading', { level: 1 })).toHaveText('Wie funktioniert das?')
  await expect(
    phone.getByRole('heading', { name: 'Schritt 3: Mit Punkten abstimmen' }),
  ).toBeVisible()
  await axe(phone, 'de /leicht/so-gehts')
  await screenshot(phone, 'so-gehts-de')

  // The switch on the join page: the hints turn into Leichte Sprache there too.
  await phone.goto(`/join/${workshop.participantCode}`)
  const hint = phone.getByText(/^Andere sehen diesen Namen/)
  await expect(hint).toBeVisible()
  const easySwitch = phone.getByRole('button', { name: 'Leichte Sprache' })
  await expect(easySwitch).toHaveAttribute('aria-pressed', 'false')
  await easySwitch.click()
  await expect(easySwitch).toHaveAttribute('aria-pressed', 'true')
  await expect(
    phone.getByRole('status').filter({ hasText: 'Leichte Sprache ist an.' }),
  ).toBeAttached()
  await expect(phone.getByText(/^Schreiben Sie hier Ihren Namen\./)).toBeVisible()
  await axe(phone, 'de join page, Leichte Sprache')
  await screenshot(phone, 'join-easy-de')

  // Joining lands on the phone view with the phase explained in Leichte Sprache.
  await phone.getByTestId('join-name').fill('Ilse')
  await phone.getByTestId('join-submit').click()
  await expect(phone.getByTestId('phone-view')).toBeVisible()
  const instruction = phone.locator('.iwv-instruction')
  await expect(instruction).toHaveText(COLLECT_EASY)
  await expect(phone.locator('html')).toHaveAttribute('lang', 'de')
  await axe(phone, 'de phone view, Leichte Sprache')
  await screenshot(phone, 'phone-easy-de')

  // The choice survives a reload …
  await phone.reload()
  await expect(phone.getByTestId('phone-view')).toBeVisible()
  await expect(instruction).toHaveText(COLLECT_EASY)
  const phoneSwitch = phone.getByRole('button', { name: 'Leichte Sprache' })
  await expect(phoneSwitch).toHaveAttribute('aria-pressed', 'true')

  // … and switching it off brings the usual text back, announced.
  await phoneSwitch.click()
  await expect(instruction).toHaveText(COLLECT)
  await expect(
    phone.getByRole('status').filter({ hasText: 'Leichte Sprache ist aus.' }),
  ).toBeAttached()

  // The phone view links to "Wie funktioniert das?" (a page load out of the phone build).
  await phone.getByRole('link', { name: 'Wie funktioniert das? In Leichter Sprache' }).click()
  await expect(phone).toHaveURL(/\/leicht\/so-gehts$/)
  await expect(phone.getByRole('heading', { level: 1 })).toHaveText('Wie funktioniert das?')

  await Promise.all([facContext.close(), context.close()])
})

test('Easy Read: the same pages in simple English pass axe', async ({ browser }) => {
  const context = await browser.newContext({ ...devices['Pixel 7'] })
  await context.addInitScript(() => localStorage.setItem('ideenwand:lang', 'en'))
  const page = await context.newPage()
  await page.goto('/hilfe')
  await page.getByRole('link', { name: 'Ideenwand in Easy Read' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ideenwand in Easy Read')
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await axe(page, 'en /leicht')
  await screenshot(page, 'leicht-en')
  await page.getByRole('link', { name: 'How does it work?' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('How does it work?')
  await axe(page, 'en /leicht/so-gehts')
  await screenshot(page, 'so-gehts-en')
  await context.close()
})
