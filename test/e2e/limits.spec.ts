/**
 * A limit as a person meets it: with the board already open in eight tabs of one session
 * (SYNC_CONNECTIONS_PER_SESSION's default), the phone view and the list view each say what
 * happened and what to do — in German and in English — and "reload" works once a tab is closed.
 */
import { expect, test } from '@playwright/test'
import { createWorkshop, signInFacilitator } from './fixtures.ts'

const TABS = 8

test('one tab too many: phone and list view explain the connection limit', async ({ browser }) => {
  const facContext = await browser.newContext()
  await signInFacilitator(facContext.request)
  const workshop = await createWorkshop(facContext.request, 'Viele Tabs')
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } })
  const joined = await context.request.post('/api/join', {
    data: { code: workshop.participantCode, name: 'Tabea' },
  })
  expect(joined.ok()).toBe(true)

  // Eight open board connections of this session, as eight tabs would hold.
  const tabs = await context.newPage()
  await tabs.goto('/')
  const opened = await tabs.evaluate(
    async ({ boardId, count }) => {
      const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/sync/${boardId}`
      const sockets = await Promise.all(
        Array.from(
          { length: count },
          () =>
            new Promise<WebSocket>((resolve, reject) => {
              const ws = new WebSocket(url)
              ws.onmessage = () => resolve(ws)
              ws.onclose = (e) => reject(new Error(`closed ${e.code} ${e.reason}`))
            }),
        ),
      )
      ;(window as unknown as { tabs: WebSocket[] }).tabs = sockets
      return sockets.length
    },
    { boardId: workshop.boardId, count: TABS },
  )
  expect(opened).toBe(TABS)

  // The ninth: the phone view (German by default).
  const phone = await context.newPage()
  await phone.goto(`/m/${workshop.boardId}`)
  await expect(phone.getByTestId('connection-state')).toHaveAttribute('data-state', 'closed')
  const phoneAlert = phone.getByTestId('closed-banner').getByRole('alert')
  await expect(phoneAlert).toContainText('Zu viele offene Verbindungen')
  await expect(phoneAlert).toContainText('Schließen Sie andere Tabs')
  await expect(phone.getByRole('button', { name: 'Neu laden' })).toBeVisible()

  // The list view, in English.
  await context.addInitScript(() => localStorage.setItem('ideenwand:lang', 'en'))
  const list = await context.newPage()
  await list.goto(`/l/${workshop.boardId}`)
  const listAlert = list.getByTestId('closed-banner').getByRole('alert')
  await expect(listAlert).toContainText('Too many open connections')
  await expect(listAlert).toContainText('Close other tabs')

  // Doing what it says: close a tab, reload — the list connects.
  await tabs.evaluate(() => (window as unknown as { tabs: WebSocket[] }).tabs[0]?.close())
  await list.getByRole('button', { name: 'Reload' }).click()
  await expect(list.getByTestId('connection-state')).toHaveAttribute('data-state', 'saved')
  await Promise.all([facContext.close(), context.close()])
})
