/**
 * `/invite/:token`: accept a co-facilitator invitation — with one click when signed in as a
 * facilitator, otherwise by creating an account (name, e-mail, password twice).
 */
import { type FormEvent, useEffect, useRef, useState } from 'react'
import { api } from '../api/endpoints.ts'
import { refreshSession, useSession } from '../api/session.ts'
import { useT } from '../i18n/LangProvider.tsx'
import { navigate } from '../router.ts'
import { errorMessage } from '../ui/errors.ts'
import { Field, FormMessage } from '../ui/Field.tsx'
import {
  type FieldErrors,
  focusFirstInvalid,
  hasErrors,
  isEmail,
  MIN_PASSWORD,
  useAction,
} from '../ui/forms.ts'
import { Link } from '../ui/Link.tsx'
import { Page } from '../ui/Page.tsx'

type Fields = 'name' | 'email' | 'password' | 'repeat'

function NewAccountForm({ token }: { token: string }) {
  const t = useT()
  const [values, setValues] = useState({ name: '', email: '', password: '', repeat: '' })
  const [errors, setErrors] = useState<FieldErrors<Fields>>({})
  const action = useAction()
  const form = useRef<HTMLFormElement>(null)
  const set = (key: Fields) => (value: string) => {
    setValues((v) => ({ ...v, [key]: value }))
    setErrors((e) => ({ ...e, [key]: undefined }))
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const next: FieldErrors<Fields> = {
      name: values.name.trim() ? undefined : t('errors.required'),
      email: isEmail(values.email) ? undefined : t('errors.email'),
      password: values.password.length >= MIN_PASSWORD ? undefined : t('errors.passwordShort'),
      repeat: values.repeat === values.password ? undefined : t('errors.passwordMismatch'),
    }
    setErrors(next)
    if (hasErrors(next)) return focusFirstInvalid(form.current)
    void action.run(async () => {
      await api.acceptFacilitatorInvite(token, {
        name: values.name.trim(),
        email: values.email.trim(),
        password: values.password,
      })
      await refreshSession()
      navigate('/workshops', { replace: true })
    })
  }
  return (
    <form
      ref={form}
      className="iw-form"
      onSubmit={submit}
      noValidate
      data-testid="invite-account-form"
    >
      <Field
        label={t('person.name')}
        value={values.name}
        onValue={set('name')}
        error={errors.name}
        autoComplete="name"
        required
        maxLength={80}
      />
      <Field
        label={t('person.email')}
        type="email"
        value={values.email}
        onValue={set('email')}
        error={errors.email}
        autoComplete="email"
        required
      />
      <Field
        label={t('person.password')}
        type="password"
        value={values.password}
        onValue={set('password')}
        error={errors.password}
        hint={t('person.passwordHint')}
        autoComplete="new-password"
        required
      />
      <Field
        label={t('person.passwordRepeat')}
        type="password"
        value={values.repeat}
        onValue={set('repeat')}
        error={errors.repeat}
        autoComplete="new-password"
        required
      />
      {action.error ? <FormMessage kind="error">{action.error}</FormMessage> : null}
      <button type="submit" className="iw-button iw-button-primary" disabled={action.busy}>
        {t('invite.createAccount')}
      </button>
    </form>
  )
}

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
              <NewAccountForm token={token} />
            </>
          )}
          {action.error ? <FormMessage kind="error">{action.error}</FormMessage> : null}
        </>
      )}
    </Page>
  )
}
