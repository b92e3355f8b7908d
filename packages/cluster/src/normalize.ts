/**
 * Text normalisation: turns an idea's free text into surface tokens. Unicode NFKC (so ligatures,
 * full-width letters and composed umlauts compare equal), URLs and e-mail addresses removed, split
 * on anything that is not a letter, mark or digit, number-only and one-letter tokens dropped.
 * Case is kept here because titles show words as people wrote them; callers lower-case for terms.
 */

/** Longer texts are cut before tokenising so that one pasted essay cannot stall the board. */
export const MAX_TEXT_CHARS = 10_000

const URL_RE = /(?:https?:\/\/|www\.)\S+/giu
const EMAIL_RE = /\S+@\S+\.\S+/gu
const WORD_RE = /[\p{L}\p{M}\p{N}]+(?:'[\p{L}\p{M}]+)*/gu
const HAS_LETTER_RE = /\p{L}/u

/**
 * Splits text into surface tokens (case preserved).
 * @example surfaceTokens('Radweg nach Lütte (B102), 2 km! https://x.de') // ['Radweg', 'nach', 'Lütte', 'B102', 'km']
 */
export function surfaceTokens(text: string): string[] {
  const clean = text
    .slice(0, MAX_TEXT_CHARS)
    .normalize('NFKC')
    .replace(/[’‘`´]/gu, "'")
    .replace(URL_RE, ' ')
    .replace(EMAIL_RE, ' ')
  const out: string[] = []
  for (const match of clean.matchAll(WORD_RE)) {
    const word = match[0]
    if (word.length < 2 || !HAS_LETTER_RE.test(word)) continue
    out.push(word)
  }
  return out
}

/** Lower-cases a surface token for stop-word lookup and stemming (ß stays; the stemmer folds it). */
export function foldCase(word: string): string {
  return word.toLowerCase()
}
