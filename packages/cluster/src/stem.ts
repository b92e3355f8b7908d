/**
 * Snowball stemming for German and English. German uses `@orama/stemmers/german` (the Snowball
 * German algorithm as a 6 KB ES module; it folds ä/ö/ü to a/o/u and ß to ss). English uses
 * `wink-porter2-stemmer` (Porter2 = Snowball English); Orama's English module is the older Porter
 * algorithm ("bus" → "bu"). Results are cached per process: workshop vocabularies are small.
 */
import { stemmer as germanStem } from '@orama/stemmers/german'
import englishStem from 'wink-porter2-stemmer'
import type { Language } from './stopWords'

const MAX_CACHE = 50_000
const cache: Record<Language, Map<string, string>> = { de: new Map(), en: new Map() }

/** Stems a lower-cased word with the Snowball stemmer of the given language. */
export function stem(word: string, language: Language): string {
  const memo = cache[language]
  const hit = memo.get(word)
  if (hit !== undefined) return hit
  const out = language === 'de' ? germanStem(word) : englishStem(word)
  if (memo.size >= MAX_CACHE) memo.clear()
  memo.set(word, out)
  return out
}
