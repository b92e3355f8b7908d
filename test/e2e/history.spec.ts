/**
 * Versions and restore in Chromium (issue 14 §3): a participant deletes ideas through the real
 * list view; the facilitator opens the history in the board's facilitator panel and restores the
 * board to before the deletion — or undoes just that person's changes — and every open page (the
 * participant's, another participant's) shows the ideas back without a reload. The dialog passes
 * axe in German and English.
 */
import AxeBuilder from '@axe-core/playwright'
import { type Browser, type BrowserContext, expect, type Page, test } from '@playwright/test'
import { createWorkshop, joinedContext, signInFacilitator } from './fixtures.ts'

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']
const LEA = ['Spielplatz am Hagelberg', 'Bank am Marktplatz', 'Kino im Burghof']

interface Scene {
  contexts: BrowserContext[]
  facilitator: Page
  lea: Page
  bernd: Page
}

async function scene(browser: Browser, lang: 'de' | 'en'): Promise<Scene> {
  const facContext = await browser.newContext({ viewport: { width: 1400, height: 900 } })
  await facContext.addInitScript((l) => localStorage.setItem('ideenwand:lang', l), lang)
  await signInFacilitator(facContext.request)
  const workshop = await createWorkshop(facContext.request, `Verlauf ${lang}`)
  const leaContext = await joinedContext(browser, workshop.participantCode, 'Lea Lösch')
  const berndContext = await joinedContext(browser, workshop.participantCode, 'Bernd Bleibt')
  const lea = await leaContext.newPage()
  const bernd = await berndContext.newPage()
  const facilitator = await facContext.newPage()
  await Promise.all([
    lea.goto(`/l/${workshop.boardId}`),
    bernd.goto(`/l/${workshop.boardId}`),
    facilitator.goto(`/b/${workshop.boardId}`),
  ])
  for (const text of LEA) {
    await lea.getByTestId('list-add-text').fill(text)
    await lea.getByTestId('list-add-submit').click()
    await expect(lea.getByTestId('list-idea').filter({ hasText: text })).toBeVisible()
  }
  await expect(bernd.getByTestId('list-idea')).toHaveCount(3)
  return { contexts: [facContext, leaContext, berndContext], facilitator, lea, bernd }
}

/** Lea deletes her ideas in the list view, with its confirmation. */
async function deleteAll(lea: Page, texts: string[]) {
  for (const text of texts) {
    const idea = lea.getByTestId('list-idea').filter({ hasText: text })
    await idea.getByRole('button', { name: /^Löschen/ }).click()
    await idea.getByRole('button', { name: 'Ja, löschen' }).click()
    await expect(idea).toHaveCount(0)
  }
}

/**
 * Opens the history in the facilitator panel and finds Lea's deletion entry (the facilitator's
 * whiteboard removes the cards of deleted ideas: an entry of its own); the dialog passes axe.
 */
async function findDeletion(page: Page, summary: string, lang: 'de' | 'en') {
  const panel = page.getByTestId('facilitator-panel')
  if ((await panel.getAttribute('data-open')) !== 'true') {
    await page.getByTestId('facilitator-panel-toggle').click()
  }
  await page.getByTestId('history-open').click()
  const dialog = page.getByTestId('history-dialog')
  await expect(dialog).toBeVisible()
  const deletion = dialog
    .getByTestId('history-entry')
    .filter({ hasText: 'Lea Lösch' })
    .filter({ hasText: summary })
  await expect(deletion).toHaveCount(1)
  await page.screenshot({ path: `test-results/history-dialog-${lang}.png` })
  const axe = await new AxeBuilder({ page })
    .withTags(WCAG)
    .include('[data-testid=history-dialog]')
    .analyze()
  expect(axe.violations.map((v) => v.id)).toEqual([])
  return { dialog, deletion }
}

test('the facilitator restores the board after a participant deleted ideas; everyone sees them back', async ({
  browser,
}) => {
  const { contexts, facilitator, lea, bernd } = await scene(browser, 'de')
  await deleteAll(lea, LEA)
  await expect(bernd.getByTestId('list-idea')).toHaveCount(0)

  const { dialog, deletion } = await findDeletion(facilitator, '3 Ideen gelöscht', 'de')
  await deletion.getByTestId('history-restore').click()
  await expect(deletion.getByRole('group')).toContainText('zurücksetzen?')
  await deletion.getByTestId('history-restore-confirm').click()
  // Every open page shows the ideas again, without a reload.
  await expect(bernd.getByTestId('list-idea')).toHaveCount(3)
  await expect(lea.getByTestId('list-idea')).toHaveCount(3)
  for (const text of LEA)
    await expect(bernd.getByTestId('list-idea').filter({ hasText: text })).toBeVisible()
  await expect(dialog.getByTestId('history-notice')).toContainText('3 Ideen zurück')
  // The restore is in the history itself, as the facilitator's change.
  await expect(
    dialog.getByTestId('history-entry').filter({ hasText: '(Moderation)' }).filter({
      hasText: '3 Ideen neu',
    }),
  ).toHaveCount(1)
  for (const c of contexts) await c.close()
})

test("the facilitator undoes one participant's changes; another's later idea stays (English)", async ({
  browser,
}) => {
  const { contexts, facilitator, lea, bernd } = await scene(browser, 'en')
  // Lea's list view is German (her own setting); she deletes two of her ideas.
  await deleteAll(lea, LEA.slice(0, 2))
  await bernd.getByTestId('list-add-text').fill('Später: Eisdiele am Bahnhof')
  await bernd.getByTestId('list-add-submit').click()
  await expect(lea.getByTestId('list-idea')).toHaveCount(2)

  const { dialog, deletion } = await findDeletion(facilitator, '2 ideas deleted', 'en')
  await deletion.getByTestId('history-undo').click()
  await expect(deletion.getByRole('group')).toContainText('Undo everything Lea Lösch changed')
  await deletion.getByTestId('history-undo-confirm').click()

  await expect(bernd.getByTestId('list-idea')).toHaveCount(4)
  await expect(lea.getByTestId('list-idea')).toHaveCount(4)
  for (const text of [...LEA, 'Später: Eisdiele am Bahnhof']) {
    await expect(lea.getByTestId('list-idea').filter({ hasText: text })).toBeVisible()
  }
  await expect(dialog.getByTestId('history-notice')).toContainText('2 ideas back')
  for (const c of contexts) await c.close()
})
