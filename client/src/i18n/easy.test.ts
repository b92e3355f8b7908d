import { describe, expect, it } from 'vitest'
import { easyTextsLoaded, easyTFor, loadEasyTexts, mergeOver } from './easy.ts'
import { tFor } from './i18n.ts'
import { common as deCommon } from './locales/de/common.ts'
import { easy as deEasy } from './locales/de/easy.ts'
import { views as deViews } from './locales/de/views.ts'
import { easy as enEasy } from './locales/en/easy.ts'
import { flatten, variables } from './resourceKeys.ts'

describe('mergeOver', () => {
  it('replaces the strings it names and keeps every other one', () => {
    const base = { a: 'A', b: { c: 'C', d: 'D' } }
    expect(mergeOver(base, { b: { c: 'leicht' } })).toEqual({ a: 'A', b: { c: 'leicht', d: 'D' } })
    expect(base.b.c).toBe('C')
  })

  it('refuses an easy text for a key the base does not have', () => {
    expect(() => mergeOver({ a: 'A' } as object, { z: 'Z' } as object)).toThrow(/unknown key: z/)
    expect(() => mergeOver({ a: { b: 'B' } }, { a: 'A' } as never)).toThrow(/replaces a group/)
  })
})

describe.each([
  ['de', deEasy],
  ['en', enEasy],
] as const)('easy texts, %s', (_lang, easy) => {
  const bases = { common: flatten(deCommon), views: flatten(deViews) }

  it('replace only keys of the base namespace, with the same variables', () => {
    for (const ns of ['common', 'views'] as const) {
      const texts = flatten(easy[ns])
      expect(texts.size, ns).toBeGreaterThan(0)
      for (const [key, text] of texts) {
        expect(bases[ns].has(key), `${ns}:${key}`).toBe(true)
        expect(variables(text), `${ns}:${key}`).toEqual(variables(bases[ns].get(key) ?? ''))
        expect(text.trim(), `${ns}:${key}`).not.toBe('')
      }
    }
  })

  it('differ from the usual text', () => {
    for (const [key, text] of flatten(easy.views)) expect(text, key).not.toBe(bases.views.get(key))
  })
})

it('gives English and German the same easy keys', () => {
  expect([...flatten(enEasy).keys()].sort()).toEqual([...flatten(deEasy).keys()].sort())
})

describe('the switch’s texts', () => {
  it('are loaded on demand and read over the base namespace', async () => {
    expect(easyTextsLoaded()).toBe(false)
    await loadEasyTexts()
    expect(easyTextsLoaded()).toBe(true)
    const easy = easyTFor('de', 'views')
    expect(easy('instruction.collect')).toMatch(/^Jetzt sammeln alle Ideen\.\n/)
    // A key without an easy variant keeps its usual text.
    expect(easy('idea.send')).toBe(tFor('de', 'views')('idea.send'))
    expect(easy('vote.dotsLeft', { count: 2 })).toBe('Sie haben noch 2 Punkte.')
    expect(easyTFor('en', 'views')('vote.dotsLeft', { count: 1 })).toBe('You have 1 dot left.')
    expect(easyTFor('de', 'common')('join.nameRequired')).toMatch(/^Bitte schreiben Sie/)
    expect(easyTFor('de', 'common')('join.join')).toBe('Beitreten')
    // The usual texts are untouched.
    expect(tFor('de', 'views')('instruction.collect')).toBe(deViews.instruction.collect)
  })
})
