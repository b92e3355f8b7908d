/**
 * What the facilitator's "start a round" form (RoundControls.tsx) sends, read from what was
 * typed: the counts are whole numbers 1–100, "most per option" defaults to (and never exceeds)
 * the dots per person, the time limit is optional minutes ("2,5" or "2.5"), and "only the best N
 * of round X" limits the round to ideas.
 */
import type { NewRound } from '../api/control.ts'
import { wholeNumber } from '../ui/wholeNumber.ts'

/** Dots per person, most per option and the best N carried from a round: 1 to this. */
export const MAX_COUNT = 100
/** The longest time limit of a round or the timer (minutes). */
export const MAX_MINUTES = 240

/** Minutes as typed ("2,5" or "2.5"): more than 0 and at most 240, else null. */
export function minutesOf(text: string): number | null {
  const n = Number.parseFloat(text.replace(',', '.'))
  return Number.isFinite(n) && n > 0 && n <= MAX_MINUTES ? n : null
}

/** The form's fields, as typed. */
export interface RoundForm {
  method: 'dots' | 'resistance'
  dots: string
  /** Empty: as many as `dots`. */
  max: string
  kind: 'idea' | 'cluster'
  /** Empty: no time limit. */
  limit: string
  /** A revealed round's number, or empty. */
  fromRound: string
  top: string
}

/**
 * The round to start, or null while the form is not valid; and which fields to mark invalid
 * (the dot fields count only for a dot round, which the caller shows them for).
 */
export function readRoundForm(form: RoundForm): {
  round: NewRound | null
  invalid: { dots: boolean; max: boolean; limit: boolean }
} {
  const resistance = form.method === 'resistance'
  const dots = wholeNumber(form.dots, 1, MAX_COUNT)
  const max = form.max.trim() ? wholeNumber(form.max, 1, MAX_COUNT) : dots
  const limited = form.limit.trim() !== ''
  const minutes = limited ? minutesOf(form.limit) : null
  const top = wholeNumber(form.top, 1, MAX_COUNT)
  const invalid = { dots: dots === null, max: max === null, limit: limited && minutes === null }
  const dotsOk = resistance || (dots !== null && max !== null)
  if (!dotsOk || invalid.limit || (form.fromRound && top === null)) return { round: null, invalid }
  const round: NewRound = {
    ...(resistance || dots === null || max === null
      ? { method: 'resistance' }
      : { dotsPerPerson: dots, maxPerTarget: Math.min(max, dots) }),
    targetKind: form.fromRound ? 'idea' : form.kind,
    ...(minutes ? { durationSeconds: Math.round(minutes * 60) } : {}),
    ...(form.fromRound && top ? { fromRound: { number: Number(form.fromRound), top } } : {}),
  }
  return { round, invalid }
}
