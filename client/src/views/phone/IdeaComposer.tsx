/**
 * The always-visible "Ihre Idee" field with "Senden": tap the field, type, tap send. The idea is
 * written to the Y.Doc at once — online or not (BoardConnection keeps it in IndexedDB and the
 * sync handshake delivers it later). Enter sends (Shift+Enter: new line); the field empties and
 * keeps the focus for the next idea. While typing, similar public ideas are offered for a "+1"
 * instead (`DraftHints`).
 */
import { BoardError, MAX_IDEA_TEXT } from '@ideenwand/board'
import { type FormEvent, useId } from 'react'
import { useT } from '../../i18n/LangProvider.tsx'
import { useEnterSends } from '../shared/enterSends.ts'
import { DraftHints, type SimilarSource } from '../shared/SimilarHints.tsx'
import { IdeaTextError, useIdeaText } from '../shared/useIdeaText.tsx'

export function IdeaComposer({
  disabledReason,
  onAdd,
  similar,
}: {
  /** Why adding is not possible now (the field is then read-only), or null. */
  disabledReason: string | null
  /** Writes the idea; returns its id. May throw BoardError. */
  onAdd: (text: string) => string
  /** Shows similar public ideas while typing (issue 19 §3). */
  similar?: SimilarSource
}) {
  const v = useT('views')
  const id = useId()
  const idea = useIdeaText()
  const { field, error, setError } = idea
  const disabled = disabledReason !== null
  const describedBy = [disabledReason ? `${id}-why` : null, error ? `${id}-error` : null]
    .filter(Boolean)
    .join(' ')

  const onKeyDown = useEnterSends(field, () => submit())
  const submit = (event?: FormEvent) => {
    event?.preventDefault()
    if (disabled) return
    const value = idea.take()
    if (value === null) return
    try {
      onAdd(value)
      idea.setText('')
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
        {...idea.textarea}
        id={id}
        rows={3}
        readOnly={disabled}
        aria-disabled={disabled || undefined}
        aria-describedby={describedBy || undefined}
        enterKeyHint="send"
        data-testid="phone-idea-input"
        onKeyDown={onKeyDown}
      />
      {disabledReason ? (
        <p id={`${id}-why`} className="iw-hint">
          {disabledReason}
        </p>
      ) : null}
      <IdeaTextError id={`${id}-error`} error={error} />
      {similar && !disabled ? <DraftHints text={idea.text} source={similar} /> : null}
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
