/**
 * Preview of suggested clusters (`@ideenwand/cluster`, computed in the browser): one group per
 * proposed cluster with an editable title and a checkbox per idea; "Übernehmen" creates the
 * checked clusters and arranges their cards (`applySuggestion`). A modal dialog: focus stays
 * inside, Escape closes.
 */
import type { Board } from '@ideenwand/board'
import { useId, useRef, useState } from 'react'
import type { Editor } from 'tldraw'
import { useFlowT } from '../i18n/useFlowT.ts'
import { applySuggestion } from './applySuggestion.ts'
import { useFocusTrap } from './useFocusTrap.ts'

export interface Proposal {
  title: string
  ideas: { id: string; text: string }[]
}

interface Draft {
  title: string
  checked: Record<string, boolean>
}

export function SuggestClustersDialog({
  proposals,
  unsortedCount,
  editor,
  board,
  onClose,
  onApplied,
}: {
  proposals: Proposal[]
  unsortedCount: number
  editor: Editor
  board: Board
  onClose: () => void
  onApplied: (count: number) => void
}) {
  const ft = useFlowT()
  const titleId = useId()
  const introId = useId()
  const ref = useRef<HTMLDivElement>(null)
  useFocusTrap(ref, onClose)
  const [drafts, setDrafts] = useState<Draft[]>(() =>
    proposals.map((p) => ({
      title: p.title,
      checked: Object.fromEntries(p.ideas.map((i) => [i.id, true])),
    })),
  )
  const update = (index: number, patch: (d: Draft) => Draft) =>
    setDrafts((all) => all.map((d, i) => (i === index ? patch(d) : d)))

  const apply = () => {
    const accepted = proposals.map((p, i) => ({
      title: drafts[i]?.title ?? p.title,
      ideaIds: p.ideas.filter((idea) => drafts[i]?.checked[idea.id]).map((idea) => idea.id),
    }))
    const created = applySuggestion(editor, board, accepted)
    onApplied(created.length)
  }

  return (
    <div className="iw-overlay">
      <div
        ref={ref}
        className="iw-dialog iw-suggest-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={introId}
        data-testid="suggest-dialog"
      >
        <h2 id={titleId}>{ft('suggest.title')}</h2>
        <p id={introId}>{proposals.length ? ft('suggest.intro') : ft('suggest.none')}</p>
        <div className="iw-suggest-list">
          {proposals.map((proposal, index) => {
            const draft = drafts[index]
            if (!draft) return null
            return (
              <fieldset
                key={proposal.ideas[0]?.id ?? index}
                className="iw-suggest-cluster"
                data-testid="suggest-cluster"
              >
                <legend className="iw-visually-hidden">
                  {ft('suggest.clusterTitle', { n: index + 1 })}
                </legend>
                <label className="iw-suggest-title">
                  <span>{ft('suggest.clusterTitle', { n: index + 1 })}</span>
                  <input
                    value={draft.title}
                    maxLength={200}
                    data-testid="suggest-title"
                    onChange={(event) => {
                      const title = event.target.value
                      update(index, (d) => ({ ...d, title }))
                    }}
                  />
                </label>
                <ul>
                  {proposal.ideas.map((idea) => (
                    <li key={idea.id}>
                      <label>
                        <input
                          type="checkbox"
                          checked={draft.checked[idea.id] ?? false}
                          data-testid="suggest-idea"
                          onChange={(event) => {
                            const on = event.target.checked
                            update(index, (d) => ({
                              ...d,
                              checked: { ...d.checked, [idea.id]: on },
                            }))
                          }}
                        />{' '}
                        {idea.text || ft('results.untitled')}
                      </label>
                    </li>
                  ))}
                </ul>
              </fieldset>
            )
          })}
        </div>
        {unsortedCount > 0 ? (
          <p className="iw-hint">{ft('suggest.unsorted', { count: unsortedCount })}</p>
        ) : null}
        <div className="iw-row iw-dialog-actions">
          <button
            type="button"
            className="iw-button iw-button-primary"
            data-testid="suggest-apply"
            disabled={proposals.length === 0}
            onClick={apply}
          >
            {ft('suggest.apply')}
          </button>
          <button
            type="button"
            className="iw-button"
            data-testid="suggest-cancel"
            onClick={onClose}
          >
            {ft('suggest.cancel')}
          </button>
        </div>
      </div>
    </div>
  )
}
