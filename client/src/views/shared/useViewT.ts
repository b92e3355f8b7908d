/** The views' strings in the active UI language (see `i18n/viewMessages.ts`). */
import { useLang } from '../../i18n/LangProvider.tsx'
import { type ViewMessages, viewMessages } from '../../i18n/viewMessages.ts'

export function useViewT(): ViewMessages {
  return viewMessages[useLang().lang]
}
