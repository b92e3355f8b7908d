import { createConnection } from 'node:net'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type ApiClient, workshopFixture } from './support/api.ts'
import { connectClient, type TestClient, waitFor } from './support/clients.ts'
import { freshDatabaseEnv } from './support/engines.ts'
import { HAS_POSTGRES, type Instance, Instances, redisForTests } from './support/instances.ts'
import { RawSync, textUpdateFrame } from './support/rawSync.ts'

if (!HAS_POSTGRES) {
  console.warn(
    'access.instances.test.ts skipped: two instances need a shared Postgres (set DATABASE_URL)',
  )
}

const instances = new Instances()
const clients: TestClient[] = []
const raws: RawSync[] = []
const start = (env: Record<string, string>) => instances.start(env)

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  for (const r of raws.splice(0)) r.close()
  await instances.stopAll()
})

async function openRaw(instance: Instance, boardId: string, guest: ApiClient): Promise<RawSync> {
  const opened = await RawSync.open(`${instance.wsUrl}/${boardId}`, { cookie: guest.cookie! })
  if (!opened.ok) throw new Error(`expected to connect: ${JSON.stringify(opened)}`)
  raws.push(opened.socket)
  return opened.socket
}

async function guestId(facilitator: ApiClient, workshopId: string, name: string) {
  const list = await facilitator.get(`/api/workshops/${workshopId}/participants`)
  const guest = (list.body as { id: string; name: string | null }[]).find((g) => g.name === name)
  if (!guest) throw new Error(`no guest ${name}`)
  return guest.id
}

/** The live connections of a guest on one instance (white-box: to know the event arrived). */
function connectionsOf(instance: Instance, boardId: string, id: string) {
  return [...instance.server.rooms.connectionsOf(boardId)].filter((c) => c.context.guestId === id)
}

/** Sends one Redis command over a fresh connection and returns the raw reply. */
function redisCommand(...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: '127.0.0.1', port: 6379 })
    let reply = ''
    socket.on('data', (chunk) => {
      reply += chunk.toString()
      // A bulk string reply is complete when its announced length has arrived.
      const bulk = /^\$(\d+)\r\n/.exec(reply)
      if (!bulk || reply.length >= bulk[0].length + Number(bulk[1]) + 2) {
        socket.end()
        resolve(reply)
      }
    })
    socket.on('error', reject)
    socket.write(
      `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`,
    )
  })
}

describe.skipIf(!HAS_POSTGRES)('access changes across instances (postgres + redis)', () => {
  let redisUp = false
  beforeAll(async () => {
    redisUp = await redisForTests('access.instances.test.ts')
  })

  it('role change, lock, phase, removal, logout, lobby admission and deletion made on A reach connections on B', async (ctx) => {
    if (!redisUp) ctx.skip()
    const env = await freshDatabaseEnv('postgres')
    const a = await start(env)
    const b = await start(env)
    const fixture = await workshopFixture(a.url)
    const { boardId, workshopId, facilitator } = fixture
    const anna = await fixture.join('participant', 'Anna')
    const ben = await fixture.join('participant', 'Ben')
    const annaId = await guestId(facilitator, workshopId, 'Anna')
    const benId = await guestId(facilitator, workshopId, 'Ben')

    const annaOnB = connectClient(b.wsUrl, boardId, { cookie: anna.cookie })
    const benOnB = await openRaw(b, boardId, ben)
    const facilitatorOnB = await openRaw(b, boardId, facilitator)
    clients.push(annaOnB)
    await annaOnB.synced()
    await waitFor(() => annaOnB.controls.length > 0, 5_000, 'first control state')

    // A phase change on A reaches B's clients.
    expect(
      (await facilitator.post(`/api/workshops/${workshopId}/phase`, { phase: 'cluster' })).status,
    ).toBe(204)
    await waitFor(() => annaOnB.controls.at(-1)?.phase === 'cluster', 5_000, 'phase on B')

    // Anna becomes a viewer on A: her connection on B is read-only from then on.
    const demoted = await facilitator.patch(`/api/workshops/${workshopId}/participants/${annaId}`, {
      role: 'viewer',
    })
    expect(demoted.status).toBe(200)
    await waitFor(
      () => connectionsOf(b, boardId, annaId).every((c) => !c.context.canWrite),
      5_000,
      'read-only on B',
    )
    const annaRaw = await openRaw(b, boardId, anna)
    await annaRaw.sendAndSettle(textUpdateFrame('written as a viewer'))
    await b.server.rooms.get(boardId)?.flush()
    expect(b.server.rooms.get(boardId)?.doc.getText('t').toString()).not.toContain('viewer')

    // Locking the board on A (a control setting) makes participants read-only on B; unlocking
    // gives it back.
    const benConn = () => connectionsOf(b, boardId, benId)[0]
    expect(benConn()?.context.canWrite).toBe(true)
    await facilitator.patch(`/api/workshops/${workshopId}/settings`, { locked: true })
    await waitFor(() => benConn()?.context.canWrite === false, 5_000, 'locked on B')
    await facilitator.patch(`/api/workshops/${workshopId}/settings`, { locked: false })
    await waitFor(() => benConn()?.context.canWrite === true, 5_000, 'unlocked on B')

    // Ben is removed on A: his connection on B closes with 4403.
    await facilitator.patch(`/api/workshops/${workshopId}/participants/${benId}`, {
      status: 'removed',
    })
    expect(await benOnB.closed).toEqual({ code: 4403, reason: 'removed from workshop' })

    // The facilitator logs out on A: their connection on B closes with 4401.
    expect((await facilitator.post('/api/auth/logout')).status).toBe(204)
    expect(await facilitatorOnB.closed).toEqual({ code: 4401, reason: 'session ended' })

    // A second workshop with a lobby: admitted on A, the guest gets in on B; deleting the
    // workshop on A closes B's connections with 4404 and unloads B's room.
    const second = await workshopFixture(a.url, { title: 'Bürgerrat', lobby: true })
    const clara = await second.join('participant', 'Clara')
    const waiting = await RawSync.open(`${b.wsUrl}/${second.boardId}`, { cookie: clara.cookie! })
    expect(waiting).toMatchObject({ ok: false, code: 4403 })
    const claraId = await guestId(second.facilitator, second.workshopId, 'Clara')
    await second.facilitator.patch(`/api/workshops/${second.workshopId}/participants/${claraId}`, {
      status: 'admitted',
    })
    const claraOnB = await openRaw(b, second.boardId, clara)
    expect(b.server.rooms.get(second.boardId)).toBeDefined()
    expect((await second.facilitator.delete(`/api/workshops/${second.workshopId}`)).status).toBe(
      204,
    )
    expect(await claraOnB.closed).toEqual({ code: 4404, reason: 'board not found' })
    await waitFor(
      () => b.server.rooms.get(second.boardId) === undefined,
      5_000,
      'room unloaded on B',
    )
  }, 15_000)

  it('after losing Redis, an instance checks its connections again (events may have been missed)', async (ctx) => {
    if (!redisUp) ctx.skip()
    const env = await freshDatabaseEnv('postgres')
    const a = await start(env)
    const b = await start(env)
    const fixture = await workshopFixture(a.url)
    const anna = await fixture.join('participant', 'Anna')
    const annaId = await guestId(fixture.facilitator, fixture.workshopId, 'Anna')
    const onB = await openRaw(b, fixture.boardId, anna)
    // Anna's session ends without any event (as if it had been published during an outage).
    await a.server.db.query('delete from sessions where guest_id = $1', [annaId])
    await onB.sendAndSettle()
    expect(connectionsOf(b, fixture.boardId, annaId)).toHaveLength(1)
    // Cut the access-event subscribers of this deployment (both instances); they reconnect.
    const prefix = `ideenwand:${env.DATABASE_SCHEMA}:access:`
    const list = await redisCommand('CLIENT', 'LIST')
    const ids = [...list.matchAll(/id=(\d+) [^\n]* name=(\S+)/g)]
      .filter((m) => m[2]?.startsWith(prefix))
      .map((m) => m[1]!)
    expect(ids).toHaveLength(2)
    for (const id of ids) await redisCommand('CLIENT', 'KILL', 'ID', id)
    expect(await onB.closed).toEqual({ code: 4401, reason: 'session ended' })
  }, 15_000)
})
