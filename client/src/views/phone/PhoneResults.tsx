/**
 * The ranked results of the latest revealed round, as an ordered list (ties said in words); a
 * resistance round's with its verdict and bars (ResistanceResults).
 */
import type { RevealedRound } from '@ideenwand/protocol'
import { useT } from '../../i18n/LangProvider.tsx'
import { ResistanceResults } from '../shared/ResistanceResults.tsx'

export function PhoneResults({ round }: { round: RevealedRound }) {
  const v = useT('views')
  const resistance = round.method === 'resistance' ? round.resistance : null
  return (
    <section className="iwv-section" aria-labelledby="iwv-results" data-testid="phone-results">
      <h2 id="iwv-results">{v('results.heading', { round: round.number })}</h2>
      <p className="iw-muted">
        {v(resistance ? 'resistance.raters' : 'results.voters', { count: round.voters })}
      </p>
      {resistance ? <ResistanceResults entries={resistance} /> : <DotResults round={round} />}
    </section>
  )
}

function DotResults({ round }: { round: RevealedRound }) {
  const v = useT('views')
  return (
    <ol className="iwv-ranked">
      {round.results.map((entry) => (
        <li
          key={entry.targetId}
          className="iwv-ranked-item"
          data-testid="result-row"
          data-rank={entry.rank}
          data-dots={entry.dots}
        >
          <span className="iwv-rank">{v('results.rank', { n: entry.rank })}</span>
          <span className="iwv-ranked-label">{entry.label}</span>
          <span className="iwv-ranked-dots">
            {v('results.dots', { count: entry.dots })}
            {entry.tied ? ` · ${v('results.tied')}` : ''}
          </span>
        </li>
      ))}
    </ol>
  )
}
