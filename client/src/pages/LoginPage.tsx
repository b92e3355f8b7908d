/** Facilitator sign-in; afterwards to /workshops (or where `?next=` points inside the app). */
import { type FormEvent, useRef, useState } from 'react'
import { api } from '../api/endpoints.ts'
import { refreshSession } from '../api/session.ts'
import { useT } from '../i18n/LangProvider.tsx'
import { navigate } from '../router.ts'
import { Field, FormMessage } from '../ui/Field.tsx'
import { type FieldErrors, focusFirstInvalid, hasErrors, isEmail, useAction } from '../ui/forms.ts'
import { Page } from '../ui/Page.tsx'

/** Only same-app paths are followed after sign-in (no open redirect). */
function nextPath(): string {
  const next = new URLSearchParams(window.location.search).get('next')
  return next && /^\/(?!\/)[\w\-/]*$/.test(next) ? next : '/workshops'
}

export function LoginPage() {
  const t = useT()
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [errors, setErrors] = useState<FieldErrors<'email' | 'password'>>({})
  const action = useAction()
  const form = useRef<HTMLFormElement>(null)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const next: FieldErrors<'email' | 'password'> = {
      email: isEmail(email) ? undefined : t('errors.email'),
      password: password ? undefined : t('errors.required'),
    }
    setErrors(next)
    if (hasErrors(next)) return focusFirstInvalid(form.current)
    void action.run(async () => {
      await api.login({ email: email.trim(), password })
      await refreshSession()
      navigate(nextPath(), { replace: true })
    })
  }

  return (
    <Page title={t('login.title')}>
      <form ref={form} className="iw-form" onSubmit={submit} noValidate data-testid="login-form">
        <Field
          label={t('person.email')}
          type="email"
          value={email}
          onValue={(v) => {
            setEmail(v)
            setErrors((e) => ({ ...e, email: undefined }))
          }}
          error={errors.email}
          autoComplete="username"
          required
        />
        <Field
          label={t('person.password')}
          type="password"
          value={password}
          onValue={(v) => {
            setPassword(v)
            setErrors((e) => ({ ...e, password: undefined }))
          }}
          error={errors.password}
          autoComplete="current-password"
          required
        />
        {action.error ? <FormMessage kind="error">{action.error}</FormMessage> : null}
        <button type="submit" className="iw-button iw-button-primary" disabled={action.busy}>
          {t('login.submit')}
        </button>
      </form>
    </Page>
  )
}
