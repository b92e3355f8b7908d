/**
 * The voting results for everyone after a reveal: the latest round as a ranked list (ties marked
 * "gleichauf") and a labelled bar chart — a resistance round as its verdict and ranked bars
 * (ResistanceResults) — earlier rounds below. During an open round a
 * facilitator who chose "show tally" sees the running tally here (nobody else does).
 */
import type { ControlState, RankedEntry, RevealedRound } from '@ideenwand/protocol'
import { useEffect, useRef, useState } from 'react'
import { useT } from '../i18n/LangProvider.tsx'
import { useControlT } from '../i18n/useControlT.ts'
import { ResistanceResults } from '../views/shared/ResistanceResults.tsx'
import { useControlContext } from './ControlContext.tsx'
import { ResultBars } from './ResultBars.tsx'

function RankedList({ entries, testId }: { entries: RankedEntry[]; testId?: string }) {
  const ct = useControlT()
  if (entries.length === 0) return <p className="iw-muted">{ct('results.empty')}</p>
  return (
    <ol className="iw-results-list" data-testid={testId}>
      {entries.map((entry) => (
        <li
          key={entry.targetId}
          className="iw-result-row"
          data-testid="result-row"
          data-rank={entry.rank}
          data-dots={entry.dots}
          data-target-id={entry.targetId}
        >
          <span className="iw-result-rank">{ct('results.rank', { n: entry.rank })}</span>
          <span className="iw-result-label">{entry.label || ct('results.untitled')}</span>
          <span className="iw-result-dots">{ct('results.dots', { count: entry.dots })}</span>
          {entry.tied ? <span className="iw-result-tied">{ct('results.tied')}</span> : null}
        </li>
      ))}
    </ol>
  )
}

function RoundResult({ round, headingLevel }: { round: RevealedRound; headingLevel: 3 | 4 }) {
  const ct = useControlT()
  const v = useT('views')
  const Heading = headingLevel === 3 ? 'h3' : 'h4'
  if (round.method === 'resistance') {
    return (
      <section
        className="iw-round-result"
        data-round={round.number}
        data-testid={headingLevel === 3 ? 'results' : undefined}
      >
        <Heading>{ct('results.round', { n: round.number })}</Heading>
        <p className="iw-muted">{v('resistance.raters', { count: round.voters })}</p>
        <ResistanceResults entries={round.resistance ?? []} />
      </section>
    )
  }
  return (
    <section className="iw-round-result" data-round={round.number}>
      <Heading>{ct('results.round', { n: round.number })}</Heading>
      <p className="iw-muted">{ct('results.voters', { count: round.voters })}</p>
      <RankedList entries={round.results} testId={headingLevel === 3 ? 'results' : undefined} />
      {round.results.length > 0 ? (
        <ResultBars entries={round.results} title={ct('results.chartTitle', { n: round.number })} />
      ) : null}
    </section>
  )
}

/** Opens on each reveal; closes when a new round opens (so earlier results do not sway it). */
function useResultsOpen(control: ControlState | null): [boolean, (open: boolean) => void] {
  const revealed = control?.history.length ?? 0
  const openRound = control?.round?.status === 'open' ? control.round.id : null
  const [open, setOpen] = useState(
    () => revealed > 0 && (control?.phase === 'vote' || control?.phase === 'discuss') && !openRound,
  )
  const seen = useRef({ revealed, openRound })
  useEffect(() => {
    const before = seen.current
    seen.current = { revealed, openRound }
    if (revealed > before.revealed) setOpen(true)
    else if (openRound && openRound !== before.openRound) setOpen(false)
  }, [revealed, openRound])
  return [open, setOpen]
}

export function ResultsPanel() {
  const ct = useControlT()
  const control = useControlContext()?.control ?? null
  const [open, setOpen] = useResultsOpen(control)
  // A new result is scrolled into view (the facilitator's column may be scrolled down).
  const sectionRef = useRef<HTMLElement>(null)
  const revealed = control?.history.length ?? 0
  const scrolledFor = useRef(revealed)
  useEffect(() => {
    if (!open || revealed === scrolledFor.current || !sectionRef.current) return
    scrolledFor.current = revealed
    sectionRef.current.scrollIntoView({ block: 'nearest' })
  }, [revealed, open])
  if (!control) return null
  const history = control.history
  const latest = history[history.length - 1]
  const liveTally = control.me.role === 'facilitator' && control.round ? control.tally : null
  if (!latest && !liveTally) return null

  if (!open && !liveTally) {
    return (
      <button
        type="button"
        className="iw-button iw-results-toggle"
        data-testid="results-show"
        onClick={() => setOpen(true)}
      >
        {ct('results.show')}
      </button>
    )
  }

  return (
    <section
      ref={sectionRef}
      className="iw-results"
      aria-labelledby="iw-results-title"
      data-testid="results-panel"
    >
      <div className="iw-panel-head">
        <h2 id="iw-results-title">{ct('results.title')}</h2>
        {latest ? (
          <button
            type="button"
            className="iw-button iw-button-small"
            data-testid="results-hide"
            onClick={() => setOpen(false)}
            aria-expanded={open}
          >
            {open ? ct('results.close') : ct('results.show')}
          </button>
        ) : null}
      </div>
      {liveTally ? (
        <section className="iw-live-tally" data-testid="live-tally">
          <h3>{ct('results.liveTally')}</h3>
          <RankedList entries={liveTally} />
        </section>
      ) : null}
      {open && latest ? <RoundResult round={latest} headingLevel={3} /> : null}
      {open && history.length > 1 ? (
        <details className="iw-results-history">
          <summary>{ct('results.history')}</summary>
          {history
            .slice(0, -1)
            .reverse()
            .map((round) => (
              <RoundResult key={round.id} round={round} headingLevel={4} />
            ))}
        </details>
      ) : null}
    </section>
  )
}
