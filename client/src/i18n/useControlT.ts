/**
 * The `control` namespace (phase bar, timer, facilitation panel, voting, results, suggestions) and
 * the hook that reads it. Importing this module registers the strings, so they arrive with the
 * board chunk that uses them instead of in every entry.
 * @module
 */
import type { TFunction } from 'i18next'
import { useMemo } from 'react'
import { i18n, tFor } from './i18n.ts'
import { useLang } from './LangProvider.tsx'
import { control as de } from './locales/de/control.ts'
import { control as en } from './locales/en/control.ts'

i18n.addResourceBundle('de', 'control', de)
i18n.addResourceBundle('en', 'control', en)

/** The control strings in the active language, e.g. `ct('dotsLeft', { count: 2 })` → "noch 2 Punkte". */
export function useControlT(): TFunction<'control'> {
  const { lang } = useLang()
  return useMemo(() => tFor(lang, 'control'), [lang])
}
