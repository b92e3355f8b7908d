/**
 * A labelled form field with an optional hint and an error message, both tied to the control
 * with `aria-describedby`; `aria-invalid` marks the control while the error shows.
 */
import { type InputHTMLAttributes, type ReactNode, useId } from 'react'

interface FieldProps
  extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange'> {
  label: ReactNode
  value: string
  onValue: (value: string) => void
  hint?: ReactNode
  error?: string | null
  /** Render a `<textarea>` instead of an `<input>`. */
  multiline?: boolean
}

export function Field({
  label,
  hint,
  error,
  multiline,
  className,
  value,
  onValue,
  ...input
}: FieldProps) {
  const id = useId()
  const common = {
    id,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedByOf(id, hint, error),
  }
  return (
    <div className={`iw-field ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea
          {...common}
          name={input.name}
          value={value}
          onChange={(event) => onValue(event.target.value)}
          required={input.required}
          maxLength={input.maxLength}
          rows={3}
        />
      ) : (
        <input
          {...input}
          {...common}
          value={value}
          onChange={(event) => onValue(event.target.value)}
        />
      )}
      <FieldNotes id={id} hint={hint} error={error} />
    </div>
  )
}

/** The ids a control with `id` is described by: its hint and its error, when they show. */
export function describedByOf(
  id: string,
  hint: ReactNode,
  error: string | null | undefined,
): string | undefined {
  return (
    [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') ||
    undefined
  )
}

/** The hint and the error message of the control with `id` (see `describedByOf`). */
export function FieldNotes({
  id,
  hint,
  hintTestId,
  error,
}: {
  id: string
  hint?: ReactNode
  hintTestId?: string | undefined
  error?: string | null | undefined
}) {
  return (
    <>
      {hint ? (
        <p id={`${id}-hint`} className="iw-hint" data-testid={hintTestId}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="iw-field-error">
          {error}
        </p>
      ) : null}
    </>
  )
}

/** A form-level message: errors as `role="alert"`, confirmations as `role="status"`. */
export function FormMessage({
  kind,
  children,
  testId,
}: {
  kind: 'error' | 'success'
  children: ReactNode
  testId?: string
}) {
  return (
    <p
      className={kind === 'error' ? 'iw-alert iw-alert-error' : 'iw-alert iw-alert-success'}
      role={kind === 'error' ? 'alert' : 'status'}
      data-testid={testId}
    >
      {children}
    </p>
  )
}
