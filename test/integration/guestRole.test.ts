/**
 * A guest's role changed by a facilitator while connected (issue 15): the live connection takes
 * the new role at once — its control state says so, and the next phase change does not give a
 * demoted guest their write right back.
 */
import { Board } from '@ideenwand/board'
import type { ControlState } from '@ideenwand/protocol'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { workshopFixture } from './support/api.ts'
import { connectClient, type TestClient, waitFor } from './support/clients.ts'
import { ENGINES } from './support/engines.ts'
import { type RunningServer, startServer } from './support/servers.ts'

const me = (c: TestClient): ControlState['me'] | undefined => c.controls.at(-1)?.me

describe.each(ENGINES)('a guest made viewer or participant while connected (%s)', (engine) => {
  let s: RunningServer
  const clients: TestClient[] = []

  beforeAll(async () => {
    s = await startServer(engine)
  })
  afterEach(() => {
    for (const c of clients.splice(0)) c.destroy()
  })
  afterAll(async () => {
    await s?.stop()
  })

  it('a demoted guest is told canWrite: false, and stays read-only through phase changes', async () => {
    const w = await workshopFixture(s.url)
    const guest = await w.join('participant', 'Paula')
    const guestId = (await guest.get('/api/me')).body.guest.id
    const client = connectClient(s.wsUrl, w.boardId, { cookie: guest.cookie })
    clients.push(client)
    await client.synced()
    await waitFor(() => me(client)?.canWrite === true, 5_000, 'control state')
    expect(me(client)).toMatchObject({ role: 'participant', canWrite: true })

    const patch = (role: string) =>
      w.facilitator.patch(`/api/workshops/${w.workshopId}/participants/${guestId}`, { role })
    const phase = async (p: string) => {
      const res = await w.facilitator.post(`/api/workshops/${w.workshopId}/phase`, { phase: p })
      expect(res.status).toBe(204)
      await waitFor(() => client.controls.at(-1)?.phase === p, 5_000, `phase ${p}`)
    }

    expect((await patch('viewer')).status).toBe(200)
    await waitFor(() => me(client)?.role === 'viewer', 5_000, 'new control state')
    expect(me(client)).toMatchObject({ role: 'viewer', canWrite: false })

    // A phase change re-applies everyone's permissions: the viewer stays read-only.
    await phase('cluster')
    await phase('collect')
    expect(me(client)).toMatchObject({ role: 'viewer', canWrite: false })
    const notices = () => client.frames.filter((f) => f[0] === 2).length
    const before = notices()
    new Board(client.doc).addIdea({ text: 'als Zuschauerin' })
    await waitFor(() => notices() > before, 5_000, 'read-only notice')
    expect(new Board(s.server.rooms.get(w.boardId)!.doc).ideas()).toEqual([])

    // Made participant again while voting: the role comes back, writing only with the phase.
    await phase('vote')
    expect((await patch('participant')).status).toBe(200)
    await waitFor(() => me(client)?.role === 'participant', 5_000, 'participant again')
    expect(me(client)?.canWrite).toBe(false)
    await phase('collect')
    expect(me(client)).toMatchObject({ role: 'participant', canWrite: true })
  })
})
