/** `pnpm demo`: a realistic workshop appears, stored like any other, and a second run reuses it. */
import { Board } from '@ideenwand/board'
import { DEMO_ACCOUNT, seedDemo } from '@ideenwand/server'
import { afterEach, expect, it } from 'vitest'
import * as Y from 'yjs'
import { ApiClient } from './support/api.ts'
import { type RunningServer, startServer } from './support/servers.ts'

let server: RunningServer | null = null
afterEach(async () => {
  await server?.stop()
})

it('creates the demo workshop with 40 ideas, three clusters and a revealed round, once', async () => {
  server = await startServer('pglite')
  const demo = await seedDemo(server.server)
  expect(await seedDemo(server.server)).toEqual(demo)

  const stored = await server.server.store.load(demo.boardId)
  const doc = new Y.Doc()
  for (const u of [stored.snapshot, ...stored.updates]) if (u) Y.applyUpdate(doc, u)
  const board = new Board(doc)
  expect(board.ideas()).toHaveLength(40)
  expect(board.clusters().map((c) => c.title)).toEqual([
    'Radfahren & Wandern',
    'Jugend & Sport',
    'Tourismus & Kultur',
  ])

  const fac = new ApiClient(server.url)
  await fac.post('/api/auth/login', { email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password })
  const state = (await fac.get(`/api/workshops/${demo.workshopId}/state`)).body
  expect(state.phase).toBe('discuss')
  expect(state.history).toHaveLength(1)
  const [first, second] = state.history[0].results
  expect(state.history[0].voters).toBe(12)
  expect([first.rank, second.rank]).toEqual([1, 1])
  expect(first.tied).toBe(true)
  expect(first.dots).toBe(8)
})
