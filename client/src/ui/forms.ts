/** Small helpers shared by the forms: validation rules and a busy/error state for submits. */
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
