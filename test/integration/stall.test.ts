/**
 * Issue 15: no single update stalls the server. A participant puts a long text into their own
 * idea, then sends the update that deletes every other character — the largest the frame limit
 * (`SYNC_MAX_PAYLOAD`) allows — three times, while a probe asks `/healthz` every 50 ms. Before the
 * cost estimate (server/src/sync/updateCost.ts) one such frame held the event loop for seconds;
 * now each is refused with 4413 before Yjs sees it, and an honest large paste and an offline
 * backlog still apply.
 */
import { Board, canvasStore } from '@ideenwand/board'
import { CloseCode, encodeSyncUpdate } from '@ideenwand/protocol'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { type WorkshopFixture, workshopFixture } from './support/api.ts'
import { connectClient, type TestClient, waitFor } from './support/clients.ts'
import { ENGINES } from './support/engines.ts'
import { STALL_MAX_MS, STALL_P99_MS } from './support/healthProbe.ts'
import { RawSync } from './support/rawSync.ts'
import { type RunningServer, startServer } from './support/servers.ts'
import { deleteEveryOther, largestFitting, SYNC_FRAME_OVERHEAD } from './support/updateShapes.ts'

/** The server's default `SYNC_MAX_PAYLOAD`. */
const MAX_PAYLOAD = 2 * 1024 * 1024

/** Asks `/healthz` every 50 ms (one request at a time) and records each answer's latency. */
function healthProbe(url: string) {
  const latencies: number[] = []
  let running = true
  const loop = (async () => {
    while (running) {
      const started = performance.now()
      try {
        const res = await fetch(`${url}/healthz`)
        await res.arrayBuffer()
      } catch {
        break // the server stopped (a failed test)
      }
      latencies.push(performance.now() - started)
      await new Promise((r) => setTimeout(r, 50))
    }
  })()
  return {
    async stop() {
      running = false
      await loop
      const sorted = [...latencies].sort((a, b) => a - b)
      const p99 = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? 0
      return { count: sorted.length, p99, max: sorted.at(-1) ?? 0 }
    },
  }
}

describe.each(ENGINES)('one update cannot stall the server (%s)', (engine) => {
  let server: RunningServer
  let fixture: WorkshopFixture
  let cookie: string
  let guestId: string
  const clients: TestClient[] = []

  beforeAll(async () => {
    server = await startServer(engine)
    fixture = await workshopFixture(server.url)
    const guest = await fixture.join('participant', 'Anna')
    cookie = guest.cookie ?? ''
    guestId = (await guest.get('/api/me')).body.guest.id as string
  })

  afterAll(async () => {
    for (const c of clients) c.destroy()
    await server.stop()
  })

  function client(doc?: Y.Doc, as = cookie): TestClient {
    const c = connectClient(server.wsUrl, fixture.boardId, { cookie: as, ...(doc ? { doc } : {}) })
    c.provider.on('connection-close', (e: CloseEvent | null) => {
      if (e && e.code >= 4000) console.warn(`[stall] client closed: ${e.code} ${e.reason}`)
    })
    clients.push(c)
    return c
  }

  async function attack(frame: Uint8Array): Promise<{ code: number; reason: string }> {
    const opened = await RawSync.open(`${server.wsUrl}/${fixture.boardId}`, { cookie })
    if (!opened.ok || !('socket' in opened)) throw new Error('could not connect')
    opened.socket.ws.send(frame)
    return opened.socket.closed
  }

  it('deleting every other character at the frame limit, three times: /healthz never stalls', async () => {
    const author = client()
    await author.synced()
    const clock = Y.getState(author.doc.store, author.doc.clientID)
    // The idea's map and fields come first; the text starts a few clocks later (≤ 127 apart).
    const ranges = largestFitting(
      (n) => deleteEveryOther(author.doc.clientID, n, clock + 127),
      MAX_PAYLOAD - SYNC_FRAME_OVERHEAD,
    )
    // Its own idea; the long text goes in past the client's length check, as an attacker would.
    const ideaId = new Board(author.doc).addIdea({
      text: '',
      authorId: guestId,
      authorName: 'Anna',
    })
    const text = new Board(author.doc).ideaText(ideaId)!
    text.insert(0, 'x'.repeat(2 * ranges + 2))
    await author.allConfirmed(30_000)
    const first = text._start!.id
    const frame = encodeSyncUpdate(deleteEveryOther(first.client, ranges, first.clock + 1))
    expect(frame.length).toBeLessThanOrEqual(MAX_PAYLOAD)

    const probe = healthProbe(server.url)
    await new Promise((r) => setTimeout(r, 200))
    const closes = []
    for (let i = 0; i < 3; i++) closes.push(await attack(frame))
    await new Promise((r) => setTimeout(r, 200))
    const health = await probe.stop()
    console.info(
      `[stall] ${engine}: ${ranges.toLocaleString('en')} delete ranges (${frame.length.toLocaleString('en')} bytes) x3: /healthz ${health.count} answers, p99 ${health.p99.toFixed(1)} ms, max ${health.max.toFixed(1)} ms`,
    )
    for (const closed of closes) expect(closed).toEqual(CloseCode.UpdateTooCostly)
    expect(health.p99).toBeLessThanOrEqual(STALL_P99_MS)
    expect(health.max).toBeLessThanOrEqual(STALL_MAX_MS)
    // Nothing of it was applied.
    const doc = server.server.rooms.get(fixture.boardId)!.doc
    expect(new Board(doc).ideaText(ideaId)?.length).toBe(2 * ranges + 2)
  })

  it('an honest large paste and an offline backlog still apply', async () => {
    // The facilitator pastes 1,000 shapes with text onto the canvas: one update of ~600 KB.
    const writer = client(undefined, fixture.facilitator.cookie ?? '')
    await writer.synced()
    const note = 'Lorem ipsum dolor sit amet, mehr Grün am Marktplatz. '.repeat(10)
    const probe = healthProbe(server.url)
    const started = performance.now()
    writer.doc.transact(() => {
      const canvas = canvasStore<{ id: string; text: string }>(writer.doc)
      for (let i = 0; i < 1000; i++)
        canvas.set(`shape:paste${i}`, { id: `shape:paste${i}`, text: note })
    })
    const pasteBytes = Y.encodeStateAsUpdate(writer.doc).length
    await writer.allConfirmed(30_000)
    const pasteMs = performance.now() - started

    // A phone offline with the board: 20 ideas of its own, then 3,000 edits in their texts.
    const phone = new Y.Doc()
    Y.applyUpdate(phone, Y.encodeStateAsUpdate(writer.doc))
    const phoneBoard = new Board(phone)
    const ids = Array.from({ length: 20 }, (_, i) =>
      phoneBoard.addIdea({ text: `Idee ${i} vom Handy`, authorId: guestId, authorName: 'Anna' }),
    )
    let seed = 11
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed % n
    }
    for (let i = 0; i < 3000; i++) {
      const text = phoneBoard.ideaText(ids[random(ids.length)]!)!
      if (i % 3 === 2 && text.length > 4) text.delete(random(text.length - 3), 2)
      else text.insert(random(text.length + 1), 'ab')
    }
    const backlogStarted = performance.now()
    // Sent by the facilitator's phone: the cost check is the same for every role, and what a
    // participant may change is updateRights' concern (tested in rights.test.ts).
    const returning = client(phone, fixture.facilitator.cookie ?? '')
    await returning.synced()
    await returning.allConfirmed(30_000)
    const backlogMs = performance.now() - backlogStarted
    const health = await probe.stop()

    const reader = client()
    await reader.synced()
    const seen = new Board(reader.doc)
    await waitFor(() => ids.every((id) => seen.idea(id) !== undefined), 10_000, 'backlog ideas')
    expect(canvasStore(reader.doc).get('shape:paste999')).toEqual({
      id: 'shape:paste999',
      text: note,
    })
    for (const id of ids) expect(seen.idea(id)?.text).toBe(phoneBoard.idea(id)?.text)
    console.info(
      `[stall] ${engine}: paste of 1,000 shapes (board ${pasteBytes.toLocaleString('en')} bytes) stored in ${pasteMs.toFixed(0)} ms; offline backlog of 20 ideas + 3,000 edits stored in ${backlogMs.toFixed(0)} ms; /healthz p99 ${health.p99.toFixed(1)} ms, max ${health.max.toFixed(1)} ms`,
    )
  })
})
