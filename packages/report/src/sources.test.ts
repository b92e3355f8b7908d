import { describe, expect, it } from 'vitest'
import { fixtureOutcome } from './fixture.ts'
import { labels } from './labels.ts'
import { sourceRows, sourceSummary } from './sources.ts'

describe('idea sources (issue 19 §2)', () => {
  it('is left out when every idea came from people’s own devices', () => {
    expect(sourceSummary([{ source: 'own', table: null }], [])).toBeNull()
    expect(sourceSummary([], [])).toBeNull()
  })

  it('counts own, each table (with its people where known) and paper', () => {
    const summary = sourceSummary(
      [
        { source: 'own', table: null },
        { source: 'table', table: 'Tisch 10' },
        { source: 'table', table: 'Tisch 2' },
        { source: 'table', table: 'Tisch 2' },
        { source: 'table', table: 'Alte Bezeichnung' },
        { source: 'paper', table: null },
      ],
      [
        { label: 'Tisch 2', people: 4 },
        { label: 'Tisch 10', people: 6 },
      ],
    )
    expect(summary).toEqual({
      own: 1,
      paper: 1,
      tables: [
        { label: 'Alte Bezeichnung', ideas: 1, people: null },
        { label: 'Tisch 2', ideas: 2, people: 4 },
        { label: 'Tisch 10', ideas: 1, people: 6 },
      ],
      carried: 0,
    })
    expect(sourceRows(summary!, labels('de'))).toEqual([
      ['Eigenes Gerät', 1],
      ['Tischgerät: Alte Bezeichnung', 1],
      ['Tischgerät: Tisch 2 · 4 Personen', 2],
      ['Tischgerät: Tisch 10 · 6 Personen', 1],
      ['Von Papier übertragen', 1],
    ])
  })

  it('the fixture: table devices are no participants; hidden ideas are not counted', () => {
    const outcome = fixtureOutcome()
    expect(outcome.sources).toEqual({
      own: 6,
      paper: 1,
      tables: [
        { label: 'Tisch 2', ideas: 1, people: 4 },
        { label: 'Tisch 10', ideas: 1, people: 6 },
      ],
      carried: 1,
    })
    expect(outcome.participants.participants).toBe(4)
    const skate = outcome.groups.flatMap((g) => g.ideas).find((i) => i.id === 'i-skate')
    expect(skate).toMatchObject({ source: 'table', table: 'Tisch 2', author: null })
  })

  it('counts carried ideas apart, whatever their source (issue 20 §1)', () => {
    const carriedFrom = {
      workshopId: 'wsA',
      ideaId: 'a1',
      title: 'Umweltlabor',
      date: null,
      dots: null,
      rank: null,
      carriedAt: 0,
    }
    const summary = sourceSummary(
      [
        { source: 'own', table: null, carriedFrom },
        { source: 'own', table: null },
      ],
      [],
    )
    expect(summary).toEqual({ own: 1, paper: 0, tables: [], carried: 1 })
    expect(sourceRows(summary!, labels('en'))).toContainEqual(['From earlier workshops', 1])
  })
})
