/** First run: create the first facilitator (name, e-mail, password twice), then /workshops. */
import { useEffect, useState } from 'react'
import { api } from '../api/endpoints.ts'
import { ApiError } from '../api/http.ts'
import { refreshSession } from '../api/session.ts'
import { useT } from '../i18n/LangProvider.tsx'
import { navigate } from '../router.ts'
import { FormMessage } from '../ui/Field.tsx'
import { Link } from '../ui/Link.tsx'
import { type NewAccount, NewAccountForm } from '../ui/NewAccountForm.tsx'
import { Page } from '../ui/Page.tsx'

export function SetupPage() {
  const t = useT()
  const [done, setDone] = useState(false)

  useEffect(() => {
    api.setupNeeded().then(
      ({ needed }) => setDone(!needed),
      () => {},
    )
  }, [])

  const create = async (account: NewAccount) => {
    try {
      await api.setup(account)
    } catch (error) {
      if (error instanceof ApiError && error.code === 'setup_done') setDone(true)
      throw error
    }
    await refreshSession()
    navigate('/workshops', { replace: true })
  }

  return (
    <Page title={t('setup.title')}>
      {done ? (
        <>
          <FormMessage kind="error">{t('errors.setupDone')}</FormMessage>
          <Link href="/login">{t('nav.login')}</Link>
        </>
      ) : (
        <>
          <p>{t('setup.intro')}</p>
          <NewAccountForm
            onSubmit={create}
            submitLabel={t('setup.submit')}
            testId="setup-form"
            errorSummary
          />
        </>
      )}
    </Page>
  )
}
