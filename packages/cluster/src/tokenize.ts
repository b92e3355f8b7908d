/**
 * The analysis step shared by clustering and the public helpers: surface tokens → lower-case →
 * stop words out → language per text (given, or detected) → Snowball stem. Each kept token
 * remembers its surface form so titles can show "Radwege" instead of the stem "radweg".
 */
import { foldCase, surfaceTokens } from './normalize'
import { stem } from './stem'
import { isStopWord, type Language, languageScore } from './stopWords'

/** Language option of the public API: fixed, or detected per idea. */
export type LanguageOption = Language | 'auto'

/** A kept token: the stemmed term and the word as written. */
export interface AnalyzedToken {
  term: string
  surface: string
}

/** One analysed text before stemming: lower-cased content words and the language evidence. */
export interface PreparedText {
  words: { lower: string; surface: string }[]
  /** > 0 German, < 0 English, 0 undecided (see `languageScore`). */
  score: number
}

/**
 * Splits, folds and removes stop words and the caller's `ignore` words (lower-cased); the
 * language decision is left to the caller.
 */
export function prepare(text: string, ignore: ReadonlySet<string>): PreparedText {
  const lowered = surfaceTokens(text).map((surface) => ({ surface, lower: foldCase(surface) }))
  const score = languageScore(lowered.map((w) => w.lower))
  const words = lowered.filter((w) => !isStopWord(w.lower) && !ignore.has(w.lower))
  return { words, score }
}

/** Picks the language of one text: the option if fixed, else its own evidence, else `fallback`. */
export function chooseLanguage(
  score: number,
  option: LanguageOption,
  fallback: Language,
): Language {
  if (option !== 'auto') return option
  if (score > 0) return 'de'
  if (score < 0) return 'en'
  return fallback
}

/** Stems the prepared words of one text. */
export function stemPrepared(prepared: PreparedText, language: Language): AnalyzedToken[] {
  return prepared.words.map((w) => ({ term: stem(w.lower, language), surface: w.surface }))
}

/**
 * The terms the clustering sees for one text: normalised, stop words removed, stemmed.
 * With `language: 'auto'` (default) a text without German or English stop words counts as German.
 * @example tokenize('Mehr Radwege zwischen Bad Belzig und Wiesenburg!') // ['radweg', 'bad', 'belzig', 'wiesenburg']
 */
export function tokenize(text: string, language: LanguageOption = 'auto'): string[] {
  const prepared = prepare(text, new Set())
  return stemPrepared(prepared, chooseLanguage(prepared.score, language, 'de')).map((t) => t.term)
}

/** Lower-cased set of the words in `ignoreWords` ("Bad Belzig" → bad, belzig). */
export function ignoreSet(words: readonly string[] | undefined): ReadonlySet<string> {
  const set = new Set<string>()
  for (const phrase of words ?? []) for (const w of surfaceTokens(phrase)) set.add(foldCase(w))
  return set
}
