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
  const hintId = `${id}-hint`
  const errorId = `${id}-error`
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ')
  const common = {
    id,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy || undefined,
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
      {hint ? (
        <p id={hintId} className="iw-hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="iw-field-error">
          {error}
        </p>
      ) : null}
    </div>
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
