/** Carried ideas (issue 20 §1): the provenance field is written whole and read tolerantly. */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { Board } from './Board'
import { BoardError } from './BoardError'
import { type CarriedFrom, readCarriedFrom } from './carriedFrom'

const FROM: CarriedFrom = {
  workshopId: 'wsA',
  ideaId: 'idea1',
  title: 'Umweltlabor',
  date: '2026-03-12',
  dots: 7,
  rank: 1,
  carriedAt: 1_700_000_000_000,
}

describe('carriedFrom (issue 20 §1)', () => {
  it('is written as a plain object and read back; other ideas read null', () => {
    const board = new Board(new Y.Doc())
    const carried = board.addIdea({ text: 'Mehr Bäume', carriedFrom: FROM })
    const own = board.addIdea({ text: 'Bänke' })
    expect(board.idea(carried)?.carriedFrom).toEqual(FROM)
    expect(board.idea(own)?.carriedFrom).toBeNull()
    const entry = board.doc.getMap('ideas').get(carried) as Y.Map<unknown>
    expect(entry.get('carriedFrom')).toEqual(FROM)
    expect((board.doc.getMap('ideas').get(own) as Y.Map<unknown>).has('carriedFrom')).toBe(false)
  })

  it('refuses an invalid provenance instead of writing it', () => {
    const board = new Board(new Y.Doc())
    expect(() =>
      board.addIdea({ text: 'x', carriedFrom: { ...FROM, workshopId: '__proto__' } }),
    ).toThrow(BoardError)
    expect(board.ideas()).toHaveLength(0)
  })

  it('reads malformed values tolerantly', () => {
    expect(readCarriedFrom('wsA')).toBeNull()
    expect(readCarriedFrom([FROM])).toBeNull()
    expect(readCarriedFrom({ ...FROM, ideaId: 3 })).toBeNull()
    expect(
      readCarriedFrom({ ...FROM, date: '12.03.2026', dots: -1, rank: 1.5, title: 'x'.repeat(300) }),
    ).toEqual({ ...FROM, date: null, dots: null, rank: null, title: 'x'.repeat(200) })
  })
})
