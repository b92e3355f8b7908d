/**
 * Issue 20 §1, "Workshop series": on workshop A's page the facilitator carries the cluster "Bus
 * und Bahn" and the single idea "Mitfahrbank an der Kirche" (3 dots in A's revealed round) into a
 * new workshop B. B's list view and whiteboard show each carried idea's origin with its dots
 * (linked to A's results page, which is published); a participant of B sees it in the list and
 * on the phone's voting list, the projector's results chart says it; B's report names it, and
 * B's ideas.csv has the provenance columns filled. The panel passes axe.
 */
import { expect, test } from '@playwright/test'
import { expectAccessible } from './fixtures.ts'
import {
  ideaIdsByText,
  openBoard,
  openRound,
  participantContext,
  revealedRound,
  seededWorkshop,
} from './seed.ts'

const MITFAHRBANK = 'Mitfahrbank an der Kirche'
const RUFBUS = 'Rufbus am Wochenende auch für die Ortsteile Reetz, Schlamau und Medewitz'
const TITLE_A = 'Themenlabor Mobilität (Teil 1)'
const TITLE_B = 'Themenlabor Mobilität (Teil 2)'

test('carry a cluster and an idea with their dots into a new workshop; every view shows where from', async ({
  browser,
}) => {
  test.setTimeout(150_000)
  const { context, page, workshop } = await seededWorkshop(browser, TITLE_A)
  const dated = await context.request.patch(`/api/workshops/${workshop.id}`, {
    data: { date: '2026-03-12' },
  })
  expect(dated.ok(), await dated.text()).toBe(true)
  const idOf = await ideaIdsByText(page)

  // A revealed round in A: Mitfahrbank 3 dots, Rufbus 1.
  const voter = await revealedRound(browser, context, workshop, [
    idOf(MITFAHRBANK),
    idOf(MITFAHRBANK),
    idOf(MITFAHRBANK),
    idOf(RUFBUS),
  ])

  // A's workshop page: choose the cluster and one idea, a new workshop as the target.
  await page.goto(`/workshops/${workshop.id}`)
  const panel = page.getByTestId('carry-panel')
  await expect(
    panel.getByRole('heading', { name: 'Ideen in einen anderen Workshop übernehmen' }),
  ).toBeVisible()
  await expect(panel.getByRole('group', { name: 'Ideen und Cluster wählen' })).toBeVisible()
  const mitfahrbank = panel.getByRole('checkbox', { name: `${MITFAHRBANK} · 3 Punkte` })
  await expect(mitfahrbank).toBeVisible()
  await panel.getByRole('checkbox', { name: 'Ganzer Cluster: Bus und Bahn (3 Ideen)' }).check()
  // The cluster's ideas go with it.
  await expect(panel.getByRole('checkbox', { name: `${RUFBUS} · 1 Punkt` })).toBeDisabled()
  // Keyboard: Space checks the idea.
  await mitfahrbank.focus()
  await page.keyboard.press('Space')
  await expect(mitfahrbank).toBeChecked()
  await panel.getByRole('radio', { name: 'Neuer Workshop' }).check()
  await panel.getByRole('textbox', { name: 'Titel des neuen Workshops' }).fill(TITLE_B)
  await expectAccessible(page, 'workshop page with the carry panel')
  await panel.getByTestId('carry-submit').click()
  const message = panel.getByTestId('carry-message')
  await expect(message).toContainText(`4 Ideen in „${TITLE_B}“ übernommen.`)
  await expect(message.getByRole('link', { name: 'Ziel-Workshop öffnen' })).toBeVisible()
  await expectAccessible(page, 'carry panel after carrying')

  // The success message links the new workshop B.
  const href = await message
    .getByRole('link', { name: 'Ziel-Workshop öffnen' })
    .getAttribute('href')
  const bId = decodeURIComponent(href?.split('/workshops/')[1] ?? '')
  const detail = await (await context.request.get(`/api/workshops/${bId}`)).json()
  expect(detail.title).toBe(TITLE_B)
  const b = { id: bId, boardId: detail.boardId as string }

  // A's results page is published: the note links it (it is public anyway).
  const published = await context.request.patch(`/api/workshops/${workshop.id}/results-page`, {
    data: { published: true },
  })
  expect(published.ok(), await published.text()).toBe(true)

  // B's list view: the origin with its dots, beside each carried idea.
  const note = `Aus: ${TITLE_A} (12.03.2026) · 3 Punkte`
  await page.goto(`/l/${b.boardId}`)
  const listIdea = page.getByTestId('list-idea').filter({ hasText: MITFAHRBANK })
  await expect(listIdea.getByTestId('carried-note')).toHaveText(note)
  await expect(page.getByTestId('carried-note')).toHaveCount(4)
  await expect(listIdea.getByRole('link', { name: note })).toHaveAttribute(
    'href',
    `/ergebnisse/${workshop.id}`,
  )
  await expect(
    page.getByTestId('list-idea').filter({ hasText: RUFBUS }).getByTestId('carried-note'),
  ).toHaveText(`Aus: ${TITLE_A} (12.03.2026) · 1 Punkt`)
  await expectAccessible(page, 'list view with carried ideas')

  // B's whiteboard: the card says it too.
  const board = await context.newPage()
  await openBoard(board, b.boardId)
  const carriedId = await board.evaluate(
    (text) => window.__ideenwand?.board.ideas().find((i) => i.text === text)?.id ?? '',
    MITFAHRBANK,
  )
  expect(carriedId).not.toBe('')
  await board.evaluate(() => {
    window.__ideenwand?.editor.zoomToFit()
  })
  await expect(
    board.locator(
      `[data-testid="idea-card"][data-idea-id="${carriedId}"] [data-testid="carried-note"]`,
    ),
  ).toHaveText(note)

  // A participant of B sees it as well (names never travel: no author from A).
  const code = detail.invites.find((i: { role: string }) => i.role === 'participant').code
  const paula = await participantContext(browser, code, 'Paula')
  const paulaPage = await paula.newPage()
  await paulaPage.goto(`/l/${b.boardId}`)
  const paulasIdea = paulaPage.getByTestId('list-idea').filter({ hasText: MITFAHRBANK })
  await expect(paulasIdea.getByTestId('carried-note')).toHaveText(note)
  await expect(paulasIdea).not.toContainText('Maria Moderation')

  // A dot round in B: Paula's phone lists the carried ideas with their origin; after the reveal
  // the projector's chart says where the idea came from too.
  await openRound(context, b.id)
  const phone = await paula.newPage()
  await phone.goto(`/m/${b.boardId}`)
  const target = phone.locator('.iwv-vote-item').filter({ hasText: MITFAHRBANK })
  await expect(target.getByTestId('carried-note')).toHaveText(note)
  await expectAccessible(phone, 'phone voting with carried ideas')
  const carriedInB = await board.evaluate(
    (text) => window.__ideenwand?.board.ideas().find((i) => i.text === text)?.id ?? '',
    MITFAHRBANK,
  )
  const dot = await paula.request.post(`/api/workshops/${b.id}/votes`, {
    data: { targetId: carriedInB, delta: 1 },
  })
  expect(dot.ok(), await dot.text()).toBe(true)
  for (const action of ['close', 'reveal']) {
    const res = await context.request.post(`/api/workshops/${b.id}/rounds/current/${action}`)
    expect(res.status(), await res.text()).toBe(204)
  }
  const projector = await context.newPage()
  await projector.goto(`/p/${b.boardId}`)
  const row = projector.getByTestId('projector-result-row').filter({ hasText: MITFAHRBANK })
  await expect(row.getByTestId('carried-note')).toHaveText(note)

  // B's report and open data.
  const md = await (
    await context.request.get(`/api/workshops/${b.id}/report?format=md&lang=de`)
  ).text()
  expect(md).toContain(
    `${MITFAHRBANK} _(übernommen aus „${TITLE_A}“ (12.03.2026), 3 Punkte (Platz 1))_`,
  )
  expect(md).toMatch(/\| Aus früheren Workshops \| 4 \|/)
  const csv = await (await context.request.get(`/api/workshops/${b.id}/open-data/ideas.csv`)).text()
  const [header, ...rows] = csv
    .trim()
    .split('\r\n')
    .map((line) => line.split(','))
  const col = (name: string) => header?.indexOf(name) ?? -1
  const csvRow = rows.find((r) => r[1] === MITFAHRBANK)
  expect(csvRow?.[col('carried_from_workshop')]).toBe(workshop.id)
  expect(csvRow?.[col('carried_from_idea')]).toBe(idOf(MITFAHRBANK))
  await context.close()
  await voter.close()
  await paula.close()
})
