/** Bar charts of voting rounds: the data both the SVG (HTML) and the PDF draw. */
import { escapeXml } from './escape.ts'
import type { OutcomeRound } from './types.ts'

export interface ChartBar {
  label: string
  dots: number
  rank: number
  tied: boolean
}

/** Bars shown per chart; the ranking table lists every target with dots. */
export const CHART_BARS = 15
const LABEL_CHARS = 48

export function truncate(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`
}

/** The best targets with at least one dot, labels shortened to one line. */
export function chartBars(round: OutcomeRound, max = CHART_BARS): ChartBar[] {
  return round.results
    .filter((e) => e.dots > 0)
    .slice(0, max)
    .map((e) => ({
      label: `${e.rank}. ${truncate(e.label, LABEL_CHARS)}`,
      dots: e.dots,
      rank: e.rank,
      tied: e.tied,
    }))
}

/** A horizontal bar chart as inline SVG (labels left, bars right, the count after each bar). */
export function barChartSvg(bars: ChartBar[], title: string): string {
  const rowH = 24
  const labelW = 330
  const barW = 300
  const width = labelW + barW + 50
  const height = Math.max(1, bars.length) * rowH + 8
  const max = Math.max(1, ...bars.map((b) => b.dots))
  const rows = bars.map((b, i) => {
    const y = 4 + i * rowH
    const w = Math.max(2, Math.round((b.dots / max) * barW))
    return [
      `<text x="${labelW - 8}" y="${y + 16}" text-anchor="end" font-size="12">${escapeXml(b.label)}</text>`,
      `<rect x="${labelW}" y="${y + 3}" width="${w}" height="${rowH - 8}" fill="${i === 0 ? '#1d6fb8' : '#6a9fd4'}"/>`,
      `<text x="${labelW + w + 6}" y="${y + 16}" font-size="12">${b.dots}</text>`,
    ].join('')
  })
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${escapeXml(title)}" font-family="Helvetica, Arial, sans-serif">`,
    `<title>${escapeXml(title)}</title>`,
    ...rows,
    '</svg>',
  ].join('\n')
}
