/**
 * The access flow in real Chromium: first-run setup, a workshop with its QR code, a participant
 * joining by code, a viewer who cannot edit, and a participant removed by the facilitator.
 * Runs first (alphabetical order, one worker) because it needs the fresh server's setup.
 */
import { expect, test } from '@playwright/test'
import {
  addIdea,
  expectSaved,
  FACILITATOR,
  recordForeignRequests,
  recordPageProblems,
} from './fixtures.ts'

// This test creates the first account, which a retry on the same server cannot do again.
test.describe.configure({ retries: 0 })

test('setup, workshop with QR, join by code, read-only viewer, removal ends the connection', async ({
  browser,
  baseURL,
}) => {
  if (!baseURL) throw new Error('baseURL missing')
  const facContext = await browser.newContext()
  // Requests to any other host, per browser context (each array fills while its context runs).
  const foreign = [recordForeignRequests(facContext, baseURL)]
  const fac = await facContext.newPage()
  const problems = recordPageProblems(fac)

  await fac.goto('/')
  await expect(fac, 'the server must be fresh: this test creates the first account').toHaveURL(
    /\/setup$/,
  )
  await fac.getByLabel('Name').fill(FACILITATOR.name)
  await fac.getByLabel('E-Mail').fill(FACILITATOR.email)
  await fac.getByLabel('Passwort', { exact: true }).fill(FACILITATOR.password)
  await fac.getByLabel('Passwort wiederholen').fill(FACILITATOR.password)
  await fac.getByRole('button', { name: 'Konto anlegen' }).click()
  await expect(fac).toHaveURL(/\/workshops$/)

  await fac.getByLabel('Titel', { exact: true }).fill('Themenlabor Freizeit')
  await fac.getByLabel('Ort', { exact: true }).fill('Rathaus Bad Belzig, Ratssaal')
  await fac.getByRole('button', { name: 'Workshop anlegen' }).click()
  await expect(fac).toHaveURL(/\/workshops\/[^/]+$/)
  const workshopUrl = fac.url()
  const qr = fac.getByTestId('qr-participant')
  await expect(qr).toBeVisible()
  await expect
    .poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0))
    .toBe(true)
  const participantCode =
    (await fac.getByTestId('invite-code-participant').textContent())?.trim() ?? ''
  const viewerCode = (await fac.getByTestId('invite-code-viewer').textContent())?.trim() ?? ''
  expect(participantCode).toMatch(/^[A-Z0-9]{3}-[A-Z0-9]{3}$/)

  // A resident joins by typing the code (as people do: lower case, a space instead of the dash).
  const partContext = await browser.newContext()
  foreign.push(recordForeignRequests(partContext, baseURL))
  const part = await partContext.newPage()
  await part.goto('/')
  await part
    .getByLabel('Code', { exact: true })
    .fill(participantCode.toLowerCase().replace('-', ' '))
  await part.getByRole('button', { name: 'Teilnehmen' }).click()
  await expect(part.getByTestId('join-preview')).toContainText('Themenlabor Freizeit')
  await part.getByTestId('join-name').fill('Aylin')
  await part.getByTestId('join-submit').click()
  await expect(part).toHaveURL(/\/b\/[^/]+$/)
  await expectSaved(part)
  await addIdea(part, 'Radweg zur Schule')
  await expectSaved(part)

  // The projector joins with the viewer code: it sees the board and cannot edit.
  const viewContext = await browser.newContext()
  foreign.push(recordForeignRequests(viewContext, baseURL))
  const view = await viewContext.newPage()
  await view.goto(`/join/${viewerCode}`)
  await view.getByTestId('join-anonymous').click()
  // The viewer code is for the projector: it lands on the projector view…
  await expect(view.getByTestId('projector-view')).toBeVisible()
  await expect(view.getByTestId('projector-code')).toContainText(participantCode)
  // …and on the whiteboard it can look but not edit.
  await view.goto(new URL(part.url()).pathname)
  await expect(view.getByTestId('read-only-badge')).toBeVisible()
  await expect(view.getByTestId('idea-card').filter({ hasText: 'Radweg zur Schule' })).toBeVisible()
  await expect(view.getByTestId('add-idea')).toHaveCount(0)

  // The facilitator removes Aylin: her page loses its connection within two seconds.
  await fac.goto(workshopUrl)
  const row = fac.getByTestId('participant-row').filter({ hasText: 'Aylin' })
  await expect(row).toBeVisible()
  await row.getByTestId('remove-participant').click()
  await expect(part.getByTestId('connection-state')).toHaveAttribute('data-state', 'closed', {
    timeout: 2_000,
  })
  // (The page has more than one alert region: the speaking queue keeps its own ready.)
  await expect(
    part.getByRole('alert').filter({ hasText: 'Sie wurden aus dem Workshop entfernt' }),
  ).toBeVisible()
  await expectSaved(view)

  expect(foreign.flat()).toEqual([])
  expect(problems).toEqual([])
  await Promise.all([facContext.close(), partContext.close(), viewContext.close()])
})
