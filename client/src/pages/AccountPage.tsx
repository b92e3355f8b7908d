/** Facilitator account: change the password (ends other sessions) and sign out. */
import { type FormEvent, useRef, useState } from 'react'
import { api } from '../api/endpoints.ts'
import { useT } from '../i18n/LangProvider.tsx'
import { useLogout } from '../ui/AppHeader.tsx'
import { Field, FormMessage } from '../ui/Field.tsx'
import {
  type FieldErrors,
  focusFirstInvalid,
  hasErrors,
  newPasswordErrors,
  useAction,
  useFields,
} from '../ui/forms.ts'
import { NewPasswordFields } from '../ui/NewPasswordFields.tsx'
import { Page } from '../ui/Page.tsx'
import { RequireFacilitator } from './RequireFacilitator.tsx'

type Fields = 'current' | 'password' | 'repeat'

function PasswordForm() {
  const t = useT()
  const fields = useFields<Fields>({ current: '', password: '', repeat: '' })
  const { values, errors, setErrors } = fields
  const [changed, setChanged] = useState(false)
  const action = useAction()
  const form = useRef<HTMLFormElement>(null)
  const set = (key: Fields) => (value: string) => {
    fields.set(key)(value)
    setChanged(false)
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const next: FieldErrors<Fields> = {
      current: values.current ? undefined : t('errors.required'),
      ...newPasswordErrors(t, values.password, values.repeat),
    }
    setErrors(next)
    if (hasErrors(next)) return focusFirstInvalid(form.current)
    void action.run(async () => {
      await api.changePassword({ currentPassword: values.current, newPassword: values.password })
      fields.setValues({ current: '', password: '', repeat: '' })
      setChanged(true)
    })
  }
  return (
    <form ref={form} className="iw-form" onSubmit={submit} noValidate data-testid="password-form">
      <Field
        label={t('account.currentPassword')}
        type="password"
        value={values.current}
        onValue={set('current')}
        error={errors.current}
        autoComplete="current-password"
        required
      />
      <NewPasswordFields
        values={values}
        errors={errors}
        set={set}
        labels={{ password: t('account.newPassword'), repeat: t('account.newPasswordRepeat') }}
      />
      {action.error ? <FormMessage kind="error">{action.error}</FormMessage> : null}
      {changed ? <FormMessage kind="success">{t('account.changed')}</FormMessage> : null}
      <button type="submit" className="iw-button iw-button-primary" disabled={action.busy}>
        {t('account.submit')}
      </button>
    </form>
  )
}

export function AccountPage() {
  const t = useT()
  const logout = useLogout()
  return (
    <Page title={t('account.title')}>
      <RequireFacilitator>
        <section aria-labelledby="iw-pw-heading">
          <h2 id="iw-pw-heading">{t('account.passwordHeading')}</h2>
          <PasswordForm />
        </section>
        <section aria-labelledby="iw-logout-heading">
          <h2 id="iw-logout-heading">{t('account.logoutHeading')}</h2>
          <p>{t('account.logoutBody')}</p>
          <button type="button" className="iw-button" onClick={() => void logout()}>
            {t('nav.logout')}
          </button>
        </section>
      </RequireFacilitator>
    </Page>
  )
}
