/** A two-option language switch (de / en) for the page chrome. */
import { useLang, useT } from './LangProvider.tsx'
import { LANGS } from './lang.ts'

export function LangSwitch() {
  const { lang, setLang } = useLang()
  const t = useT()
  return (
    <label className="iw-lang">
      <span className="iw-visually-hidden">{t('language')}</span>
      <select
        value={lang}
        onChange={(event) => {
          const next = LANGS.find((l) => l === event.target.value)
          if (next) setLang(next)
        }}
      >
        {LANGS.map((l) => (
          <option key={l} value={l}>
            {t(`langName.${l}`)}
          </option>
        ))}
      </select>
    </label>
  )
}
