/**
 * Stock clients of one workshop's board for tests that drive the workshop control: connect a
 * person (closed after the test through `perTest`), seed ideas as the facilitator, and read the
 * last control state a client received.
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
  const last = (c: TestClient): ControlState | undefined => c.controls.at(-1)
  return { connect, seedIdeas, last }
}
