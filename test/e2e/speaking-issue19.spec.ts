/**
 * Issue 19 §1, "Wortmeldungen": one speaking queue for the room and for home. Two phones in the
 * room (Pixel 7) and a keyboard user of the list view at home ask to speak; the projector and the
 * facilitator panel show the queue live with the channel; the facilitator calls the next person
 * and the called phone says so (notice, vibration, announcement); the queue survives a reload.
 * Every screen involved passes axe (WCAG 2.1 AA).
 */
import {
  type Browser,
  type BrowserContext,
  devices,
  expect,
  type Page,
  test,
} from '@playwright/test'
import { createWorkshop, expectAccessible, joinedContext, signInFacilitator } from './fixtures.ts'

const axe = expectAccessible

/** A Pixel 7 that joined under `name`, with `navigator.vibrate` recorded. */
async function phone(browser: Browser, code: string, name: string): Promise<BrowserContext> {
  const context = await browser.newContext({ ...devices['Pixel 7'] })
  await context.addInitScript(() => {
    const calls: unknown[] = []
    Object.defineProperty(window, '__vibrations', { value: calls })
    Object.defineProperty(navigator, 'vibrate', {
      configurable: true,
      value: (pattern: unknown) => {
        calls.push(pattern)
        return true
      },
    })
  })
  const res = await context.request.post('/api/join', { data: { code, name } })
  expect(res.ok(), await res.text()).toBe(true)
  return context
}

const vibrations = (page: Page) =>
  page.evaluate(() => (window as unknown as { __vibrations: unknown[] }).__vibrations.length)

test('one queue for room and home: ask, see the place, be called, survive a reload', async ({
  browser,
}) => {
  test.setTimeout(150_000)
  const facContext = await browser.newContext()
  await signInFacilitator(facContext.request)
  const workshop = await createWorkshop(facContext.request, 'Bürgerdialog Hauptstraße')
  const board = workshop.boardId

  const annaContext = await phone(browser, workshop.participantCode, 'Anna')
  const cemContext = await phone(browser, workshop.participantCode, 'Cem')
  const benContext = await joinedContext(browser, workshop.participantCode, 'Ben')
  const projectorContext = await joinedContext(browser, workshop.viewerCode)
  const [anna, cem, ben, projector, fac] = await Promise.all([
    annaContext.newPage(),
    cemContext.newPage(),
    benContext.newPage(),
    projectorContext.newPage(),
    facContext.newPage(),
  ])
  await Promise.all([
    anna.goto(`/m/${board}`),
    cem.goto(`/m/${board}`),
    ben.goto(`/l/${board}`),
    projector.goto(`/p/${board}`),
    fac.goto(`/b/${board}`),
  ])

  // Anna in the room: the phone suggests "im Saal"; one tap.
  await expect(anna.getByTestId('speaking-channel-room')).toBeChecked()
  await anna.getByTestId('speaking-request').click()
  await expect(anna.getByTestId('speaking-position')).toHaveText('Sie sind 1. in der Reihe.')

  // Ben at home with the keyboard alone: the list view asks where he is first.
  await ben.getByTestId('speaking-request').focus()
  await ben.keyboard.press('Enter')
  await expect(ben.getByRole('alert').filter({ hasText: 'im Saal oder zu Hause' })).toBeVisible()
  await ben.getByTestId('speaking-channel-home').focus()
  await ben.keyboard.press('Space')
  await ben.getByTestId('speaking-request').focus()
  await ben.keyboard.press('Enter')
  await expect(ben.getByTestId('speaking-position')).toHaveText('Sie sind 2. in der Reihe.')

  await cem.getByTestId('speaking-request').click()
  await expect(cem.getByTestId('speaking-position')).toHaveText('Sie sind 3. in der Reihe.')

  // The projector and the facilitator see one queue with the channels.
  const queue = projector.getByTestId('projector-speaking-queue').locator('li')
  await expect(queue).toHaveText(['Anna (Saal)', 'Ben (zu Hause)', 'Cem (Saal)'])
  const facQueue = fac.getByTestId('speaking-entry')
  await expect(facQueue).toHaveCount(3)
  await expect(facQueue.nth(1)).toHaveAttribute('data-channel', 'home')

  // Room and home in turn, then call the next person: Anna.
  await fac.getByTestId('speaking-alternate').click()
  await expect(fac.getByTestId('speaking-alternate')).toBeChecked()
  await fac.getByTestId('speaking-next').click()
  await expect(anna.getByTestId('speaking-called')).toHaveText(
    'Sie sind dran! Bitte sprechen Sie jetzt.',
  )
  await expect(anna.getByTestId('speaking-withdraw')).toHaveText('Ich bin fertig')
  await expect(fac.getByTestId('speaking-current')).toContainText('Jetzt spricht: Anna (Saal)')
  await expect(fac.getByTestId('speaking-length')).toHaveText(/^seit 00:0\d$/)
  await expect.poll(() => vibrations(anna)).toBe(1)
  await expect(projector.getByTestId('projector-speaking-now')).toHaveText(
    'Jetzt spricht: Anna (Saal)',
  )
  await expect(queue).toHaveText(['Ben (zu Hause)', 'Cem (Saal)'])
  await expect(ben.getByTestId('speaking-now')).toHaveText('Jetzt spricht: Anna (Saal)')
  await expect(ben.getByTestId('speaking-position')).toHaveText('Sie sind 1. in der Reihe.')
  await expect(cem.getByTestId('speaking-position')).toHaveText('Sie sind 2. in der Reihe.')
  await expect.poll(() => vibrations(cem)).toBe(0)

  await axe(anna, 'phone, called')
  await axe(ben, 'list view, waiting')
  await axe(projector, 'projector with queue')
  await axe(fac, 'facilitator panel with queue')

  // Cem withdraws; the facilitator calls Ben (home after room), whose page survives a reload.
  await cem.getByTestId('speaking-withdraw').click()
  await expect(cem.getByTestId('speaking-request')).toBeVisible()
  await expect(queue).toHaveText(['Ben (zu Hause)'])
  await fac.getByTestId('speaking-next').click()
  await expect(ben.getByTestId('speaking-called')).toContainText('Sie sind dran!')
  await expect(anna.getByTestId('speaking-request')).toBeVisible()
  await ben.reload()
  await expect(ben.getByTestId('speaking-called')).toContainText('Sie sind dran!')
  await expect(projector.getByTestId('projector-speaking-now')).toHaveText(
    'Jetzt spricht: Ben (zu Hause)',
  )
  await expect(fac.getByTestId('speaking-turns')).toHaveText('Bisher: Saal 1, zu Hause 0')
  await fac.getByTestId('speaking-finish').click()
  await expect(fac.getByTestId('speaking-turns')).toHaveText('Bisher: Saal 1, zu Hause 1')
  await expect(projector.getByTestId('projector-speaking')).toHaveCount(0)

  await Promise.all(
    [facContext, annaContext, cemContext, benContext, projectorContext].map((c) => c.close()),
  )
})

test('beside the whiteboard a participant at home asks to speak; the panel shows it', async ({
  browser,
}) => {
  test.setTimeout(120_000)
  const facContext = await browser.newContext()
  await signInFacilitator(facContext.request)
  const workshop = await createWorkshop(facContext.request, 'Hybride Sitzung')
  const homeContext = await joinedContext(browser, workshop.participantCode, 'Dana')
  const [home, fac] = await Promise.all([homeContext.newPage(), facContext.newPage()])
  await Promise.all([home.goto(`/b/${workshop.boardId}`), fac.goto(`/b/${workshop.boardId}`)])

  // The whiteboard suggests "von zu Hause"; Dana may still switch before asking.
  await expect(home.getByTestId('speaking-channel-home')).toBeChecked()
  await home.getByTestId('speaking-request').click()
  await expect(home.getByTestId('speaking-position')).toHaveText('Sie sind 1. in der Reihe.')
  await expect(fac.getByTestId('speaking-entry')).toHaveText(/Dana \(zu Hause\)/)
  await axe(home, 'whiteboard (participant) waiting to speak')

  // Switching the channel while waiting keeps the place and tells the facilitator.
  await home.getByTestId('speaking-channel-room').check()
  await expect(fac.getByTestId('speaking-entry')).toHaveAttribute('data-channel', 'room')
  await expect(home.getByTestId('speaking-position')).toHaveText('Sie sind 1. in der Reihe.')
  await fac.getByRole('button', { name: 'Dana (Saal) aufrufen' }).click()
  await expect(home.getByTestId('speaking-called')).toContainText('Sie sind dran!')
  await home.getByTestId('speaking-withdraw').click()
  await expect(fac.getByTestId('speaking-turns')).toHaveText('Bisher: Saal 1, zu Hause 0')
  await Promise.all([facContext.close(), homeContext.close()])
})
