import { describe, expect, it } from 'vitest'
import { EASY_HOW_PATH, EASY_START_PATH, parseRoute } from './router.ts'

describe('parseRoute', () => {
  it('knows the pages in Leichte Sprache, with or without a trailing slash', () => {
    expect(parseRoute(EASY_START_PATH)).toEqual({ name: 'easyRead', page: 'start' })
    expect(parseRoute(EASY_HOW_PATH)).toEqual({ name: 'easyRead', page: 'how' })
    expect(parseRoute('/leicht/so-gehts/')).toEqual({ name: 'easyRead', page: 'how' })
    expect(parseRoute('/leicht/anders')).toEqual({ name: 'notFound' })
  })
})
