/**
 * The facilitator downloads the outcome from the workshop page: the report as PDF, HTML and
 * Markdown, and the open-data package — each a real file with the workshop's content — and
 * imports the package again (a refused file is explained first).
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { expect, test } from '@playwright/test'
import { unzipSync } from 'fflate'
import { createWorkshop, signInFacilitator } from './fixtures.ts'

test('the facilitator downloads every format from the workshop page', async ({ browser }) => {
  test.setTimeout(120_000)
  const context = await browser.newContext({ acceptDownloads: true })
  await signInFacilitator(context.request)
  const workshop = await createWorkshop(context.request, 'Themenlabor Export')
  const page = await context.newPage()
  await page.goto(`/l/${workshop.boardId}`)
  await page.getByTestId('list-add-text').fill('Öffentliche Toiletten am Bahnhof')
  await page.getByTestId('list-add-submit').click()
  await expect(page.getByTestId('list-idea')).toHaveCount(1)

  await page.goto(`/workshops/${workshop.id}`)
  const panel = page.getByTestId('outcome-panel')
  await expect(panel).toBeVisible()
  const files: Record<string, Buffer> = {}
  for (const format of ['pdf', 'html', 'md', 'zip'] as const) {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      panel.getByTestId(`download-${format}`).click(),
    ])
    expect(download.suggestedFilename()).toMatch(new RegExp(`^ideenwand-.*\\.${format}$`))
    const path = await download.path()
    files[format] = readFileSync(path)
    await expect(panel.getByTestId('outcome-message')).toBeVisible()
  }
  expect(files.pdf?.subarray(0, 5).toString()).toBe('%PDF-')
  expect(files.html?.toString()).toContain('Themenlabor Export')
  expect(files.html?.toString()).toContain('Öffentliche Toiletten am Bahnhof')
  expect(files.md?.toString()).toContain('# Ergebnisbericht: Themenlabor Export')
  const zip = unzipSync(new Uint8Array(files.zip ?? Buffer.alloc(0)))
  expect(Object.keys(zip)).toEqual(expect.arrayContaining(['datapackage.json', 'ideas.csv']))
  expect(new TextDecoder().decode(zip['ideas.csv'])).toContain('Öffentliche Toiletten am Bahnhof')

  // A refused file is explained in the page's language; nothing is imported.
  await page.goto('/workshops')
  const deepPath = test.info().outputPath('deep.json')
  writeFileSync(deepPath, `{"ideas":${'['.repeat(1000)}${']'.repeat(1000)}}`)
  await page.getByTestId('import-file').setInputFiles(deepPath)
  await page.getByTestId('import-submit').click()
  await expect(page.getByTestId('import-workshop')).toContainText('zu tief')
  await expect(page).toHaveURL(/\/workshops$/)

  // The package imports as a new workshop (moving a workshop, or reusing it as a template).
  const zipPath = test.info().outputPath('export.zip')
  writeFileSync(zipPath, files.zip ?? Buffer.alloc(0))
  await page.getByTestId('import-file').setInputFiles(zipPath)
  await page.getByTestId('import-submit').click()
  await expect(page).toHaveURL(/\/workshops\/[^/]+$/)
  expect(page.url()).not.toContain(workshop.id)
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Themenlabor Export')
  await context.close()
})
