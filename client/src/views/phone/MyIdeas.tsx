/**
 * My own ideas on the phone, newest first, each with its delivery state ("wartet auf
 * Verbindung" / "gesendet": glyph + text, not colour alone) and — while the phase allows —
 * edit and delete in place.
 */
import type { ControlState } from '@ideenwand/protocol'
import { useRef, useState } from 'react'
import { useT } from '../../i18n/LangProvider.tsx'
import { ConfirmButton } from '../../ui/ConfirmButton.tsx'
import { IdeaEditForm } from '../shared/IdeaEditForm.tsx'
import { SupportCount } from '../shared/SupportCount.tsx'
import type { Idea } from '../shared/useIdeas.ts'
import type { IdeaDelivery } from '../shared/useSentIdeas.ts'

/** Check mark or clock (shape, not colour, tells them apart); text says it anyway. */
function DeliveryIcon({ state }: { state: IdeaDelivery }) {
  return (
    <svg aria-hidden="true" width="14" height="14" viewBox="0 0 16 16" className="iwv-icon">
      {state === 'sent' ? (
        <path d="M3 8.5l3.2 3.2L13 4.8" stroke="currentColor" strokeWidth="2.2" fill="none" />
      ) : (
        <>
          <circle cx="8" cy="8" r="6.2" stroke="currentColor" strokeWidth="1.8" fill="none" />
          <path d="M8 4.5V8l2.5 1.8" stroke="currentColor" strokeWidth="1.8" fill="none" />
        </>
      )}
    </svg>
  )
}

export function MyIdeas({
  ideas,
  control,
  canEdit,
  delivery,
  held,
  onEdit,
  onDelete,
  onWithdraw,
}: {
  ideas: readonly Idea[]
  control: ControlState | null
  canEdit: boolean
  delivery: (ideaId: string) => IdeaDelivery
  /** My ideas the server holds (not public yet): no editing, withdrawing deletes them. */
  held: ReadonlySet<string>
  onEdit: (ideaId: string, text: string) => void
  onDelete: (ideaId: string) => void
  onWithdraw: (ideaId: string) => void
}) {
  const v = useT('views')
  const [editing, setEditing] = useState<string | null>(null)
  const heading = useRef<HTMLHeadingElement>(null)
  const newestFirst = [...ideas].reverse()
  return (
    <section className="iwv-section" aria-labelledby="iwv-mine">
      <h2 id="iwv-mine" ref={heading} tabIndex={-1}>
        {v('idea.mine')} <span className="iwv-count">({ideas.length})</span>
      </h2>
      {ideas.length === 0 ? <p className="iw-muted">{v('idea.mineEmpty')}</p> : null}
      <ul className="iwv-cards">
        {newestFirst.map((idea) => {
          const isHeld = held.has(idea.id)
          const state = isHeld ? 'sent' : delivery(idea.id)
          const hidden = control?.hiddenIdeaIds.includes(idea.id)
          const pending = control?.pendingIdeaIds.includes(idea.id)
          const privateNow = control?.heldIdeas.some(
            (h) => h.id === idea.id && h.reasons.includes('private'),
          )
          return (
            <li key={idea.id} className="iwv-card" data-testid="my-idea" data-state={state}>
              {editing === idea.id ? (
                <IdeaEditForm
                  initial={idea.text}
                  onSave={(text) => {
                    onEdit(idea.id, text)
                    setEditing(null)
                  }}
                  onCancel={() => setEditing(null)}
                />
              ) : (
                <>
                  <p className="iwv-card-text">
                    {idea.text}
                    <SupportCount count={control?.support[idea.id]} />
                  </p>
                  <p className="iwv-card-meta">
                    <span className={`iwv-delivery iwv-delivery-${state}`}>
                      <DeliveryIcon state={state} />
                      {state === 'sent' ? v('idea.sent') : v('idea.pending')}
                    </span>
                    {hidden ? <span className="iw-badge">{v('idea.hiddenBadge')}</span> : null}
                    {control?.ideaStatus[idea.id] ? (
                      <span className="iw-badge" data-testid="idea-status-badge">
                        {v('idea.statusBadge', {
                          status: v(`idea.statuses.${control.ideaStatus[idea.id] ?? 'open'}`),
                        })}
                      </span>
                    ) : null}
                    {pending ? (
                      <span className="iw-badge iw-badge-waiting">{v('idea.pendingBadge')}</span>
                    ) : null}
                    {privateNow ? (
                      <span className="iw-badge iw-badge-waiting">{v('idea.privateBadge')}</span>
                    ) : null}
                  </p>
                  {canEdit || isHeld ? (
                    <div className="iwv-actions">
                      {isHeld ? null : (
                        <button
                          type="button"
                          className="iw-button"
                          onClick={() => setEditing(idea.id)}
                        >
                          {v('idea.edit')}
                          <span className="iw-visually-hidden">: {idea.text}</span>
                        </button>
                      )}
                      <ConfirmButton
                        question={v('idea.deleteConfirm')}
                        confirmLabel={v('idea.deleteYes')}
                        danger
                        onConfirm={() => {
                          if (isHeld) onWithdraw(idea.id)
                          else onDelete(idea.id)
                          heading.current?.focus()
                        }}
                      >
                        {v('idea.delete')}
                        <span className="iw-visually-hidden">: {idea.text}</span>
                      </ConfirmButton>
                    </div>
                  ) : null}
                </>
              )}
            </li>
          )
        })}
      </ul>
    </section>
  )
}
