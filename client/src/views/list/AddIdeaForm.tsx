/** The list view's form to add an idea, with the cluster to put it in (Enter sends, Shift+Enter: new line). */
import { type FormEvent, useId, useState } from 'react'
import { useT } from '../../i18n/LangProvider.tsx'
import { useEnterSends } from '../shared/enterSends.ts'
import { DraftHints, type SimilarSource } from '../shared/SimilarHints.tsx'
import type { Cluster } from '../shared/useIdeas.ts'
import { IdeaTextError, useIdeaText } from '../shared/useIdeaText.tsx'

export function AddIdeaForm({
  clusters,
  onAdd,
  similar,
  offerPaper = false,
}: {
  clusters: readonly Cluster[]
  onAdd: (text: string, clusterId: string | null, fromPaper: boolean) => void
  /** Shows similar public ideas while typing (issue 19 §3). */
  similar?: SimilarSource
  /** Facilitators: "von Papier übertragen" for ideas typed in from paper (issue 19 §2). */
  offerPaper?: boolean
}) {
  const v = useT('views')
  const id = useId()
  const idea = useIdeaText()
  const field = idea.field
  const [clusterId, setClusterId] = useState('')
  const [fromPaper, setFromPaper] = useState(false)
  const onKeyDown = useEnterSends(field, () => submit())
  const submit = (event?: FormEvent) => {
    event?.preventDefault()
    const text = idea.take()
    if (text === null) return
    const cluster = clusters.some((c) => c.id === clusterId) ? clusterId : null
    onAdd(text, cluster, offerPaper && fromPaper)
    idea.setText('')
    field.current?.focus()
  }
  return (
    <section className="iwv-section" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{v('list.addHeading')}</h2>
      <form className="iwl-add" onSubmit={submit} noValidate data-testid="list-add-idea">
        <div className="iw-field">
          <label htmlFor={`${id}-text`}>{v('list.addText')}</label>
          <textarea
            {...idea.textarea}
            id={`${id}-text`}
            rows={2}
            aria-describedby={idea.error ? `${id}-error` : undefined}
            enterKeyHint="send"
            onKeyDown={onKeyDown}
            data-testid="list-add-text"
          />
          <IdeaTextError id={`${id}-error`} error={idea.error} />
          {similar ? <DraftHints text={idea.text} source={similar} /> : null}
        </div>
        <div className="iw-field">
          <label htmlFor={`${id}-cluster`}>{v('list.addCluster')}</label>
          <select
            id={`${id}-cluster`}
            value={clusterId}
            onChange={(event) => setClusterId(event.target.value)}
            data-testid="list-add-cluster"
          >
            <option value="">{v('idea.unsorted')}</option>
            {clusters.map((cluster) => (
              <option key={cluster.id} value={cluster.id}>
                {cluster.title.trim() || v('idea.untitledCluster')}
              </option>
            ))}
          </select>
        </div>
        {offerPaper ? (
          <div className="iw-check">
            <input
              type="checkbox"
              id={`${id}-paper`}
              checked={fromPaper}
              onChange={(event) => setFromPaper(event.target.checked)}
              data-testid="list-add-paper"
            />
            <label htmlFor={`${id}-paper`}>{v('source.paperOption')}</label>
          </div>
        ) : null}
        <button type="submit" className="iw-button iw-button-primary" data-testid="list-add-submit">
          {v('list.add')}
        </button>
      </form>
    </section>
  )
}
