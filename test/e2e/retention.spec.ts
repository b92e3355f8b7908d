/**
 * "Datenschutz / Aufbewahrung" on the workshop page: the server's defaults are shown, a bad
 * number is refused with a message tied to its field, and valid settings are saved through the
 * API and shown as "wird gelöscht am …" after a reload.
 */
import { expect, test } from '@playwright/test'
import { createWorkshop, signInFacilitator } from './fixtures.ts'

test('a facilitator sets when names and the workshop are deleted', async ({ page }) => {
  await signInFacilitator(page.request)
  const workshop = await createWorkshop(page.request, 'Aufbewahrung testen')
  await page.goto(`/workshops/${workshop.id}`)
  const panel = page.getByTestId('retention-panel')
  await expect(panel.getByRole('heading', { name: 'Datenschutz / Aufbewahrung' })).toBeVisible()

  // Defaults: names after 30 days, the workshop is kept.
  const namesToggle = panel.getByLabel('Namen der Gäste automatisch löschen')
  const namesDays = panel.getByLabel('Tage bis zum Löschen der Namen')
  const workshopToggle = panel.getByLabel('Workshop vollständig löschen')
  const workshopDays = panel.getByLabel('Tage bis zum Löschen des Workshops')
  await expect(namesToggle).toBeChecked()
  await expect(namesDays).toHaveValue('30')
  await expect(workshopToggle).not.toBeChecked()
  await expect(workshopDays).toBeDisabled()
  await expect(panel.getByTestId('retention-names-when')).toContainText('Namen werden gelöscht am')
  await expect(panel.getByTestId('retention-workshop-when')).toHaveText(
    'Wird nicht automatisch gelöscht.',
  )

  // A bad number: refused, focused, described by its error.
  await namesDays.fill('0')
  await panel.getByTestId('retention-save').click()
  await expect(namesDays).toHaveAttribute('aria-invalid', 'true')
  await expect(namesDays).toBeFocused()
  await expect(namesDays).toHaveAccessibleDescription(/ganze Zahl von 1 bis 3650/)

  await namesDays.fill('14')
  await workshopToggle.check()
  await workshopDays.fill('90')
  await panel.getByTestId('retention-save').click()
  await expect(panel.getByTestId('retention-message')).toHaveText('Aufbewahrung gespeichert.')

  const saved = await (await page.request.get(`/api/workshops/${workshop.id}/retention`)).json()
  expect(saved).toMatchObject({ namesDays: 14, workshopDays: 90, custom: true })
  const day = (iso: string) =>
    new Intl.DateTimeFormat('de', { dateStyle: 'long' }).format(new Date(iso))

  await page.reload()
  await expect(panel.getByLabel('Tage bis zum Löschen der Namen')).toHaveValue('14')
  await expect(panel.getByLabel('Tage bis zum Löschen des Workshops')).toHaveValue('90')
  await expect(panel.getByTestId('retention-workshop-when')).toContainText(
    `Wird gelöscht am ${day(saved.workshopDeleteAt)}`,
  )
  await expect(panel.getByTestId('retention-names-when')).toContainText(
    `Namen werden gelöscht am ${day(saved.namesDeleteAt)}`,
  )
})
