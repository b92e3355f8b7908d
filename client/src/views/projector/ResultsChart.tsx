/**
 * The revealed results as a horizontal bar chart in plain HTML: an ordered list (rank, label,
 * count in words), each with a bar whose length is proportional to the dots. Ties are marked in
 * text ("gleichauf") and with a pattern, never by colour alone.
 *
 * The chart fits the projector's screen, whatever its size (1280×720 and up, issue 16): it shows
 * the top entries that fit the space it is given and "und M weitere" for the rest, measured in the
 * browser (labels wrap to at most two lines, so rows differ in height). Every row shares one grid
 * (`subgrid`), so the bars start at the same x.
 */
import type { RevealedRound } from '@ideenwand/protocol'
import { useLayoutEffect, useRef, useState } from 'react'
import { useT } from '../../i18n/LangProvider.tsx'

/** More rows than this are never readable from the back of a hall. */
const MAX_ROWS = 12

export function ResultsChart({ round }: { round: RevealedRound }) {
  const v = useT('views')
  const max = Math.max(1, ...round.results.map((entry) => entry.dots))
  const all = round.results.slice(0, MAX_ROWS)
  const [shown, setShown] = useState(all.length)
  const [size, setSize] = useState(0)
  const listRef = useRef<HTMLOListElement>(null)

  // Re-measure when the space changes (window size, fonts).
  useLayoutEffect(() => {
    const list = listRef.current
    if (!list) return
    const observer = new ResizeObserver(() => setSize(list.clientHeight))
    observer.observe(list)
    return () => observer.disconnect()
  }, [])
  // Start from every row, then drop rows from the end until the last one (and the "more" line)
  // ends inside the list's box.
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-measure on new results and size
  useLayoutEffect(() => setShown(all.length), [round, size])
  // biome-ignore lint/correctness/useExhaustiveDependencies: a smaller space leaves `shown` as is
  useLayoutEffect(() => {
    const list = listRef.current
    if (!list) return
    const bottom = list.getBoundingClientRect().bottom + 0.5
    const rows = Array.from(list.querySelectorAll<HTMLElement>('.iwp-bar-row'))
    const more = list.querySelector<HTMLElement>('.iwp-bar-more')
    const last = (more ?? rows[rows.length - 1])?.getBoundingClientRect().bottom ?? 0
    if (last > bottom && shown > 1) setShown(shown - 1)
  }, [shown, size, round])

  const rows = all.slice(0, shown)
  const rest = round.results.length - rows.length
  return (
    <figure className="iwp-chart" data-testid="projector-results">
      <figcaption className="iwp-chart-caption">
        {v('results.heading', { round: round.number })}{' '}
        <span className="iwp-chart-voters">· {v('results.voters', { count: round.voters })}</span>
      </figcaption>
      <ol className="iwp-bars" ref={listRef}>
        {rows.map((entry) => (
          <li
            key={entry.targetId}
            className={`iwp-bar-row ${entry.tied ? 'iwp-tied' : ''}`}
            data-rank={entry.rank}
            data-testid="projector-result-row"
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
        {rest > 0 ? (
          <li className="iwp-bar-more" data-testid="projector-results-more">
            {v('results.more', { count: rest })}
          </li>
        ) : null}
      </ol>
    </figure>
  )
}
