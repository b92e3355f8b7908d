import { describe, expect, it } from 'vitest'
import { nestsDeeperThan } from './jsonDepth.ts'

describe('nestsDeeperThan', () => {
  it('counts objects and arrays inside each other', () => {
    expect(nestsDeeperThan('{"a":[[1]]}', 3)).toBe(false)
    expect(nestsDeeperThan('{"a":[[1]]}', 2)).toBe(true)
    expect(nestsDeeperThan('[[],[],{}]', 2)).toBe(false)
    expect(nestsDeeperThan('1', 0)).toBe(false)
  })

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(nestsDeeperThan('{"a":"[[[{{{"}', 1)).toBe(false)
    expect(nestsDeeperThan('["\\"[[[", "\\\\"]', 1)).toBe(false)
    expect(nestsDeeperThan('["\\\\", [[1]]]', 2)).toBe(true)
  })

  it('answers for 20,000 levels without recursing', () => {
    const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`
    expect(nestsDeeperThan(deep, 64)).toBe(true)
    expect(nestsDeeperThan(deep, 20_000)).toBe(false)
  })
})
