/**
 * The one i18next instance of the client. Its resources are bundled (see `resources.ts`), so it
 * is ready synchronously. Components read strings through `useT()` (`LangProvider.tsx`) or
 * `useControlT()`; code that needs a fixed language (the handout) through `tFor(lang, ns)`.
 * @module
 */
import i18next, { type i18n as I18n, type TFunction } from 'i18next'
import { DEFAULT_LANG, LANGS, type Lang } from './lang.ts'
import { BASE_NAMESPACES, baseResources, type Namespace } from './resources.ts'

export const i18n: I18n = i18next.createInstance()

void i18n.init({
  resources: baseResources,
  lng: DEFAULT_LANG,
  fallbackLng: DEFAULT_LANG,
  supportedLngs: LANGS,
  ns: BASE_NAMESPACES,
  defaultNS: 'common',
  // React escapes what it renders; escaping here would show "&amp;" in titles.
  interpolation: { escapeValue: false },
  initAsync: false,
})

/**
 * The strings of one namespace in one language.
 * @example tFor('en', 'views')('projector.ideaCount', { count: 3 }) // "3 ideas"
 */
export function tFor<N extends Namespace>(lang: Lang, ns: N): TFunction<N> {
  return i18n.getFixedT(lang, ns)
}
