/**
 * Where a carried idea came from (issue 20 §1, "Workshop series"), as every view says it:
 * "Aus: Umweltlabor (12.03.2026) · 7 Punkte". The source workshop's public results page is
 * linked only when it is published — asked of the page itself (a HEAD request, the same answer
 * anyone gets), so participants learn nothing else about the other workshop.
 */
import type { CarriedFrom } from '@ideenwand/board'
import type { TFunction } from 'i18next'
import { useEffect, useState } from 'react'
import { useT } from '../../i18n/LangProvider.tsx'

/** `2026-03-12` as `12.03.2026`. */
function day(date: string): string {
  const [y, m, d] = date.split('-')
  return `${d}.${m}.${y}`
}

/** The note's text, e.g. "Aus: Umweltlabor (12.03.2026) · 7 Punkte". */
export function carriedLabel(v: TFunction<'views'>, from: CarriedFrom): string {
  const parts: string[] = [
    from.date
      ? v('carried.fromDated', { title: from.title, date: day(from.date) })
      : v('carried.from', { title: from.title }),
  ]
  if (from.dots !== null) parts.push(v('carried.dots', { count: from.dots }))
  return parts.join(' · ')
}

/** Results pages asked about already (workshop id → published). */
const published = new Map<string, Promise<boolean>>()

/** The path of a workshop's public results page (server `resultsPagePath`). */
export function resultsPath(workshopId: string): string {
  return `/ergebnisse/${encodeURIComponent(workshopId)}`
}

function isPublished(workshopId: string): Promise<boolean> {
  let known = published.get(workshopId)
  if (!known) {
    known = fetch(resultsPath(workshopId), { method: 'HEAD', credentials: 'omit' })
      .then((res) => res.ok)
      .catch(() => false)
    published.set(workshopId, known)
  }
  return known
}

/** Whether the source workshop's results page is published (false until known). */
export function useResultsPublished(workshopId: string | null): boolean {
  const [value, setValue] = useState(false)
  useEffect(() => {
    if (workshopId === null) return
    let live = true
    void isPublished(workshopId).then((ok) => {
      if (live) setValue(ok)
    })
    return () => {
      live = false
    }
  }, [workshopId])
  return value
}

/**
 * The provenance note of a carried idea; nothing for other ideas. `link`: whether the note may
 * link to the source's results page (not on the whiteboard card, where pointers move cards).
 */
export function CarriedNote({
  from,
  link = true,
  className = 'iw-carried',
}: {
  from: CarriedFrom | null
  link?: boolean
  className?: string
}) {
  const v = useT('views')
  const linked = useResultsPublished(link && from ? from.workshopId : null)
  if (!from) return null
  const label = carriedLabel(v, from)
  return (
    <span className={className} data-testid="carried-note">
      {linked ? (
        <a href={resultsPath(from.workshopId)} title={v('carried.resultsLink')}>
          {label}
        </a>
      ) : (
        label
      )}
    </span>
  )
}
