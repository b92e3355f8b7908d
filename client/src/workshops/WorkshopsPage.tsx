/**
 * `/workshops`: the facilitator's workshops (active or archived), the form for a new one and the
 * import of an exported one.
 */
import { useEffect, useId, useState } from 'react'
import { api, type Workshop } from '../api/endpoints.ts'
import { useLang, useT } from '../i18n/LangProvider.tsx'
import { OperatorHint } from '../info/OperatorHint.tsx'
import { RequireFacilitator } from '../pages/RequireFacilitator.tsx'
import { navigate, workshopPath } from '../router.ts'
import { errorMessage } from '../ui/errors.ts'
import { FormMessage } from '../ui/Field.tsx'
import { formatDay } from '../ui/format.ts'
import { Link } from '../ui/Link.tsx'
import { Page } from '../ui/Page.tsx'
import { ImportWorkshop } from './ImportWorkshop.tsx'
import { emptyWorkshop, WorkshopForm } from './WorkshopForm.tsx'

function WorkshopList() {
  const { lang } = useLang()
  const t = useT()
  const [archived, setArchived] = useState(false)
  const [list, setList] = useState<Workshop[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const toggleId = useId()

  useEffect(() => {
    let cancelled = false
    setList(null)
    api.workshops(archived).then(
      (workshops) => {
        if (!cancelled) setList(workshops)
      },
      (caught: unknown) => {
        if (!cancelled) setError(errorMessage(t, caught))
      },
    )
    return () => {
      cancelled = true
    }
  }, [archived, t])

  return (
    <section aria-labelledby="iw-list-heading">
      <h2 id="iw-list-heading">{t('workshops.listHeading')}</h2>
      <div className="iw-check">
        <input
          type="checkbox"
          id={toggleId}
          checked={archived}
          onChange={(event) => setArchived(event.target.checked)}
          data-testid="show-archived"
        />
        <label htmlFor={toggleId}>{t('workshops.showArchived')}</label>
      </div>
      {error ? <FormMessage kind="error">{error}</FormMessage> : null}
      {list === null ? (
        <p aria-busy="true">{t('loading')}</p>
      ) : list.length === 0 ? (
        <p>{archived ? t('workshops.emptyArchived') : t('workshops.empty')}</p>
      ) : (
        <ul className="iw-workshop-list" data-testid="workshop-list">
          {list.map((w) => (
            <li key={w.id}>
              <Link href={workshopPath(w.id)} className="iw-workshop-link">
                {w.title}
              </Link>
              <span className="iw-muted">
                {w.date ? formatDay(w.date, lang) : t('workshops.noDate')}
                {w.place ? ` · ${w.place}` : ''}
                {w.archived ? ` · ${t('workshops.archived')}` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

export function WorkshopsPage() {
  const { lang } = useLang()
  const t = useT()
  return (
    <Page title={t('workshops.title')}>
      <RequireFacilitator>
        <OperatorHint />
        <WorkshopList />
        <section aria-labelledby="iw-create-heading" className="iw-card">
          <h2 id="iw-create-heading">{t('workshops.createHeading')}</h2>
          <WorkshopForm
            initial={emptyWorkshop(lang)}
            submitLabel={t('workshops.create')}
            testId="create-workshop-form"
            onSubmit={async (fields) => {
              const created = await api.createWorkshop(fields)
              navigate(workshopPath(created.id))
            }}
          />
        </section>
        <ImportWorkshop />
      </RequireFacilitator>
    </Page>
  )
}
