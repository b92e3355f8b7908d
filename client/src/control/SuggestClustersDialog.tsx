/**
 * Preview of suggested clusters (`@ideenwand/cluster`, computed in the browser): one group per
 * proposed cluster with an editable title and a checkbox per idea; "Übernehmen" creates the
 * checked clusters and arranges their cards (`applySuggestion`). A modal dialog: focus stays
 * inside, Escape closes.
 */
import type { Board } from '@ideenwand/board'
import { useState } from 'react'
import type { Editor } from 'tldraw'
import { useControlT } from '../i18n/useControlT.ts'
import { applySuggestion } from './applySuggestion.ts'
import { ModalDialog } from './ModalDialog.tsx'

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
  const ct = useControlT()
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
    <ModalDialog
      className="iw-suggest-dialog"
      testId="suggest-dialog"
      title={ct('suggest.title')}
      intro={proposals.length ? ct('suggest.intro') : ct('suggest.none')}
      onClose={onClose}
    >
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
                {ct('suggest.clusterTitle', { n: index + 1 })}
              </legend>
              <label className="iw-suggest-title">
                <span>{ct('suggest.clusterTitle', { n: index + 1 })}</span>
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
                      {idea.text || ct('results.untitled')}
                    </label>
                  </li>
                ))}
              </ul>
            </fieldset>
          )
        })}
      </div>
      {unsortedCount > 0 ? (
        <p className="iw-hint">{ct('suggest.unsorted', { count: unsortedCount })}</p>
      ) : null}
      <div className="iw-row iw-dialog-actions">
        <button
          type="button"
          className="iw-button iw-button-primary"
          data-testid="suggest-apply"
          disabled={proposals.length === 0}
          onClick={apply}
        >
          {ct('suggest.apply')}
        </button>
        <button type="button" className="iw-button" data-testid="suggest-cancel" onClick={onClose}>
          {ct('suggest.cancel')}
        </button>
      </div>
    </ModalDialog>
  )
}
