/**
 * The text of an idea being written or edited in the phone and list views (the phone's composer,
 * the list's "add" form, editing one idea): the draft, its error message and field, and the rule
 * that an idea is not empty — one copy for the three forms.
 */
import { MAX_IDEA_TEXT } from '@ideenwand/board'
import { type ChangeEvent, useRef, useState } from 'react'
import { useT } from '../../i18n/LangProvider.tsx'

export function useIdeaText(initial = '') {
  const v = useT('views')
  const [text, setText] = useState(initial)
  const [error, setError] = useState<string | null>(null)
  const field = useRef<HTMLTextAreaElement>(null)
  return {
    text,
    setText,
    error,
    setError,
    field,
    /** The trimmed text; or null, after saying that it is empty and focusing the field. */
    take(): string | null {
      const value = text.trim()
      if (value) return value
      setError(v('idea.empty'))
      field.current?.focus()
      return null
    },
    /** The textarea's value, length limit, validity and change handler (typing clears the error). */
    textarea: {
      ref: field,
      value: text,
      maxLength: MAX_IDEA_TEXT,
      'aria-invalid': error ? true : undefined,
      onChange: (event: ChangeEvent<HTMLTextAreaElement>) => {
        setText(event.target.value)
        setError(null)
      },
    },
  }
}

/** The error under an idea's textarea, which the textarea names in `aria-describedby`. */
export function IdeaTextError({ id, error }: { id: string; error: string | null }) {
  return error ? (
    <p id={id} className="iw-field-error">
      {error}
    </p>
  ) : null
}
