/** The carried idea's note in the reports (issue 20 §1). */
import { describe, expect, it } from 'vitest'
import { carriedNote } from './carried.ts'
import { tableRows } from './dataPackage.ts'
import { fixtureOutcome } from './fixture.ts'
import { labels } from './labels.ts'
import { toMarkdown } from './markdown.ts'
import { toPublicPage } from './publicPage.ts'

describe('carried ideas in the report and open data', () => {
  const outcome = fixtureOutcome()
  const idea = outcome.groups.flatMap((g) => g.ideas).find((i) => i.id === 'i-at')!

  it('names the source workshop, its date and the dots there', () => {
    expect(carriedNote(labels('de'), idea, 'de')).toBe(
      'übernommen aus „Zukunftswerkstatt Kurpark“ (20.09.2025), 5 Punkte (Platz 2)',
    )
    expect(carriedNote(labels('en'), idea, 'en')).toBe(
      'carried over from “Zukunftswerkstatt Kurpark” (20/09/2025), 5 dots (rank 2)',
    )
    // One dot is one dot, in both languages.
    const one = { carriedFrom: { ...idea.carriedFrom!, dots: 1 } }
    expect(carriedNote(labels('de'), one, 'de')).toContain(', 1 Punkt (Platz 2)')
    expect(carriedNote(labels('en'), one, 'en')).toContain(', 1 dot (rank 2)')
    expect(toMarkdown(outcome, 'de')).toContain('übernommen aus „Zukunftswerkstatt Kurpark“')
    const page = toPublicPage(outcome, 'de', {
      pageUrl: 'https://example.org/ergebnisse/w',
      feedUrl: 'https://example.org/ergebnisse/w/feed.atom',
      nonce: 'n',
    })
    expect(page).toContain('(übernommen aus „Zukunftswerkstatt Kurpark“ (20.09.2025), 5 Punkte')
  })

  it('fills the provenance columns of ideas.csv only for carried ideas', () => {
    const rows = tableRows(outcome).ideas
    const carried = rows.find((r) => r[0] === 'i-at')!
    expect(carried.slice(-2)).toEqual(['ws-kurpark-2025', 'k-markt'])
    const own = rows.find((r) => r[0] === 'i-radweg')!
    expect(own.slice(-2)).toEqual([null, null])
  })
})
