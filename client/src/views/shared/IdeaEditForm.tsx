/**
 * Inline editing of one idea's text: a labelled textarea that takes the focus, Save / Cancel,
 * Escape cancels and Ctrl/⌘+Enter saves. Used by the phone and the list view.
 */
import { MAX_IDEA_TEXT } from '@ideenwand/board'
import { type FormEvent, useEffect, useId, useRef, useState } from 'react'
import { useT } from '../../i18n/LangProvider.tsx'

export function IdeaEditForm({
  initial,
  onSave,
  onCancel,
}: {
  initial: string
  onSave: (text: string) => void
  onCancel: () => void
}) {
  const v = useT('views')
  const id = useId()
  const [text, setText] = useState(initial)
  const [error, setError] = useState<string | null>(null)
  const field = useRef<HTMLTextAreaElement>(null)
  useEffect(() => {
    const el = field.current
    if (!el) return
    el.focus()
    el.setSelectionRange(el.value.length, el.value.length)
  }, [])
  const submit = (event?: FormEvent) => {
    event?.preventDefault()
    if (!text.trim()) {
      setError(v('idea.empty'))
      field.current?.focus()
      return
    }
    onSave(text.trim())
  }
  return (
    <form className="iwv-edit" onSubmit={submit} noValidate>
      <label htmlFor={id}>{v('idea.editLabel')}</label>
      <textarea
        ref={field}
        id={id}
        value={text}
        rows={3}
        maxLength={MAX_IDEA_TEXT}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => {
          setText(event.target.value)
          setError(null)
        }}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.preventDefault()
            onCancel()
          } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault()
            submit()
          }
        }}
      />
      {error ? (
        <p id={`${id}-error`} className="iw-field-error">
          {error}
        </p>
      ) : null}
      <div className="iwv-actions">
        <button type="submit" className="iw-button iw-button-primary">
          {v('idea.save')}
        </button>
        <button type="button" className="iw-button" onClick={onCancel}>
          {v('idea.cancel')}
        </button>
      </div>
    </form>
  )
}
