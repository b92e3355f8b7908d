/**
 * Stock clients of one workshop's board for tests that drive the workshop control: connect a
 * person (closed after the test through `perTest`), seed ideas as the facilitator, let a
 * participant write an idea of their own, and read the last control state a client received.
 */
import { Board } from '@ideenwand/board'
import type { ControlState } from '@ideenwand/protocol'
import type { ApiClient, WorkshopFixture } from './api.ts'
import { connectClient, type TestClient } from './clients.ts'
import type { PerTest } from './perTest.ts'
import type { RunningServer } from './servers.ts'

export function workshopClients(t: PerTest) {
  const connect = (s: RunningServer, w: WorkshopFixture, who: ApiClient): TestClient => {
    const c = connectClient(s.wsUrl, w.boardId, { cookie: who.cookie })
    t.clients.push(c)
    return c
  }
  /** Adds ideas through a facilitator's client; returns their ids in order. */
  const seedIdeas = async (
    s: RunningServer,
    w: WorkshopFixture,
    texts: string[],
  ): Promise<string[]> => {
    const fac = connect(s, w, w.facilitator)
    await fac.synced()
    const board = new Board(fac.doc)
    const ids = texts.map((text) => board.addIdea({ text }))
    await fac.allConfirmed()
    return ids
  }
  /** A participant who joins by code and writes one idea of their own (author = them). */
  const participantIdea = async (
    s: RunningServer,
    w: WorkshopFixture,
    name: string,
    text: string,
  ): Promise<{ guest: ApiClient; client: TestClient; ideaId: string }> => {
    const guest = await w.join('participant', name)
    const me = (await guest.get('/api/me')).body.guest as { id: string; name: string }
    const client = connect(s, w, guest)
    await client.synced()
    const ideaId = new Board(client.doc).addIdea({ text, authorId: me.id, authorName: me.name })
    await client.allConfirmed()
    return { guest, client, ideaId }
  }
  const last = (c: TestClient): ControlState | undefined => c.controls.at(-1)
  return { connect, seedIdeas, participantIdea, last }
}
