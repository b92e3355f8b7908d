/** Reads what was typed into a whole-number field (NumberField.tsx). */

/**
 * The text as a whole number from `min` to `max`, or null when it is empty, not a whole number
 * (a fraction, a sign, an exponent) or out of range. Surrounding white space is ignored.
 *
 * @example wholeNumber(' 14 ', 1, 3650) // 14
 */
export function wholeNumber(text: string, min: number, max: number): number | null {
  const trimmed = text.trim()
  if (!/^\d{1,15}$/.test(trimmed)) return null
  const n = Number(trimmed)
  return n >= min && n <= max ? n : null
}
