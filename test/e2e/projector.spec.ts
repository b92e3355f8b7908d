/**
 * The projector: code and QR for joining, and — when the facilitator brings everyone to them —
 * the whiteboard following the facilitator, back to the projector view when they stop.
 */
import { expect, test } from '@playwright/test'
import { createWorkshop, joinedContext, signInFacilitator } from './fixtures.ts'

test('the projector follows the facilitator on the whiteboard when asked', async ({ browser }) => {
  test.setTimeout(90_000)
  const facContext = await browser.newContext()
  await signInFacilitator(facContext.request)
  const workshop = await createWorkshop(facContext.request, 'Beamer')
  const projectorContext = await joinedContext(browser, workshop.viewerCode)
  const projector = await projectorContext.newPage()
  await projector.goto(`/p/${workshop.boardId}`)
  await expect(projector.getByTestId('projector-code')).toContainText(workshop.participantCode)
  await expect
    .poll(() =>
      projector
        .getByTestId('projector-qr')
        .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0),
    )
    .toBe(true)

  const fac = await facContext.newPage()
  await fac.goto(`/b/${workshop.boardId}`)
  await fac.getByTestId('follow-me').click()
  await expect(projector).toHaveURL(new RegExp(`/b/${workshop.boardId}\\?projector=1$`))
  await expect(projector.getByTestId('read-only-badge')).toBeVisible()
  await fac.getByTestId('follow-stop').click()
  await expect(projector).toHaveURL(new RegExp(`/p/${workshop.boardId}$`))
  await expect(projector.getByTestId('projector-view')).toBeVisible()
  await Promise.all([facContext.close(), projectorContext.close()])
})
