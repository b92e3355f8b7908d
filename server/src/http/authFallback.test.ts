import { CloseCode } from '@ideenwand/protocol'
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { SESSION_COOKIE } from '../auth/cookies.ts'
import { createLogger } from '../logger.ts'
import type { InstanceEvent } from '../sync/fanout/InstanceEvents.ts'
import { withStorageFallback } from './authFallback.ts'
import type { Authorize, AuthorizeResult } from './syncRoute.ts'

const admitted: AuthorizeResult = {
  ok: true,
  context: {
    sessionId: 's1',
    facilitatorId: null,
    guestId: 'g1',
    displayName: null,
    role: 'participant',
    canWrite: true,
    expiresAt: null,
  },
}

/** An access check that answers until the database "goes away", then throws. */
function flakyCheck() {
  const state = { down: false }
  const check: Authorize = async () => {
    if (state.down) throw new Error('database unreachable')
    return admitted
  }
  return { state, check }
}

function harness(event?: InstanceEvent) {
  const { state, check } = flakyCheck()
  const authorize = withStorageFallback(check, {
    cookies: { secure: false },
    log: createLogger('silent'),
  })
  const app = new Hono()
  app.get('/:board', async (c) => c.json(await authorize(c, c.req.param('board'))))
  const ask = async (board = 'b1') => {
    const res = await app.request(`/${board}`, {
      headers: { cookie: `${SESSION_COOKIE}=token-1` },
    })
    return (await res.json()) as AuthorizeResult
  }
  return {
    ask,
    goDown: () => {
      state.down = true
    },
    forget: () => event && authorize.forget(event),
  }
}

describe('the access check during a database outage', () => {
  it('admits a session with its recent verdict for the same board only', async () => {
    const h = harness()
    expect((await h.ask()).ok).toBe(true)
    h.goDown()
    expect((await h.ask()).ok).toBe(true)
    expect(await h.ask('b2')).toEqual({ ok: false, close: CloseCode.StorageUnavailable })
  })

  it.each<[string, InstanceEvent]>([
    ['a removal', { type: 'guest-closed', guestId: 'g1', close: CloseCode.Removed }],
    ['a role change', { type: 'guest-write', guestId: 'g1', canWrite: false }],
    ['a logout', { type: 'sessions-ended', sessionIds: ['s1'], close: CloseCode.SessionEnded }],
    ['a deleted board', { type: 'board-closed', boardId: 'b1', close: CloseCode.BoardNotFound }],
  ])(
    'forgets the verdict after %s, so the outage cannot let the person back in',
    async (_, event) => {
      const h = harness(event)
      expect((await h.ask()).ok).toBe(true)
      h.forget()
      h.goDown()
      expect(await h.ask()).toEqual({ ok: false, close: CloseCode.StorageUnavailable })
    },
  )

  it('keeps verdicts that an unrelated change does not touch', async () => {
    const h = harness({ type: 'guest-closed', guestId: 'someone-else', close: CloseCode.Removed })
    expect((await h.ask()).ok).toBe(true)
    h.forget()
    h.goDown()
    expect((await h.ask()).ok).toBe(true)
  })
})
