import { Board, canvasStore } from '@ideenwand/board'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { cardKey, putBack, takeOut } from './heldContent.ts'

const SECRET = 'Geheimer Vorschlag für den Marktplatz'
const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1')
const contains = (bytes: Uint8Array, s: string) =>
  text(bytes).includes(Buffer.from(s, 'utf8').toString('latin1'))

/** A participant's doc that adds an idea with its card in one transaction. */
function authorAdds(author: Y.Doc): { update: Uint8Array; ideaId: string } {
  const before = Y.encodeStateVector(author)
  let ideaId = ''
  author.transact(() => {
    ideaId = new Board(author).addIdea({ text: SECRET, authorId: 'g1', authorName: 'Greta' })
    canvasStore(author).set(cardKey(ideaId), {
      id: cardKey(ideaId),
      typeName: 'shape',
      type: 'idea-card',
      x: 10,
      y: 20,
      props: { ideaId },
    })
  })
  return { update: Y.encodeStateAsUpdate(author, before), ideaId }
}

describe('taking ideas out of the board', () => {
  it('applies and takes out in one transaction: the emitted update carries no text, author or card', () => {
    const server = new Y.Doc({ gc: true })
    const author = new Y.Doc()
    const other = new Y.Doc()
    const emitted: Uint8Array[] = []
    server.on('update', (u: Uint8Array) => emitted.push(u))
    const { update, ideaId } = authorAdds(author)
    expect(contains(update, SECRET)).toBe(true)

    let held: ReturnType<typeof takeOut> = []
    server.transact(() => {
      Y.applyUpdate(server, update)
      held = takeOut(server, [ideaId], null)
    })
    expect(emitted).toHaveLength(1)
    const out = emitted[0]!
    for (const s of [SECRET, 'Greta', 'g1', 'idea-card']) expect(contains(out, s), s).toBe(false)
    expect(held).toEqual([
      {
        ideaId,
        idea: expect.objectContaining({ text: SECRET, authorId: 'g1', authorName: 'Greta' }),
        card: expect.objectContaining({ id: cardKey(ideaId), x: 10 }),
      },
    ])
    // Whoever receives it stays in step; the author's own copy loses the idea too.
    Y.applyUpdate(other, out)
    Y.applyUpdate(author, out)
    for (const d of [server, other, author]) expect(new Board(d).ideas()).toEqual([])
    expect(contains(Y.encodeStateAsUpdate(server), SECRET)).toBe(false)
    // The author's next edit builds on the server's state without gaps.
    new Board(author).addIdea({ text: 'öffentlich' })
    Y.applyUpdate(server, Y.encodeStateAsUpdate(author, Y.encodeStateVector(server)))
    expect(new Board(server).ideas().map((i) => i.text)).toEqual(['öffentlich'])

    // Put back under the same id, with the card; everyone gets it from the server.
    const createdAt = held[0]!.idea!.createdAt
    expect(putBack(server, held)).toEqual([ideaId])
    Y.applyUpdate(other, Y.encodeStateAsUpdate(server, Y.encodeStateVector(other)))
    expect(new Board(other).idea(ideaId)).toMatchObject({ text: SECRET, createdAt })
    expect(canvasStore(other).get(cardKey(ideaId))).toMatchObject({ x: 10, y: 20 })
    expect(putBack(server, held)).toEqual([]) // already there: nothing twice
  })

  it('a cluster deleted meanwhile: the idea comes back unsorted', () => {
    const doc = new Y.Doc()
    const board = new Board(doc)
    const cluster = board.addCluster({ title: 'Verkehr' })
    const id = board.addIdea({ text: 'Radweg', clusterId: cluster })
    const held = takeOut(doc, [id], null)
    board.deleteCluster(cluster)
    putBack(doc, held)
    expect(board.idea(id)).toMatchObject({ text: 'Radweg', clusterId: null })
  })
})
