import { describe, expect, it } from 'vitest'
import { negotiate } from './compression.ts'

describe('negotiate (Accept-Encoding)', () => {
  it.each([
    [undefined, null],
    ['identity', null],
    ['gzip', 'gzip'],
    ['gzip, deflate, br', 'br'],
    ['br;q=0.5, gzip', 'gzip'],
    ['br;q=0, gzip;q=0', null],
    ['*', 'br'],
    ['gzip;q=0.8, *;q=0.1', 'gzip'],
    ['deflate', null],
  ])('%s → %s', (header, expected) => {
    expect(negotiate(header)).toBe(expected)
  })
})
