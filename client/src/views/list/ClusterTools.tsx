/**
 * Facilitators' cluster tools in the list view: rename a cluster in place, delete it (its ideas
 * become unsorted; asked in place), merge it into another cluster (select + button), and a form
 * to create a new cluster.
 */
import { MAX_CLUSTER_TITLE } from '@ideenwand/board'
import { type FormEvent, useId, useRef, useState } from 'react'
import { useT } from '../../i18n/LangProvider.tsx'
import { ConfirmButton } from '../../ui/ConfirmButton.tsx'
import type { Cluster } from '../shared/useIdeas.ts'

export function ClusterTools({
  cluster,
  title,
  others,
  onRename,
  onDelete,
  onMerge,
}: {
  cluster: Cluster
  title: string
  /** The clusters this one may be merged into, with their display titles. */
  others: readonly { id: string; title: string }[]
  onRename: (title: string) => void
  onDelete: () => void
  onMerge: (targetId: string) => void
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
      {others.length > 0 ? <MergeForm title={title} others={others} onMerge={onMerge} /> : null}
    </div>
  )
}

function MergeForm({
  title,
  others,
  onMerge,
}: {
  title: string
  others: readonly { id: string; title: string }[]
  onMerge: (targetId: string) => void
}) {
  const v = useT('views')
  const id = useId()
  const [target, setTarget] = useState(others[0]?.id ?? '')
  // The chosen cluster may vanish (deleted or merged by someone else): fall back to the first.
  const chosen = others.some((other) => other.id === target) ? target : (others[0]?.id ?? '')
  return (
    <form
      className="iwl-move"
      onSubmit={(event) => {
        event.preventDefault()
        if (chosen) onMerge(chosen)
      }}
    >
      <label htmlFor={id}>
        {v('list.merge')}
        <span className="iw-visually-hidden"> ({v('list.mergeFor', { title })})</span>
      </label>
      <select
        id={id}
        value={chosen}
        onChange={(event) => setTarget(event.target.value)}
        data-testid="list-merge-select"
      >
        {others.map((other) => (
          <option key={other.id} value={other.id}>
            {other.title}
          </option>
        ))}
      </select>
      <button type="submit" className="iw-button" data-testid="list-merge-button">
        {v('list.mergeButton')}
        <span className="iw-visually-hidden">: {title}</span>
      </button>
    </form>
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
