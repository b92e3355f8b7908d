/**
 * The switch "Leichte Sprache" ("Easy Read") next to the language switch in the participant
 * views: a toggle button (`aria-pressed`) that swaps the fixed texts for their easy variant, and
 * a status line that announces the change to screen readers.
 */
import { useState } from 'react'
import { useLang, useT } from './LangProvider.tsx'

export function EasySwitch() {
  const { easy, setEasy } = useLang()
  const t = useT()
  const [announced, setAnnounced] = useState('')
  return (
    <>
      <button
        type="button"
        className="iw-easy-switch"
        aria-pressed={easy}
        onClick={() => {
          setEasy(!easy)
          setAnnounced(t(easy ? 'easyRead.off' : 'easyRead.on'))
        }}
        data-testid="easy-switch"
      >
        {t('easyRead.switch')}
      </button>
      <span role="status" className="iw-visually-hidden">
        {announced}
      </span>
    </>
  )
}
