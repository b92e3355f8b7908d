/**
 * One idea in the list view: text, author (unless anonymous), and the controls this person has
 * now — edit / delete own idea, move to another cluster (select + button), vote − / +.
 * Every control is a native element, so it works with the keyboard and is named for screen
 * readers ("Löschen: <idea>").
 */
import { useEffect, useId, useRef, useState } from 'react'
import { useT } from '../../i18n/LangProvider.tsx'
import { ConfirmButton } from '../../ui/ConfirmButton.tsx'
import { IdeaEditForm } from '../shared/IdeaEditForm.tsx'
import type { Cluster, Idea } from '../shared/useIdeas.ts'
import { type TargetVote, VoteControls } from './VoteControls.tsx'

export function ListIdea({
  idea,
  clusters,
  showAuthor,
  mine,
  canEdit,
  canMove,
  badges,
  vote,
  focusRequest,
  onEdit,
  onDelete,
  onMove,
}: {
  idea: Idea
  clusters: readonly Cluster[]
  showAuthor: boolean
  mine: boolean
  canEdit: boolean
  canMove: boolean
  badges: readonly string[]
  vote: TargetVote | null
  /** Bumped by the parent to put the focus on this idea's move select (after a move). */
  focusRequest: number
  onEdit: (text: string) => void
  onDelete: () => void
  onMove: (clusterId: string | null) => void
}) {
  const v = useT('views')
  const id = useId()
  const [editing, setEditing] = useState(false)
  const [target, setTarget] = useState(idea.clusterId ?? '')
  const select = useRef<HTMLSelectElement>(null)
  const editButton = useRef<HTMLButtonElement>(null)
  const label = idea.text.trim() || '…'

  useEffect(() => setTarget(idea.clusterId ?? ''), [idea.clusterId])
  useEffect(() => {
    if (focusRequest > 0) select.current?.focus()
  }, [focusRequest])

  return (
    <li className="iwl-idea" data-testid="list-idea" data-idea-id={idea.id}>
      {editing ? (
        <IdeaEditForm
          initial={idea.text}
          onSave={(text) => {
            onEdit(text)
            setEditing(false)
            requestAnimationFrame(() => editButton.current?.focus())
          }}
          onCancel={() => {
            setEditing(false)
            requestAnimationFrame(() => editButton.current?.focus())
          }}
        />
      ) : (
        <p className="iwl-idea-text">{idea.text || <span className="iw-muted">…</span>}</p>
      )}
      <p className="iwl-idea-meta">
        {showAuthor && idea.authorName ? (
          <span>{v('idea.by', { name: idea.authorName })}</span>
        ) : null}
        {mine ? <span className="iw-badge">{v('idea.mineBadge')}</span> : null}
        {badges.map((badge) => (
          <span key={badge} className="iw-badge iw-badge-waiting">
            {badge}
          </span>
        ))}
      </p>
      <div className="iwl-controls">
        {canEdit && !editing ? (
          <>
            <button
              ref={editButton}
              type="button"
              className="iw-button"
              onClick={() => setEditing(true)}
            >
              {v('idea.edit')}
              <span className="iw-visually-hidden">: {label}</span>
            </button>
            <ConfirmButton
              question={v('idea.deleteConfirm')}
              confirmLabel={v('idea.deleteYes')}
              danger
              onConfirm={onDelete}
            >
              {v('idea.delete')}
              <span className="iw-visually-hidden">: {label}</span>
            </ConfirmButton>
          </>
        ) : null}
        {canMove ? (
          <form
            className="iwl-move"
            onSubmit={(event) => {
              event.preventDefault()
              const next = target === '' ? null : target
              if (next !== idea.clusterId) onMove(next)
            }}
          >
            <label htmlFor={`${id}-move`}>
              {v('list.move')}
              <span className="iw-visually-hidden"> ({v('list.moveTo', { idea: label })})</span>
            </label>
            <select
              ref={select}
              id={`${id}-move`}
              value={target}
              onChange={(event) => setTarget(event.target.value)}
              data-testid="list-move-select"
            >
              <option value="">{v('idea.unsorted')}</option>
              {clusters.map((cluster) => (
                <option key={cluster.id} value={cluster.id}>
                  {cluster.title.trim() || v('idea.untitledCluster')}
                </option>
              ))}
            </select>
            <button type="submit" className="iw-button" data-testid="list-move-button">
              {v('list.moveButton')}
              <span className="iw-visually-hidden">: {label}</span>
            </button>
          </form>
        ) : null}
        {vote ? <VoteControls vote={vote} label={label} /> : null}
      </div>
    </li>
  )
}
