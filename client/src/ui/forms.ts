/**
 * Small helpers shared by the forms: validation rules, the fields' values and errors, and a
 * busy/error state for submits.
 */
import type { TFunction } from 'i18next'
import { useCallback, useState } from 'react'
import { useT } from '../i18n/LangProvider.tsx'
import { errorMessage } from './errors.ts'

export const MIN_PASSWORD = 10

export const isEmail = (value: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim())
export const isHttpUrl = (value: string) => {
  try {
    return /^https?:$/.test(new URL(value.trim()).protocol)
  } catch {
    return false
  }
}

export type FieldErrors<K extends string> = Partial<Record<K, string>>

/** The rules for a new password typed twice: long enough, and the repetition equal. */
export function newPasswordErrors(
  t: TFunction<'common'>,
  password: string,
  repeat: string,
): { password: string | undefined; repeat: string | undefined } {
  return {
    password: password.length >= MIN_PASSWORD ? undefined : t('errors.passwordShort'),
    repeat: repeat === password ? undefined : t('errors.passwordMismatch'),
  }
}

/** A form's values and their error messages; editing a field clears that field's error. */
export function useFields<K extends string>(initial: Record<K, string>) {
  const [values, setValues] = useState(initial)
  const [errors, setErrors] = useState<FieldErrors<K>>({})
  const set = (key: K) => (value: string) => {
    setValues((v) => ({ ...v, [key]: value }))
    setErrors((e) => ({ ...e, [key]: undefined }))
  }
  return { values, setValues, errors, setErrors, set }
}

export const hasErrors = (errors: Record<string, string | undefined>) =>
  Object.values(errors).some(Boolean)

/** Focuses the first control marked invalid inside the form, after React has rendered it. */
export function focusFirstInvalid(form: HTMLFormElement | null): void {
  requestAnimationFrame(() => {
    form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
  })
}

/** Runs one async action at a time and keeps its error message. */
export function useAction() {
  const t = useT()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const run = useCallback(
    async (action: () => Promise<void>) => {
      setBusy(true)
      setError(null)
      try {
        await action()
      } catch (caught) {
        setError(errorMessage(t, caught))
      } finally {
        setBusy(false)
      }
    },
    [t],
  )
  return { busy, error, setError, run }
}
