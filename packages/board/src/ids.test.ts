import { describe, expect, it } from 'vitest'
import { ID_PATTERN, isValidId, newId, PROTOTYPE_NAMES } from './ids'
import { applyDot, dotsOn, dotsUsed } from './voting'

describe('ids', () => {
  it('refuses the names of Object.prototype, accepts what newId makes and canvas ids', () => {
    for (const name of Object.getOwnPropertyNames(Object.prototype)) {
      expect(PROTOTYPE_NAMES).toContain(name)
      expect(isValidId(name)).toBe(false)
    }
    for (let i = 0; i < 1000; i++) expect(isValidId(newId())).toBe(true)
    for (const id of ['shape:idea-abc', 'constructors', 'my_constructor', 'toString2', 'a']) {
      expect(ID_PATTERN.test(id)).toBe(true)
    }
  })
})

describe('new ids in a spreadsheet', () => {
  it('never start with a character a spreadsheet takes for a formula (or `_`), over 20 000 ids', () => {
    const firsts = new Set<string>()
    for (let i = 0; i < 20_000; i++) {
      const id = newId()
      expect(id).toMatch(/^[A-Za-z0-9][A-Za-z0-9_-]{20}$/)
      firsts.add(id[0] ?? '')
    }
    // Every letter and digit comes first (no bias cut any off): 62 symbols.
    expect(firsts.size).toBe(62)
  })

  it('ids made before the rule stay valid', () => {
    for (const old of ['-abcdefghijklmnopqrst', '_abcdefghijklmnopqrst', 'shape:idea--x'])
      expect(isValidId(old)).toBe(true)
  })
})

describe('ballots keyed by such names', () => {
  const rules = { dotsPerPerson: 3, maxPerTarget: 3, targetIds: null }

  it('count a dot on "constructor" or "__proto__" as an own entry, never the prototype', () => {
    let ballot = {}
    for (const target of ['constructor', '__proto__', 'constructor']) {
      const r = applyDot(ballot, target, 1, rules)
      if (!r.ok) throw new Error(r.error)
      ballot = r.ballot
    }
    expect(dotsOn(ballot, 'constructor')).toBe(2)
    expect(dotsOn(ballot, '__proto__')).toBe(1)
    expect(dotsOn(ballot, 'toString')).toBe(0)
    expect(dotsUsed(ballot)).toBe(3)
    expect(JSON.parse(JSON.stringify(ballot))).toEqual(
      JSON.parse('{"constructor":2,"__proto__":1}'),
    )
    expect(applyDot(ballot, 'valueOf', -1, rules)).toEqual({ ok: false, error: 'no-dot-to-remove' })
  })
})
