/**
 * The published versions of the open data (issue 20 §5), for the workshop's facilitators: the
 * public address the DCAT file's download URLs point to (answering while the results page is
 * published), every version newest first with what changed, and a button that publishes the
 * data as it is now when anything changed. Status changes, carried ideas and exports publish
 * versions by themselves; `refresh` (a counter) makes the list read again after an export.
 */
import { OpenDataVersionList } from '@ideenwand/protocol'
import { useCallback, useEffect, useId, useState } from 'react'
import { apiJson, type Schema } from '../api/http.ts'
import { useLang, useT } from '../i18n/LangProvider.tsx'
import { useOutcomeT } from '../i18n/useOutcomeT.ts'
import { CopyField } from '../ui/CopyField.tsx'
import { errorMessage } from '../ui/errors.ts'
import { FormMessage } from '../ui/Field.tsx'

const Published: Schema<{ number: number }> = {
  safeParse(value) {
    const v = value as { number?: unknown } | null
    return typeof v?.number === 'number'
      ? { success: true, data: { number: v.number } }
      : { success: false, error: { message: 'expected a version' } }
  },
}

/** Changes shown per version before "more". */
const SHOWN = 5

export function OpenDataVersionsPanel({
  workshopId,
  refresh,
}: {
  workshopId: string
  refresh: number
}) {
  const t = useT()
  const ot = useOutcomeT()
  const { lang } = useLang()
  const ids = useId()
  const [list, setList] = useState<OpenDataVersionList | null>(null)
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null)
  const path = `/workshops/${encodeURIComponent(workshopId)}/open-data-versions`

  const load = useCallback(
    () => apiJson('GET', path, OpenDataVersionList).then(setList, () => setList(null)),
    [path],
  )
  // biome-ignore lint/correctness/useExhaustiveDependencies: `refresh` is the signal to read again
  useEffect(() => {
    void load()
  }, [load, refresh])

  const publish = async () => {
    setBusy(true)
    setMessage(null)
    const before = list?.versions[0]?.number ?? 0
    try {
      const { number } = await apiJson('POST', path, Published, {})
      await load()
      setMessage({
        kind: 'success',
        text:
          number > before
            ? ot('openData.published', { n: number })
            : ot('openData.unchanged', { n: number }),
      })
    } catch (caught) {
      setMessage({ kind: 'error', text: errorMessage(t, caught) })
    } finally {
      setBusy(false)
    }
  }

  const when = (ms: number) =>
    new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(ms)

  return (
    <section aria-labelledby={`${ids}-h`} data-testid="open-data-versions">
      <h3 id={`${ids}-h`}>{ot('openData.heading')}</h3>
      <p className="iw-muted">{ot('openData.intro')}</p>
      {list ? (
        <>
          <CopyField label={ot('openData.url')} value={list.url} />
          {list.published ? null : (
            <p className="iw-hint" data-testid="open-data-unpublished">
              {ot('openData.unpublished')}
            </p>
          )}
          {list.versions.length === 0 ? (
            <p>{ot('openData.none')}</p>
          ) : (
            <ol className="iw-versions" data-testid="open-data-version-list">
              {list.versions.map((v) => (
                <li key={v.number} data-version={v.number}>
                  <strong>{ot('openData.version', { n: v.number, date: when(v.created) })}</strong>
                  {list.published ? (
                    <>
                      {' '}
                      <a href={`${list.url}v/${v.number}/datapackage.json`}>datapackage.json</a>
                    </>
                  ) : null}
                  <ul>
                    {v.changes.slice(0, SHOWN).map((c, i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: a version's changes never change order
                      <li key={i}>{c.detail}</li>
                    ))}
                    {v.changes.length > SHOWN ? (
                      <li>{ot('openData.more', { count: v.changes.length - SHOWN })}</li>
                    ) : null}
                  </ul>
                </li>
              ))}
            </ol>
          )}
        </>
      ) : null}
      <button
        type="button"
        className="iw-button"
        disabled={busy}
        onClick={() => void publish()}
        data-testid="open-data-publish"
      >
        {ot('openData.publish')}
      </button>
      {message ? (
        <FormMessage kind={message.kind} testId="open-data-message">
          {message.text}
        </FormMessage>
      ) : null}
    </section>
  )
}
