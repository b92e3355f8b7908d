/**
 * Workshop series (issue 20 §1), on the workshop page: carry chosen ideas or whole clusters —
 * with the dots of this workshop's latest revealed round as context — into another workshop of
 * the facilitator's, or into a new one (created first, then carried). The server reads the ideas
 * and the votes itself and decides; a refusal is shown as its sentence, a success with a link to
 * the target workshop.
 */
import {
  type CarryCandidates as Candidates,
  CarryCandidates,
  type CarryIdea,
  CarryResult,
  type Workshop,
  WorkshopDetail,
} from '@ideenwand/protocol'
import { type FormEvent, useEffect, useId, useState } from 'react'
import { api } from '../api/endpoints.ts'
import { apiJson } from '../api/http.ts'
import { useT } from '../i18n/LangProvider.tsx'
import { useOutcomeT } from '../i18n/useOutcomeT.ts'
import { workshopPath } from '../router.ts'
import { errorMessage } from '../ui/errors.ts'
import { FormMessage } from '../ui/Field.tsx'
import { Link } from '../ui/Link.tsx'

/** The target: another workshop by id, or a new one. */
const NEW = ' new'

type Outcome = { kind: 'error'; text: string } | { kind: 'success'; text: string; target: string }

function IdeaChoice({
  idea,
  checked,
  disabled,
  onChange,
}: {
  idea: CarryIdea
  checked: boolean
  disabled: boolean
  onChange: (on: boolean) => void
}) {
  const v = useT('views')
  const id = useId()
  return (
    <li className="iw-check">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        disabled={disabled}
        data-testid="carry-idea"
        data-idea-id={idea.id}
        onChange={(e) => onChange(e.target.checked)}
      />
      <label htmlFor={id}>
        {idea.text}
        {idea.dots === null ? null : (
          <span className="iw-muted"> · {v('carried.dots', { count: idea.dots })}</span>
        )}
      </label>
    </li>
  )
}

export function CarryPanel({ workshopId }: { workshopId: string }) {
  const t = useT()
  const ot = useOutcomeT()
  const ids = useId()
  const [candidates, setCandidates] = useState<Candidates | null>(null)
  const [workshops, setWorkshops] = useState<Workshop[]>([])
  const [ideas, setIdeas] = useState<ReadonlySet<string>>(new Set())
  const [clusters, setClusters] = useState<ReadonlySet<string>>(new Set())
  const [target, setTarget] = useState(NEW)
  const [newTitle, setNewTitle] = useState('')
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<Outcome | null>(null)

  useEffect(() => {
    const fail = (caught: unknown) => setMessage({ kind: 'error', text: errorMessage(t, caught) })
    apiJson(
      'GET',
      `/workshops/${encodeURIComponent(workshopId)}/carry-candidates`,
      CarryCandidates,
    ).then(setCandidates, fail)
    api.workshops(false).then((all) => {
      const others = all.filter((w) => w.id !== workshopId)
      setWorkshops(others)
      if (others[0]) setTarget(others[0].id)
    }, fail)
  }, [workshopId, t])

  const toggle = (set: ReadonlySet<string>, id: string, on: boolean) => {
    const next = new Set(set)
    if (on) next.add(id)
    else next.delete(id)
    return next
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setMessage(null)
    if (ideas.size + clusters.size === 0) {
      setMessage({ kind: 'error', text: ot('carry.nothingChosen') })
      return
    }
    setBusy(true)
    try {
      let targetId = target
      let targetTitle = workshops.find((w) => w.id === target)?.title ?? ''
      if (target === NEW) {
        // Two steps: the new workshop first, then the carry into it.
        const created = await apiJson('POST', '/workshops', WorkshopDetail, {
          title: newTitle.trim(),
        })
        targetId = created.id
        targetTitle = created.title
        setWorkshops((all) => [created, ...all])
        setTarget(created.id)
      }
      const result = await apiJson(
        'POST',
        `/workshops/${encodeURIComponent(targetId)}/carry`,
        CarryResult,
        { fromWorkshopId: workshopId, ideaIds: [...ideas], clusterIds: [...clusters] },
      )
      const carried = ot('carry.done', { count: result.carried.length, title: targetTitle })
      const skipped = result.skipped.length
        ? ` ${ot('carry.skipped', { count: result.skipped.length })}`
        : ''
      setMessage({ kind: 'success', text: carried + skipped, target: targetId })
      setIdeas(new Set())
      setClusters(new Set())
    } catch (caught) {
      setMessage({ kind: 'error', text: errorMessage(t, caught) })
    } finally {
      setBusy(false)
    }
  }

  const empty = candidates && candidates.clusters.length === 0 && candidates.unsorted.length === 0
  return (
    <section aria-labelledby={`${ids}-h`} className="iw-card" data-testid="carry-panel">
      <h2 id={`${ids}-h`}>{ot('carry.heading')}</h2>
      <p className="iw-muted">{ot('carry.intro')}</p>
      {candidates?.round ? (
        <p className="iw-hint">{ot('carry.roundNote', { number: candidates.round.number })}</p>
      ) : null}
      {empty ? <p>{ot('carry.noIdeas')}</p> : null}
      {candidates && !empty ? (
        <form onSubmit={submit} noValidate>
          <fieldset>
            <legend>{ot('carry.choose')}</legend>
            {candidates.clusters.map((cluster) => {
              const whole = clusters.has(cluster.id)
              return (
                <fieldset key={cluster.id} className="iw-carry-cluster">
                  <legend className="iw-check">
                    <input
                      id={`${ids}-c-${cluster.id}`}
                      type="checkbox"
                      checked={whole}
                      data-testid="carry-cluster"
                      data-cluster-id={cluster.id}
                      onChange={(e) => setClusters((s) => toggle(s, cluster.id, e.target.checked))}
                    />
                    <label htmlFor={`${ids}-c-${cluster.id}`}>
                      {ot('carry.wholeCluster', {
                        title: cluster.title || ot('carry.untitled'),
                        count: cluster.ideas.length,
                      })}
                    </label>
                  </legend>
                  <ul className="iw-plain-list">
                    {cluster.ideas.map((idea) => (
                      <IdeaChoice
                        key={idea.id}
                        idea={idea}
                        checked={whole || ideas.has(idea.id)}
                        disabled={whole}
                        onChange={(on) => setIdeas((s) => toggle(s, idea.id, on))}
                      />
                    ))}
                  </ul>
                </fieldset>
              )
            })}
            {candidates.unsorted.length > 0 ? (
              <fieldset className="iw-carry-cluster">
                <legend>{ot('carry.unsorted')}</legend>
                <ul className="iw-plain-list">
                  {candidates.unsorted.map((idea) => (
                    <IdeaChoice
                      key={idea.id}
                      idea={idea}
                      checked={ideas.has(idea.id)}
                      disabled={false}
                      onChange={(on) => setIdeas((s) => toggle(s, idea.id, on))}
                    />
                  ))}
                </ul>
              </fieldset>
            ) : null}
          </fieldset>
          <fieldset>
            <legend>{ot('carry.target')}</legend>
            {workshops.map((w) => (
              <div key={w.id} className="iw-check">
                <input
                  id={`${ids}-t-${w.id}`}
                  type="radio"
                  name={`${ids}-target`}
                  value={w.id}
                  checked={target === w.id}
                  data-testid="carry-target"
                  onChange={() => setTarget(w.id)}
                />
                <label htmlFor={`${ids}-t-${w.id}`}>
                  {w.title}
                  {w.date ? ` (${w.date.split('-').reverse().join('.')})` : ''}
                </label>
              </div>
            ))}
            <div className="iw-check">
              <input
                id={`${ids}-t-new`}
                type="radio"
                name={`${ids}-target`}
                value={NEW}
                checked={target === NEW}
                data-testid="carry-target-new"
                onChange={() => setTarget(NEW)}
              />
              <label htmlFor={`${ids}-t-new`}>{ot('carry.newWorkshop')}</label>
            </div>
            {target === NEW ? (
              <div className="iw-field">
                <label htmlFor={`${ids}-title`}>{ot('carry.newTitle')}</label>
                <input
                  id={`${ids}-title`}
                  value={newTitle}
                  required
                  maxLength={200}
                  data-testid="carry-new-title"
                  onChange={(e) => setNewTitle(e.target.value)}
                />
              </div>
            ) : null}
          </fieldset>
          <button
            type="submit"
            className="iw-button iw-button-primary"
            disabled={busy || (target === NEW && newTitle.trim() === '')}
            data-testid="carry-submit"
          >
            {ot('carry.submit', { count: ideas.size + clusters.size })}
          </button>
        </form>
      ) : null}
      {message ? (
        <FormMessage kind={message.kind} testId="carry-message">
          {message.text}{' '}
          {message.kind === 'success' ? (
            <Link href={workshopPath(message.target)}>{ot('carry.openTarget')}</Link>
          ) : null}
        </FormMessage>
      ) : null}
    </section>
  )
}
