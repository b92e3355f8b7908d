/** The UI languages: German by default, English second. */

export const LANGS = ['de', 'en'] as const
export type Lang = (typeof LANGS)[number]
export const DEFAULT_LANG: Lang = 'de'

export function isLang(value: unknown): value is Lang {
  return value === 'de' || value === 'en'
}
