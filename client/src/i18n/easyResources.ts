/**
 * The lazy chunk of the Leichte-Sprache texts (see `easy.ts`): importing it merges each
 * language's easy strings over the base namespaces and registers the results.
 * @module
 */
import { EASY_NAMESPACE, mergeOver } from './easy.ts'
import { i18n } from './i18n.ts'
import type { Lang } from './lang.ts'
import { easy as deEasy } from './locales/de/easy.ts'
import { easy as enEasy } from './locales/en/easy.ts'
import { baseResources } from './resources.ts'

const easyTexts = { de: deEasy, en: enEasy } as const

for (const lang of Object.keys(easyTexts) as Lang[]) {
  const base = baseResources[lang]
  const easy = easyTexts[lang]
  i18n.addResourceBundle(lang, EASY_NAMESPACE.common, mergeOver(base.common, easy.common))
  i18n.addResourceBundle(lang, EASY_NAMESPACE.views, mergeOver(base.views, easy.views))
}
