/**
 * Clustering in the list view, as a facilitator would do it without the canvas: split an idea
 * into a new cluster, merge two clusters, and give an idea a colour (said in words).
 */
import { expect, test } from '@playwright/test'
import { createWorkshop, signInFacilitator } from './fixtures.ts'

test('split, merge and colour in the list view', async ({ browser }) => {
  const context = await browser.newContext()
  await signInFacilitator(context.request)
  const workshop = await createWorkshop(context.request, 'Ordnen in der Liste')
  const page = await context.newPage()
  await page.goto(`/l/${workshop.boardId}`)
  for (const text of ['Radweg nach Wiesenburg', 'Fahrradständer am Bahnhof']) {
    await page.getByTestId('list-add-text').fill(text)
    await page.getByTestId('list-add-submit').click()
    await expect(page.getByTestId('list-idea').filter({ hasText: text })).toBeVisible()
  }
  const idea = (text: string) => page.getByTestId('list-idea').filter({ hasText: text })
  const split = async (text: string, title: string) => {
    const select = idea(text).getByTestId('list-move-select')
    const last = await select.locator('option').last().getAttribute('value')
    await select.selectOption(last ?? '')
    await idea(text).getByTestId('list-move-button').click()
    await page.getByTestId('list-split-title').fill(title)
    await page.getByTestId('list-split-button').click()
    await expect(page.getByRole('region', { name: title })).toBeVisible()
  }
  await split('Radweg nach Wiesenburg', 'Radwege')
  await split('Fahrradständer am Bahnhof', 'Parken')

  const parken = page.getByRole('region', { name: 'Parken' })
  await parken.getByTestId('list-merge-select').selectOption({ label: 'Radwege' })
  await parken.getByTestId('list-merge-button').click()
  await expect(page.getByRole('region', { name: 'Parken' })).toHaveCount(0)
  const radwege = page.getByRole('region', { name: 'Radwege' })
  await expect(radwege.getByTestId('list-idea')).toHaveCount(2)

  await idea('Radweg nach Wiesenburg').getByTestId('list-color-select').selectOption('green')
  await expect(idea('Radweg nach Wiesenburg')).toContainText('Grün')
  await context.close()
})
