/**
 * Issue 16, exports from the workshop page: the open-data ZIP with the CSVs in German Excel's
 * dialect (semicolon, BOM, CRLF) when chosen, ids without a quote prefix that match the JSON,
 * and the DCAT file with the portal's contributor id from the panel's field (none without it).
 */
import { readFileSync } from 'node:fs'
import { expect, test } from '@playwright/test'
import { unzipSync } from 'fflate'
import { createWorkshop, signInFacilitator } from './fixtures.ts'

test('exports: German Excel CSVs and the contributor id, chosen in the export panel', async ({
  browser,
}) => {
  const context = await browser.newContext({ acceptDownloads: true })
  await signInFacilitator(context.request)
  const workshop = await createWorkshop(context.request, 'Themenlabor Mobilität Wiesenburg')
  const page = await context.newPage()
  await page.goto(`/l/${workshop.boardId}`)
  for (const text of ['Łódź → 🎉; Partnerstadt', 'Kaffee, Kuchen']) {
    await page.getByTestId('list-add-text').fill(text)
    await page.getByTestId('list-add-submit').click()
  }
  await expect(page.getByTestId('list-idea')).toHaveCount(2)
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'saved')

  await page.goto(`/workshops/${workshop.id}`)
  const panel = page.getByTestId('outcome-panel')
  const zip = async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      panel.getByTestId('download-zip').click(),
    ])
    return unzipSync(readFileSync((await download.path()) ?? ''))
  }
  const text = (bytes: Uint8Array | undefined) =>
    new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)

  const plain = await zip()
  expect(text(plain['ideas.csv']).startsWith('id,text,')).toBe(true)
  expect(JSON.parse(text(plain['dcat-ap-de.jsonld']))).not.toHaveProperty('dcatde:contributorID')

  await panel.getByTestId('open-data-csv').selectOption('excel-de')
  const contributor = 'http://dcat-ap.de/def/contributors/brandenburg'
  await panel.getByTestId('open-data-contributor').fill(contributor)
  const excel = await zip()
  const csv = text(excel['ideas.csv'])
  expect(csv.startsWith('\ufeffid;text;cluster_id;')).toBe(true)
  expect(csv).toContain(';"Łódź → 🎉; Partnerstadt";')
  expect(csv).toContain(';Kaffee, Kuchen;')
  expect(csv.endsWith('\r\n')).toBe(true)
  const exported = JSON.parse(text(excel['ideenwand-export.json'])) as { ideas: { id: string }[] }
  const csvIds = csv
    .split('\r\n')
    .slice(1, -1)
    .map((line) => line.split(';')[0])
  expect(new Set(csvIds)).toEqual(new Set(exported.ideas.map((i) => i.id)))
  expect(JSON.parse(text(excel['dcat-ap-de.jsonld']))['dcatde:contributorID']).toEqual({
    '@id': contributor,
  })
  await context.close()
})
