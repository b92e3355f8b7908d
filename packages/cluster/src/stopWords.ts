/**
 * Stop words and cheap language detection. The base lists are the Snowball lists shipped by
 * `@orama/stopwords` (function words only, per-language modules so a browser bundle carries two
 * small arrays). On top sits a short curated list of words that residents use in almost every
 * idea ("bitte", "mehr", "endlich", "should", …) and that would otherwise glue unrelated ideas.
 */
import { stopwords as en } from '@orama/stopwords/english'
import { stopwords as de } from '@orama/stopwords/german'

/** A language the pipeline can stem. */
export type Language = 'de' | 'en'

const DE_FILLER = (
  'bitte mehr gibt geben wäre wären schön schöner toll gut gute guten besser bessere besseren ' +
  'neu neue neuen neuer neues sollten könnten brauchen braucht bräuchten wünsche wünschen ' +
  'idee vorschlag endlich öfter unbedingt einfach vielleicht mal gerne gern ganz immer viele ' +
  'vielen mehrere ständig eigentlich dass dafür davon sowie wer zb usw etc ab bzw'
).split(' ')

const EN_FILLER = (
  'more better new please need needs should would could idea really also nice great good lot ' +
  'lots maybe want like get make can let etc'
).split(' ')

const DE_SET: ReadonlySet<string> = new Set([...de, ...DE_FILLER])
const EN_SET: ReadonlySet<string> = new Set([...en, ...EN_FILLER])

/** True if the lower-cased word is a German or English stop word (ideas mix both). */
export function isStopWord(word: string): boolean {
  return DE_SET.has(word) || EN_SET.has(word)
}

const GERMAN_LETTER_RE = /[äöüß]/u

/**
 * Scores lower-cased tokens for German vs English by stop-word hits (umlauts and ß count for
 * German). Returns undefined when the evidence is even, so the caller can fall back to the
 * board's majority language.
 */
export function detectLanguage(words: readonly string[]): Language | undefined {
  const score = languageScore(words)
  if (score > 0) return 'de'
  if (score < 0) return 'en'
  return undefined
}

/** Positive for German evidence, negative for English, 0 for none or a tie. */
export function languageScore(words: readonly string[]): number {
  let score = 0
  for (const w of words) {
    if (DE_SET.has(w) || GERMAN_LETTER_RE.test(w)) score++
    if (EN_SET.has(w)) score--
  }
  return score
}
