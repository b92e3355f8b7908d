/** One invite (participant or viewer): the code in large type, join link, QR, rotate, disable. */
import { api, type GuestRole, type WorkshopDetail } from '../api/endpoints.ts'
import { useT } from '../i18n/LangProvider.tsx'
import { ConfirmButton } from '../ui/ConfirmButton.tsx'
import { CopyField } from '../ui/CopyField.tsx'
import { FormMessage } from '../ui/Field.tsx'
import { useAction } from '../ui/forms.ts'

export function InviteCard({
  workshop,
  inviteRole: role,
  onChange,
}: {
  workshop: WorkshopDetail
  inviteRole: GuestRole
  onChange: (next: WorkshopDetail) => void
}) {
  const t = useT()
  const action = useAction()
  const invite = workshop.invites.find((i) => i.role === role)
  if (!invite) return null
  const headingId = `iw-invite-${role}`
  return (
    <section
      className="iw-card iw-invite"
      aria-labelledby={headingId}
      data-testid={`invite-${role}`}
    >
      <h3 id={headingId}>{t(`invites.role.${role}`)}</h3>
      <p className="iw-hint">{t(`invites.roleHint.${role}`)}</p>
      <p className="iw-invite-code-label">{t('invites.code')}</p>
      <p
        className={`iw-invite-code ${invite.enabled ? '' : 'iw-invite-code-off'}`}
        data-testid={`invite-code-${role}`}
      >
        {invite.code}
      </p>
      {invite.enabled ? null : <p className="iw-warning">{t('invites.disabled')}</p>}
      <img
        className="iw-qr"
        src={api.qrUrl(workshop.id, role, invite.code)}
        alt={t('invites.qrAlt', { role: t(`invites.role.${role}`) })}
        width={160}
        height={160}
        data-testid={`qr-${role}`}
      />
      <CopyField label={t('invites.joinUrl')} value={invite.joinUrl} testId={`join-url-${role}`} />
      <div className="iw-row iw-row-wrap">
        <ConfirmButton
          question={t('invites.rotateConfirm')}
          confirmLabel={t('invites.rotate')}
          disabled={action.busy}
          testId={`rotate-${role}`}
          onConfirm={() =>
            void action.run(async () => onChange(await api.rotateInvite(workshop.id, role)))
          }
        >
          {t('invites.rotate')}
        </ConfirmButton>
        <button
          type="button"
          className="iw-button"
          disabled={action.busy}
          aria-pressed={!invite.enabled}
          data-testid={`toggle-${role}`}
          onClick={() =>
            void action.run(async () =>
              onChange(await api.setInviteEnabled(workshop.id, role, !invite.enabled)),
            )
          }
        >
          {invite.enabled ? t('invites.disable') : t('invites.enable')}
        </button>
      </div>
      {action.error ? <FormMessage kind="error">{action.error}</FormMessage> : null}
    </section>
  )
}
