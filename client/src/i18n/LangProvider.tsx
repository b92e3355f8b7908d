/**
 * The active UI language (German by default), persisted in localStorage and mirrored into
 * i18next and `<html lang>`, and the `useT()` hook components read their strings from — a few
 * lines instead of react-i18next, which keeps the phone bundle small. It also holds the switch
 * "Leichte Sprache" (`easy.ts`): while it is on, `useT()` gives the easy variant of `common` and
 * `views` (the language, and `<html lang>`, stay as they are).
 */
import type { TFunction } from 'i18next'
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
} from 'react'
import { easyTextsLoaded, easyTFor, loadEasyTexts, readStoredEasy, storeEasy } from './easy.ts'
import { i18n, tFor } from './i18n.ts'
import { DEFAULT_LANG, isLang, type Lang } from './lang.ts'
import type { BaseNamespace } from './resources.ts'

const STORAGE_KEY = 'ideenwand:lang'

function readStoredLang(): Lang {
  try {
    const stored = localStorage.getItem(STORAGE_KEY)
    return isLang(stored) ? stored : DEFAULT_LANG
  } catch {
    return DEFAULT_LANG
  }
}

interface LangContextValue {
  lang: Lang
  setLang: (lang: Lang) => void
  /** The switch "Leichte Sprache" is on. */
  easy: boolean
  setEasy: (on: boolean) => void
  /** The easy texts are on and loaded: `useT()` gives them. */
  easyTexts: boolean
}

const LangContext = createContext<LangContextValue>({
  lang: DEFAULT_LANG,
  setLang: () => {},
  easy: false,
  setEasy: () => {},
  easyTexts: false,
})

/** The switch's state, persisted; the easy texts are fetched while it is on. */
function useEasyChoice(): Pick<LangContextValue, 'easy' | 'setEasy' | 'easyTexts'> {
  const [easy, setEasyState] = useState(readStoredEasy)
  const [loaded, setLoaded] = useState(easyTextsLoaded)
  useEffect(() => {
    if (!easy || loaded) return
    let live = true
    loadEasyTexts().then(
      () => live && setLoaded(true),
      // Offline before the chunk was fetched: the usual texts stay until the next try.
      () => undefined,
    )
    return () => {
      live = false
    }
  }, [easy, loaded])
  const easyTexts = easy && loaded
  useEffect(() => {
    document.documentElement.classList.toggle('iw-easy', easyTexts)
  }, [easyTexts])
  const setEasy = useCallback((on: boolean) => {
    setEasyState(on)
    storeEasy(on)
  }, [])
  return { easy, setEasy, easyTexts }
}

export function LangProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(readStoredLang)
  const { easy, setEasy, easyTexts } = useEasyChoice()

  const setLang = useCallback((next: Lang) => {
    setLangState(next)
    try {
      localStorage.setItem(STORAGE_KEY, next)
    } catch {
      // Private mode or storage disabled: the choice lasts for this page only.
    }
  }, [])

  useEffect(() => {
    document.documentElement.lang = lang
    // Resources are bundled, so this switches at once; components do not depend on it (they
    // use a `t` fixed to `lang`), it keeps `i18n.language` right for anything else.
    void i18n.changeLanguage(lang)
  }, [lang])

  const value = useMemo(
    () => ({ lang, setLang, easy, setEasy, easyTexts }),
    [lang, setLang, easy, setEasy, easyTexts],
  )
  return <LangContext.Provider value={value}>{children}</LangContext.Provider>
}

export function useLang(): LangContextValue {
  return useContext(LangContext)
}

/**
 * The strings of a namespace in the active language (`common` unless named), in Leichte Sprache
 * while that switch is on; a new function when either changes. The canvas's `control` strings come from `useControlT()`.
 * @example const t = useT(); t('nav.signedInAs', { name }) // "Angemeldet als Aylin"
 * @example const v = useT('views'); v('vote.dotsLeft', { count: 2 }) // "Noch 2 Punkte übrig"
 */
export function useT(): TFunction<'common'>
export function useT<N extends BaseNamespace>(ns: N): TFunction<N>
export function useT(ns: BaseNamespace = 'common'): TFunction<BaseNamespace> {
  const { lang, easyTexts } = useLang()
  return useMemo(() => (easyTexts ? easyTFor(lang, ns) : tFor(lang, ns)), [lang, ns, easyTexts])
}
