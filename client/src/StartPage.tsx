/** Start page: product name, a short introduction, create a board or open one by id. */
import { type FormEvent, useId, useState } from 'react'
import { useT } from './i18n/LangProvider.tsx'
import { LangSwitch } from './i18n/LangSwitch.tsx'
import { BOARD_ID_PATTERN, boardPath, navigate, newBoardId } from './router.ts'

export function StartPage() {
  const t = useT()
  const inputId = useId()
  const errorId = useId()
  const [boardId, setBoardId] = useState('')
  const [invalid, setInvalid] = useState(false)

  const open = (event: FormEvent) => {
    event.preventDefault()
    const id = boardId.trim()
    if (!BOARD_ID_PATTERN.test(id)) {
      setInvalid(true)
      return
    }
    navigate(boardPath(id))
  }

  return (
    <main className="iw-page iw-start">
      <header className="iw-start-header">
        <LangSwitch />
      </header>
      <h1>{t.appName}</h1>
      <p className="iw-tagline">{t.tagline}</p>
      <p>{t.intro}</p>
      <button
        type="button"
        className="iw-button iw-button-primary"
        onClick={() => navigate(boardPath(newBoardId()))}
      >
        {t.newBoard}
      </button>
      <form className="iw-open-form" onSubmit={open} noValidate>
        <label htmlFor={inputId}>{t.openBoardLabel}</label>
        <div className="iw-row">
          <input
            id={inputId}
            value={boardId}
            placeholder={t.openBoardPlaceholder}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={invalid}
            aria-describedby={invalid ? errorId : undefined}
            onChange={(event) => {
              setBoardId(event.target.value)
              setInvalid(false)
            }}
          />
          <button type="submit" className="iw-button">
            {t.openBoard}
          </button>
        </div>
        {invalid && (
          <p id={errorId} className="iw-error" role="alert">
            {t.invalidBoardId}
          </p>
        )}
      </form>
    </main>
  )
}
