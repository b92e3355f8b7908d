/**
 * The database goes away during a workshop: the phone, list and board views announce "Speichern
 * verzögert – Ihre Beiträge sind nicht verloren …" (a polite live region), ideas still reach the
 * other view, and the notice disappears once everything is stored. Runs its own server (built
 * client) on Postgres through a TCP proxy that the test cuts; skipped without DATABASE_URL.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { expect, test } from '@playwright/test'
import postgres from 'postgres'
import { TcpProxy } from '../integration/support/tcpProxy.ts'
import { addIdea, createWorkshop, expectSaved, signInFacilitator } from './fixtures.ts'

const DATABASE_URL = process.env.DATABASE_URL
const SERVER_DIR = fileURLToPath(new URL('../../server/', import.meta.url))
const PORT = Number(process.env.E2E_PORT ?? 3210) + 7

test.skip(!DATABASE_URL, 'needs Postgres (DATABASE_URL) to cut it away')

let proxy: TcpProxy | null = null
let server: ChildProcess | null = null
const schema = `e2e_outage_${Date.now().toString(36)}`

test.afterAll(async () => {
  server?.kill('SIGKILL')
  await proxy?.close()
  if (!DATABASE_URL) return
  const sql = postgres(DATABASE_URL, { max: 1, onnotice: () => {} })
  await sql.unsafe(`drop schema if exists ${schema} cascade`)
  await sql.end()
})

test('phone, list and board views say that saving is delayed while the database is away', async ({
  browser,
}) => {
  test.setTimeout(120_000)
  const pg = new URL(DATABASE_URL!)
  const sql = postgres(DATABASE_URL!, { max: 1, onnotice: () => {} })
  await sql.unsafe(`create schema ${schema}`)
  await sql.end()
  proxy = await TcpProxy.start({ host: pg.hostname, port: Number(pg.port || 5432) })
  const proxied = new URL(DATABASE_URL!)
  proxied.host = proxy.address
  server = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: SERVER_DIR,
    env: {
      ...process.env,
      PORT: String(PORT),
      HOST: '127.0.0.1',
      DATABASE_URL: proxied.toString(),
      DATABASE_SCHEMA: schema,
      LOG_LEVEL: 'warn',
    },
    stdio: 'ignore',
  })
  const baseURL = `http://127.0.0.1:${PORT}`
  await expect
    .poll(async () => (await fetch(`${baseURL}/healthz`).catch(() => null))?.status, {
      timeout: 60_000,
    })
    .toBe(200)

  const facContext = await browser.newContext({ baseURL })
  await signInFacilitator(facContext.request)
  const workshop = await createWorkshop(facContext.request, 'Datenbank weg')
  const phoneContext = await browser.newContext({ baseURL, viewport: { width: 390, height: 844 } })
  const joined = await phoneContext.request.post('/api/join', {
    data: { code: workshop.participantCode, name: 'Paula' },
  })
  expect(joined.ok()).toBe(true)
  const phone = await phoneContext.newPage()
  await phone.goto(`/m/${workshop.boardId}`)
  await expect(phone.getByTestId('connection-state')).toHaveAttribute('data-state', 'saved')
  const list = await facContext.newPage()
  await list.goto(`/l/${workshop.boardId}`)
  await expect(list.getByTestId('connection-state')).toHaveAttribute('data-state', 'saved')
  const board = await facContext.newPage()
  await board.goto(`/b/${workshop.boardId}`)
  await expectSaved(board)

  proxy.cut()
  await phone.getByTestId('phone-idea-input').fill('Bank am Teich')
  await phone.getByTestId('phone-idea-send').click()
  // The idea still reaches the facilitator's list at once …
  await expect(list.getByTestId('list-idea').filter({ hasText: 'Bank am Teich' })).toHaveCount(1)
  // … and the phone says, politely, that it is not saved yet but not lost.
  const banner = phone.getByTestId('save-delayed-banner')
  await expect(banner).toContainText('Speichern verzögert – Ihre Beiträge sind nicht verloren')
  await expect(phone.getByRole('status').filter({ has: banner })).toHaveCount(1)
  await expect(phone.getByTestId('connection-state')).toHaveAttribute('data-state', 'delayed')
  // The list and the board say it too once they have something unsaved.
  await list.getByTestId('list-add-text').fill('Licht am Radweg')
  await list.getByTestId('list-add-submit').click()
  await expect(list.getByTestId('save-delayed-banner')).toContainText('Speichern verzögert')
  await addIdea(board, 'Trinkbrunnen im Park')
  const notice = board.getByTestId('save-delayed-notice')
  await expect(notice).toContainText('Speichern verzögert – Ihre Beiträge sind nicht verloren')
  await expect(
    board.locator('[role=status][aria-live=polite]').filter({ has: notice }),
  ).toHaveCount(1)

  proxy.restore()
  await expect(banner).toHaveCount(0, { timeout: 30_000 })
  await expect(phone.getByTestId('connection-state')).toHaveAttribute('data-state', 'saved')
  await expect(list.getByTestId('save-delayed-banner')).toHaveCount(0)
  await expect(notice).toHaveCount(0)
  await expectSaved(board)
  await Promise.all([facContext.close(), phoneContext.close()])
})
