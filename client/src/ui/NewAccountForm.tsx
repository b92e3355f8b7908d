/**
 * The form that creates a facilitator account — name, e-mail, password twice — checked here
 * before `onSubmit` gets the account; first-run setup and a co-facilitator invitation use it.
 */
import { type FormEvent, useRef } from 'react'
import { useT } from '../i18n/LangProvider.tsx'
import { Field, FormMessage } from './Field.tsx'
import {
  type FieldErrors,
  focusFirstInvalid,
  hasErrors,
  isEmail,
  newPasswordErrors,
  useAction,
  useFields,
} from './forms.ts'
import { NewPasswordFields } from './NewPasswordFields.tsx'

export interface NewAccount {
  name: string
  email: string
  password: string
}

interface NewAccountFormProps {
  /** Creates the account; a rejection is shown below the fields. */
  onSubmit: (account: NewAccount) => Promise<void>
  submitLabel: string
  testId: string
  /** Also say above the button that fields need attention (first-run setup). */
  errorSummary?: boolean
}

type Fields = 'name' | 'email' | 'password' | 'repeat'

export function NewAccountForm({
  onSubmit,
  submitLabel,
  testId,
  errorSummary,
}: NewAccountFormProps) {
  const t = useT()
  const { values, errors, setErrors, set } = useFields<Fields>({
    name: '',
    email: '',
    password: '',
    repeat: '',
  })
  const action = useAction()
  const form = useRef<HTMLFormElement>(null)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const next: FieldErrors<Fields> = {
      name: values.name.trim() ? undefined : t('errors.required'),
      email: isEmail(values.email) ? undefined : t('errors.email'),
      ...newPasswordErrors(t, values.password, values.repeat),
    }
    setErrors(next)
    if (hasErrors(next)) return focusFirstInvalid(form.current)
    void action.run(() =>
      onSubmit({ name: values.name.trim(), email: values.email.trim(), password: values.password }),
    )
  }

  return (
    <form ref={form} className="iw-form" onSubmit={submit} noValidate data-testid={testId}>
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
      <NewPasswordFields values={values} errors={errors} set={set} />
      {errorSummary && hasErrors(errors) ? (
        <FormMessage kind="error">{t('errors.summary')}</FormMessage>
      ) : null}
      {action.error ? <FormMessage kind="error">{action.error}</FormMessage> : null}
      <button type="submit" className="iw-button iw-button-primary" disabled={action.busy}>
        {submitLabel}
      </button>
    </form>
  )
}
