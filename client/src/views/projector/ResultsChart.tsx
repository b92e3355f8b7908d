/**
 * The revealed results as a horizontal bar chart in plain HTML: an ordered list (rank, label,
 * count in words), each with a bar whose length is proportional to the dots. Ties are marked in
 * text ("gleichauf") and with a pattern, never by colour alone.
 *
 * The chart fits the projector's screen, whatever its size (1280×720 and up, issue 16): it shows
 * the top entries that fit the space it is given and "und M weitere" for the rest, measured in the
 * browser (labels wrap to at most two lines, so rows differ in height). Every row shares one grid
 * (`subgrid`), so the bars start at the same x.
 *
 * A resistance round's chart has the same shape: least total resistance first, each bar the
 * option's total resistance (shorter is better), the figures written out, and its verdict — the
 * option with least resistance, or "Passivlösung vorn: keine Option trägt" — in the caption.
 */
import type { CarriedFrom } from '@ideenwand/board'
import type { RevealedRound } from '@ideenwand/protocol'
import { useLayoutEffect, useRef, useState } from 'react'
import { useT } from '../../i18n/LangProvider.tsx'
import { CarriedNote } from '../shared/carried.tsx'
import { useFigures, useOptionLabel, useVerdict } from '../shared/ResistanceResults.tsx'

interface Row {
  targetId: string
  rank: number
  tied: boolean
  label: string
  value: number
  /** The figures in words, ties included. */
  text: string
}

/** The chart's rows for a dot round or a resistance round. */
function useRows(round: RevealedRound): Row[] {
  const v = useT('views')
  const label = useOptionLabel()
  const figures = useFigures()
  if (round.method === 'resistance') {
    return (round.resistance ?? []).map((e) => ({
      targetId: e.targetId,
      rank: e.rank,
      tied: e.tied,
      label: label(e),
      value: e.total,
      text: figures(e),
    }))
  }
  return round.results.map((e) => ({
    targetId: e.targetId,
    rank: e.rank,
    tied: e.tied,
    label: e.label,
    value: e.dots,
    text: `${v('results.dots', { count: e.dots })}${e.tied ? ` = ${v('results.tied')}` : ''}`,
  }))
}

/** More rows than this are never readable from the back of a hall. */
const MAX_ROWS = 12

export function ResultsChart({
  round,
  carried,
}: {
  round: RevealedRound
  /** Ideas carried from another workshop by id (issue 20 §1): their origin under the label. */
  carried?: ReadonlyMap<string, CarriedFrom>
}) {
  const v = useT('views')
  const verdict = useVerdict()
  const entries = useRows(round)
  const resistance = round.method === 'resistance' ? round.resistance : null
  const max = Math.max(1, ...entries.map((entry) => entry.value))
  const all = entries.slice(0, MAX_ROWS)
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
  const rest = entries.length - rows.length
  return (
    <figure className="iwp-chart" data-testid="projector-results" data-method={round.method}>
      <figcaption className="iwp-chart-caption">
        {v('results.heading', { round: round.number })}{' '}
        <span className="iwp-chart-voters">
          · {v(resistance ? 'resistance.raters' : 'results.voters', { count: round.voters })}
        </span>
        {resistance ? (
          <span className="iwp-verdict" data-testid="projector-verdict">
            {verdict(resistance)}
          </span>
        ) : null}
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
            {round.targetKind === 'idea' && carried?.has(entry.targetId) ? (
              <span>
                <span className="iwp-bar-label">{entry.label}</span>
                <CarriedNote
                  from={carried.get(entry.targetId) ?? null}
                  link={false}
                  className="iwp-bar-carried"
                />
              </span>
            ) : (
              <span className="iwp-bar-label">{entry.label}</span>
            )}
            <span className="iwp-bar-track" aria-hidden="true">
              <span className="iwp-bar" style={{ width: `${(entry.value / max) * 100}%` }} />
            </span>
            <span className="iwp-bar-count">{entry.text}</span>
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
