/**
 * The minimal text diff behind Board.setIdeaText.
 * @module
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { applyTextDiff, diffText } from './textDiff'

describe('diffText', () => {
  it('finds the changed middle span', () => {
    expect(diffText('abc', 'abc')).toBeNull()
    expect(diffText('Bänke', 'Mehr Bänke')).toEqual({ index: 0, deleteCount: 0, insert: 'Mehr ' })
    expect(diffText('Bänke', 'Bänke!')).toEqual({ index: 5, deleteCount: 0, insert: '!' })
    expect(diffText('a-b-c', 'a-X-c')).toEqual({ index: 2, deleteCount: 1, insert: 'X' })
    expect(diffText('aaa', 'aa')).toEqual({ index: 2, deleteCount: 1, insert: '' })
    expect(diffText('', 'neu')).toEqual({ index: 0, deleteCount: 0, insert: 'neu' })
    expect(diffText('alt', '')).toEqual({ index: 0, deleteCount: 3, insert: '' })
  })

  it('never splits a surrogate pair', () => {
    // 😀 and 😃 share their high surrogate; the second pair differs only in its high surrogate.
    expect(diffText('x😀', 'x😃')).toEqual({ index: 1, deleteCount: 2, insert: '😃' })
    const lowShared = diffText('\uD83C\uDF89', '\uD83D\uDF89')
    expect(lowShared).toEqual({ index: 0, deleteCount: 2, insert: '\uD83D\uDF89' })
  })
})

describe('applyTextDiff', () => {
  it('turns a Y.Text into the target string', () => {
    const doc = new Y.Doc()
    const text = doc.getText('t')
    for (const next of ['Spielplatz', 'Neuer Spielplatz', 'Neuer Park', '', 'fertig 🎉']) {
      applyTextDiff(text, next)
      expect(text.toString()).toBe(next)
    }
  })
})
