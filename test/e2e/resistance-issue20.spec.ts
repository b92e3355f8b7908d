/**
 * Resistance voting ("Systemisches Konsensieren", issue 20 §6) as a town's participation office
 * runs it: the facilitator starts a resistance round on the whiteboard's panel, two people rate
 * every option 0–10 on their phones (the passive solution included), the facilitator sees only
 * how many ballots are complete — no figure of an option reaches any browser before the
 * reveal — then reveals; the projector shows the chart and the option with least resistance, the
 * phones the same result. Every screen passes axe.
 */
import { devices, expect, type Page, test } from '@playwright/test'
import {
  createWorkshop,
  expectAccessible,
  joinedContext,
  recordFrames,
  signInFacilitator,
} from './fixtures.ts'
import { openBoard, openRound, participantContext, seedIdeas } from './seed.ts'

const RADWEG = 'Radweg nach Wiesenburg'
const KINO = 'Sommerkino im Burghof'

test('resistance round: phones rate 0–10, nothing leaks before the reveal, the projector shows the winner', async ({
  browser,
}) => {
  test.setTimeout(120_000)
  const facCtx = await browser.newContext({ viewport: { width: 1440, height: 900 } })
  await signInFacilitator(facCtx.request)
  const workshop = await createWorkshop(facCtx.request, 'Widerstand messen')
  const fac = await facCtx.newPage()
  await openBoard(fac, workshop.boardId)
  await seedIdeas(fac, { '': [RADWEG, KINO] })
  const facFrames = recordFrames(fac)

  // Two people on their phones, and the projector.
  const phones: Page[] = []
  const frames: string[][] = [facFrames]
  for (const [name, device] of [
    ['Paula', devices['Pixel 7']],
    ['Piet', devices['Pixel 5']],
  ] as const) {
    const ctx = await browser.newContext({ ...device })
    const join = await ctx.request.post('/api/join', {
      data: { code: workshop.participantCode, name },
    })
    expect(join.ok()).toBe(true)
    const phone = await ctx.newPage()
    frames.push(recordFrames(phone))
    await phone.goto(`/m/${workshop.boardId}`)
    phones.push(phone)
  }
  const projCtx = await joinedContext(browser, workshop.viewerCode)
  const projector = await projCtx.newPage()
  await projector.setViewportSize({ width: 1280, height: 720 })
  frames.push(recordFrames(projector))
  await projector.goto(`/p/${workshop.boardId}`)

  // The facilitator chooses the method in the round form and starts the round.
  await fac.getByTestId('round-method-resistance').check()
  await expect(fac.getByTestId('round-method-hint')).toContainText('Passivlösung')
  await expect(fac.getByTestId('round-dots')).toBeHidden()
  await fac.getByTestId('round-start').click()
  await expect(fac.getByTestId('round-status')).toHaveAttribute('data-status', 'open')

  // Each phone rates every option, the passive solution included (keyboard for the last one).
  const ratings: Record<string, number>[] = [
    { [RADWEG]: 1, [KINO]: 6, passive: 8 },
    { [RADWEG]: 3, [KINO]: 2, passive: 9 },
  ]
  for (const [i, phone] of phones.entries()) {
    const form = phone.getByTestId('resistance')
    await expect(form).toBeVisible()
    await expect(phone.getByTestId('resistance-option')).toHaveCount(3)
    await expect(phone.getByTestId('resistance-status')).toContainText('Noch 3 Optionen')
    const option = (text: string) =>
      phone.getByTestId('resistance-option').filter({ hasText: text })
    const r = ratings[i]!
    for (const text of [RADWEG, KINO]) {
      await option(text)
        .getByRole('radio', { name: String(r[text]), exact: true })
        .check()
      await expect(option(text)).toHaveAttribute('data-value', String(r[text]))
    }
    await expect(phone.getByTestId('resistance-status')).toContainText('Noch 1 Option')
    const passive = option('Passivlösung')
    // From 10 ("sehr großer Widerstand") with the arrow keys, like any radio group.
    await passive.getByRole('radio', { name: /^10/ }).check()
    await expect(passive).toHaveAttribute('data-value', '10')
    for (let k = 10; k > (r.passive ?? 0); k--) await phone.keyboard.press('ArrowLeft')
    await expect(passive).toHaveAttribute('data-value', String(r.passive))
    await expect(passive).toHaveAttribute('data-saved', String(r.passive))
    await expect(phone.getByTestId('resistance-status')).toContainText('Ihre Stimme zählt')
    await expectAccessible(phone, `phone ${i + 1} rating`)
  }
  // The facilitator sees that both ballots are complete — and nothing else.
  await expect(fac.getByTestId('turnout')).toContainText('2 Stimmzettel vollständig')
  await expectAccessible(fac, 'whiteboard with the resistance round')
  for (const f of frames) {
    const all = f.join('\n')
    for (const key of ['"total"', '"mean"', '"acceptance"', '"raters"']) {
      expect(all.includes(key), key).toBe(false)
    }
  }
  await expect(projector.getByTestId('projector-results')).toHaveCount(0)
  // The projector explains the resistance rating, not the dots.
  await expect(projector.locator('.iwp-instruction')).toHaveText(
    'Geben Sie jeder Option 0 bis 10 Punkte Widerstand.',
  )

  // Reveal: Radweg (total 4) before Kino (8) before the passive solution (17).
  await fac.getByTestId('round-reveal').click()
  const chart = projector.getByTestId('projector-results')
  await expect(chart).toHaveAttribute('data-method', 'resistance')
  await expect(projector.getByTestId('projector-verdict')).toHaveText(
    `Am wenigsten Widerstand: ${RADWEG}`,
  )
  const rows = projector.getByTestId('projector-result-row')
  await expect(rows).toHaveCount(3)
  await expect(rows.nth(0)).toContainText(RADWEG)
  await expect(rows.nth(0)).toContainText('Widerstand 4')
  await expect(rows.nth(2)).toContainText('Passivlösung')
  await expect(rows.nth(2)).toContainText('Widerstand 17')
  await expectAccessible(projector, 'projector with the resistance chart')
  for (const phone of phones) {
    await expect(phone.getByTestId('resistance-verdict')).toHaveText(
      `Am wenigsten Widerstand: ${RADWEG}`,
    )
    await expect(phone.getByTestId('resistance-row').first()).toHaveAttribute('data-total', '4')
  }
  await expectAccessible(phones[0]!, 'phone with the resistance result')
  await expect(fac.getByTestId('resistance-verdict')).toBeVisible()
  await Promise.all([facCtx.close(), projCtx.close(), ...phones.map((p) => p.context().close())])
})

test('resistance round beside the whiteboard and in the list view: rate by keyboard, see the result', async ({
  browser,
}) => {
  test.setTimeout(120_000)
  const facCtx = await browser.newContext({ viewport: { width: 1440, height: 900 } })
  await signInFacilitator(facCtx.request)
  const workshop = await createWorkshop(facCtx.request, 'Widerstand am Whiteboard')
  const fac = await facCtx.newPage()
  await openBoard(fac, workshop.boardId)
  await seedIdeas(fac, { '': [RADWEG, KINO] })
  const boardCtx = await participantContext(browser, workshop.participantCode, 'Wiebke')
  const board = await boardCtx.newPage()
  await board.goto(`/b/${workshop.boardId}`)
  const listCtx = await participantContext(browser, workshop.participantCode, 'Lasse')
  const list = await listCtx.newPage()
  await list.goto(`/l/${workshop.boardId}`)
  await openRound(facCtx, workshop.id, { method: 'resistance', targetKind: 'idea' })

  // Beside the whiteboard: the panel, and no dot buttons on the cards.
  const panel = board.getByTestId('resistance')
  await expect(panel).toBeVisible()
  await expect(board.getByTestId('vote-plus')).toHaveCount(0)
  await expect(board.getByTestId('phase-instruction')).toContainText('0 bis 10')
  // In the list view: the same form, no dot buttons beside the ideas.
  await expect(list.getByTestId('resistance')).toBeVisible()
  await expect(list.getByTestId('list-vote-plus')).toHaveCount(0)
  await expectAccessible(list, 'list view rating')

  const rate = async (page: Page, text: string, value: number) => {
    const option = page.getByTestId('resistance-option').filter({ hasText: text })
    // Keyboard only: focus the group's first button (0), then arrow right to the value.
    await option.getByRole('radio', { name: /^0/ }).focus()
    await page.keyboard.press('Space')
    for (let k = 0; k < value; k++) await page.keyboard.press('ArrowRight')
    await expect(option).toHaveAttribute('data-value', String(value))
    // Each arrow key sent a rating; the last one is what the server keeps.
    await expect(option).toHaveAttribute('data-saved', String(value))
  }
  for (const [page, values] of [
    [board, [7, 2, 5]],
    [list, [6, 1, 9]],
  ] as const) {
    await rate(page, RADWEG, values[0])
    await rate(page, KINO, values[1])
    await rate(page, 'Passivlösung', values[2])
    await expect(page.getByTestId('resistance-status')).toContainText('Ihre Stimme zählt')
  }
  await expect(fac.getByTestId('turnout')).toContainText('2 Stimmzettel vollständig')

  const reveal = await facCtx.request.post(`/api/workshops/${workshop.id}/rounds/current/reveal`)
  expect(reveal.status()).toBe(204)
  // Kino 3, Radweg 13, the passive solution 14.
  for (const page of [board, list, fac]) {
    await expect(page.getByTestId('resistance-verdict')).toHaveText(
      `Am wenigsten Widerstand: ${KINO}`,
    )
    const rows = page.getByTestId('resistance-row')
    await expect(rows).toHaveCount(3)
    await expect(rows.nth(0)).toHaveAttribute('data-total', '3')
    await expect(rows.nth(2)).toHaveAttribute('data-passive', 'true')
  }
  await expectAccessible(list, 'list view with the resistance result')
  await expectAccessible(board, 'whiteboard with the resistance result')
  await Promise.all([facCtx.close(), boardCtx.close(), listCtx.close()])
})
