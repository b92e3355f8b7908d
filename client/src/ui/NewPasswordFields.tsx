/**
 * The two fields of a new password — the password with its rules as a hint, and its repetition —
 * as first-run setup, an invitation's new account and the password change ask for them. Their
 * rules: `newPasswordErrors` (forms.ts).
 */
import { useT } from '../i18n/LangProvider.tsx'
import { Field } from './Field.tsx'

interface NewPasswordFieldsProps {
  /** The form's fields (`useFields`), of which these two are `password` and `repeat`. */
  values: { password: string; repeat: string }
  errors: { password?: string | undefined; repeat?: string | undefined }
  set: (key: 'password' | 'repeat') => (value: string) => void
  /** The labels; default "Passwort" and "Passwort wiederholen". */
  labels?: { password: string; repeat: string }
}

export function NewPasswordFields(props: NewPasswordFieldsProps) {
  const t = useT()
  const labels = props.labels ?? {
    password: t('person.password'),
    repeat: t('person.passwordRepeat'),
  }
  return (
    <>
      <Field
        label={labels.password}
        type="password"
        value={props.values.password}
        onValue={props.set('password')}
        error={props.errors.password}
        hint={t('person.passwordHint')}
        autoComplete="new-password"
        required
      />
      <Field
        label={labels.repeat}
        type="password"
        value={props.values.repeat}
        onValue={props.set('repeat')}
        error={props.errors.repeat}
        autoComplete="new-password"
        required
      />
    </>
  )
}
