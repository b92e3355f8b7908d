/** Normalisation, stop words, language choice and stemming as the clustering sees a text. */
import { describe, expect, it } from 'vitest'
import { similarity } from './similarity'
import { detectLanguage } from './stopWords'
import { bestSurface } from './titles'
import { tokenize } from './tokenize'

describe('tokenize', () => {
  it('keeps content words as Snowball stems', () => {
    expect(tokenize('Mehr Radwege zwischen Bad Belzig und Wiesenburg!')).toEqual([
      'radweg',
      'bad',
      'belzig',
      'wiesenburg',
    ])
  })

  it('drops URLs, e-mail addresses and number-only tokens but keeps B102', () => {
    expect(tokenize('Siehe https://example.org/x, info@belzig.de, 2024 um 18:30: B102!')).toEqual([
      'sieh',
      'b102',
    ])
  })

  it('folds ß, umlauts and full-width letters', () => {
    expect(tokenize('Straße')).toEqual(tokenize('Strasse'))
    expect(tokenize('Ｒａｄｗｅｇｅ')).toEqual(['radweg'])
    expect(tokenize('Bäume')).toEqual(tokenize('Baum'))
  })

  it('stems English ideas with the English stemmer', () => {
    expect(tokenize('The cycle paths should be repaired')).toEqual(['cycl', 'path', 'repair'])
    expect(tokenize('cycling', 'en')).toEqual(['cycl'])
  })

  it('returns nothing for emoji and punctuation', () => {
    expect(tokenize('👍👍 !!! … 🚲')).toEqual([])
    expect(tokenize('')).toEqual([])
  })
})

describe('detectLanguage', () => {
  it('decides by stop words and umlauts, and abstains without evidence', () => {
    expect(detectLanguage(['mehr', 'bänke', 'am', 'see'])).toBe('de')
    expect(detectLanguage(['a', 'bench', 'by', 'the', 'lake'])).toBe('en')
    expect(detectLanguage(['skatepark'])).toBeUndefined()
  })
})

describe('similarity', () => {
  it('is 1 for the same idea, 0 for unrelated ones, high for inflected variants', () => {
    expect(similarity('Radweg nach Lütte', 'Radweg nach Lütte')).toBeCloseTo(1, 12)
    expect(similarity('Radweg nach Lütte', 'Kino im Schlosspark')).toBe(0)
    expect(
      similarity('Mehr Radwege nach Wiesenburg', 'Radweg Wiesenburg ausbauen'),
    ).toBeGreaterThan(0.6)
  })
})

describe('bestSurface', () => {
  it('prefers the most frequent form, then the capitalised one as typed', () => {
    expect(
      bestSurface(
        new Map([
          ['radwege', 3],
          ['Radwege', 1],
        ]),
      ),
    ).toBe('radwege')
    expect(
      bestSurface(
        new Map([
          ['radwege', 1],
          ['Radwege', 1],
        ]),
      ),
    ).toBe('Radwege')
    expect(
      bestSurface(
        new Map([
          ['Radwegen', 1],
          ['Radweg', 1],
        ]),
      ),
    ).toBe('Radweg')
  })
})
