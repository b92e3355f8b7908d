import { CloseCode } from '@ideenwand/protocol'
import { describe, expect, it } from 'vitest'
import { tFor } from '../i18n/i18n.ts'
import { closeAction, closeKind, closeMessage } from './closeMessage.ts'

describe('closeMessage', () => {
  it('maps every close code the server sends to a kind and a way on', () => {
    const expected: [keyof typeof CloseCode, string, string | null][] = [
      ['Removed', 'removed', 'start'],
      ['SessionEnded', 'ended', 'rejoin'],
      ['SessionExpired', 'ended', 'rejoin'],
      ['Unauthorized', 'ended', 'rejoin'],
      ['BoardNotFound', 'notFound', 'start'],
      ['Forbidden', 'forbidden', null],
      ['WaitingForAdmission', 'waiting', null],
      ['TooManyIdeas', 'tooManyIdeas', 'reload'],
      ['BoardFull', 'boardFull', 'reload'],
      ['ChangeRefused', 'changeRefused', 'reload'],
      ['TooManyConnections', 'tooManyConnections', 'reload'],
      ['RateLimited', 'rateLimited', 'reload'],
      ['MalformedMessage', 'other', null],
    ]
    for (const [name, kind, action] of expected) {
      expect(closeKind(CloseCode[name]), name).toBe(kind)
      expect(closeAction(closeKind(CloseCode[name])), name).toBe(action)
    }
    // An unknown reason falls back on the code.
    expect(closeKind({ code: 4413, reason: '' })).toBe('boardFull')
    expect(closeKind({ code: 4401, reason: 'something new' })).toBe('ended')
  })

  it('tells people in German and English what happened and what to do', () => {
    const de = tFor('de', 'common')
    const en = tFor('en', 'common')
    expect(closeMessage(de, CloseCode.BoardFull)).toMatch(/Board ist voll.*nicht gespeichert/)
    expect(closeMessage(en, CloseCode.BoardFull)).toMatch(/board is full.*not saved.*reload/)
    expect(closeMessage(de, CloseCode.ChangeRefused)).toMatch(/nicht erlaubt.*nicht gespeichert/)
    expect(closeMessage(en, CloseCode.ChangeRefused)).toMatch(/may not.*not saved.*Reload/)
    expect(closeMessage(de, CloseCode.TooManyConnections)).toMatch(/Tabs.*neu/)
    expect(closeMessage(en, CloseCode.TooManyConnections)).toMatch(/tabs.*reload/)
    expect(closeMessage(de, CloseCode.TooManyIdeas)).toMatch(/in einer Minute neu/)
    expect(closeMessage(en, CloseCode.TooManyIdeas)).toMatch(/reload the page in a minute/)
    expect(closeMessage(en, CloseCode.RateLimited)).toMatch(/reload/)
    expect(closeMessage(en, { code: 4400, reason: 'malformed message' })).toBe(
      'Connection closed: malformed message',
    )
  })
})
