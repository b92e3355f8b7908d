/**
 * What became of the ideas (issue 20 §2) and the public results page (§3), on the workshop page:
 * the switch that publishes `/ergebnisse/<id>` (off by default) with its address to copy and
 * open, and every public idea with its current status, a form for a new one (a reason for "nicht
 * umgesetzt", the other idea for "zusammengelegt mit …") and its dated history. The server
 * decides; a refusal is shown as its sentence.
 */
import { IDEA_STATUSES, type IdeaStatus } from '@ideenwand/board'
import {
  IdeaStatusChange,
  IdeaStatusOverview,
  ResultsPageInfo,
  type StatusIdea,
} from '@ideenwand/protocol'
import { type FormEvent, useCallback, useEffect, useId, useMemo, useState } from 'react'
import { apiJson, type Schema } from '../api/http.ts'
import { useLang, useT } from '../i18n/LangProvider.tsx'
import { useOutcomeT } from '../i18n/useOutcomeT.ts'
import { CopyField } from '../ui/CopyField.tsx'
import { errorMessage } from '../ui/errors.ts'
import { FormMessage } from '../ui/Field.tsx'
import { formatMoment } from '../ui/format.ts'

type Change = IdeaStatusChange

/** The stored change (201), or null when the idea had that status already (204, no body). */
const SavedChange: Schema<Change | null> = {
  safeParse: (value) =>
    value === undefined ? { success: true, data: null } : IdeaStatusChange.safeParse(value),
}

function StatusBadge({ status }: { status: IdeaStatus }) {
  const v = useT('views')
  return (
    <span className={`iw-idea-status iw-idea-status-${status}`} data-testid="idea-status-badge">
      {v(`idea.statuses.${status}`)}
    </span>
  )
}

function IdeaStatusItem({
  idea,
  ideas,
  changes,
  workshopId,
  onSaved,
}: {
  idea: StatusIdea
  ideas: StatusIdea[]
  changes: Change[]
  workshopId: string
  onSaved: (change: Change | null) => void
}) {
  const t = useT()
  const ot = useOutcomeT()
  const v = useT('views')
  const { lang } = useLang()
  const ids = useId()
  const current = changes.at(-1) ?? null
  const [status, setStatus] = useState<IdeaStatus>(current?.status ?? 'open')
  const [reason, setReason] = useState(current?.reason ?? '')
  const [mergedInto, setMergedInto] = useState(current?.mergedInto ?? '')
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ kind: 'error' | 'success'; text: string } | null>(null)
  const textOf = (id: string | null) => {
    const text = ideas.find((i) => i.id === id)?.text ?? '…'
    return lang === 'de' ? `„${text}“` : `“${text}”`
  }
  const label = (c: Pick<Change, 'status' | 'mergedInto'>) =>
    c.status === 'merged'
      ? `${ot('ideaStatus.mergedInto')} ${textOf(c.mergedInto)}`
      : v(`idea.statuses.${c.status}`)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setMessage(null)
    try {
      const saved = await apiJson(
        'POST',
        `/workshops/${encodeURIComponent(workshopId)}/ideas/${encodeURIComponent(idea.id)}/status`,
        SavedChange,
        {
          status,
          reason: reason.trim() || null,
          mergedInto: status === 'merged' ? mergedInto || null : null,
        },
      )
      setMessage({
        kind: 'success',
        text: saved ? ot('ideaStatus.saved', { status: label(saved) }) : ot('ideaStatus.unchanged'),
      })
      onSaved(saved)
    } catch (caught) {
      setMessage({ kind: 'error', text: errorMessage(t, caught) })
    } finally {
      setBusy(false)
    }
  }

  return (
    <li className="iw-status-item" data-testid="idea-status-item" data-idea-id={idea.id}>
      <p className="iw-status-text" id={`${ids}-text`}>
        {idea.text}
      </p>
      <p>
        {ot('ideaStatus.current')}: <StatusBadge status={current?.status ?? 'open'} />
        {current?.status === 'merged' ? ` ${textOf(current.mergedInto)}` : null}
        {current?.reason ? <span className="iw-muted"> ({current.reason})</span> : null}
      </p>
      <form
        className="iw-row iw-row-wrap iw-status-form"
        aria-labelledby={`${ids}-text`}
        onSubmit={(e) => void submit(e)}
      >
        <div className="iw-field">
          <label htmlFor={`${ids}-status`}>{ot('ideaStatus.status')}</label>
          <select
            id={`${ids}-status`}
            value={status}
            data-testid="idea-status-select"
            onChange={(e) => setStatus(e.target.value as IdeaStatus)}
          >
            {IDEA_STATUSES.map((s) => (
              <option key={s} value={s}>
                {v(`idea.statuses.${s}`)}
              </option>
            ))}
          </select>
        </div>
        {status === 'merged' ? (
          <div className="iw-field">
            <label htmlFor={`${ids}-merge`}>{ot('ideaStatus.mergedInto')}</label>
            <select
              id={`${ids}-merge`}
              value={mergedInto}
              required
              data-testid="idea-status-merge"
              onChange={(e) => setMergedInto(e.target.value)}
            >
              <option value="">{ot('ideaStatus.chooseIdea')}</option>
              {ideas
                .filter((other) => other.id !== idea.id)
                .map((other) => (
                  <option key={other.id} value={other.id}>
                    {other.text.length > 80 ? `${other.text.slice(0, 79)}…` : other.text}
                  </option>
                ))}
            </select>
          </div>
        ) : null}
        <div className="iw-field iw-grow">
          <label htmlFor={`${ids}-reason`}>
            {status === 'not_implemented' ? ot('ideaStatus.reasonRequired') : ot('ideaStatus.note')}
          </label>
          <input
            id={`${ids}-reason`}
            value={reason}
            maxLength={1000}
            required={status === 'not_implemented'}
            data-testid="idea-status-reason"
            onChange={(e) => setReason(e.target.value)}
          />
        </div>
        <button type="submit" className="iw-button" disabled={busy} data-testid="idea-status-save">
          {ot('ideaStatus.save')}
        </button>
      </form>
      {message ? (
        <FormMessage kind={message.kind} testId="idea-status-message">
          {message.text}
        </FormMessage>
      ) : null}
      {changes.length > 0 ? (
        <details className="iw-status-history">
          <summary>{ot('ideaStatus.history', { count: changes.length })}</summary>
          <ol>
            {changes.map((c) => (
              <li key={c.id}>
                <time dateTime={new Date(c.changedAt).toISOString()}>
                  {formatMoment(new Date(c.changedAt).toISOString(), lang)}
                </time>
                : {label(c)}
                {c.reason ? ` (${c.reason})` : ''}
                {c.changedBy ? ` – ${ot('ideaStatus.by', { name: c.changedBy })}` : ''}
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </li>
  )
}

function ResultsPageSwitch({ workshopId }: { workshopId: string }) {
  const t = useT()
  const ot = useOutcomeT()
  const ids = useId()
  const [info, setInfo] = useState<ResultsPageInfo | null>(null)
  const [message, setMessage] = useState<{ kind: 'error' | 'success'; text: string } | null>(null)
  const path = `/workshops/${encodeURIComponent(workshopId)}/results-page`
  useEffect(() => {
    apiJson('GET', path, ResultsPageInfo).then(setInfo, (caught: unknown) =>
      setMessage({ kind: 'error', text: errorMessage(t, caught) }),
    )
  }, [path, t])
  const toggle = async (published: boolean) => {
    setMessage(null)
    // The switch follows at once; a refusal puts it back.
    const before = info
    if (before) setInfo({ ...before, published })
    try {
      const next = await apiJson('PATCH', path, ResultsPageInfo, { published })
      setInfo(next)
      setMessage({
        kind: 'success',
        text: next.published ? ot('ideaStatus.published') : ot('ideaStatus.unpublished'),
      })
    } catch (caught) {
      setInfo(before)
      setMessage({ kind: 'error', text: errorMessage(t, caught) })
    }
  }
  return (
    <>
      <h3>{ot('ideaStatus.pageHeading')}</h3>
      <div className="iw-check">
        <input
          type="checkbox"
          id={`${ids}-publish`}
          checked={info?.published ?? false}
          disabled={!info}
          aria-describedby={`${ids}-publish-hint`}
          data-testid="results-publish"
          onChange={(e) => void toggle(e.target.checked)}
        />
        <label htmlFor={`${ids}-publish`}>{ot('ideaStatus.publish')}</label>
        <p id={`${ids}-publish-hint`} className="iw-hint">
          {ot('ideaStatus.publishHint')}
        </p>
      </div>
      {info ? (
        <>
          <CopyField label={ot('ideaStatus.pageUrl')} value={info.url} testId="results-url" />
          {info.published ? (
            <p className="iw-row iw-row-wrap">
              <a href={info.url} target="_blank" rel="noopener" data-testid="results-open">
                {ot('ideaStatus.openPage')}
              </a>
              <a href={info.feedUrl} type="application/atom+xml">
                {ot('ideaStatus.feed')}
              </a>
            </p>
          ) : (
            <p className="iw-muted">{ot('ideaStatus.notPublished')}</p>
          )}
        </>
      ) : null}
      {message ? (
        <FormMessage kind={message.kind} testId="results-message">
          {message.text}
        </FormMessage>
      ) : null}
    </>
  )
}

export function IdeaStatusPanel({ workshopId }: { workshopId: string }) {
  const t = useT()
  const ot = useOutcomeT()
  const ids = useId()
  const [overview, setOverview] = useState<IdeaStatusOverview | null>(null)
  const [error, setError] = useState<string | null>(null)
  const load = useCallback(() => {
    apiJson(
      'GET',
      `/workshops/${encodeURIComponent(workshopId)}/idea-status`,
      IdeaStatusOverview,
    ).then(setOverview, (caught: unknown) => setError(errorMessage(t, caught)))
  }, [workshopId, t])
  useEffect(load, [load])

  const groups = useMemo(() => {
    const byCluster = new Map<string | null, StatusIdea[]>()
    for (const idea of overview?.ideas ?? []) {
      const list = byCluster.get(idea.clusterTitle) ?? []
      list.push(idea)
      byCluster.set(idea.clusterTitle, list)
    }
    return [...byCluster]
  }, [overview])
  const changesOf = (ideaId: string) => overview?.changes.filter((c) => c.ideaId === ideaId) ?? []

  return (
    <section
      aria-labelledby={`${ids}-h`}
      className="iw-card iw-idea-status-panel"
      data-testid="idea-status-panel"
    >
      <h2 id={`${ids}-h`}>{ot('ideaStatus.heading')}</h2>
      <p className="iw-muted">{ot('ideaStatus.intro')}</p>
      <ResultsPageSwitch workshopId={workshopId} />
      <h3>{ot('ideaStatus.ideasHeading')}</h3>
      {error ? <FormMessage kind="error">{error}</FormMessage> : null}
      {overview && overview.ideas.length === 0 ? <p>{ot('ideaStatus.noIdeas')}</p> : null}
      {groups.map(([cluster, ideas]) => (
        <section key={cluster ?? ''} aria-label={cluster ?? ot('ideaStatus.unsorted')}>
          <h4>{cluster ?? ot('ideaStatus.unsorted')}</h4>
          <ul className="iw-status-list">
            {ideas.map((idea) => (
              <IdeaStatusItem
                key={idea.id}
                idea={idea}
                ideas={overview?.ideas ?? []}
                changes={changesOf(idea.id)}
                workshopId={workshopId}
                onSaved={(change) => {
                  if (change)
                    setOverview((o) => (o ? { ...o, changes: [...o.changes, change] } : o))
                }}
              />
            ))}
          </ul>
        </section>
      ))}
    </section>
  )
}
