/** First run: create the first facilitator (name, e-mail, password twice), then /workshops. */
import { type FormEvent, useEffect, useRef, useState } from 'react'
import { api } from '../api/endpoints.ts'
import { ApiError } from '../api/http.ts'
import { refreshSession } from '../api/session.ts'
import { useT } from '../i18n/LangProvider.tsx'
import { navigate } from '../router.ts'
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

export function SetupPage() {
  const t = useT()
  const [values, setValues] = useState({ name: '', email: '', password: '', repeat: '' })
  const [errors, setErrors] = useState<FieldErrors<Fields>>({})
  const [done, setDone] = useState(false)
  const action = useAction()
  const form = useRef<HTMLFormElement>(null)

  useEffect(() => {
    api.setupNeeded().then(
      ({ needed }) => setDone(!needed),
      () => {},
    )
  }, [])

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
      try {
        await api.setup({
          name: values.name.trim(),
          email: values.email.trim(),
          password: values.password,
        })
      } catch (error) {
        if (error instanceof ApiError && error.code === 'setup_done') setDone(true)
        throw error
      }
      await refreshSession()
      navigate('/workshops', { replace: true })
    })
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
          <form
            ref={form}
            className="iw-form"
            onSubmit={submit}
            noValidate
            data-testid="setup-form"
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
            {hasErrors(errors) ? (
              <FormMessage kind="error">{t('errors.summary')}</FormMessage>
            ) : null}
            {action.error ? <FormMessage kind="error">{action.error}</FormMessage> : null}
            <button type="submit" className="iw-button iw-button-primary" disabled={action.busy}>
              {t('setup.submit')}
            </button>
          </form>
        </>
      )}
    </Page>
  )
}
