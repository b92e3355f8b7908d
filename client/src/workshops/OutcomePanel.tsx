/**
 * Getting the outcome out, at any moment during or after the workshop: the report as PDF, HTML
 * or Markdown (in German or English, with participants' names only when chosen), the open-data
 * package (Frictionless Data Package + DCAT-AP.de) under the chosen licence, its CSVs in the
 * standard or German Excel dialect, with the portal's contributor id if given, with progress.
 */
import { useEffect, useId, useState } from 'react'
import { download } from '../api/download.ts'
import { apiJson, apiVoid, type Schema } from '../api/http.ts'
import { useT } from '../i18n/LangProvider.tsx'
import { useOutcomeT } from '../i18n/useOutcomeT.ts'
import { errorMessage } from '../ui/errors.ts'
import { FormMessage } from '../ui/Field.tsx'
import { OpenDataVersionsPanel } from './OpenDataVersionsPanel.tsx'

type Licence = 'cc-by-4.0' | 'dl-by-de-2.0'
interface Settings {
  licence: Licence
  publisher: string | null
  reportNames: boolean
}

const SettingsSchema: Schema<Settings> = {
  safeParse(value) {
    const v = value as Partial<Settings> | null
    return v && (v.licence === 'cc-by-4.0' || v.licence === 'dl-by-de-2.0')
      ? {
          success: true,
          data: {
            licence: v.licence,
            publisher: v.publisher ?? null,
            reportNames: v.reportNames === true,
          },
        }
      : { success: false, error: { message: 'expected outcome settings' } }
  },
}

const FORMATS = ['pdf', 'html', 'md'] as const
type What = (typeof FORMATS)[number] | 'openData'

export function OutcomePanel({
  workshopId,
  language,
}: {
  workshopId: string
  language: 'de' | 'en'
}) {
  const t = useT()
  const ot = useOutcomeT()
  const ids = useId()
  const [settings, setSettings] = useState<Settings | null>(null)
  const [lang, setLang] = useState<'de' | 'en'>(language)
  const [names, setNames] = useState(false)
  // German Excel opens the semicolon dialect with BOM by double-click; portals read the standard.
  const [csv, setCsv] = useState<'standard' | 'excel-de'>('standard')
  const [contributor, setContributor] = useState('')
  const [progress, setProgress] = useState<{ what: What; fraction: number | null } | null>(null)
  // An export publishes a version when the data changed: the list reads again after one.
  const [exports, setExports] = useState(0)
  // What was downloaded is kept as a key, so the message follows a change of language.
  const [message, setMessage] = useState<
    { kind: 'error'; text: string } | { kind: 'success'; what: What } | null
  >(null)
  const base = `/api/workshops/${encodeURIComponent(workshopId)}`

  useEffect(() => {
    apiJson(
      'GET',
      `/workshops/${encodeURIComponent(workshopId)}/outcome-settings`,
      SettingsSchema,
    ).then(setSettings, () =>
      setSettings({ licence: 'cc-by-4.0', publisher: null, reportNames: false }),
    )
  }, [workshopId])

  const save = async (patch: Partial<Settings>) => {
    if (!settings) return
    const next = { ...settings, ...patch }
    setSettings(next)
    try {
      await apiVoid('PATCH', `/workshops/${encodeURIComponent(workshopId)}/outcome-settings`, patch)
    } catch (caught) {
      setMessage({ kind: 'error', text: errorMessage(t, caught) })
    }
  }

  const fetchFile = async (what: What, path: string) => {
    setMessage(null)
    setProgress({ what, fraction: null })
    try {
      await download(path, (fraction) => setProgress({ what, fraction }))
      setMessage({ kind: 'success', what })
      if (what === 'openData') setExports((n) => n + 1)
    } catch (caught) {
      setMessage({ kind: 'error', text: errorMessage(t, caught) })
    } finally {
      setProgress(null)
    }
  }

  const label = (what: What) =>
    what === 'openData' ? ot('outcome.openData') : ot(`outcome.format.${what}`)
  return (
    <section
      aria-labelledby={`${ids}-h`}
      className="iw-card iw-outcome"
      data-testid="outcome-panel"
    >
      <h2 id={`${ids}-h`}>{ot('outcome.heading')}</h2>
      <p className="iw-muted">{ot('outcome.intro')}</p>
      <div className="iw-row iw-row-wrap">
        <div className="iw-field">
          <label htmlFor={`${ids}-lang`}>{ot('outcome.language')}</label>
          <select
            id={`${ids}-lang`}
            value={lang}
            onChange={(e) => setLang(e.target.value as 'de' | 'en')}
          >
            <option value="de">{t('langName.de')}</option>
            <option value="en">{t('langName.en')}</option>
          </select>
        </div>
        <div className="iw-check">
          <input
            type="checkbox"
            id={`${ids}-names`}
            checked={names}
            onChange={(e) => setNames(e.target.checked)}
          />
          <label htmlFor={`${ids}-names`}>{ot('outcome.names')}</label>
        </div>
      </div>
      <div className="iw-row iw-row-wrap">
        {FORMATS.map((format) => (
          <button
            key={format}
            type="button"
            className="iw-button"
            disabled={progress !== null}
            data-testid={`download-${format}`}
            onClick={() =>
              void fetchFile(
                format,
                `${base}/report?format=${format}&lang=${lang}&names=${names ? 1 : 0}`,
              )
            }
          >
            {label(format)}
          </button>
        ))}
      </div>

      <h3>{ot('outcome.openData')}</h3>
      <div className="iw-row iw-row-wrap">
        <div className="iw-field">
          <label htmlFor={`${ids}-licence`}>{ot('outcome.licence')}</label>
          <select
            id={`${ids}-licence`}
            value={settings?.licence ?? 'cc-by-4.0'}
            disabled={!settings}
            onChange={(e) => void save({ licence: e.target.value as Licence })}
          >
            <option value="cc-by-4.0">CC BY 4.0</option>
            <option value="dl-by-de-2.0">{ot('outcome.dlDe')}</option>
          </select>
        </div>
        <div className="iw-field">
          <label htmlFor={`${ids}-csv`}>{ot('outcome.csv')}</label>
          <select
            id={`${ids}-csv`}
            value={csv}
            onChange={(e) => setCsv(e.target.value === 'excel-de' ? 'excel-de' : 'standard')}
            data-testid="open-data-csv"
          >
            <option value="standard">{ot('outcome.csvStandard')}</option>
            <option value="excel-de">{ot('outcome.csvExcel')}</option>
          </select>
        </div>
        <div className="iw-field">
          <label htmlFor={`${ids}-publisher`}>{ot('outcome.publisher')}</label>
          <input
            id={`${ids}-publisher`}
            defaultValue={settings?.publisher ?? ''}
            key={settings ? 'loaded' : 'loading'}
            maxLength={200}
            onBlur={(e) => void save({ publisher: e.target.value.trim() || null })}
          />
        </div>
        <div className="iw-field">
          <label htmlFor={`${ids}-contributor`}>{ot('outcome.contributor')}</label>
          <input
            id={`${ids}-contributor`}
            type="url"
            inputMode="url"
            value={contributor}
            maxLength={500}
            placeholder="http://dcat-ap.de/def/contributors/…"
            aria-describedby={`${ids}-contributor-hint`}
            onChange={(e) => setContributor(e.target.value)}
            data-testid="open-data-contributor"
          />
          <p id={`${ids}-contributor-hint`} className="iw-hint">
            {ot('outcome.contributorHint')}
          </p>
        </div>
      </div>
      <button
        type="button"
        className="iw-button"
        disabled={progress !== null}
        data-testid="download-zip"
        onClick={() =>
          void fetchFile(
            'openData',
            `${base}/open-data.zip?${new URLSearchParams({
              lang,
              licence: settings?.licence ?? 'cc-by-4.0',
              csv,
              ...(contributor.trim() ? { contributorId: contributor.trim() } : {}),
            })}`,
          )
        }
      >
        {ot('outcome.downloadZip')}
      </button>

      {progress ? (
        <div className="iw-download-progress" data-testid="download-progress">
          <label htmlFor={`${ids}-progress`}>
            {ot('outcome.preparing', { what: label(progress.what) })}
          </label>
          <progress
            id={`${ids}-progress`}
            max={1}
            {...(progress.fraction === null ? {} : { value: progress.fraction })}
          />
        </div>
      ) : null}
      {message ? (
        <FormMessage kind={message.kind} testId="outcome-message">
          {message.kind === 'success'
            ? ot('outcome.done', { what: label(message.what) })
            : message.text}
        </FormMessage>
      ) : null}
      <OpenDataVersionsPanel workshopId={workshopId} refresh={exports} />
    </section>
  )
}
