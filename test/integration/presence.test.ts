/**
 * Presence belongs to its connection (issue 15): a participant cannot move, rename or remove
 * someone else's cursor, nor flood the board with made-up presences; the honest stock client's
 * presence works as before (sync.test.ts has more of that).
 */
import { encodeAwareness } from '@ideenwand/protocol'
import * as encoding from 'lib0/encoding'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { workshopFixture } from './support/api.ts'
import { connectClient, type TestClient, waitFor } from './support/clients.ts'
import { awarenessFrame, RawSync } from './support/rawSync.ts'
import { type RunningServer, startServer } from './support/servers.ts'

/** An awareness frame with hand-made entries: [client id, clock, state or null = removal]. */
function forged(...entries: [number, number, unknown][]): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, entries.length)
  for (const [id, clock, state] of entries) {
    encoding.writeVarUint(e, id)
    encoding.writeVarUint(e, clock)
    encoding.writeVarString(e, JSON.stringify(state))
  }
  return encodeAwareness(encoding.toUint8Array(e))
}

type UserState = { user?: { name?: string } } | undefined

describe('presence belongs to its connection', () => {
  let s: RunningServer
  const sockets: RawSync[] = []
  const clients: TestClient[] = []

  beforeAll(async () => {
    s = await startServer('pglite')
  })
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close()
    for (const c of clients.splice(0)) c.destroy()
  })
  afterAll(async () => {
    await s?.stop()
  })

  async function open(boardId: string, cookie: string): Promise<RawSync> {
    const opened = await RawSync.open(`${s.wsUrl}/${boardId}`, { cookie })
    if (!('socket' in opened)) throw new Error(`not connected: ${JSON.stringify(opened)}`)
    sockets.push(opened.socket)
    return opened.socket
  }

  async function room() {
    const w = await workshopFixture(s.url)
    const facilitator = await open(w.boardId, w.facilitator.cookie ?? '')
    const intruder = await open(w.boardId, (await w.join('participant', 'Paul')).cookie ?? '')
    const observer = await open(w.boardId, (await w.join('participant', 'Olga')).cookie ?? '')
    const cursor = awarenessFrame('Frau Moderatorin')
    await facilitator.sendAndSettle(cursor.frame)
    return { w, facilitator, intruder, observer, id: cursor.clientId }
  }

  it("a participant cannot overwrite or remove the facilitator's presence", async () => {
    const { intruder, observer, id } = await room()
    // Overwrite name and cursor with a clock far ahead, then remove it.
    await intruder.sendAndSettle(forged([id, 1000, { user: { name: 'Hacker' }, cursor: { x: 1 } }]))
    let seen = await observer.sendAndSettle()
    expect((seen.get(id) as UserState)?.user?.name).toBe('Frau Moderatorin')
    await intruder.sendAndSettle(forged([id, 2000, null]))
    seen = await observer.sendAndSettle()
    expect((seen.get(id) as UserState)?.user?.name).toBe('Frau Moderatorin')
    // The intruder's own presence in the same frame as a spoofed entry still goes through.
    await intruder.sendAndSettle(forged([id, 3000, null], [424242, 1, { user: { name: 'Paul' } }]))
    seen = await observer.sendAndSettle()
    expect((seen.get(424242) as UserState)?.user?.name).toBe('Paul')
    expect((seen.get(id) as UserState)?.user?.name).toBe('Frau Moderatorin')
  })

  it('3,000 made-up presences in one frame are refused: 4400, none of them shown', async () => {
    const { intruder, observer, id } = await room()
    const entries: [number, number, unknown][] = []
    for (let i = 1; i <= 3000; i++)
      entries.push([1_000_000 + i, 1, { user: { name: `Fake ${i}` } }])
    intruder.ws.send(forged(...entries))
    expect(await intruder.closed).toEqual({ code: 4400, reason: 'malformed message' })
    const seen = await observer.sendAndSettle()
    expect([...seen.keys()]).toEqual([id])
  })

  it('a view that shows no cursors (?presence=0) is sent no presence, but every update', async () => {
    const w = await workshopFixture(s.url)
    const anna = connectClient(s.wsUrl, w.boardId, { cookie: w.facilitator.cookie })
    const ben = connectClient(s.wsUrl, w.boardId, {
      cookie: (await w.join('participant', 'Ben')).cookie,
    })
    const phone = connectClient(s.wsUrl, w.boardId, {
      cookie: (await w.join('participant', 'Pia')).cookie,
      params: { presence: '0' },
    })
    clients.push(anna, ben, phone)
    await Promise.all([anna.synced(), ben.synced(), phone.synced()])
    for (let x = 1; x <= 5; x++) {
      anna.provider.awareness.setLocalStateField('cursor', { x, y: 0 })
      const seen = () => ben.provider.awareness.getStates().get(anna.doc.clientID)?.cursor?.x
      await waitFor(() => seen() === x, 5_000, `cursor ${x} seen by Ben`)
    }
    // An update sent after the last presence frame reached Ben travels behind it on the same
    // socket: once the phone has it, anything the server sent it before has arrived.
    anna.doc.getMap('m').set('after', 'cursors')
    await waitFor(
      () => phone.doc.getMap('m').get('after') === 'cursors',
      5_000,
      'update on the phone',
    )
    const awarenessFrames = (c: TestClient) => c.frames.filter((f) => f[0] === 1).length
    expect(awarenessFrames(ben)).toBeGreaterThanOrEqual(5)
    expect(awarenessFrames(phone)).toBe(0)
    expect(phone.provider.awareness.getStates().has(anna.doc.clientID)).toBe(false)
  })

  it('stock y-websocket clients: presence reaches others and a reconnect keeps it', async () => {
    const w = await workshopFixture(s.url)
    const anna = connectClient(s.wsUrl, w.boardId, {
      cookie: (await w.join('participant', 'Anna')).cookie,
    })
    const ben = connectClient(s.wsUrl, w.boardId, {
      cookie: (await w.join('participant', 'Ben')).cookie,
    })
    clients.push(anna, ben)
    await Promise.all([anna.synced(), ben.synced()])
    anna.provider.awareness.setLocalStateField('user', { name: 'Anna' })
    const nameOf = () => ben.provider.awareness.getStates().get(anna.doc.clientID)?.user?.name
    await waitFor(() => nameOf() === 'Anna', 5_000, 'Anna seen by Ben')
    // Same tab, new socket (same client id): the new connection takes the id over.
    anna.provider.disconnect()
    anna.provider.connect()
    await anna.synced()
    anna.provider.awareness.setLocalStateField('user', { name: 'Anna (wieder da)' })
    await waitFor(() => nameOf() === 'Anna (wieder da)', 5_000, 'Anna after reconnect')
  })
})
