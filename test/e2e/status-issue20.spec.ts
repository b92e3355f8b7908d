/**
 * Issue 20 §2 and §3: after the workshop the facilitator records what became of the ideas on
 * the workshop page — "umgesetzt", "nicht umgesetzt" with a reason, "zusammengelegt mit …" —
 * each with its dated history, and publishes the results page. The public page loads with
 * JavaScript switched off, shows the clusters with the ideas ranked by the revealed round and
 * their status, prints without its navigation, passes axe, and its Atom feed (linked from the
 * page) is well-formed XML for the browser's own parser, one entry per change.
 */
import { expect, test } from '@playwright/test'
import { expectAccessible } from './fixtures.ts'
import { ideaIdsByText, revealedRound, seededWorkshop } from './seed.ts'

const MITFAHRBANK = 'Mitfahrbank an der Kirche'
const SCHULBUS = 'Schulbus fährt zu früh'
const CARSHARING = 'Carsharing-Auto der Gemeinde, das auch Vereine buchen können'

test('statuses with a reason and a merge, a published page without JavaScript, its Atom feed', async ({
  browser,
}) => {
  test.setTimeout(150_000)
  const { context, page, workshop } = await seededWorkshop(browser, 'Themenlabor Mobilität')
  const idOf = await ideaIdsByText(page)

  // A revealed round: Mitfahrbank 3 dots, Schulbus 1.
  const voter = await revealedRound(browser, context, workshop, [
    idOf(MITFAHRBANK),
    idOf(MITFAHRBANK),
    idOf(MITFAHRBANK),
    idOf(SCHULBUS),
  ])

  // The workshop page: what became of the ideas.
  await page.goto(`/workshops/${workshop.id}`)
  const panel = page.getByTestId('idea-status-panel')
  await expect(panel.getByRole('heading', { name: 'Was aus den Ideen wurde' })).toBeVisible()
  // By id: a merge's list of other ideas holds their texts too.
  const item = (text: string) => panel.locator(`[data-idea-id="${idOf(text)}"]`)

  await item(MITFAHRBANK).getByTestId('idea-status-select').selectOption('implemented')
  await item(MITFAHRBANK).getByTestId('idea-status-save').click()
  await expect(item(MITFAHRBANK).getByTestId('idea-status-message')).toHaveText(
    'Stand gespeichert: umgesetzt.',
  )
  await expect(item(MITFAHRBANK).getByTestId('idea-status-badge')).toHaveText('umgesetzt')

  // "nicht umgesetzt" needs a reason: the field says so and is required.
  const schulbus = item(SCHULBUS)
  await schulbus.getByTestId('idea-status-select').selectOption('not_implemented')
  await expect(schulbus.getByLabel('Begründung (nötig bei „nicht umgesetzt“)')).toHaveAttribute(
    'required',
    '',
  )
  await schulbus.getByTestId('idea-status-reason').fill('Fahrplan gilt landesweit <bis 2028>')
  await schulbus.getByTestId('idea-status-save').click()
  await expect(schulbus.getByTestId('idea-status-badge')).toHaveText('nicht umgesetzt')

  const carsharing = item(CARSHARING)
  await carsharing.getByTestId('idea-status-select').selectOption('merged')
  await carsharing.getByTestId('idea-status-merge').selectOption({ label: MITFAHRBANK })
  await carsharing.getByTestId('idea-status-save').click()
  await expect(carsharing.getByTestId('idea-status-badge')).toHaveText('zusammengelegt')
  await expect(carsharing).toContainText(`„${MITFAHRBANK}“`)

  // A second change of the same idea: its dated history, with who did it (facilitators only).
  await schulbus.getByTestId('idea-status-select').selectOption('forwarded')
  await schulbus.getByTestId('idea-status-reason').fill('An den Landkreis')
  await schulbus.getByTestId('idea-status-save').click()
  await expect(schulbus.getByTestId('idea-status-badge')).toHaveText('an die Verwaltung übergeben')
  await schulbus.getByText('Verlauf (2)').click()
  await expect(schulbus.locator('details li')).toHaveCount(2)
  await expect(schulbus.locator('details li').first()).toContainText('nicht umgesetzt')

  // Publish; the address to copy and to open.
  await panel.getByTestId('results-publish').check()
  await expect(panel.getByTestId('results-message')).toHaveText('Die Ergebnisseite ist öffentlich.')
  const url = await panel.getByTestId('results-url').inputValue()
  expect(url).toMatch(new RegExp(`/ergebnisse/${workshop.id}$`))
  await expect(panel.getByTestId('results-open')).toHaveAttribute('href', url)
  await expectAccessible(page, 'workshop page with idea statuses')
  // The board's facilitator panel links the published page too, to open and to copy.
  await page.goto(`/b/${workshop.boardId}`)
  const panelLink = page.getByTestId('results-page-link')
  await expect(panelLink.getByTestId('results-page-open')).toHaveAttribute('href', url)
  await expect(panelLink.getByRole('textbox', { name: 'Adresse der Ergebnisseite' })).toHaveValue(
    url,
  )

  // Everyone in the workshop sees the status beside the idea: Vera's list view.
  const veraPage = await voter.newPage()
  await veraPage.goto(`/l/${workshop.boardId}`)
  await expect(
    veraPage.getByTestId('list-idea').filter({ hasText: MITFAHRBANK }).first(),
  ).toContainText('Stand: umgesetzt')

  // The public page with JavaScript off: a stranger, signed out.
  const plain = await browser.newContext({ javaScriptEnabled: false, locale: 'de-DE' })
  const pub = await plain.newPage()
  const res = await pub.goto(url)
  expect(res?.status()).toBe(200)
  await expect(pub.getByRole('heading', { level: 1, name: 'Themenlabor Mobilität' })).toBeVisible()
  await expect(pub.getByRole('main')).toBeVisible()
  // Unsorted ideas, ranked: Mitfahrbank (3 dots) first, then Schulbus (1).
  const table = pub.getByRole('table', { name: 'Ideen im Cluster „Nicht zugeordnet“' })
  const rows = table.locator('tbody tr')
  await expect(rows.first()).toContainText(MITFAHRBANK)
  await expect(rows.first().locator('td').first()).toHaveText('1')
  await expect(rows.first()).toContainText('umgesetzt')
  await expect(rows.nth(1)).toContainText(SCHULBUS)
  await expect(rows.nth(1)).toContainText('an die Verwaltung übergeben')
  await expect(rows.nth(1)).toContainText('Begründung: An den Landkreis')
  await expect(table.locator('tr', { hasText: 'Carsharing' })).toContainText(
    `zusammengelegt mit „${MITFAHRBANK}“`,
  )
  await expect(pub.getByRole('main')).toContainText('Fahrplan gilt landesweit <bis 2028>')
  await expect(pub.locator('body')).not.toContainText('Maria Moderation')
  await expect(pub.locator('body')).not.toContainText('Vera')

  // Printable: the language switch and the feed link stay off paper.
  await pub.emulateMedia({ media: 'print' })
  await expect(pub.getByRole('navigation', { name: 'Sprache' })).toBeHidden()
  await pub.emulateMedia({ media: 'screen' })
  await pub.getByRole('link', { name: 'English' }).click()
  await expect(pub.getByRole('heading', { name: 'What became of the ideas' })).toBeVisible()

  // axe needs script: the same page in a browser with JavaScript.
  const checker = await (await browser.newContext({ locale: 'de-DE' })).newPage()
  await checker.goto(url)
  await expectAccessible(checker, 'public results page')

  // The feed, linked from the page, parses with the browser's XML parser.
  const feedHref = await checker
    .locator('link[rel="alternate"][type="application/atom+xml"]')
    .getAttribute('href')
  expect(feedHref).toBe(`${url}/feed.atom`)
  const feedRes = await checker.request.get(feedHref ?? '')
  expect(feedRes.status()).toBe(200)
  expect(feedRes.headers()['content-type']).toBe('application/atom+xml; charset=utf-8')
  const feed = await checker.evaluate(
    (xml) => {
      const doc = new DOMParser().parseFromString(xml, 'application/xml')
      const atom = 'http://www.w3.org/2005/Atom'
      return {
        errors: doc.getElementsByTagName('parsererror').length,
        root: `${doc.documentElement.namespaceURI} ${doc.documentElement.localName}`,
        self: doc.querySelector('feed > link[rel="self"]')?.getAttribute('href'),
        entries: Array.from(doc.getElementsByTagNameNS(atom, 'entry')).map(
          (e) => e.getElementsByTagNameNS(atom, 'title')[0]?.textContent,
        ),
      }
    },
    await feedRes.text(),
  )
  expect(feed.errors).toBe(0)
  expect(feed.root).toBe('http://www.w3.org/2005/Atom feed')
  expect(feed.self).toBe(feedHref)
  expect(feed.entries).toEqual([
    `„${SCHULBUS}“: an die Verwaltung übergeben`,
    `„${CARSHARING}“: zusammengelegt mit „${MITFAHRBANK}“`,
    `„${SCHULBUS}“: nicht umgesetzt`,
    `„${MITFAHRBANK}“: umgesetzt`,
  ])

  // Issue 20 §5: every status change published a version of the open data; the page links the
  // newest at stable addresses that answer anyone, with the changelog.
  const data = pub.getByRole('region', { name: 'Offene Daten' })
  await pub.getByRole('link', { name: 'Deutsch' }).click()
  await expect(data).toContainText(/Version 4 vom/)
  const changelogHref = await data
    .getByRole('link', { name: 'Änderungen von Version zu Version' })
    .getAttribute('href')
  expect(changelogHref).toBe(`${url}/daten/changelog.csv`)
  const changelog = await plain.request.get(changelogHref ?? '')
  expect(changelog.status()).toBe(200)
  const lines = (await changelog.text()).split('\r\n')
  expect(lines[0]).toBe('entry,version,modified,change,item_id,detail')
  // The first status change published version 1; each later one the next.
  expect(lines.slice(1, -1).map((l) => [...l.split(',').slice(0, 2), l.split(',')[3]])).toEqual([
    ['1', '1', 'published'],
    ['2', '2', 'status_changed'],
    ['3', '3', 'status_changed'],
    ['4', '4', 'status_changed'],
  ])

  // The facilitator sees the versions with their changes on the workshop page.
  await page.goto(`/workshops/${workshop.id}`)
  const versions = page.getByTestId('open-data-versions')
  await expect(
    versions.getByRole('textbox', { name: 'Öffentliche Adresse der offenen Daten' }),
  ).toHaveValue(`${url}/daten/`)
  const newest = versions.getByTestId('open-data-version-list').locator(':scope > li').first()
  await expect(newest).toContainText(
    `Stand geändert von nicht umgesetzt auf an die Verwaltung übergeben: ${SCHULBUS}`,
  )
  await versions.getByTestId('open-data-publish').click()
  await expect(versions.getByTestId('open-data-message')).toContainText('Nichts hat sich geändert')
  await expectAccessible(page, 'workshop page with open-data versions')

  await plain.close()
  await checker.context().close()
  await voter.close()
})
