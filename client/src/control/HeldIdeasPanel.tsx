/**
 * A participant's ideas that are not public yet, beside the canvas. Under pre-moderation and
 * during private collection the server takes a new idea out of the board the moment it arrives
 * and sends it back only to its author (and facilitators) in the control state (`heldIdeas`), so
 * the card does not stay on the canvas. Here the participant writes such ideas (a text field:
 * typing into a card that leaves the board would be lost), sees each with why it waits, and can
 * withdraw it.
 */
import { MAX_IDEA_TEXT } from '@ideenwand/board'
import type { ControlState } from '@ideenwand/protocol'
import { type FormEvent, useRef, useState } from 'react'
import { controlApi } from '../api/control.ts'
import { addIdeaAtCenter } from '../board/canvasDomainRules.ts'
import { useControlT } from '../i18n/useControlT.ts'
import { ConfirmButton } from '../ui/ConfirmButton.tsx'
import { newIdeaAuthor } from '../views/shared/author.ts'
import { useEnterSends } from '../views/shared/enterSends.ts'
import { useControlContext } from './ControlContext.tsx'
import './heldIdeas.css'

/** The id of the composer's field (the header's "Idee hinzufügen" focuses it). */
export const HELD_COMPOSER_ID = 'iw-held-composer'

/** New ideas of participants are held by the server now. */
export function holdsNewIdeas(control: ControlState | null): boolean {
  if (!control) return false
  return control.premoderation || (control.privateCollection && !control.ideasRevealed)
}

export function HeldIdeasPanel() {
  const ctx = useControlContext()
  const ct = useControlT()
  const [text, setText] = useState('')
  const [error, setError] = useState<string | null>(null)
  const field = useRef<HTMLTextAreaElement>(null)
  const control = ctx?.control ?? null
  const send = (event?: FormEvent) => {
    event?.preventDefault()
    if (!ctx?.editor || !ctx.board || !control) return
    if (!text.trim()) {
      setError(ct('held.empty'))
      field.current?.focus()
      return
    }
    addIdeaAtCenter(
      ctx.editor,
      ctx.board,
      { text: text.trim(), ...newIdeaAuthor(control) },
      { edit: false },
    )
    setText('')
    ctx.announce(ct('held.sent'))
    field.current?.focus()
  }
  const onKeyDown = useEnterSends(field, () => send())
  if (control?.me.role !== 'participant') return null
  const mine = control.heldIdeas.filter((h) => h.mine)
  const holding = holdsNewIdeas(control)
  if (!holding && mine.length === 0) return null
  const canAdd = holding && control.me.canWrite
  return (
    <section className="iw-panel-section" aria-labelledby="iw-held-h" data-testid="held-panel">
      <h2 id="iw-held-h">{ct('held.heading')}</h2>
      <p className="iw-hint">
        {control.premoderation ? ct('held.premoderationHint') : ct('held.privateHint')}
      </p>
      {canAdd ? (
        <form onSubmit={send} noValidate className="iw-held-form iw-field">
          <label htmlFor={HELD_COMPOSER_ID}>{ct('held.label')}</label>
          <textarea
            ref={field}
            id={HELD_COMPOSER_ID}
            value={text}
            rows={3}
            maxLength={MAX_IDEA_TEXT}
            enterKeyHint="send"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'iw-held-error' : undefined}
            onChange={(event) => {
              setText(event.target.value)
              setError(null)
            }}
            onKeyDown={onKeyDown}
            data-testid="held-text"
          />
          {error ? (
            <p id="iw-held-error" className="iw-field-error">
              {error}
            </p>
          ) : null}
          <button type="submit" className="iw-button iw-button-primary" data-testid="held-send">
            {ct('held.send')}
          </button>
        </form>
      ) : null}
      {mine.length > 0 ? (
        <ul className="iw-held-list">
          {mine.map((idea) => (
            <li key={idea.id} data-testid="held-idea">
              <p>{idea.text}</p>
              <p className="iw-hint">
                {idea.reasons.map((r) => ct(`held.reason.${r}`)).join(' · ')}
              </p>
              <ConfirmButton
                question={ct('held.withdrawConfirm')}
                confirmLabel={ct('held.withdrawYes')}
                danger
                onConfirm={() => void ctx?.run((w) => controlApi.withdrawHeld(w, idea.id))}
              >
                {ct('held.withdraw')}
                <span className="iw-visually-hidden">: {idea.text}</span>
              </ConfirmButton>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  )
}
