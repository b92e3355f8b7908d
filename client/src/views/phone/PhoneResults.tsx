/** The ranked results of the latest revealed round, as an ordered list (ties said in words). */
import type { RevealedRound } from '@ideenwand/protocol'
import { useViewT } from '../shared/useViewT.ts'

export function PhoneResults({ round }: { round: RevealedRound }) {
  const v = useViewT()
  return (
    <section className="iwv-section" aria-labelledby="iwv-results" data-testid="phone-results">
      <h2 id="iwv-results">{v.results.heading(round.number)}</h2>
      <p className="iw-muted">{v.results.voters(round.voters)}</p>
      <ol className="iwv-ranked">
        {round.results.map((entry) => (
          <li key={entry.targetId} className="iwv-ranked-item">
            <span className="iwv-rank">{v.results.rank(entry.rank)}</span>
            <span className="iwv-ranked-label">{entry.label}</span>
            <span className="iwv-ranked-dots">
              {v.results.dots(entry.dots)}
              {entry.tied ? ` · ${v.results.tied}` : ''}
            </span>
          </li>
        ))}
      </ol>
    </section>
  )
}
