/**
 * Crashes and restarts of a real server process: what a client saw confirmed survives SIGKILL,
 * on every storage engine; on SIGTERM clients are told "going away", reconnect by themselves
 * and keep editing.
 */
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { facilitatorSession, workshopFixture } from './support/api.ts'
import { connectClient, type TestClient, waitFor } from './support/clients.ts'
import { ENGINES } from './support/engines.ts'
import { ChildServer } from './support/servers.ts'

const clients: TestClient[] = []
let child: ChildServer | null = null

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  await child?.kill('SIGKILL')
  child = null
})

let board = ''
let cookie: string | null = null

/** Creates a workshop on the running child and a writer session (the facilitator's). */
async function prepare(server: ChildServer): Promise<void> {
  const fixture = await workshopFixture(server.url)
  board = fixture.boardId
  cookie = await facilitatorSession(server.url)
}

function client(server: ChildServer): TestClient {
  const c = connectClient(server.wsUrl, board, { cookie })
  clients.push(c)
  return c
}

describe.each(ENGINES)('durability (%s)', { timeout: 120_000 }, (engine) => {
  it('keeps every confirmed update across SIGKILL while writes are in flight', async () => {
    child = await ChildServer.create(engine)
    await child.start()
    await prepare(child)
    const writers = [0, 1, 2].map(() => client(child!))
    await Promise.all(writers.map((w) => w.synced()))
    let writes = 0
    const write = () => {
      for (const [i, w] of writers.entries()) {
        w.doc.getArray<string>('ideas').push([`w${i}-${writes}`])
      }
      writes++
    }
    // Keep writing until a good part is confirmed, then kill without waiting for the rest.
    while (writers.some((w) => w.confirmedClock() < 100)) {
      write()
      await new Promise((r) => setTimeout(r, 2))
    }
    write()
    const confirmed = writers.map((w) => ({ client: w.doc.clientID, clock: w.confirmedClock() }))
    expect(await child.kill('SIGKILL')).toBe(null)
    for (const w of writers) w.provider.disconnect()

    await child.start()
    const reader = client(child)
    await reader.synced()
    const stateVector = Y.decodeStateVector(Y.encodeStateVector(reader.doc))
    const recovered = confirmed.map(({ client: id, clock }) => {
      expect(stateVector.get(id) ?? 0).toBeGreaterThanOrEqual(clock)
      return stateVector.get(id) ?? 0
    })
    // The writers reconnect and hand back what was not stored yet: all converge, nothing lost.
    for (const w of writers) w.provider.connect()
    await Promise.all(writers.map((w) => w.allConfirmed(20_000)))
    const total = writers.length * writes
    await waitFor(() => reader.doc.getArray('ideas').length === total, 10_000, 'convergence')
    expect(new Set(reader.doc.getArray<string>('ideas').toArray()).size).toBe(total)
    console.info(
      `[${engine}] writes=${total} confirmed=${confirmed.reduce((n, c) => n + c.clock, 0)} ` +
        `stored-at-kill=${recovered.reduce((n, c) => n + c, 0)} lost=0`,
    )
  })

  it('clients reconnect by themselves after a restart and keep editing', async () => {
    child = await ChildServer.create(engine)
    await child.start()
    await prepare(child)
    const a = client(child)
    const b = client(child)
    await Promise.all([a.synced(), b.synced()])
    a.doc.getText('t').insert(0, 'before ')
    await a.allConfirmed()
    const closes: number[] = []
    a.provider.on('connection-close', (event) => {
      if (event) closes.push(event.code)
    })
    expect(await child.kill('SIGTERM')).toBe(0)
    expect(child.output).toContain('"msg":"stopped"')
    await waitFor(() => !a.provider.wsconnected, 5_000, 'disconnect')
    expect(closes).toContain(1001)

    await child.start()
    await Promise.all([a.synced(20_000), b.synced(20_000)])
    b.doc.getText('t').insert(b.doc.getText('t').length, 'after')
    await waitFor(
      () => a.doc.getText('t').toString() === 'before after',
      10_000,
      'edit after restart',
    )
    await b.allConfirmed()
  })
})
