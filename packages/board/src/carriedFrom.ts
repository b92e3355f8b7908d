/**
 * Where a carried idea came from (issue 20 §1, "Workshop series"): a facilitator carried it from
 * another workshop. Stored in the idea's entry as `carriedFrom`, a plain JSON object written
 * only by the server (SCHEMA.md, "Carried from another workshop"); no client may write it, a
 * facilitator's neither. It names the source workshop and idea and keeps the votes of the
 * source's latest revealed round as context — never a person.
 * @module
 */
import { isValidId } from './ids'
import { MAX_CLUSTER_TITLE } from './validate'

/** The provenance of a carried idea, as every reader sees it. */
export interface CarriedFrom {
  /** The source workshop's id. */
  workshopId: string
  /** The idea's id in the source workshop (its id in that workshop's ideas.csv). */
  ideaId: string
  /** The source workshop's title when the idea was carried. */
  title: string
  /** The source workshop's date (`YYYY-MM-DD`) or null. */
  date: string | null
  /** Dots in the source's latest revealed dot round on ideas; null if it had none for it. */
  dots: number | null
  /** Its rank in that round; null likewise. */
  rank: number | null
  /** When it was carried, ms since the epoch (server clock). */
  carriedAt: number
}

/** Longest source workshop title kept with a carried idea (a workshop title's limit). */
export const MAX_CARRIED_TITLE = MAX_CLUSTER_TITLE

const DATE = /^\d{4}-\d{2}-\d{2}$/

function count(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : null
}

/**
 * Reads a stored `carriedFrom` tolerantly: null unless it is a plain object with valid ids;
 * other fields are coerced (a title too long is cut, a bad date or count reads as null).
 */
export function readCarriedFrom(value: unknown): CarriedFrom | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null
  const v = value as Record<string, unknown>
  if (typeof v.workshopId !== 'string' || !isValidId(v.workshopId)) return null
  if (typeof v.ideaId !== 'string' || !isValidId(v.ideaId)) return null
  const title = typeof v.title === 'string' ? v.title.slice(0, MAX_CARRIED_TITLE) : ''
  const carriedAt =
    typeof v.carriedAt === 'number' && Number.isFinite(v.carriedAt) ? v.carriedAt : 0
  return {
    workshopId: v.workshopId,
    ideaId: v.ideaId,
    title,
    date: typeof v.date === 'string' && DATE.test(v.date) ? v.date : null,
    dots: count(v.dots),
    rank: count(v.rank),
    carriedAt,
  }
}

/** The same provenance as a fresh plain object (what the server writes). */
export function carriedFromValue(c: CarriedFrom): CarriedFrom {
  return {
    workshopId: c.workshopId,
    ideaId: c.ideaId,
    title: c.title,
    date: c.date,
    dots: c.dots,
    rank: c.rank,
    carriedAt: c.carriedAt,
  }
}
