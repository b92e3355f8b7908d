/**
 * The `flow` namespace (phase bar, timer, facilitation panel, voting, results, suggestions) and
 * the hook that reads it. Importing this module registers the strings, so they arrive with the
 * board chunk that uses them instead of in every entry.
 * @module
 */
import type { TFunction } from 'i18next'
import { useMemo } from 'react'
import { i18n, tFor } from './i18n.ts'
import { useLang } from './LangProvider.tsx'
import { flow as de } from './locales/de/flow.ts'
import { flow as en } from './locales/en/flow.ts'

i18n.addResourceBundle('de', 'flow', de)
i18n.addResourceBundle('en', 'flow', en)

/** The flow strings in the active language, e.g. `ft('dotsLeft', { count: 2 })` → "noch 2 Punkte". */
export function useFlowT(): TFunction<'flow'> {
  const { lang } = useLang()
  return useMemo(() => tFor(lang, 'flow'), [lang])
}
