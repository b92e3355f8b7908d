/**
 * A horizontal bar chart of a ranking in plain SVG: one row per target with its rank, label and
 * dot count written out, so the chart reads without colour. The ranked list next to it carries
 * the same data for screen readers; the chart is one labelled image.
 */
import type { RankedEntry } from '@ideenwand/protocol'
import { useId } from 'react'
import { useControlT } from '../i18n/useControlT.ts'

const ROW = 40
const WIDTH = 300
const BAR_MAX = 200

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}

export function ResultBars({ entries, title }: { entries: RankedEntry[]; title: string }) {
  const ct = useControlT()
  const titleId = useId()
  const max = Math.max(1, ...entries.map((e) => e.dots))
  const height = entries.length * ROW + 4
  return (
    <svg
      className="iw-result-bars"
      role="img"
      aria-labelledby={titleId}
      viewBox={`0 0 ${WIDTH} ${height}`}
      width="100%"
      data-testid="result-bars"
    >
      <title id={titleId}>{title}</title>
      {entries.map((entry, i) => {
        const y = i * ROW + 2
        const w = entry.dots > 0 ? Math.max(3, (entry.dots / max) * BAR_MAX) : 0
        const label = `${entry.rank}. ${shorten(entry.label || ct('results.untitled'), 44)}`
        const count = `${ct('results.dots', { count: entry.dots })}${entry.tied ? ` (${ct('results.tied')})` : ''}`
        return (
          <g key={entry.targetId}>
            <text x={0} y={y + 12} className="iw-bar-label">
              {label}
            </text>
            <rect
              x={0}
              y={y + 17}
              width={w}
              height={16}
              rx={3}
              className={`iw-bar${entry.rank === 1 ? ' iw-bar-top' : ''}`}
            />
            <text x={w + 5} y={y + 29} className="iw-bar-count">
              {count}
            </text>
          </g>
        )
      })}
    </svg>
  )
}
