/**
 * The public results page and its Atom feed on the fixture workshop: ranked by the revealed
 * round, statuses worded, hidden ideas and names left out, every text escaped, the feed one
 * entry per change of a public idea, newest first, without who made it.
 */
import { describe, expect, it } from 'vitest'
import { FIXTURE_HIDDEN_TEXT, fixtureOutcome } from './fixture.ts'
import { latestRound, rankIdeas, toAtomFeed, toPublicPage } from './publicPage.ts'

const options = {
  pageUrl: 'https://ideenwand.example/ergebnisse/w-1',
  feedUrl: 'https://ideenwand.example/ergebnisse/w-1/feed.atom',
  nonce: 'n0nce',
}

describe('public results page', () => {
  const outcome = fixtureOutcome()
  const html = toPublicPage(outcome, 'de', options)

  it('ranks a cluster by the latest revealed idea round, unvoted ideas last', () => {
    const group = outcome.groups.find((g) => g.cluster?.id === 'c-rad')
    const ranked = rankIdeas(group?.ideas ?? [], latestRound(outcome, 'idea'))
    expect(ranked.map((r) => [r.idea.id, r.rank, r.dots])).toEqual([
      ['i-radweg', 1, 7],
      ['i-tempo', 2, 4],
      ['i-bus', 5, 1],
    ])
    expect(html.indexOf('Radweg Bad Belzig')).toBeLessThan(html.indexOf('Tempo 30'))
  })

  it('says what became of each idea, escaped, without hidden ideas or names', () => {
    expect(html).toContain('<span class="status status-implemented">umgesetzt</span>')
    expect(html).toContain(
      'zusammengelegt mit „Radweg Bad Belzig – Wiesenburg durchgehend ausbauen“',
    )
    expect(html).toContain('zusammengelegt mit einer nicht öffentlichen Idee')
    expect(html).toContain('Begründung: Kein Platz &lt;b&gt;am&lt;/b&gt; Bahnhof &amp; zu teuer')
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;')
    expect(html).not.toMatch(/<script|<b>/)
    expect(html).not.toContain(FIXTURE_HIDDEN_TEXT)
    expect(html).not.toContain('geheim')
    for (const name of ['Aylin', 'Jonas', 'Mia', 'Moderatorin']) expect(html).not.toContain(name)
    expect(html).toContain('<style nonce="n0nce">')
    expect(html).not.toContain(' style="')
  })

  it('the Atom feed: one entry per public change, newest first, escaped', () => {
    const feed = toAtomFeed(outcome, 'en', options)
    expect(
      feed.startsWith(
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">',
      ),
    ).toBe(true)
    expect(feed).toContain(
      `<link rel="self" type="application/atom+xml" href="${options.feedUrl}"/>`,
    )
    expect(feed).toContain('<author><name>Stadt Bad Belzig</name></author>')
    const titles = [...feed.matchAll(/<entry>\n<id>[^<]+<\/id>\n<title>([^<]*)<\/title>/g)].map(
      (m) => m[1],
    )
    expect(titles).toEqual([
      '“Mehr Bänke 🌳 im Kurpark – für Ältere”: merged with an idea that is not public',
      '“Rufbus am Wochenende,\nauch abends nach 22 Uhr”: merged with “Radweg Bad Belzig – Wiesenburg durchgehend ausbauen”',
      '“Skatepark am Bahnhof”: not implemented',
      '“Radweg Bad Belzig – Wiesenburg durchgehend ausbauen”: implemented',
      '“Tempo 30 vor der Grundschule, bitte &quot;sofort&quot;”: handed to the administration',
      '“Radweg Bad Belzig – Wiesenburg durchgehend ausbauen”: under review',
    ])
    expect(feed).toContain('Reason: Kein Platz &lt;b&gt;am&lt;/b&gt; Bahnhof &amp; zu teuer')
    expect(feed).not.toContain('geheim')
  })
})
