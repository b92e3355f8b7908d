/**
 * The revealed results as a horizontal bar chart in plain HTML: an ordered list (rank, label,
 * count in words), each with a bar whose length is proportional to the dots. Ties are marked in
 * text ("gleichauf") and with a pattern, never by colour alone.
 */
import type { RevealedRound } from '@ideenwand/protocol'
import { useT } from '../../i18n/LangProvider.tsx'

/** How many entries fit on a projector slide. */
const MAX_ROWS = 10

export function ResultsChart({ round }: { round: RevealedRound }) {
  const v = useT('views')
  const max = Math.max(1, ...round.results.map((entry) => entry.dots))
  const rows = round.results.slice(0, MAX_ROWS)
  return (
    <figure className="iwp-chart" data-testid="projector-results">
      <figcaption className="iwp-chart-caption">
        {v('results.heading', { round: round.number })}{' '}
        <span className="iwp-chart-voters">· {v('results.voters', { count: round.voters })}</span>
      </figcaption>
      <ol className="iwp-bars">
        {rows.map((entry) => (
          <li
            key={entry.targetId}
            className={`iwp-bar-row ${entry.tied ? 'iwp-tied' : ''}`}
            data-rank={entry.rank}
          >
            <span className="iwp-bar-rank">{entry.rank}.</span>
            <span className="iwp-bar-label">{entry.label}</span>
            <span className="iwp-bar-track" aria-hidden="true">
              <span className="iwp-bar" style={{ width: `${(entry.dots / max) * 100}%` }} />
            </span>
            <span className="iwp-bar-count">
              {v('results.dots', { count: entry.dots })}
              {entry.tied ? <span className="iwp-tie"> = {v('results.tied')}</span> : null}
            </span>
          </li>
        ))}
      </ol>
    </figure>
  )
}
