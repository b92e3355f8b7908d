/**
 * A labelled whole-number input (`type="number"`) with an optional hint and error message, both
 * tied to the input with `aria-describedby`; what was typed is read with `wholeNumber`
 * (wholeNumber.ts). Used by the facilitator panels (voting round, table devices) and the
 * workshop page's retention panel.
 *
 * The hint and the error stand after the element around label and input (as the panels had
 * them), so a row layout (`iw-field-row`) keeps label and input side by side.
 */
import { type InputHTMLAttributes, type ReactNode, useId } from 'react'
import { describedByOf, FieldNotes } from './Field.tsx'

interface NumberFieldProps
  extends Omit<
    InputHTMLAttributes<HTMLInputElement>,
    'type' | 'value' | 'onChange' | 'min' | 'max' | 'className' | 'children'
  > {
  label: ReactNode
  value: string
  onValue: (value: string) => void
  min: number
  max: number
  /** Shown below the field and read with it (`aria-describedby`). */
  hint?: ReactNode
  hintTestId?: string
  /** Shown below the hint; marks the input invalid while it shows. */
  error?: string | null
  /** Marks the input invalid (`aria-invalid`) without a message, e.g. while the form is typed. */
  invalid?: boolean
  /** Class of the element around label and input: `iw-field` (stacked) or `iw-field-row`. */
  className?: string
  testId?: string
}

/**
 * @example
 * <NumberField label={ct('tables.people')} min={1} max={30} value={people} onValue={setPeople} />
 */
export function NumberField({
  label,
  value,
  onValue,
  min,
  max,
  hint,
  hintTestId,
  error,
  invalid,
  className = 'iw-field',
  testId,
  id: givenId,
  ...input
}: NumberFieldProps) {
  const ownId = useId()
  const id = givenId ?? ownId
  return (
    <>
      <div className={className}>
        <label htmlFor={id}>{label}</label>
        <input
          inputMode="numeric"
          step={1}
          {...input}
          id={id}
          type="number"
          min={min}
          max={max}
          value={value}
          data-testid={testId}
          aria-invalid={invalid ?? (error ? true : undefined)}
          aria-describedby={describedByOf(id, hint, error)}
          onChange={(event) => onValue(event.target.value)}
        />
      </div>
      <FieldNotes id={id} hint={hint} hintTestId={hintTestId} error={error} />
    </>
  )
}
