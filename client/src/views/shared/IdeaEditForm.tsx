/**
 * Inline editing of one idea's text: a labelled textarea that takes the focus, Save / Cancel,
 * Escape cancels and Ctrl/⌘+Enter saves. Used by the phone and the list view.
 */
import { type FormEvent, useEffect, useId } from 'react'
import { useT } from '../../i18n/LangProvider.tsx'
import { IdeaTextError, useIdeaText } from './useIdeaText.tsx'

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
  const idea = useIdeaText(initial)
  const { field } = idea
  // On opening only: the caret at the end of the text.
  useEffect(() => {
    const el = field.current
    if (!el) return
    el.focus()
    el.setSelectionRange(el.value.length, el.value.length)
  }, [field])
  const submit = (event?: FormEvent) => {
    event?.preventDefault()
    const text = idea.take()
    if (text !== null) onSave(text)
  }
  return (
    <form className="iwv-edit" onSubmit={submit} noValidate>
      <label htmlFor={id}>{v('idea.editLabel')}</label>
      <textarea
        {...idea.textarea}
        id={id}
        rows={3}
        aria-describedby={idea.error ? `${id}-error` : undefined}
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
      <IdeaTextError id={`${id}-error`} error={idea.error} />
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
