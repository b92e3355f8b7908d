/**
 * The always-visible "Deine Idee" field with "Senden": tap the field, type, tap send. The idea is
 * written to the Y.Doc at once — online or not (BoardConnection keeps it in IndexedDB and the
 * sync handshake delivers it later). The field keeps the focus for the next idea.
 */
import { BoardError, MAX_IDEA_TEXT } from '@ideenwand/board'
import { type FormEvent, useId, useRef, useState } from 'react'
import { useT } from '../../i18n/LangProvider.tsx'

export function IdeaComposer({
  disabledReason,
  onAdd,
}: {
  /** Why adding is not possible now (the field is then read-only), or null. */
  disabledReason: string | null
  /** Writes the idea; returns its id. May throw BoardError. */
  onAdd: (text: string) => string
}) {
  const v = useT('views')
  const id = useId()
  const [text, setText] = useState('')
  const [error, setError] = useState<string | null>(null)
  const field = useRef<HTMLTextAreaElement>(null)
  const disabled = disabledReason !== null
  const describedBy = [disabledReason ? `${id}-why` : null, error ? `${id}-error` : null]
    .filter(Boolean)
    .join(' ')

  const submit = (event?: FormEvent) => {
    event?.preventDefault()
    if (disabled) return
    const value = text.trim()
    if (!value) {
      setError(v('idea.empty'))
      field.current?.focus()
      return
    }
    try {
      onAdd(value)
      setText('')
      setError(null)
    } catch (caught) {
      setError(
        caught instanceof BoardError && caught.code === 'text-too-long'
          ? v('idea.tooLong', { max: MAX_IDEA_TEXT })
          : String(caught),
      )
    }
    // Keep the keyboard up for the next idea.
    field.current?.focus()
  }

  return (
    <form className="iwv-composer" onSubmit={submit} noValidate>
      <label htmlFor={id} className="iwv-composer-label">
        {v('idea.yourIdea')}
      </label>
      <textarea
        ref={field}
        id={id}
        value={text}
        rows={3}
        maxLength={MAX_IDEA_TEXT}
        readOnly={disabled}
        aria-disabled={disabled || undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        enterKeyHint="send"
        data-testid="phone-idea-input"
        onChange={(event) => {
          setText(event.target.value)
          setError(null)
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault()
            submit()
          }
        }}
      />
      {disabledReason ? (
        <p id={`${id}-why`} className="iw-hint">
          {disabledReason}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="iw-field-error">
          {error}
        </p>
      ) : null}
      <button
        type="submit"
        className="iw-button iw-button-primary iwv-send"
        disabled={disabled}
        data-testid="phone-idea-send"
      >
        {v('idea.send')}
      </button>
    </form>
  )
}
