/**
 * A button whose action needs a second, explicit confirmation: the first click shows the
 * question with "confirm" and "cancel" in place (no modal, keyboard-friendly, focus moves to the
 * confirm button).
 */
import { type ReactNode, useEffect, useRef, useState } from 'react'
import { useT } from '../i18n/LangProvider.tsx'

export function ConfirmButton({
  children,
  question,
  confirmLabel,
  onConfirm,
  danger,
  disabled,
  testId,
}: {
  children: ReactNode
  question: string
  confirmLabel: string
  onConfirm: () => void
  danger?: boolean
  disabled?: boolean
  testId?: string
}) {
  const t = useT()
  const [asking, setAsking] = useState(false)
  const confirm = useRef<HTMLButtonElement>(null)
  const opener = useRef<HTMLButtonElement>(null)
  const wasAsking = useRef(false)
  useEffect(() => {
    if (asking) confirm.current?.focus()
    else if (wasAsking.current) opener.current?.focus()
    wasAsking.current = asking
  }, [asking])
  if (!asking) {
    return (
      <button
        ref={opener}
        type="button"
        className={`iw-button ${danger ? 'iw-button-danger' : ''}`}
        disabled={disabled}
        onClick={() => setAsking(true)}
        data-testid={testId}
      >
        {children}
      </button>
    )
  }
  return (
    <fieldset className="iw-confirm">
      <legend>{question}</legend>
      <div className="iw-row">
        <button
          ref={confirm}
          type="button"
          className={`iw-button ${danger ? 'iw-button-danger-solid' : 'iw-button-primary'}`}
          onClick={() => {
            setAsking(false)
            onConfirm()
          }}
          data-testid={testId ? `${testId}-confirm` : undefined}
        >
          {confirmLabel}
        </button>
        <button type="button" className="iw-button" onClick={() => setAsking(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </fieldset>
  )
}
