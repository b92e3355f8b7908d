import { describe, expect, it } from 'vitest'
import { tFor } from './i18n.ts'
import { common as deCommon } from './locales/de/common.ts'
import { control as deControl } from './locales/de/control.ts'
import { outcome as deOutcome } from './locales/de/outcome.ts'
import { views as deViews } from './locales/de/views.ts'
import { common as enCommon } from './locales/en/common.ts'
import { control as enControl } from './locales/en/control.ts'
import { outcome as enOutcome } from './locales/en/outcome.ts'
import { views as enViews } from './locales/en/views.ts'
import { flatten, variables } from './resourceKeys.ts'
import './useControlT.ts' // registers the `control` namespace, as the board chunk does
import './useOutcomeT.ts' // and `outcome`, as the workshop pages do

const namespaces = {
  common: { de: deCommon, en: enCommon },
  control: { de: deControl, en: enControl },
  outcome: { de: deOutcome, en: enOutcome },
  views: { de: deViews, en: enViews },
}

describe.each(Object.entries(namespaces))('namespace %s', (_ns, { de, en }) => {
  const deKeys = flatten(de)
  const enKeys = flatten(en)

  it('has every key in German and English, none empty', () => {
    expect([...enKeys.keys()].sort()).toEqual([...deKeys.keys()].sort())
    for (const [key, text] of [...deKeys, ...enKeys]) expect(text.trim(), key).not.toBe('')
  })

  it('uses the same interpolation variables in both languages', () => {
    for (const [key, text] of deKeys) {
      expect(variables(enKeys.get(key) ?? ''), key).toEqual(variables(text))
    }
  })

  it('gives every plural an _one and an _other form that use the count', () => {
    for (const key of deKeys.keys()) {
      const base = key.replace(/_(one|other)$/, '')
      if (base === key) continue
      expect(deKeys.has(`${base}_one`) && deKeys.has(`${base}_other`), base).toBe(true)
      expect(variables(deKeys.get(`${base}_other`) ?? '').join(), base).toMatch(/count/)
    }
  })
})

describe('plurals and numbers', () => {
  it('counts ideas and dots in German', () => {
    const v = tFor('de', 'views')
    const ct = tFor('de', 'control')
    expect(v('projector.ideaCount', { count: 1 })).toBe('1 Idee')
    expect(v('projector.ideaCount', { count: 3 })).toBe('3 Ideen')
    expect(v('projector.ideaCount', { count: 0 })).toBe('0 Ideen')
    expect(ct('dotsLeft', { count: 1 })).toBe('noch 1 Punkt')
    expect(ct('dotsLeft', { count: 3 })).toBe('noch 3 Punkte')
    expect(ct('announce.roundOpen', { count: 1 })).toBe('Abstimmung gestartet: Sie haben 1 Punkt')
  })

  it('counts ideas and dots in English', () => {
    const v = tFor('en', 'views')
    const ct = tFor('en', 'control')
    expect(v('projector.ideaCount', { count: 1 })).toBe('1 idea')
    expect(v('projector.ideaCount', { count: 3 })).toBe('3 ideas')
    expect(ct('dotsLeft', { count: 1 })).toBe('1 dot left')
    expect(ct('dotsLeft', { count: 3 })).toBe('3 dots left')
  })

  it('formats large counts with the language’s digit grouping', () => {
    expect(tFor('de', 'common')('participants.count', { count: 1200 })).toBe('1.200 Personen')
    expect(tFor('en', 'common')('participants.count', { count: 1200 })).toBe('1,200 people')
  })

  it('builds the screen-reader time left from plural parts', () => {
    const v = tFor('de', 'views')
    const minutes = v('minutes', { count: 1 })
    const seconds = v('seconds', { count: 5 })
    expect(v('timeLeft', { minutes, seconds })).toBe('noch 1 Minute 5 Sekunden')
    expect(v('timeLeftSeconds', { seconds: v('seconds', { count: 1 }) })).toBe('noch 1 Sekunde')
  })
})

describe('interpolation', () => {
  it('inserts names as they are (React escapes, i18next must not)', () => {
    const t = tFor('de', 'common')
    expect(t('nav.guestIn', { name: 'Aylin', workshop: 'Markt & Mitte' })).toBe(
      'Aylin in „Markt & Mitte“',
    )
    expect(tFor('en', 'common')('nav.signedInAs', { name: '<Ben>' })).toBe('Signed in as <Ben>')
  })

  it('does not resolve i18next syntax typed by users', () => {
    const v = tFor('de', 'views')
    expect(v('announce.newIdea', { text: '{{count}} $t(appName)' })).toBe(
      'Neue Idee: {{count}} $t(appName)',
    )
  })

  it('keeps the texts the end-to-end tests look for', () => {
    const t = tFor('de', 'common')
    expect(t('setup.submit')).toBe('Konto anlegen')
    expect(t('workshops.create')).toBe('Workshop anlegen')
    expect(t('start.join')).toBe('Teilnehmen')
    expect(t('board.closedRemoved')).toBe('Sie wurden aus dem Workshop entfernt.')
  })
})
