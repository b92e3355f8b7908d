/**
 * Facilitators' cluster tools in the list view: rename a cluster in place, delete it (its ideas
 * become unsorted; asked in place), and a form to create a new cluster.
 */
import { MAX_CLUSTER_TITLE } from '@ideenwand/board'
import { type FormEvent, useId, useRef, useState } from 'react'
import { useT } from '../../i18n/LangProvider.tsx'
import { ConfirmButton } from '../../ui/ConfirmButton.tsx'
import type { Cluster } from '../shared/useIdeas.ts'

export function ClusterTools({
  cluster,
  title,
  onRename,
  onDelete,
}: {
  cluster: Cluster
  title: string
  onRename: (title: string) => void
  onDelete: () => void
}) {
  const v = useT('views')
  const id = useId()
  const [renaming, setRenaming] = useState(false)
  const [value, setValue] = useState(cluster.title)
  const opener = useRef<HTMLButtonElement>(null)
  const close = () => {
    setRenaming(false)
    requestAnimationFrame(() => opener.current?.focus())
  }
  if (renaming) {
    return (
      <form
        className="iwl-rename"
        onSubmit={(event) => {
          event.preventDefault()
          onRename(value.trim())
          close()
        }}
      >
        <label htmlFor={id}>{v('list.renameLabel', { title })}</label>
        <input
          id={id}
          value={value}
          maxLength={MAX_CLUSTER_TITLE}
          // biome-ignore lint/a11y/noAutofocus: the field the user just asked for
          autoFocus
          onChange={(event) => setValue(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') close()
          }}
        />
        <button type="submit" className="iw-button iw-button-primary">
          {v('idea.save')}
        </button>
        <button type="button" className="iw-button" onClick={close}>
          {v('idea.cancel')}
        </button>
      </form>
    )
  }
  return (
    <div className="iwl-cluster-tools">
      <button
        ref={opener}
        type="button"
        className="iw-button"
        onClick={() => {
          setValue(cluster.title)
          setRenaming(true)
        }}
      >
        {v('list.rename')}
        <span className="iw-visually-hidden">: {title}</span>
      </button>
      <ConfirmButton
        question={v('list.deleteClusterConfirm', { title })}
        confirmLabel={v('idea.deleteYes')}
        danger
        onConfirm={onDelete}
      >
        {v('idea.delete')}
        <span className="iw-visually-hidden">: {title}</span>
      </ConfirmButton>
    </div>
  )
}

export function NewClusterForm({ onCreate }: { onCreate: (title: string) => void }) {
  const v = useT('views')
  const id = useId()
  const [title, setTitle] = useState('')
  const submit = (event: FormEvent) => {
    event.preventDefault()
    onCreate(title.trim() || v('list.newCluster'))
    setTitle('')
  }
  return (
    <section className="iwv-section" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{v('list.clustersHeading')}</h2>
      <form className="iwl-add" onSubmit={submit} data-testid="list-add-cluster-form">
        <div className="iw-field">
          <label htmlFor={id}>{v('list.newClusterLabel')}</label>
          <input
            id={id}
            value={title}
            maxLength={MAX_CLUSTER_TITLE}
            onChange={(event) => setTitle(event.target.value)}
          />
        </div>
        <button type="submit" className="iw-button iw-button-primary">
          {v('list.createCluster')}
        </button>
      </form>
    </section>
  )
}
