/**
 * Projector results fit the screen (issue 16, item 9): with 40 ideas voted on, every result row
 * the projector shows lies inside a 1920×1080 and a 1280×720 screen, the rest is counted as
 * "und M weitere", and all bars start at the same x.
 */
import { expect, test } from '@playwright/test'
import { joinedContext, signInFacilitator } from './fixtures.ts'
import {
  inside,
  openBoard,
  openRound,
  participantContext,
  seededWorkshop,
  seedIdeas,
} from './seed.ts'

const EXTRA = Array.from({ length: 31 }, (_, i) =>
  i % 5 === 0
    ? `Idee ${i + 1}: eine längere Beschreibung, damit das Label auf dem Beamer umbricht und zwei Zeilen braucht – und noch ein paar Wörter mehr`
    : `Idee ${i + 1} für Wiesenburg`,
)

test('40 ideas: the projector shows the top rows inside 1920×1080 and 1280×720, bars aligned', async ({
  browser,
}) => {
  test.setTimeout(120_000)
  const { context, page, workshop } = await seededWorkshop(browser, 'Ergebnisse am Beamer')
  // One person may add 30 ideas a minute (SYNC_IDEAS_PER_MINUTE): a second facilitator session
  // adds the rest.
  await seedIdeas(page, { '': EXTRA.slice(0, 21) })
  const coContext = await browser.newContext()
  await signInFacilitator(coContext.request)
  const coPage = await coContext.newPage()
  await openBoard(coPage, workshop.boardId)
  await seedIdeas(coPage, { '': EXTRA.slice(21) })
  await coContext.close()
  const ideaIds = await page.evaluate(
    () => window.__ideenwand?.board.ideas().map((i) => i.id) ?? [],
  )
  expect(ideaIds).toHaveLength(40)
  await openRound(context, workshop.id, { targetKind: 'idea', dotsPerPerson: 60, maxPerTarget: 3 })
  // Two voters give different numbers of dots, so the ranking has many steps.
  for (const [n, name] of ['Anna', 'Ben'].entries()) {
    const voter = await participantContext(browser, workshop.participantCode, name)
    for (const [i, targetId] of ideaIds.entries()) {
      for (let k = 0; k < ((i + n) % 3) + (i < 4 ? 1 : 0); k++) {
        const res = await voter.request.post(`/api/workshops/${workshop.id}/votes`, {
          data: { targetId, delta: 1 },
        })
        expect(res.ok(), await res.text()).toBe(true)
      }
    }
    await voter.close()
  }
  for (const action of ['close', 'reveal']) {
    const res = await context.request.post(`/api/workshops/${workshop.id}/rounds/current/${action}`)
    expect(res.status(), await res.text()).toBe(204)
  }

  const projectorContext = await joinedContext(browser, workshop.viewerCode)
  const projector = await projectorContext.newPage()
  for (const viewport of [
    { width: 1920, height: 1080 },
    { width: 1280, height: 720 },
  ]) {
    await projector.setViewportSize(viewport)
    await projector.goto(`/p/${workshop.boardId}`)
    const rows = projector.getByTestId('projector-result-row')
    await expect(rows.first()).toBeVisible()
    const more = projector.getByTestId('projector-results-more')
    await expect(more).toBeVisible()
    const screen = { x: 0, y: 0, ...viewport }
    const count = await rows.count()
    expect(count).toBeGreaterThanOrEqual(viewport.height >= 1000 ? 6 : 4)
    await expect(more).toHaveText(`und ${40 - count} weitere`)
    const bars: number[] = []
    for (const row of await rows.all()) {
      const box = await row.boundingBox()
      if (!box) throw new Error('no row box')
      expect(inside(box, screen), JSON.stringify(box)).toBe(true)
      const track = await row.locator('.iwp-bar-track').boundingBox()
      if (!track) throw new Error('no bar')
      bars.push(Math.round(track.x))
    }
    const moreBox = await more.boundingBox()
    if (!moreBox) throw new Error('no more box')
    expect(inside(moreBox, screen)).toBe(true)
    expect(new Set(bars).size, `bars start at ${bars.join(', ')}`).toBe(1)
    // Nothing scrolls: the page is one screen.
    expect(
      await projector.evaluate(() => document.documentElement.scrollHeight),
    ).toBeLessThanOrEqual(viewport.height)
    await projector.screenshot({ path: test.info().outputPath(`results-${viewport.width}.png`) })
  }
  await Promise.all([context.close(), projectorContext.close()])
})
