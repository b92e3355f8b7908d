/**
 * The client's strings as i18next resources, per language and namespace, bundled rather than
 * fetched (the phone view must work offline). German (`locales/de/*`) is the source of the key
 * types; `locales/en/*` must have the same keys (`Translation`).
 *
 * `common` and `views` are in every entry (pages, phone). `control` is only needed on the canvas,
 * so `useControlT.ts` adds it with the board chunk and the phone bundle stays small.
 * @module
 */
import type { Lang } from './lang.ts'
import { common as deCommon } from './locales/de/common.ts'
import type { control as deControl } from './locales/de/control.ts'
import type { outcome as deOutcome } from './locales/de/outcome.ts'
import { views as deViews } from './locales/de/views.ts'
import { common as enCommon } from './locales/en/common.ts'
import { views as enViews } from './locales/en/views.ts'

/** Every namespace with its German strings: their literal types give `t()` keys and variables. */
export interface Resources {
  common: typeof deCommon
  control: typeof deControl
  outcome: typeof deOutcome
  views: typeof deViews
}
export type Namespace = keyof Resources

/** The namespaces loaded at start-up. */
export const BASE_NAMESPACES = ['common', 'views'] as const
export type BaseNamespace = (typeof BASE_NAMESPACES)[number]

export const baseResources = {
  de: { common: deCommon, views: deViews },
  en: { common: enCommon, views: enViews },
} satisfies Record<Lang, Record<BaseNamespace, object>>
