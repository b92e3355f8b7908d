/**
 * The server-only idea field (issue 20 §1): `carriedFrom` is refused from every client —
 * participants through `checkRights`, facilitators through `checkServerFields` — while a
 * facilitator's other changes, deleting a carried idea included, pass.
 */
import { Board } from '@ideenwand/board'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { OPEN_POLICY } from './boardPolicy.ts'
import { CanvasIndex } from './canvasIndex.ts'
import { checkRights, checkServerFields, UpdateRefused } from './updateRights.ts'

const FROM = {
  workshopId: 'wsA',
  ideaId: 'idea1',
  title: 'Umweltlabor',
  date: null,
  dots: 3,
  rank: 1,
  carriedAt: 1,
}

/** A server doc with one carried idea, and a client replica of it. */
function boards(): { server: Y.Doc; client: Y.Doc; carried: string } {
  const server = new Y.Doc()
  const carried = new Board(server).addIdea({ text: 'Mehr Bäume', carriedFrom: FROM })
  const client = new Y.Doc()
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server))
  return { server, client, carried }
}

/** What `change` does on the client, as the update it would send. */
function updateOf(client: Y.Doc, change: () => void): Uint8Array {
  const before = Y.encodeStateVector(client)
  change()
  return Y.encodeStateAsUpdate(client, before)
}

const participant = (server: Y.Doc, update: Uint8Array) =>
  checkRights(server, update, { id: 'g1', name: 'Ana' }, OPEN_POLICY, new CanvasIndex(server))

describe('carriedFrom is written by the server only', () => {
  it('refuses a participant creating an idea with carriedFrom [rights: server-only field]', () => {
    const { server, client } = boards()
    const update = updateOf(client, () => {
      new Board(client).addIdea({ text: 'fake', authorId: 'g1', carriedFrom: FROM })
    })
    expect(() => participant(server, update)).toThrow(UpdateRefused)
    expect(() => checkServerFields(server, update)).toThrow(/set by the server/)
  })

  it('refuses a facilitator overwriting or removing carriedFrom', () => {
    for (const change of [
      (entry: Y.Map<unknown>) => entry.set('carriedFrom', { ...FROM, dots: 99 }),
      (entry: Y.Map<unknown>) => entry.delete('carriedFrom'),
    ]) {
      const { server, client, carried } = boards()
      const update = updateOf(client, () =>
        change(client.getMap('ideas').get(carried) as Y.Map<unknown>),
      )
      expect(() => checkServerFields(server, update)).toThrow(UpdateRefused)
    }
  })

  it("lets a facilitator's other changes through, deleting a carried idea included", () => {
    const { server, client, carried } = boards()
    const board = new Board(client)
    const edit = updateOf(client, () => {
      board.setIdeaText(carried, 'Mehr Straßenbäume')
      board.addIdea({ text: 'Neu' })
    })
    expect(() => checkServerFields(server, edit)).not.toThrow()
    Y.applyUpdate(server, edit)
    const removal = updateOf(client, () => board.deleteIdea(carried))
    expect(() => checkServerFields(server, removal)).not.toThrow()
  })
})
