import { describe, expect, it } from 'vitest'
import { EASY_HOW_PATH, EASY_START_PATH, parseRoute } from './router.ts'

describe('parseRoute', () => {
  it('knows the pages in Leichte Sprache, with or without a trailing slash', () => {
    expect(parseRoute(EASY_START_PATH)).toEqual({ name: 'easyRead', page: 'start' })
    expect(parseRoute(EASY_HOW_PATH)).toEqual({ name: 'easyRead', page: 'how' })
    expect(parseRoute('/leicht/so-gehts/')).toEqual({ name: 'easyRead', page: 'how' })
    expect(parseRoute('/leicht/anders')).toEqual({ name: 'notFound' })
  })

  it('opens a table device link (issue 19 §2), and nothing below it', () => {
    expect(parseRoute('/tisch/abc234def567ghi789jkm234')).toEqual({
      name: 'table',
      token: 'abc234def567ghi789jkm234',
    })
    expect(parseRoute('/tisch/abc/x')).toEqual({ name: 'notFound' })
    expect(parseRoute('/tisch/%3Cscript%3E')).toEqual({ name: 'notFound' })
  })
})
