/**
 * What a whole-number field (NumberField.tsx) accepts: the voting round's counts (1–100), the
 * people at a table (1–30) and retention days (1–3650) are read with this one rule.
 */
import { describe, expect, it } from 'vitest'
import { wholeNumber } from './wholeNumber.ts'

describe('wholeNumber', () => {
  it('reads a whole number within the range, the bounds included', () => {
    expect(wholeNumber('1', 1, 30)).toBe(1)
    expect(wholeNumber('30', 1, 30)).toBe(30)
    expect(wholeNumber('3650', 1, 3650)).toBe(3650)
  })

  it('ignores surrounding white space and leading zeros', () => {
    expect(wholeNumber(' 14 ', 1, 3650)).toBe(14)
    expect(wholeNumber('007', 1, 100)).toBe(7)
  })

  it('refuses numbers just outside the range', () => {
    expect(wholeNumber('0', 1, 30)).toBeNull()
    expect(wholeNumber('31', 1, 30)).toBeNull()
    expect(wholeNumber('3651', 1, 3650)).toBeNull()
  })

  it('refuses an empty field (what a number input reports for text it cannot read)', () => {
    expect(wholeNumber('', 1, 30)).toBeNull()
    expect(wholeNumber('   ', 1, 30)).toBeNull()
  })

  it('refuses fractions, signs and exponents instead of cutting them to a whole number', () => {
    expect(wholeNumber('2.5', 1, 100)).toBeNull()
    expect(wholeNumber('2,5', 1, 100)).toBeNull()
    expect(wholeNumber('-3', 1, 100)).toBeNull()
    expect(wholeNumber('+3', 1, 100)).toBeNull()
    expect(wholeNumber('1e1', 1, 100)).toBeNull()
    expect(wholeNumber('3abc', 1, 100)).toBeNull()
  })

  it('refuses digits too many to be a number of days or people', () => {
    expect(wholeNumber('9'.repeat(16), 1, Number.MAX_SAFE_INTEGER)).toBeNull()
  })
})
