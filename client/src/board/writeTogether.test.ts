/**
 * An idea and its card reach other clients in one update (`writeTogether`): otherwise another
 * whiteboard sees the idea alone for a frame, gives it a card of its own, and one of the two
 * placements wins at random (the card jumped out of the adder's view in a real workshop).
 */
import { Board, canvasStore } from '@ideenwand/board'
import { createTLStore, defaultShapeUtils, type IndexKey, type TLRecord } from 'tldraw'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { bindCanvasToDoc, writeTogether } from './bindCanvasToDoc.ts'
import { IDEA_CARD_SIZE, IDEA_CARD_TYPE, ideaCardId } from './shapes/shapeTypes.ts'
import { customShapeUtils } from './useBoardSession.ts'

function bound() {
  const doc = new Y.Doc()
  const board = new Board(doc)
  const store = createTLStore({ shapeUtils: [...defaultShapeUtils, ...customShapeUtils] })
  const result = bindCanvasToDoc({
    store,
    doc,
    board,
    onSchemaTooNew: () => {
      throw new Error('must not happen')
    },
  })
  if (result.type !== 'bound') throw new Error('not bound')
  const pageId = store.allRecords().find((r) => r.typeName === 'page')?.id
  if (!pageId) throw new Error('no page')
  return { doc, board, store, pageId, dispose: result.dispose }
}

function addIdeaWithCard({ board, store, pageId }: ReturnType<typeof bound>, text: string): string {
  const ideaId = board.addIdea({ text, authorId: null, authorName: null, clusterId: null })
  store.put([
    store.schema.types.shape.create({
      id: ideaCardId(ideaId),
      type: IDEA_CARD_TYPE,
      parentId: pageId,
      index: 'a1' as IndexKey,
      x: 10,
      y: 20,
      props: { ideaId, ...IDEA_CARD_SIZE },
    }) as TLRecord,
  ])
  return ideaId
}

/** Another client that has the board as it is now. */
function copyOf(doc: Y.Doc): Y.Doc {
  const other = new Y.Doc()
  Y.applyUpdate(other, Y.encodeStateAsUpdate(doc))
  return other
}

describe('writeTogether', () => {
  it('sends an idea and its card as ONE update, and the card is not written twice', () => {
    const b = bound()
    const other = copyOf(b.doc)
    const updates: Uint8Array[] = []
    b.doc.on('update', (u: Uint8Array) => updates.push(u))
    let ideaId = ''
    writeTogether(b.store, () => {
      ideaId = addIdeaWithCard(b, 'Mehr Bänke am Markt')
    })
    expect(updates).toHaveLength(1)
    // What another client gets from that one update: the idea and its card.
    Y.applyUpdate(other, updates[0]!)
    expect(new Board(other).idea(ideaId)?.text).toBe('Mehr Bänke am Markt')
    expect(canvasStore<{ x: number }>(other).get(ideaCardId(ideaId))?.x).toBe(10)
    // tldraw's own (next-frame) hand-over finds the card written already.
    b.store.listen(() => {})
    expect(updates).toHaveLength(1)
    b.dispose()
  })

  it('just runs the function for a store that is not bound', () => {
    const store = createTLStore({ shapeUtils: [...defaultShapeUtils, ...customShapeUtils] })
    let ran = false
    writeTogether(store, () => {
      ran = true
    })
    expect(ran).toBe(true)
  })
})
