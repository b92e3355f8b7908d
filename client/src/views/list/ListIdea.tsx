/**
 * One idea in the list view: text, author (unless anonymous), its colour (swatch and name in
 * words), and the controls this person has now — edit / delete own idea, colour, move to another
 * cluster or into a new one (select + button; "new cluster" then asks for a title in place),
 * vote − / +. Every control is a native element, so it works with the keyboard and is named for
 * screen readers ("Löschen: <idea>").
 */
import { IDEA_COLORS, type IdeaColor, isIdeaColor, MAX_CLUSTER_TITLE } from '@ideenwand/board'
import { useEffect, useId, useRef, useState } from 'react'
import { CLUSTER_ACCENT } from '../../board/shapes/palette.ts'
import { useT } from '../../i18n/LangProvider.tsx'
import { ConfirmButton } from '../../ui/ConfirmButton.tsx'
import { CarriedNote } from '../shared/carried.tsx'
import { IdeaEditForm } from '../shared/IdeaEditForm.tsx'
import { SupportCount } from '../shared/SupportCount.tsx'
import type { Cluster, Idea } from '../shared/useIdeas.ts'
import { type TargetVote, VoteControls } from './VoteControls.tsx'

/** The move select's value for "into a new cluster" (never a valid id: ids have no spaces). */
const NEW_CLUSTER = ' new'

/** A title suggestion for a new cluster made from this idea: its first few words. */
function firstWords(text: string): string {
  return text.trim().split(/\s+/).slice(0, 4).join(' ').slice(0, Math.min(60, MAX_CLUSTER_TITLE))
}

export function ListIdea({
  idea,
  clusters,
  showAuthor,
  mine,
  canEdit,
  canMove,
  canColor,
  badges,
  supports = 0,
  vote,
  focusRequest,
  onEdit,
  onDelete,
  onMove,
  onSplit,
  onColor,
  onPaper,
}: {
  idea: Idea
  clusters: readonly Cluster[]
  showAuthor: boolean
  mine: boolean
  canEdit: boolean
  canMove: boolean
  canColor: boolean
  badges: readonly string[]
  /** People who support it ("+1", issue 19 §3). */
  supports?: number
  vote: TargetVote | null
  /** Bumped by the parent to put the focus on this idea's move select (after a move). */
  focusRequest: number
  onEdit: (text: string) => void
  onDelete: () => void
  onMove: (clusterId: string | null) => void
  /** Moves the idea into a new cluster with this title. */
  onSplit: (title: string) => void
  onColor: (color: IdeaColor) => void
  /** Facilitators: mark an idea as typed in from paper, or take the mark off (issue 19 §2). */
  onPaper?: (paper: boolean) => void
}) {
  const v = useT('views')
  const id = useId()
  const [editing, setEditing] = useState(false)
  const [target, setTarget] = useState(idea.clusterId ?? '')
  const [splitting, setSplitting] = useState(false)
  const [splitTitle, setSplitTitle] = useState('')
  const select = useRef<HTMLSelectElement>(null)
  const editButton = useRef<HTMLButtonElement>(null)
  const label = idea.text.trim() || '…'
  const colorName = v(`colors.${idea.color}`)
  const closeSplit = () => {
    setSplitting(false)
    setTarget(idea.clusterId ?? '')
    requestAnimationFrame(() => select.current?.focus())
  }

  useEffect(() => setTarget(idea.clusterId ?? ''), [idea.clusterId])
  useEffect(() => {
    if (focusRequest > 0) select.current?.focus()
  }, [focusRequest])

  return (
    <li
      className="iwl-idea"
      style={{ borderLeftColor: CLUSTER_ACCENT[idea.color] }}
      data-testid="list-idea"
      data-idea-id={idea.id}
    >
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
        <p className="iwl-idea-text">
          {idea.text || <span className="iw-muted">…</span>}
          <SupportCount count={supports} />
        </p>
      )}
      <p className="iwl-idea-meta">
        <span data-testid="list-idea-color" data-color={idea.color}>
          <span
            aria-hidden="true"
            style={{
              display: 'inline-block',
              width: '0.9em',
              height: '0.9em',
              marginRight: '0.35em',
              verticalAlign: '-0.1em',
              borderRadius: '2px',
              border: '1px solid #495057',
              background: CLUSTER_ACCENT[idea.color],
            }}
          />
          {v('list.colorName', { color: colorName })}
        </span>
        {showAuthor && idea.authorName ? (
          <span>{v('idea.by', { name: idea.authorName })}</span>
        ) : null}
        {mine ? <span className="iw-badge">{v('idea.mineBadge')}</span> : null}
        {badges.map((badge) => (
          <span key={badge} className="iw-badge iw-badge-waiting">
            {badge}
          </span>
        ))}
        {/* Carried from another workshop (issue 20 §1): for everyone, with its dots there. */}
        <CarriedNote from={idea.carriedFrom} className="iw-badge iw-carried" />
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
        {onPaper ? (
          <label className="iwl-move">
            <input
              type="checkbox"
              checked={idea.source === 'paper'}
              onChange={(event) => onPaper(event.target.checked)}
              data-testid="list-idea-paper"
            />
            {v('source.paper')}
            <span className="iw-visually-hidden"> ({v('list.forIdea', { idea: label })})</span>
          </label>
        ) : null}
        {canColor ? (
          <span className="iwl-move">
            <label htmlFor={`${id}-color`}>
              {v('list.color')}
              <span className="iw-visually-hidden"> ({v('list.forIdea', { idea: label })})</span>
            </label>
            <select
              id={`${id}-color`}
              value={idea.color}
              onChange={(event) => {
                if (isIdeaColor(event.target.value)) onColor(event.target.value)
              }}
              data-testid="list-color-select"
            >
              {IDEA_COLORS.map((color) => (
                <option key={color} value={color}>
                  {v(`colors.${color}`)}
                </option>
              ))}
            </select>
          </span>
        ) : null}
        {canMove && splitting ? (
          <form
            className="iwl-move"
            onSubmit={(event) => {
              event.preventDefault()
              setSplitting(false)
              onSplit(splitTitle.trim() || v('list.newCluster'))
            }}
          >
            <label htmlFor={`${id}-split`}>
              {v('list.splitTitle')}
              <span className="iw-visually-hidden"> ({v('list.forIdea', { idea: label })})</span>
            </label>
            <input
              id={`${id}-split`}
              value={splitTitle}
              maxLength={MAX_CLUSTER_TITLE}
              // biome-ignore lint/a11y/noAutofocus: the field the user just asked for
              autoFocus
              onChange={(event) => setSplitTitle(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Escape') closeSplit()
              }}
              data-testid="list-split-title"
            />
            <button
              type="submit"
              className="iw-button iw-button-primary"
              data-testid="list-split-button"
            >
              {v('list.splitButton')}
              <span className="iw-visually-hidden">: {label}</span>
            </button>
            <button type="button" className="iw-button" onClick={closeSplit}>
              {v('idea.cancel')}
            </button>
          </form>
        ) : null}
        {canMove && !splitting ? (
          <form
            className="iwl-move"
            onSubmit={(event) => {
              event.preventDefault()
              if (target === NEW_CLUSTER) {
                setSplitTitle(firstWords(idea.text) || v('list.newCluster'))
                setSplitting(true)
                return
              }
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
              <option value={NEW_CLUSTER}>{v('list.splitOption')}</option>
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
