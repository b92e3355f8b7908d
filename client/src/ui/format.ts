/** Dates and times for the UI, formatted with Intl in the chosen language. */
import type { Lang } from '../i18n/lang.ts'

/** A calendar date `YYYY-MM-DD` (no time zone: it is the day printed on the invitation). */
export function formatDay(isoDate: string, lang: Lang): string {
  const [y, m, d] = isoDate.split('-').map(Number)
  if (!y || !m || !d) return isoDate
  return new Intl.DateTimeFormat(lang, { dateStyle: 'full', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  )
}

/** A moment (ISO timestamp) as date and time in the browser's time zone. */
export function formatMoment(iso: string, lang: Lang): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(date)
}

/** Only the time of day, for "joined at" in today's participant list. */
export function formatTime(iso: string, lang: Lang): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return new Intl.DateTimeFormat(lang, { timeStyle: 'short' }).format(date)
}
