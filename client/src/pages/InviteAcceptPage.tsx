/**
 * `/invite/:token`: accept a co-facilitator invitation — with one click when signed in as a
 * facilitator, otherwise by creating an account (name, e-mail, password twice).
 */
import { useEffect, useState } from 'react'
import { api } from '../api/endpoints.ts'
import { refreshSession, useSession } from '../api/session.ts'
import { useT } from '../i18n/LangProvider.tsx'
import { navigate } from '../router.ts'
import { errorMessage } from '../ui/errors.ts'
import { FormMessage } from '../ui/Field.tsx'
import { useAction } from '../ui/forms.ts'
import { Link } from '../ui/Link.tsx'
import { NewAccountForm } from '../ui/NewAccountForm.tsx'
import { Page } from '../ui/Page.tsx'

export function InviteAcceptPage({ token }: { token: string }) {
  const t = useT()
  const session = useSession()
  const [title, setTitle] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const action = useAction()

  useEffect(() => {
    api.facilitatorInvite(token).then(
      ({ workshopTitle }) => setTitle(workshopTitle),
      (caught: unknown) => setError(errorMessage(t, caught)),
    )
  }, [token, t])

  const facilitator = session.status === 'ready' && session.me?.kind === 'facilitator'
  return (
    <Page title={t('invite.title')}>
      {error ? (
        <FormMessage kind="error">{error}</FormMessage>
      ) : title === null || session.status === 'loading' ? (
        <p aria-busy="true">{t('loading')}</p>
      ) : (
        <>
          <p>{t('invite.body', { workshop: title })}</p>
          {facilitator ? (
            <button
              type="button"
              className="iw-button iw-button-primary"
              disabled={action.busy}
              onClick={() =>
                void action.run(async () => {
                  await api.acceptFacilitatorInvite(token)
                  navigate('/workshops', { replace: true })
                })
              }
            >
              {t('invite.accept')}
            </button>
          ) : (
            <>
              <p>
                {t('invite.haveAccount')}{' '}
                <Link href={`/login?next=${encodeURIComponent(`/invite/${token}`)}`}>
                  {t('nav.login')}
                </Link>
              </p>
              <NewAccountForm
                onSubmit={async (account) => {
                  await api.acceptFacilitatorInvite(token, account)
                  await refreshSession()
                  navigate('/workshops', { replace: true })
                }}
                submitLabel={t('invite.createAccount')}
                testId="invite-account-form"
              />
            </>
          )}
          {action.error ? <FormMessage kind="error">{action.error}</FormMessage> : null}
        </>
      )}
    </Page>
  )
}
