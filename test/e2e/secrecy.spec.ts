/**
 * Private until public (issue 14 §2), as people use it: on the whiteboard under pre-moderation a
 * participant writes an idea in the panel beside the canvas; it waits there ("wartet auf
 * Freigabe"), the facilitator sees it in the queue, another participant's browser receives
 * nothing of it on its WebSocket until the facilitator approves — then everyone's canvas has the
 * card. On the phone during private collection the same, released by "Ideen aufdecken"; the
 * author can withdraw an idea that is still private.
 */
import { readFileSync } from 'node:fs'
import { devices, expect, test } from '@playwright/test'
import { strFromU8, unzipSync } from 'fflate'
import { createWorkshop, joinedContext, recordFrames, signInFacilitator } from './fixtures.ts'

const utf8AsLatin1 = (text: string) => Buffer.from(text, 'utf8').toString('latin1')
const received = (frames: string[], text: string) =>
  frames.some((f) => f.includes(utf8AsLatin1(text)) || f.includes(text))

test('whiteboard under pre-moderation: the idea waits with its author until approved', async ({
  browser,
}) => {
  const fac = await browser.newContext({ viewport: { width: 1440, height: 900 } })
  await signInFacilitator(fac.request)
  const workshop = await createWorkshop(fac.request, 'Vorab prüfen')
  const api = `/api/workshops/${workshop.id}`
  expect((await fac.request.patch(`${api}/settings`, { data: { premoderation: true } })).ok()).toBe(
    true,
  )
  const secret = 'Trinkbrunnen am Storchenturm – öffentlich erst nach Freigabe'

  const authorCtx = await joinedContext(
    browser,
    workshop.participantCode,
    'Zacharias Zurückhaltend',
  )
  const author = await authorCtx.newPage()
  await author.setViewportSize({ width: 1440, height: 900 })
  await author.goto(`/b/${workshop.boardId}`)
  const otherCtx = await joinedContext(browser, workshop.participantCode, 'Olga Andere')
  const other = await otherCtx.newPage()
  const otherFrames = recordFrames(other)
  await other.goto(`/b/${workshop.boardId}`)
  const facPage = await fac.newPage()
  await facPage.goto(`/b/${workshop.boardId}`)

  // "Idee hinzufügen" leads to the panel's field (a card that leaves the board would lose text).
  await expect(author.getByTestId('held-panel')).toBeVisible()
  await author.getByTestId('add-idea').click()
  await expect(author.getByTestId('held-text')).toBeFocused()
  await author.keyboard.type(secret)
  await author.keyboard.press('Enter')
  await expect(author.getByTestId('held-text')).toHaveValue('')
  await expect(author.getByTestId('held-text')).toBeFocused()
  const waiting = author.getByTestId('held-idea').filter({ hasText: secret })
  await expect(waiting).toContainText('wartet auf Freigabe')

  // The facilitator has it in the queue; the other participant has nothing of it.
  const queued = facPage.getByTestId('pending-idea').filter({ hasText: secret })
  await expect(queued).toBeVisible()
  await expect(author.locator('.tl-shape').filter({ hasText: secret })).toHaveCount(0)
  expect(received(otherFrames, secret)).toBe(false)

  await queued.getByTestId('approve-idea').click()
  // Public now: on every canvas, and no longer in the author's waiting list.
  await expect(other.locator('.tl-shape').filter({ hasText: secret })).toBeVisible()
  await expect(author.locator('.tl-shape').filter({ hasText: secret })).toBeVisible()
  await expect(waiting).toHaveCount(0)
  await Promise.all([fac.close(), authorCtx.close(), otherCtx.close()])
})

test('phone during private collection: own ideas stay private until the reveal, can be withdrawn', async ({
  browser,
}) => {
  const fac = await browser.newContext()
  await signInFacilitator(fac.request)
  const workshop = await createWorkshop(fac.request, 'Verdeckt sammeln')
  const api = `/api/workshops/${workshop.id}`
  expect(
    (await fac.request.patch(`${api}/settings`, { data: { privateCollection: true } })).ok(),
  ).toBe(true)

  const phoneCtx = await browser.newContext({ ...devices['Pixel 7'] })
  const join = await phoneCtx.request.post('/api/join', {
    data: { code: workshop.participantCode, name: 'Petra Privat' },
  })
  expect(join.ok()).toBe(true)
  const phone = await phoneCtx.newPage()
  await phone.goto(`/m/${workshop.boardId}`)
  const listCtx = await joinedContext(browser, workshop.participantCode, 'Lars Liste')
  const list = await listCtx.newPage()
  const listFrames = recordFrames(list)
  await list.goto(`/l/${workshop.boardId}`)

  const send = async (text: string) => {
    await phone.getByTestId('phone-idea-input').fill(text)
    await phone.getByTestId('phone-idea-send').click()
    await expect(phone.getByTestId('my-idea').filter({ hasText: text })).toContainText(
      'verdeckt bis zum Aufdecken',
    )
  }
  await send('Bücherschrank im Bahnhof')
  await send('Doch lieber nicht')
  // Withdraw the second one: gone for good.
  const second = phone.getByTestId('my-idea').filter({ hasText: 'Doch lieber nicht' })
  await second.getByRole('button', { name: /Löschen/ }).click()
  await phone.getByRole('button', { name: /Ja, löschen/ }).click()
  await expect(second).toHaveCount(0)

  await expect(list.getByTestId('list-idea')).toHaveCount(0)
  expect(received(listFrames, 'Bücherschrank im Bahnhof')).toBe(false)
  expect(received(listFrames, 'Doch lieber nicht')).toBe(false)

  expect((await fac.request.patch(`${api}/settings`, { data: { ideasRevealed: true } })).ok()).toBe(
    true,
  )
  await expect(
    list.getByTestId('list-idea').filter({ hasText: 'Bücherschrank im Bahnhof' }),
  ).toBeVisible()
  await expect(list.getByTestId('list-idea')).toHaveCount(1)
  const mine = phone.getByTestId('my-idea').filter({ hasText: 'Bücherschrank im Bahnhof' })
  await expect(mine).not.toContainText('verdeckt')
  await Promise.all([fac.close(), phoneCtx.close(), listCtx.close()])
})

test('no participant name in any export while names are off, also after using the whiteboard', async ({
  browser,
}) => {
  test.setTimeout(120_000)
  const fac = await browser.newContext({ acceptDownloads: true })
  await signInFacilitator(fac.request)
  const workshop = await createWorkshop(fac.request, 'Namen bleiben draußen')
  const name = 'Xaver Xylophon-Unikat'
  const guestCtx = await joinedContext(browser, workshop.participantCode, name)
  const guest = await guestCtx.newPage()
  await guest.setViewportSize({ width: 1440, height: 900 })
  await guest.goto(`/b/${workshop.boardId}`)
  await guest.getByTestId('add-idea').click()
  await guest.keyboard.type('Bürgerbus auch am Sonntag')
  await guest.keyboard.press('Escape')
  const page = await fac.newPage()
  await page.goto(`/l/${workshop.boardId}`)
  await expect(
    page.getByTestId('list-idea').filter({ hasText: 'Bürgerbus auch am Sonntag' }),
  ).toBeVisible()
  await guestCtx.close()

  await page.goto(`/workshops/${workshop.id}`)
  const panel = page.getByTestId('outcome-panel')
  const files: Record<string, string> = {}
  for (const format of ['html', 'md', 'zip'] as const) {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      panel.getByTestId(`download-${format}`).click(),
    ])
    const bytes = readFileSync(await download.path())
    if (format === 'zip') {
      for (const [file, data] of Object.entries(unzipSync(new Uint8Array(bytes)))) {
        files[`zip:${file}`] = strFromU8(data)
      }
    } else {
      files[format] = bytes.toString('utf8')
    }
    await expect(panel.getByTestId('outcome-message')).toBeVisible()
  }
  expect(files['zip:ideenwand-export.json']).toContain('Bürgerbus auch am Sonntag')
  for (const [file, text] of Object.entries(files)) {
    expect(text.includes('Xylophon'), file).toBe(false)
  }
  await fac.close()
})
