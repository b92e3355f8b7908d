/** Formatting shared by the renderers: dates, times, durations, licences, file names. */
import type { Lang, Licence, Outcome } from './types.ts'

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>()

function dtf(lang: Lang, timeZone: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${lang}|${timeZone}|${withTime}`
  let f = dateTimeFormats.get(key)
  if (!f) {
    f = new Intl.DateTimeFormat(lang === 'de' ? 'de-DE' : 'en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : {}),
    })
    dateTimeFormats.set(key, f)
  }
  return f
}

/** `22.09.2026, 18:05` (de) or `22/09/2026, 18:05` (en) in the outcome's time zone. */
export function formatDateTime(ms: number, lang: Lang, timeZone: string): string {
  return dtf(lang, timeZone, true).format(ms)
}

/** A `YYYY-MM-DD` workshop date as `22.09.2026` / `22/09/2026` (calendar date, no zone). */
export function formatDay(date: string, lang: Lang): string {
  const [y, m, d] = date.split('-')
  return lang === 'de' ? `${d}.${m}.${y}` : `${d}/${m}/${y}`
}

/** `1 h 05 min`, `12 min`, `40 s`. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000))
  if (s < 60) return `${s} s`
  const min = Math.floor(s / 60)
  if (min < 60) return `${min} min`
  return `${Math.floor(min / 60)} h ${String(min % 60).padStart(2, '0')} min`
}

/** ISO 8601 without milliseconds (`2026-09-22T16:05:00Z`): Table Schema's default datetime. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

export interface LicenceInfo {
  /** Open Definition licence id (Data Package `licenses[].name`). */
  id: string
  title: string
  /** Human-readable licence text. */
  url: string
  /** The dcat-ap.de licence vocabulary URI. */
  dcatUri: string
}

export const LICENCE_INFO: Readonly<Record<Licence, LicenceInfo>> = {
  'cc-by-4.0': {
    id: 'CC-BY-4.0',
    title: 'Creative Commons Namensnennung – 4.0 International (CC BY 4.0)',
    url: 'https://creativecommons.org/licenses/by/4.0/',
    dcatUri: 'http://dcat-ap.de/def/licenses/cc-by/4.0',
  },
  'dl-by-de-2.0': {
    id: 'dl-de-by-2.0',
    title: 'Datenlizenz Deutschland – Namensnennung – Version 2.0',
    url: 'https://www.govdata.de/dl-de/by-2-0',
    dcatUri: 'http://dcat-ap.de/def/licenses/dl-by-de/2.0',
  },
}

/** Lower-case ASCII slug: `Themenlabor Freizeit, 22.09.` → `themenlabor-freizeit-22-09`. */
export function slug(text: string, maxLength = 60): string {
  const s = text
    .replace(/ß/g, 'ss')
    .replace(/ä/gi, 'ae')
    .replace(/ö/gi, 'oe')
    .replace(/ü/gi, 'ue')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength)
    .replace(/-+$/, '')
  return s || 'workshop'
}

/**
 * The base of every download's file name: `ideenwand-themenlabor-freizeit-2026-09-22`
 * (the workshop date, or the day the outcome was made).
 */
export function baseName(outcome: Outcome): string {
  const day = outcome.workshop.date ?? new Date(outcome.generatedAt).toISOString().slice(0, 10)
  return `ideenwand-${slug(outcome.workshop.title)}-${day}`
}
