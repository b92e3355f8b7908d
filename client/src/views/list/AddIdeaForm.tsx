/** The list view's form to add an idea, with the cluster to put it in. */
import { MAX_IDEA_TEXT } from '@ideenwand/board'
import { type FormEvent, useId, useRef, useState } from 'react'
import { useT } from '../../i18n/LangProvider.tsx'
import type { Cluster } from '../shared/useIdeas.ts'

export function AddIdeaForm({
  clusters,
  onAdd,
}: {
  clusters: readonly Cluster[]
  onAdd: (text: string, clusterId: string | null) => void
}) {
  const v = useT('views')
  const id = useId()
  const [text, setText] = useState('')
  const [clusterId, setClusterId] = useState('')
  const [error, setError] = useState<string | null>(null)
  const field = useRef<HTMLTextAreaElement>(null)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!text.trim()) {
      setError(v('idea.empty'))
      field.current?.focus()
      return
    }
    const cluster = clusters.some((c) => c.id === clusterId) ? clusterId : null
    onAdd(text.trim(), cluster)
    setText('')
    field.current?.focus()
  }
  return (
    <section className="iwv-section" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{v('list.addHeading')}</h2>
      <form className="iwl-add" onSubmit={submit} noValidate data-testid="list-add-idea">
        <div className="iw-field">
          <label htmlFor={`${id}-text`}>{v('list.addText')}</label>
          <textarea
            ref={field}
            id={`${id}-text`}
            value={text}
            rows={2}
            maxLength={MAX_IDEA_TEXT}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            onChange={(event) => {
              setText(event.target.value)
              setError(null)
            }}
            data-testid="list-add-text"
          />
          {error ? (
            <p id={`${id}-error`} className="iw-field-error">
              {error}
            </p>
          ) : null}
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
        <button type="submit" className="iw-button iw-button-primary" data-testid="list-add-submit">
          {v('list.add')}
        </button>
      </form>
    </section>
  )
}
