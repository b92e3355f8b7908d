/**
 * "Datenschutz / Aufbewahrung" on the workshop page: when guests' names and when the whole
 * workshop are deleted automatically (server/src/workshops/RetentionJob.ts), as days after the
 * workshop's end, with the resulting dates ("wird gelöscht am …").
 */
import { type FormEvent, useId, useState } from 'react'
import { api, type Retention, type WorkshopDetail } from '../api/endpoints.ts'
import { useLang, useT } from '../i18n/LangProvider.tsx'
import type { Lang } from '../i18n/lang.ts'
import { useOutcomeT } from '../i18n/useOutcomeT.ts'
import { errorMessage } from '../ui/errors.ts'
import { FormMessage } from '../ui/Field.tsx'
import { NumberField } from '../ui/NumberField.tsx'
import { wholeNumber } from '../ui/wholeNumber.ts'

const MAX_DAYS = 3650
const DAY_MS = 86_400_000

type Key = 'names' | 'workshop'

interface Rule {
  on: boolean
  days: string
}

function formatDate(iso: string, lang: Lang): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return new Intl.DateTimeFormat(lang, { dateStyle: 'long' }).format(date)
}

const ruleOf = (days: number | null, fallback: number): Rule =>
  days === null ? { on: false, days: String(fallback) } : { on: true, days: String(days) }

/** Whole days 1–3650, or null when the text is not such a number. */
const parseDays = (text: string): number | null => wholeNumber(text, 1, MAX_DAYS)

export function RetentionPanel({
  workshop,
  onChange,
}: {
  workshop: WorkshopDetail
  onChange: (retention: Retention) => void
}) {
  const t = useT()
  const ot = useOutcomeT()
  const { lang } = useLang()
  const ids = useId()
  const saved = workshop.retention
  const [rules, setRules] = useState<Record<Key, Rule>>({
    names: ruleOf(saved.namesDays, 30),
    workshop: ruleOf(saved.workshopDays, 365),
  })
  const [errors, setErrors] = useState<Partial<Record<Key, string>>>({})
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ kind: 'error' | 'success'; text: string } | null>(null)

  const set = (key: Key, patch: Partial<Rule>) => {
    setRules((r) => ({ ...r, [key]: { ...r[key], ...patch } }))
    setErrors((e) => ({ ...e, [key]: undefined }))
    setMessage(null)
  }

  /** The date a rule leads to with what is typed now (null when off or invalid). */
  const deleteAt = (key: Key): string | null => {
    const rule = rules[key]
    const days = parseDays(rule.days)
    if (!rule.on || days === null) return null
    return new Date(Date.parse(saved.endsAt) + days * DAY_MS).toISOString()
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const found: Partial<Record<Key, string>> = {}
    const value = (key: Key) => {
      if (!rules[key].on) return null
      const days = parseDays(rules[key].days)
      if (days === null) found[key] = ot('retention.invalidDays', { max: MAX_DAYS })
      return days
    }
    const body = { namesDays: value('names'), workshopDays: value('workshop') }
    setErrors(found)
    if (found.names || found.workshop) {
      document.getElementById(`${ids}-${found.names ? 'names' : 'workshop'}-days`)?.focus()
      return
    }
    setBusy(true)
    setMessage(null)
    try {
      onChange(await api.setRetention(workshop.id, body))
      setMessage({ kind: 'success', text: ot('retention.saved') })
    } catch (caught) {
      setMessage({ kind: 'error', text: errorMessage(t, caught) })
    } finally {
      setBusy(false)
    }
  }

  const row = (key: Key) => {
    const rule = rules[key]
    const error = errors[key]
    const at = deleteAt(key)
    return (
      <fieldset className="iw-retention-rule" data-testid={`retention-${key}`}>
        <legend>{ot(`retention.${key}.legend`)}</legend>
        <div className="iw-check">
          <input
            type="checkbox"
            id={`${ids}-${key}-on`}
            checked={rule.on}
            onChange={(e) => set(key, { on: e.target.checked })}
          />
          <label htmlFor={`${ids}-${key}-on`}>{ot(`retention.${key}.toggle`)}</label>
        </div>
        <NumberField
          id={`${ids}-${key}-days`}
          className="iw-field iw-retention-days"
          label={ot(`retention.${key}.days`)}
          min={1}
          max={MAX_DAYS}
          value={rule.days}
          onValue={(days) => set(key, { days })}
          disabled={!rule.on}
          hint={
            at
              ? ot(`retention.${key}.deleteAt`, { date: formatDate(at, lang) })
              : ot('retention.kept')
          }
          hintTestId={`retention-${key}-when`}
          error={error}
        />
      </fieldset>
    )
  }

  return (
    <section
      aria-labelledby={`${ids}-h`}
      className="iw-card iw-retention"
      data-testid="retention-panel"
    >
      <h2 id={`${ids}-h`}>{ot('retention.heading')}</h2>
      <p className="iw-muted">
        {ot('retention.intro', { end: formatDate(saved.endsAt, lang) })}{' '}
        {saved.custom ? null : ot('retention.defaults')}
      </p>
      {saved.namesDeletedAt ? (
        <p role="status">
          {ot('retention.namesDeleted', { date: formatDate(saved.namesDeletedAt, lang) })}
        </p>
      ) : null}
      <form noValidate onSubmit={(e) => void submit(e)}>
        {row('names')}
        {row('workshop')}
        <button type="submit" className="iw-button" disabled={busy} data-testid="retention-save">
          {ot('retention.save')}
        </button>
      </form>
      {message ? (
        <FormMessage kind={message.kind} testId="retention-message">
          {message.text}
        </FormMessage>
      ) : null}
    </section>
  )
}
