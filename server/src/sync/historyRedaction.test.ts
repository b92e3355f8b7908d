/**
 * Erasure across the history at the level of stored updates: every stored struct of a person's
 * idea loses its content — also when the board later split it (an insert in its middle) — the
 * history still replays, and nothing live is touched.
 */
import { Board } from '@ideenwand/board'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { redactionRanges, redactUpdate } from './historyRedaction.ts'
import { buildDoc } from './historyReplay.ts'

/** Runs `change` on `doc` and returns the update it made (one stored row). */
function row(doc: Y.Doc, change: () => void): Uint8Array {
  const before = Y.encodeStateVector(doc)
  change()
  return Y.encodeStateAsUpdate(doc, before)
}

const has = (update: Uint8Array, text: string) => Buffer.from(update).includes(text)

describe('redaction', () => {
  it("takes a person's idea out of every row, also a struct split by a later insert", () => {
    const doc = new Y.Doc()
    const board = new Board(doc)
    let lea = ''
    let other = ''
    const rows = [
      row(doc, () => {
        lea = board.addIdea({ text: 'GEHEIMWORT am See', authorId: 'lea', authorName: 'Lea' })
      }),
      row(doc, () => {
        other = board.addIdea({ text: 'Bleibt stehen', authorId: 'bea', authorName: 'Bea' })
      }),
      // Someone types into the middle of Lea's first word: the stored struct is split in the doc.
      row(doc, () => board.ideaText(lea)?.insert(4, 'XX')),
      row(doc, () => board.deleteIdea(lea)),
    ]
    expect(rows.some((r) => has(r, 'GEHEIMWORT'))).toBe(true)
    const history = buildDoc(null, rows, false)
    const ranges = redactionRanges(history, { kind: 'ideas-of', authorId: 'lea' })
    const redacted = rows.map((r) => redactUpdate(r, ranges))
    for (const r of redacted) {
      expect(has(r, 'GEHEIM')).toBe(false)
      expect(has(r, 'WORT am See')).toBe(false)
      expect(has(r, 'Lea')).toBe(false)
    }
    // Rows without any of it are the same arrays (not rewritten).
    expect(redacted[1]).toBe(rows[1])
    // The history still applies, at every point, and nothing of Lea's idea comes back.
    for (let n = 1; n <= redacted.length; n++) {
      const replayed = new Board(buildDoc(null, redacted.slice(0, n)))
      expect(replayed.idea(lea)).toBeUndefined()
      expect(replayed.idea(other)?.text).toBe(n >= 2 ? 'Bleibt stehen' : undefined)
    }
  })

  it('never takes out what is live: an idea not deleted on the board stays in every row', () => {
    const doc = new Y.Doc()
    const board = new Board(doc)
    const rows = [row(doc, () => board.addIdea({ text: 'Noch da', authorId: 'lea' }))]
    const ranges = redactionRanges(buildDoc(null, rows, false), {
      kind: 'ideas-of',
      authorId: 'lea',
    })
    expect(ranges.size).toBe(0)
    expect(redactUpdate(rows[0]!, ranges)).toBe(rows[0])
  })

  it('takes out overwritten author names but keeps the ones in `keep`', () => {
    const doc = new Y.Doc()
    const board = new Board(doc)
    const ideas = doc.getMap('ideas')
    let guest = ''
    let facilitator = ''
    const rows = [
      row(doc, () => {
        guest = board.addIdea({ text: 'a', authorId: 'g', authorName: 'Gerda Gastname' })
        facilitator = board.addIdea({ text: 'b', authorId: 'f', authorName: 'Frau Moderatorin' })
      }),
      row(doc, () => (ideas.get(guest) as Y.Map<unknown>).set('authorName', null)),
    ]
    const ranges = redactionRanges(buildDoc(null, rows, false), {
      kind: 'names',
      keep: new Set(['f']),
    })
    const redacted = rows.map((r) => redactUpdate(r, ranges))
    expect(redacted.some((r) => has(r, 'Gerda Gastname'))).toBe(false)
    expect(has(redacted[0]!, 'Frau Moderatorin')).toBe(true)
    const replayed = new Board(buildDoc(null, redacted))
    expect(replayed.idea(guest)?.authorName).toBeNull()
    expect(replayed.idea(facilitator)?.authorName).toBe('Frau Moderatorin')
  })
})
