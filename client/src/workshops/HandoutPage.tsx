/**
 * `/workshops/:id/handout`: one printable A4 page for the tables in the hall — title, date, place,
 * a big QR code of the participant invite, the code in huge type, the join link and three steps,
 * all in the workshop's language. Print CSS hides the app chrome.
 */
import { useEffect, useState } from 'react'
import { api, type WorkshopDetail } from '../api/endpoints.ts'
import { tFor } from '../i18n/i18n.ts'
import { useT } from '../i18n/LangProvider.tsx'
import { RequireFacilitator } from '../pages/RequireFacilitator.tsx'
import { workshopPath } from '../router.ts'
import { AppHeader } from '../ui/AppHeader.tsx'
import { errorMessage } from '../ui/errors.ts'
import { FormMessage } from '../ui/Field.tsx'
import { formatDay } from '../ui/format.ts'
import { Link } from '../ui/Link.tsx'
import { usePageTitle } from '../ui/Page.tsx'
import { LocalLinkWarning } from './LocalLinkWarning.tsx'

const HANDOUT_STEPS = ['step1', 'step2', 'step3'] as const

function Handout({ workshop }: { workshop: WorkshopDetail }) {
  const lang = workshop.language
  // The handout speaks the workshop's language, not the facilitator's.
  const h = tFor(lang, 'common')
  const invite = workshop.invites.find((i) => i.role === 'participant')
  if (!invite) return null
  return (
    <article className="iw-handout" lang={lang} data-testid="handout">
      <h1>{workshop.title}</h1>
      <p className="iw-handout-meta">
        {[workshop.date ? formatDay(workshop.date, lang) : null, workshop.place]
          .filter(Boolean)
          .join(' · ')}
      </p>
      <img
        className="iw-handout-qr"
        src={api.qrUrl(workshop.id, 'participant', invite.code)}
        alt={h('invites.qrAlt', { role: h('invites.role.participant') })}
        data-testid="handout-qr"
      />
      <p className="iw-handout-scan">{h('handout.scan')}</p>
      <p className="iw-handout-or">{h('handout.orType')}</p>
      <p className="iw-handout-url">{invite.joinUrl.replace(/\/join\/[^/]*$/, '/join')}</p>
      <p className="iw-handout-code" data-testid="handout-code">
        {invite.code}
      </p>
      <ol className="iw-handout-steps">
        {HANDOUT_STEPS.map((step) => (
          <li key={step}>{h(`handout.steps.${step}`)}</li>
        ))}
      </ol>
      <p className="iw-handout-footer">
        {h('appName')} · {invite.joinUrl}
      </p>
    </article>
  )
}

function HandoutLoader({ id }: { id: string }) {
  const t = useT()
  const [workshop, setWorkshop] = useState<WorkshopDetail | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    api.workshop(id).then(setWorkshop, (caught: unknown) => setError(errorMessage(t, caught)))
  }, [id, t])
  usePageTitle(workshop ? `${t('workshop.handout')}: ${workshop.title}` : t('workshop.handout'))
  if (error) return <FormMessage kind="error">{error}</FormMessage>
  if (!workshop) return <p aria-busy="true">{t('loading')}</p>
  return (
    <>
      <LocalLinkWarning url={workshop.invites[0]?.joinUrl ?? ''} />
      <Handout workshop={workshop} />
    </>
  )
}

export function HandoutPage({ id }: { id: string }) {
  const t = useT()
  return (
    <div className="iw-shell iw-handout-page">
      <AppHeader />
      <div className="iw-handout-tools iw-no-print">
        <Link href={workshopPath(id)}>← {t('handout.back')}</Link>
        <button
          type="button"
          className="iw-button iw-button-primary"
          onClick={() => window.print()}
        >
          {t('handout.print')}
        </button>
      </div>
      <main>
        <RequireFacilitator>
          <HandoutLoader id={id} />
        </RequireFacilitator>
      </main>
    </div>
  )
}
