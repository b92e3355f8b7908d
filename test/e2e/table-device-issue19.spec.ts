/**
 * Issue 19 §2, "A table's shared device": the facilitator marks a device as "Tisch 3,
 * 5 Personen" in the control panel and opens its one-time link on a tablet; the tablet says it is
 * the table's device and adds ideas for the table, a phone adds an idea of its own, the
 * facilitator types in a paper card ("von Papier übertragen") and sees each idea's source in the
 * list view. In a dot round the tablet places people × dots and not more. Every screen involved
 * passes axe (WCAG 2.1 AA).
 */
import { devices, expect, test } from '@playwright/test'
import { createWorkshop, expectAccessible, signInFacilitator } from './fixtures.ts'
import { openRound } from './seed.ts'

const axe = expectAccessible

test('a table device adds ideas for its table and votes with its people', async ({ browser }) => {
  test.setTimeout(150_000)
  const facContext = await browser.newContext()
  await signInFacilitator(facContext.request)
  const workshop = await createWorkshop(facContext.request, 'Bürgerdialog Marktplatz')
  const board = workshop.boardId

  // The facilitator marks the table's device in the control panel.
  const fac = await facContext.newPage()
  await fac.goto(`/b/${board}`)
  const panel = fac.getByTestId('facilitator-panel')
  if ((await panel.getAttribute('data-open')) !== 'true') {
    await fac.getByTestId('facilitator-panel-toggle').click()
  }
  const tables = fac.getByTestId('tables-panel')
  await tables.getByLabel('Tisch', { exact: true }).fill('Tisch 3')
  await tables.getByLabel('Personen am Tisch').fill('5')
  await tables.getByRole('button', { name: 'Tischgerät anlegen' }).click()
  const linkField = tables.getByTestId('table-link')
  await expect(linkField).toHaveValue(/\/tisch\/[a-z0-9]{24}$/)
  await expect(tables.getByRole('img', { name: 'QR-Code des Links für Tisch 3' })).toBeVisible()
  await expect(tables.getByTestId('table-item')).toContainText('Tisch 3 · 5 Personen')
  await expect(tables.getByTestId('table-item')).toContainText('Link noch nicht geöffnet')
  await axe(fac, 'whiteboard with the table devices panel')
  const link = new URL(await linkField.inputValue())

  // The tablet at the table opens the link: it is the table's device now.
  const tabletContext = await browser.newContext({ ...devices['iPad (gen 7) landscape'] })
  const tablet = await tabletContext.newPage()
  await tablet.goto(link.pathname)
  await axe(tablet, 'table link page')
  await tablet.getByTestId('table-claim').click()
  await expect(tablet).toHaveURL(new RegExp(`/l/${board}$`))
  const note = tablet.getByTestId('table-device')
  await expect(note.getByRole('heading')).toHaveText('Tischgerät: Tisch 3 · 5 Personen')
  await expect(note).toContainText('für den ganzen Tisch eingetragen')
  await expect(tables.getByTestId('table-item')).toContainText('in Gebrauch')
  for (const text of ['Mehr Sitzbänke am Markt', 'Trinkbrunnen vor dem Rathaus']) {
    await tablet.getByTestId('list-add-text').fill(text)
    await tablet.getByTestId('list-add-submit').click()
    await expect(tablet.getByTestId('list-idea').filter({ hasText: text })).toBeVisible()
  }
  // The table device offers no "von Papier übertragen" and shows no sources.
  await expect(tablet.getByTestId('list-add-paper')).toHaveCount(0)
  await expect(tablet.getByText('Tischgerät: Tisch 3', { exact: true })).toHaveCount(0)
  await axe(tablet, 'list view of a table device')

  // A person in the room on their phone.
  const phoneContext = await browser.newContext({ ...devices['Pixel 7'] })
  const joined = await phoneContext.request.post('/api/join', {
    data: { code: workshop.participantCode, name: 'Paula' },
  })
  expect(joined.ok(), await joined.text()).toBe(true)
  const phone = await phoneContext.newPage()
  await phone.goto(`/m/${board}`)
  await phone.getByTestId('phone-idea-input').fill('Radweg nach Wiesenburg')
  await phone.getByTestId('phone-idea-send').click()

  // The facilitator types in a card from paper in the list view and sees every idea's source.
  const facList = await facContext.newPage()
  await facList.goto(`/l/${board}`)
  await facList.getByTestId('list-add-text').fill('Wochenmarkt auch am Samstag')
  await facList.getByTestId('list-add-paper').check()
  await facList.getByTestId('list-add-submit').click()
  const idea = (text: string) => facList.getByTestId('list-idea').filter({ hasText: text })
  const meta = (text: string) => idea(text).locator('.iwl-idea-meta')
  await expect(meta('Mehr Sitzbänke am Markt')).toContainText('Tischgerät: Tisch 3')
  await expect(meta('Trinkbrunnen vor dem Rathaus')).toContainText('Tischgerät: Tisch 3')
  await expect(meta('Wochenmarkt auch am Samstag')).toContainText('Von Papier übertragen')
  await expect(idea('Radweg nach Wiesenburg')).toBeVisible()
  await expect(meta('Radweg nach Wiesenburg')).not.toContainText('Tischgerät')
  await expect(meta('Radweg nach Wiesenburg')).not.toContainText('Von Papier')
  // The mark can be corrected afterwards (not on a table's idea: that is the server's).
  const paperBox = idea('Wochenmarkt auch am Samstag').getByTestId('list-idea-paper')
  await paperBox.uncheck()
  await expect(meta('Wochenmarkt auch am Samstag')).not.toContainText('Von Papier')
  await paperBox.check()
  await expect(meta('Wochenmarkt auch am Samstag')).toContainText('Von Papier übertragen')
  await expect(idea('Mehr Sitzbänke am Markt').getByTestId('list-idea-paper')).toHaveCount(0)
  await axe(facList, 'list view of the facilitator with sources')
  // The whiteboard shows the facilitator the same on the cards.
  const card = fac.getByTestId('idea-card').filter({ hasText: 'Mehr Sitzbänke am Markt' })
  await expect(card.getByTestId('idea-card-source')).toHaveText('Tischgerät: Tisch 3')
  const paperCard = fac.getByTestId('idea-card').filter({ hasText: 'Wochenmarkt auch am Samstag' })
  await expect(paperCard.getByTestId('idea-card-source')).toHaveText('Von Papier übertragen')
  // A correction in the list view reaches the card at once.
  await paperBox.uncheck()
  await expect(paperCard.getByTestId('idea-card-source')).toHaveCount(0)
  await paperBox.check()
  await expect(paperCard.getByTestId('idea-card-source')).toHaveText('Von Papier übertragen')
  const ownCard = fac.getByTestId('idea-card').filter({ hasText: 'Radweg nach Wiesenburg' })
  await expect(ownCard.getByTestId('idea-card-source')).toHaveCount(0)

  // Dot voting: 2 dots per person, at most 2 per idea — the table of 5 has 10, at most 10 on one.
  await openRound(facContext, workshop.id, {
    targetKind: 'idea',
    dotsPerPerson: 2,
    maxPerTarget: 2,
  })
  await expect(tablet.getByTestId('list-dots-left')).toHaveText('Noch 10 Punkte übrig')
  const bench = tablet.getByTestId('list-idea').filter({ hasText: 'Mehr Sitzbänke am Markt' })
  const plus = bench.getByTestId('list-vote-plus')
  for (let i = 1; i <= 6; i++) {
    await plus.click()
    await expect(bench).toContainText(`${i} ${i === 1 ? 'Punkt' : 'Punkte'} von diesem Tisch`)
  }
  // The phone view on the same device says it is the table's and allows the table's cap too.
  await tablet.goto(`/m/${board}`)
  await expect(tablet.getByTestId('table-device')).toContainText('Tisch 3 · 5 Personen')
  await expect(tablet.getByTestId('phone-dots-left')).toHaveText('Noch 4 Punkte übrig')
  const phoneBench = tablet.locator('.iwv-vote-item').filter({ hasText: 'Mehr Sitzbänke am Markt' })
  for (let i = 0; i < 4; i++) await phoneBench.getByTestId('phone-vote-plus').click()
  await expect(tablet.getByTestId('phone-dots-left')).toHaveText('Noch 0 Punkte übrig')
  await expect(phoneBench).toContainText('10 Punkte von diesem Tisch')
  await tablet.goBack()
  await expect(bench).toContainText('10 Punkte von diesem Tisch')
  await expect(tablet.getByTestId('list-dots-left')).toHaveText('Noch 0 Punkte übrig')
  await expect(plus).toHaveAttribute('aria-disabled', 'true')
  const other = tablet.getByTestId('list-idea').filter({ hasText: 'Radweg nach Wiesenburg' })
  await expect(other.getByTestId('list-vote-plus')).toHaveAttribute('aria-disabled', 'true')
  // Not more, whatever the device sends.
  const eleventh = await tabletContext.request.post(`/api/workshops/${workshop.id}/votes`, {
    data: { targetId: await other.getAttribute('data-idea-id'), delta: 1 },
  })
  expect(eleventh.status()).toBe(409)
  expect((await eleventh.json()).error.code).toBe('budget-exhausted')
  await axe(tablet, 'list view of a table device while voting')

  // The phone still has a person's two dots.
  await expect(phone.getByText('Noch 2 Punkte übrig')).toBeVisible()

  await Promise.all([facContext.close(), tabletContext.close(), phoneContext.close()])
})
