/**
 * Leichte Sprache (Easy Read in English): a third text variant of the participant views' fixed
 * texts — phase explanations, hints, buttons' help. `locales/{de,en}/easy.ts` hold only the
 * strings that differ; `mergeOver` lays them over the base namespace, and the merged resource is
 * registered as namespace `viewsEasy` / `commonEasy`, which `useT()` reads while the switch is on.
 *
 * The texts are a lazy chunk (`easyResources.ts`): the phone bundle of everyone who never turns
 * the switch on stays as it was. The choice is kept in localStorage; when it is on at start-up
 * the chunk is requested at once, before the first render needs it.
 * @module
 */
import type { TFunction } from 'i18next'
import { i18n } from './i18n.ts'
import type { Lang } from './lang.ts'
import type { BaseNamespace } from './resources.ts'

/** The Leichte-Sprache strings of a namespace: any subset of its keys, each a string. */
export type EasyTexts<T> = {
  readonly [K in keyof T]?: T[K] extends string ? string : EasyTexts<T[K]>
}

/** The namespaces that have an easy variant, and the i18next namespace of the merged result. */
export const EASY_NAMESPACE = {
  common: 'commonEasy',
  views: 'viewsEasy',
} as const satisfies Record<BaseNamespace, string>

const STORAGE_KEY = 'ideenwand:easy'

/**
 * `base` with every string of `override` in its place, nested objects merged the same way.
 * A key of `override` that `base` lacks is an error: an easy text must replace a real one.
 * @example mergeOver({ a: 'x', b: { c: 'y' } }, { b: { c: 'z' } }) // { a: 'x', b: { c: 'z' } }
 */
export function mergeOver<T extends object>(base: T, override: EasyTexts<T>): T {
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) }
  for (const [key, value] of Object.entries(override)) {
    const original = out[key]
    if (original === undefined) throw new Error(`easy text for an unknown key: ${key}`)
    if (typeof value === 'string') {
      if (typeof original !== 'string') throw new Error(`easy text replaces a group: ${key}`)
      out[key] = value
    } else if (typeof original === 'object' && original !== null && value) {
      out[key] = mergeOver(original, value as EasyTexts<object>)
    } else {
      throw new Error(`easy group replaces a text: ${key}`)
    }
  }
  return out as T
}

export function readStoredEasy(): boolean {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'on'
  } catch {
    return false
  }
}

export function storeEasy(on: boolean): void {
  try {
    if (on) localStorage.setItem(STORAGE_KEY, 'on')
    else localStorage.removeItem(STORAGE_KEY)
  } catch {
    // Private mode or storage disabled: the choice lasts for this page only.
  }
}

let loading: Promise<void> | null = null
let loaded = false

/** True once the easy texts are registered (then `easyTFor` gives them). */
export const easyTextsLoaded = (): boolean => loaded

/** Loads and registers the easy texts once; a failed load (offline) may be retried. */
export function loadEasyTexts(): Promise<void> {
  loading ??= import('./easyResources.ts').then(
    () => {
      loaded = true
    },
    (error: unknown) => {
      loading = null
      throw error
    },
  )
  return loading
}

/** The strings of `ns` in their easy variant; only once `easyTextsLoaded()`. */
export function easyTFor<N extends BaseNamespace>(lang: Lang, ns: N): TFunction<N> {
  // The merged namespace has the base namespace's keys, so its `t` is typed as the base's.
  return i18n.getFixedT(lang, EASY_NAMESPACE[ns] as never) as unknown as TFunction<N>
}
