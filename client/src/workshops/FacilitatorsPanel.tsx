/** The workshop's facilitators; the owner removes co-facilitators; anyone creates an invite link. */
import { useState } from 'react'
import { api, type WorkshopDetail } from '../api/endpoints.ts'
import { useLang, useT } from '../i18n/LangProvider.tsx'
import { CopyField } from '../ui/CopyField.tsx'
import { FormMessage } from '../ui/Field.tsx'
import { formatMoment } from '../ui/format.ts'
import { useAction } from '../ui/forms.ts'

export function FacilitatorsPanel({
  workshop,
  onChanged,
}: {
  workshop: WorkshopDetail
  onChanged: () => void
}) {
  const { lang } = useLang()
  const t = useT()
  const action = useAction()
  const [link, setLink] = useState<{ inviteUrl: string; expiresAt: string } | null>(null)
  return (
    <section aria-labelledby="iw-facilitators-heading">
      <h2 id="iw-facilitators-heading">{t('workshop.facilitatorsHeading')}</h2>
      <ul className="iw-plain-list">
        {workshop.facilitators.map((f) => (
          <li key={f.id} className="iw-row iw-row-center">
            <span>
              {f.name}{' '}
              <span className="iw-muted">
                · {f.email} ·{' '}
                {f.role === 'owner' ? t('workshop.owner') : t('workshop.cofacilitator')}
              </span>
            </span>
            {workshop.role === 'owner' && f.role === 'cofacilitator' ? (
              <button
                type="button"
                className="iw-button iw-button-small"
                disabled={action.busy}
                onClick={() =>
                  void action.run(async () => {
                    await api.removeCofacilitator(workshop.id, f.id)
                    onChanged()
                  })
                }
              >
                {t('workshop.removeCofacilitator', { name: f.name })}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="iw-button"
        disabled={action.busy}
        data-testid="create-cofacilitator-invite"
        onClick={() =>
          void action.run(async () => setLink(await api.inviteCofacilitator(workshop.id)))
        }
      >
        {t('workshop.inviteCofacilitator')}
      </button>
      {link ? (
        <CopyField
          label={t('workshop.cofacilitatorLink', { expires: formatMoment(link.expiresAt, lang) })}
          value={link.inviteUrl}
          testId="cofacilitator-invite-url"
        />
      ) : null}
      {action.error ? <FormMessage kind="error">{action.error}</FormMessage> : null}
    </section>
  )
}
