/**
 * Issue 16, what a resident on a phone (Pixel 7) and a keyboard-only user of the list view meet:
 * Enter sends an idea (§3), the connection state after a reload while voting or discussing
 * (§4), keyboard voting that keeps the focus and counts every press (§6).
 */
import { type BrowserContext, devices, expect, type Page, test } from '@playwright/test'
import { type CreatedWorkshop, createWorkshop, signInFacilitator } from './fixtures.ts'

const pixel7 = devices['Pixel 7']

async function facilitatorWith(
  browser: import('@playwright/test').Browser,
  title: string,
): Promise<{ fac: BrowserContext; workshop: CreatedWorkshop }> {
  const fac = await browser.newContext()
  await signInFacilitator(fac.request)
  return { fac, workshop: await createWorkshop(fac.request, title) }
}

async function phoneOf(
  browser: import('@playwright/test').Browser,
  code: string,
  name: string,
): Promise<BrowserContext> {
  const context = await browser.newContext({ ...pixel7 })
  const res = await context.request.post('/api/join', { data: { code, name } })
  expect(res.ok(), await res.text()).toBe(true)
  return context
}

async function setPhase(fac: BrowserContext, workshopId: string, phase: string): Promise<void> {
  const res = await fac.request.post(`/api/workshops/${workshopId}/phase`, { data: { phase } })
  expect(res.status(), await res.text()).toBe(204)
}

/**
 * The facilitator's list view with `texts` added as ideas (stored), and a dot-voting round on
 * ideas opened; the list page and the ids of the ideas by text.
 */
async function listWithRound(
  fac: BrowserContext,
  workshop: CreatedWorkshop,
  texts: readonly string[],
  round: { dotsPerPerson: number; maxPerTarget: number },
): Promise<{ setup: Page; ids: Record<string, string> }> {
  const setup = await fac.newPage()
  await setup.goto(`/l/${workshop.boardId}`)
  const ids: Record<string, string> = {}
  for (const text of texts) {
    await setup.getByTestId('list-add-text').fill(text)
    await setup.getByTestId('list-add-submit').click()
    const item = setup.getByTestId('list-idea').filter({ hasText: text })
    await expect(item).toBeVisible()
    ids[text] = (await item.getAttribute('data-idea-id')) ?? ''
  }
  await expect(setup.getByTestId('connection-state')).toHaveAttribute('data-state', 'saved')
  const res = await fac.request.post(`/api/workshops/${workshop.id}/rounds`, {
    data: { targetKind: 'idea', ...round },
  })
  expect(res.status(), await res.text()).toBe(201)
  return { setup, ids }
}

const focusedTestId = (page: Page) =>
  page.evaluate(
    () => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName,
  )

test('§3 Enter sends on the phone and in the list view; Shift+Enter makes a new line; no idea merges into the next', async ({
  browser,
}) => {
  const { fac, workshop } = await facilitatorWith(browser, 'Enter sendet')
  const phoneContext = await phoneOf(browser, workshop.participantCode, 'Erika')
  const phone = await phoneContext.newPage()
  await phone.goto(`/m/${workshop.boardId}`)
  const field = phone.getByTestId('phone-idea-input')
  await expect(phone.getByTestId('connection-state')).toHaveAttribute('data-state', 'saved')
  await field.click()
  await phone.keyboard.type('Mitfahrbank an der Kirche')
  await phone.keyboard.press('Enter')
  await expect(field).toHaveValue('')
  expect(await focusedTestId(phone)).toBe('phone-idea-input')
  // The next idea typed straight away is its own idea.
  await phone.keyboard.type('Rufbus am Wochenende')
  await phone.keyboard.press('Shift+Enter')
  await phone.keyboard.type('auch nach Reetz')
  await expect(field).toHaveValue('Rufbus am Wochenende\nauch nach Reetz')
  await phone.keyboard.press('Enter')
  await expect(field).toHaveValue('')
  expect(await focusedTestId(phone)).toBe('phone-idea-input')
  const mine = phone.getByTestId('my-idea')
  await expect(mine).toHaveCount(2)
  await expect(mine.filter({ hasText: 'Mitfahrbank an der Kirche' })).toHaveCount(1)
  await expect(mine.filter({ hasText: 'Rufbus am Wochenende' })).toContainText('auch nach Reetz')
  await expect(mine.filter({ hasText: 'Mitfahrbank' })).not.toContainText('Rufbus')

  // A soft keyboard's line break (no key event, only `beforeinput`) sends as well.
  await field.focus()
  await phone.keyboard.type('Schulbus fährt zu früh')
  await field.evaluate((el) => {
    el.dispatchEvent(
      new InputEvent('beforeinput', {
        inputType: 'insertLineBreak',
        bubbles: true,
        cancelable: true,
      }),
    )
  })
  await expect(field).toHaveValue('')
  await expect(mine).toHaveCount(3)

  // The viewer's join page (QR code of the projector code) promises no name on ideas.
  const viewerContext = await browser.newContext({ ...pixel7 })
  const viewer = await viewerContext.newPage()
  await viewer.goto(`/join/${workshop.viewerCode}`)
  await expect(viewer.getByTestId('join-preview')).toBeVisible()
  await expect(viewer.getByText('Nur die Moderation sieht diesen Namen.')).toBeVisible()
  await expect(viewer.getByText('Andere sehen diesen Namen an Ihren Ideen.')).toHaveCount(0)
  await viewerContext.close()

  // The list view's add form: Enter sends, the field empties and keeps the focus.
  const list = await fac.newPage()
  await list.goto(`/l/${workshop.boardId}`)
  const text = list.getByTestId('list-add-text')
  await text.click()
  await list.keyboard.type('Carsharing-Auto der Gemeinde')
  await list.keyboard.press('Enter')
  await expect(text).toHaveValue('')
  expect(await focusedTestId(list)).toBe('list-add-text')
  await expect(list.getByTestId('list-idea')).toHaveCount(4)
  await expect(list.getByTestId('list-idea').filter({ hasText: 'Carsharing' })).toHaveCount(1)
  await Promise.all([fac.close(), phoneContext.close()])
})

test('§4 a phone or list view opened or reloaded while voting or discussing says everything is sent, not "Wird gesendet"', async ({
  browser,
}) => {
  const { fac, workshop } = await facilitatorWith(browser, 'Kein ewiges Senden')
  const phoneContext = await phoneOf(browser, workshop.participantCode, 'Erika')
  const phone = await phoneContext.newPage()
  const list = await phoneContext.newPage()
  await phone.goto(`/m/${workshop.boardId}`)
  await phone.getByTestId('phone-idea-input').fill('Bank am Teich')
  await phone.getByTestId('phone-idea-send').click()
  await expect(phone.locator('[data-testid=my-idea][data-state=sent]')).toHaveCount(1)

  for (const phase of ['vote', 'discuss']) {
    await setPhase(fac, workshop.id, phase)
    for (const page of [phone, list]) {
      const path = page === phone ? 'm' : 'l'
      await page.goto(`/${path}/${workshop.boardId}`)
      await page.reload()
      const state = page.getByTestId('connection-state')
      await expect(state).toHaveAttribute('data-state', 'saved')
      await expect(state).toHaveText(/Alles gesendet/)
      await expect(page.getByText('Wird gesendet')).toHaveCount(0)
    }
  }

  // Back to collecting: the same page sends again and reaches "saved" (no stuck count).
  await setPhase(fac, workshop.id, 'collect')
  const field = phone.getByTestId('phone-idea-input')
  await expect(field).not.toHaveAttribute('aria-disabled', 'true')
  await field.fill('Trinkbrunnen im Park')
  await phone.getByTestId('phone-idea-send').click()
  await expect(phone.locator('[data-testid=my-idea][data-state=sent]')).toHaveCount(2)
  await expect(phone.getByTestId('connection-state')).toHaveAttribute('data-state', 'saved')
  await expect(phone.getByTestId('connection-state')).toHaveText(/Alles gesendet/)
  await Promise.all([fac.close(), phoneContext.close()])
})

test('§6 keyboard voting: "Punkt geben" keeps the focus, Space twice gives two dots, the dots left are announced', async ({
  browser,
}) => {
  const { fac, workshop } = await facilitatorWith(browser, 'Abstimmen mit der Tastatur')
  await listWithRound(fac, workshop, ['Radweg nach Wiesenburg', 'Skatepark am Bahnhof'], {
    dotsPerPerson: 5,
    maxPerTarget: 3,
  })

  const voter = await browser.newContext()
  await voter.request.post('/api/join', { data: { code: workshop.participantCode, name: 'Kai' } })
  const list = await voter.newPage()
  // Every vote request answers slowly, as over a poor network: the second press comes while the
  // first is still running.
  await list.route('**/votes', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 400))
    await route.continue()
  })
  await list.goto(`/l/${workshop.boardId}`)
  const idea = list.getByTestId('list-idea').filter({ hasText: 'Radweg' })
  const plus = idea.getByTestId('list-vote-plus')
  await expect(plus).toHaveAccessibleName('Punkt geben: Radweg nach Wiesenburg')
  await plus.focus()
  await list.keyboard.press('Space')
  expect(await focusedTestId(list)).toBe('list-vote-plus')
  await list.keyboard.press('Space')
  expect(await focusedTestId(list)).toBe('list-vote-plus')
  const left = list.getByTestId('list-dots-left')
  await expect(left).toHaveText('Noch 3 Punkte übrig')
  await expect(left).toHaveRole('status')
  await expect(idea).toContainText('2')
  expect(await focusedTestId(list)).toBe('list-vote-plus')
  // At the per-idea maximum the button stays focusable and says it cannot.
  await list.keyboard.press('Space')
  await expect(plus).toHaveAttribute('aria-disabled', 'true')
  expect(await focusedTestId(list)).toBe('list-vote-plus')
  await list.keyboard.press('Space')
  await expect(left).toHaveText('Noch 2 Punkte übrig')
  // Taking back works the same way.
  await idea.getByTestId('list-vote-minus').focus()
  await list.keyboard.press('Enter')
  await list.keyboard.press('Enter')
  await expect(left).toHaveText('Noch 4 Punkte übrig')
  expect(await focusedTestId(list)).toBe('list-vote-minus')

  // The phone: the same with its big buttons.
  const phoneContext = await phoneOf(browser, workshop.participantCode, 'Erika')
  const phone = await phoneContext.newPage()
  await phone.goto(`/m/${workshop.boardId}`)
  const phonePlus = phone.locator('[data-testid=phone-vote-plus]').first()
  await phonePlus.focus()
  await phone.keyboard.press('Space')
  await phone.keyboard.press('Space')
  await expect(phone.getByTestId('phone-dots-left')).toHaveText('Noch 3 Punkte übrig')
  expect(await focusedTestId(phone)).toBe('phone-vote-plus')
  await Promise.all([fac.close(), voter.close(), phoneContext.close()])
})

test('§11 a dot on an idea hidden during the round goes back from the phone; the projector ranks no hidden idea; after the reveal no "not started"', async ({
  browser,
}) => {
  const { fac, workshop } = await facilitatorWith(browser, 'Ausgeblendet im Wahlgang')
  const { ids } = await listWithRound(
    fac,
    workshop,
    ['Radweg nach Wiesenburg', 'Werbung für Autohaus'],
    { dotsPerPerson: 3, maxPerTarget: 3 },
  )
  const spam = ids['Werbung für Autohaus'] ?? ''
  expect(spam).toBeTruthy()

  const phoneContext = await phoneOf(browser, workshop.participantCode, 'Erika')
  const phone = await phoneContext.newPage()
  await phone.goto(`/m/${workshop.boardId}`)
  const item = (text: string) => phone.locator('.iwv-vote-item').filter({ hasText: text })
  await item('Werbung').getByTestId('phone-vote-plus').click()
  await item('Werbung').getByTestId('phone-vote-plus').click()
  await item('Radweg').getByTestId('phone-vote-plus').click()
  await expect(phone.getByTestId('phone-dots-left')).toHaveText('Noch 0 Punkte übrig')

  expect(
    (await fac.request.post(`/api/workshops/${workshop.id}/ideas/${spam}/hide`)).status(),
  ).toBe(204)
  const stranded = phone.getByTestId('phone-stranded')
  await expect(stranded).toBeVisible()
  await expect(stranded).toContainText('Ausgeblendete Idee')
  await expect(stranded).not.toContainText('Werbung')
  const back = stranded.getByTestId('phone-vote-minus')
  await back.click()
  await back.click()
  await expect(phone.getByTestId('phone-dots-left')).toHaveText('Noch 2 Punkte übrig')
  await expect(stranded).toHaveCount(0)
  await item('Radweg').getByTestId('phone-vote-plus').click()

  const projectorContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } })
  await projectorContext.request.post('/api/join', { data: { code: workshop.viewerCode } })
  const projector = await projectorContext.newPage()
  await projector.goto(`/p/${workshop.boardId}`)
  expect(
    (await fac.request.post(`/api/workshops/${workshop.id}/rounds/current/reveal`)).status(),
  ).toBe(204)
  const rows = projector.getByTestId('projector-results').locator('li')
  await expect(rows).toHaveCount(1)
  await expect(rows.first()).toContainText('Radweg nach Wiesenburg')
  await expect(rows.first()).toContainText('2 Punkte')
  for (const label of await projector.locator('.iwp-bar-label').allTextContents()) {
    expect(label.trim()).not.toBe('')
  }
  // The phone shows the results, and nothing above them says voting has not begun.
  await expect(phone.getByTestId('phone-results')).toBeVisible()
  await expect(phone.getByText('Die Abstimmung hat noch nicht begonnen')).toHaveCount(0)
  await Promise.all([fac.close(), phoneContext.close(), projectorContext.close()])
})

test('§11 on the whiteboard too: a dot on an idea hidden during the round is listed beside the dots left and goes back', async ({
  browser,
}) => {
  const { fac, workshop } = await facilitatorWith(browser, 'Ausgeblendet auf dem Whiteboard')
  const { ids } = await listWithRound(fac, workshop, ['Werbung für Autohaus'], {
    dotsPerPerson: 3,
    maxPerTarget: 3,
  })
  const spam = ids['Werbung für Autohaus'] ?? ''
  const laptop = await browser.newContext({ viewport: { width: 1440, height: 900 } })
  await laptop.request.post('/api/join', { data: { code: workshop.participantCode, name: 'Kai' } })
  const vote = await laptop.request.post(`/api/workshops/${workshop.id}/votes`, {
    data: { targetId: spam, delta: 1 },
  })
  expect(vote.status()).toBe(200)
  const board = await laptop.newPage()
  await board.goto(`/b/${workshop.boardId}`)
  const left = board.getByTestId('dots-left')
  await expect(left).toHaveAttribute('data-remaining', '2')
  await expect(board.getByTestId('stranded-dots')).toHaveCount(0)

  await fac.request.post(`/api/workshops/${workshop.id}/ideas/${spam}/hide`)
  const stranded = board.getByTestId('stranded-dots')
  await expect(stranded).toBeVisible()
  await expect(stranded).toContainText('Ausgeblendete Idee')
  await stranded.getByRole('button', { name: 'Punkt zurücknehmen: Ausgeblendete Idee' }).click()
  await expect(left).toHaveAttribute('data-remaining', '3')
  await expect(stranded).toHaveCount(0)
  await Promise.all([fac.close(), laptop.close()])
})

test('§6 on the whiteboard: "Punkt geben" on a card keeps the focus and Space twice gives two dots', async ({
  browser,
}) => {
  const { fac, workshop } = await facilitatorWith(browser, 'Tastatur am Whiteboard')
  await listWithRound(fac, workshop, ['Radweg nach Wiesenburg'], {
    dotsPerPerson: 5,
    maxPerTarget: 3,
  })
  // The facilitator's whiteboard draws the card of the idea written in the list.
  const facBoard = await fac.newPage()
  await facBoard.goto(`/b/${workshop.boardId}`)
  await expect(facBoard.getByTestId('idea-card')).toHaveCount(1)
  await expect(facBoard.getByTestId('connection-state')).toHaveAttribute('data-state', 'saved')
  const laptop = await browser.newContext({ viewport: { width: 1440, height: 900 } })
  await laptop.request.post('/api/join', { data: { code: workshop.participantCode, name: 'Kai' } })
  const board = await laptop.newPage()
  await board.route('**/votes', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 400))
    await route.continue()
  })
  await board.goto(`/b/${workshop.boardId}`)
  const controls = board.getByTestId('vote-controls')
  const plus = controls.getByTestId('vote-plus')
  await expect(plus).toBeVisible()
  await plus.focus()
  await board.keyboard.press('Space')
  expect(await focusedTestId(board)).toBe('vote-plus')
  await board.keyboard.press('Space')
  await expect(controls).toHaveAttribute('data-mine', '2')
  await expect(board.getByTestId('dots-left')).toHaveAttribute('data-remaining', '3')
  expect(await focusedTestId(board)).toBe('vote-plus')
  await Promise.all([fac.close(), laptop.close()])
})
