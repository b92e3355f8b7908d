/**
 * The `outcome` namespace (export, open-data versions, carrying ideas, what became of the ideas,
 * retention) and the hook that reads it. Importing this module registers the strings, so they
 * arrive with the workshop pages and the facilitation panel that use them, not with the phone.
 * @module
 */
import type { TFunction } from 'i18next'
import { useMemo } from 'react'
import { i18n, tFor } from './i18n.ts'
import { useLang } from './LangProvider.tsx'
import { outcome as de } from './locales/de/outcome.ts'
import { outcome as en } from './locales/en/outcome.ts'

i18n.addResourceBundle('de', 'outcome', de)
i18n.addResourceBundle('en', 'outcome', en)

/** The outcome strings in the active language, e.g. `ot('openData.heading')`. */
export function useOutcomeT(): TFunction<'outcome'> {
  const { lang } = useLang()
  return useMemo(() => tFor(lang, 'outcome'), [lang])
}
