/**
 * The revealed result of a resistance round, for the phone, the list view and beside the
 * whiteboard: the verdict in words (the option with least resistance, or "Passivlösung vorn:
 * keine Option trägt"), then every option ranked by least total resistance as a list whose rows
 * carry a bar (the total, relative to the largest) and the figures written out — total, mean,
 * acceptance, ties — so nothing depends on the bar or its colour.
 */
import { passiveAhead } from '@ideenwand/board'
import type { ResistanceEntry } from '@ideenwand/protocol'
import { useT } from '../../i18n/LangProvider.tsx'
import './resistance.css'

/** The option's name: its label, or the passive solution in the reader's language. */
export function useOptionLabel(): (entry: ResistanceEntry) => string {
  const v = useT('views')
  return (entry) => (entry.passive ? v('resistance.passive') : entry.label || '…')
}

/** "Am wenigsten Widerstand: …", "Passivlösung vorn …", or that no ballot was complete. */
export function useVerdict(): (entries: readonly ResistanceEntry[]) => string {
  const v = useT('views')
  const label = useOptionLabel()
  return (entries) => {
    const first = entries[0]
    if (!first || first.raters === 0) return v('resistance.noBallots')
    if (passiveAhead(entries)) return v('resistance.passiveAhead')
    return v('resistance.winner', { label: label(first) })
  }
}

/** "Widerstand 12 · Ø 2,4 · Akzeptanz 7,6 von 10". */
export function useFigures(): (entry: ResistanceEntry) => string {
  const v = useT('views')
  return (entry) =>
    [
      v('resistance.total', { value: entry.total }),
      entry.mean === null ? null : v('resistance.mean', { value: entry.mean }),
      entry.acceptance === null ? null : v('resistance.acceptance', { value: entry.acceptance }),
      entry.tied ? v('results.tied') : null,
    ]
      .filter(Boolean)
      .join(' · ')
}

export function ResistanceResults({ entries }: { entries: readonly ResistanceEntry[] }) {
  const v = useT('views')
  const label = useOptionLabel()
  const verdict = useVerdict()
  const figures = useFigures()
  const max = Math.max(1, ...entries.map((e) => e.total))
  return (
    <>
      <p className="iwr-verdict" data-testid="resistance-verdict">
        {verdict(entries)}
      </p>
      <ol className="iwr-results">
        {entries.map((entry) => (
          <li
            key={entry.targetId}
            className="iwr-result"
            data-testid="resistance-row"
            data-rank={entry.rank}
            data-total={entry.total}
            data-passive={entry.passive}
          >
            <span className="iwr-result-head">
              <span>{v('results.rank', { n: entry.rank })}</span>
              <span className="iwr-result-label">{label(entry)}</span>
            </span>
            <span className="iwr-track" aria-hidden="true">
              <span className="iwr-bar" style={{ width: `${(entry.total / max) * 100}%` }} />
            </span>
            <span className="iwr-figures">{figures(entry)}</span>
          </li>
        ))}
      </ol>
    </>
  )
}
