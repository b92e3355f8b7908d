/**
 * Resistance rounds (Systemisches Konsensieren) in the report: the heading and facts line every
 * format shows for a round, the verdict, the bars and the table of a resistance round — sums
 * only (total, mean, acceptance per option), never a person's rating.
 */
import { type ChartBar, chartBars, truncate } from './chart.ts'
import type { Labels } from './labels.ts'
import type { Lang, OutcomeResistanceEntry, OutcomeRound } from './types.ts'

const LABEL_CHARS = 48

/** The round's resistance ranking, or null for a dot round. */
export function resistanceOf(round: OutcomeRound): OutcomeResistanceEntry[] | null {
  return round.method === 'resistance' ? (round.resistance ?? []) : null
}

/** "Runde 2: Ideen" or "Runde 3: Widerstandsabfrage (Systemisches Konsensieren)". */
export function roundHeading(round: OutcomeRound, t: Labels): string {
  const kind = resistanceOf(round)
    ? t.resistanceRound
    : round.targetKind === 'idea'
      ? t.targetIdea
      : t.targetCluster
  return `${t.round} ${round.number}: ${kind}`
}

/** "Punkte pro Person: 3 · Abstimmende: 6" or "Personen mit vollständiger Bewertung: 6". */
export function roundFacts(round: OutcomeRound, t: Labels): string {
  return resistanceOf(round)
    ? `${t.raters}: ${round.voters}`
    : `${t.dotsPerPerson}: ${round.dotsPerPerson} · ${t.voters}: ${round.voters}`
}

/** The option's name in the report's language. */
export function optionLabel(entry: OutcomeResistanceEntry, t: Labels): string {
  return entry.passive ? t.passiveOption : entry.label
}

/** "Am wenigsten Widerstand: …" or "Passivlösung vorn: keine Option trägt."; null without raters. */
export function resistanceVerdict(round: OutcomeRound, t: Labels): string | null {
  const entries = resistanceOf(round)
  const first = entries?.[0]
  if (!entries || !first || first.raters === 0) return null
  if (entries.some((e) => e.passive && e.rank === 1)) return t.passiveAhead
  return `${t.leastResistance}: ${optionLabel(first, t)}`
}

/** The bars of a round: dots per target, or a resistance round's total per option. */
export function roundBars(round: OutcomeRound, t: Labels): ChartBar[] {
  const entries = resistanceOf(round)
  if (!entries) return chartBars(round)
  return entries.map((e) => ({
    label: `${e.rank}. ${truncate(optionLabel(e, t), LABEL_CHARS)}`,
    dots: e.total,
    rank: e.rank,
    tied: e.tied,
  }))
}

/** A decimal in the report's language (2,5 / 2.5); `–` for none. */
export function decimal(n: number | null, lang: Lang, none: string): string {
  if (n === null) return none
  return new Intl.NumberFormat(lang === 'de' ? 'de-DE' : 'en-GB', {
    maximumFractionDigits: 2,
  }).format(n)
}

/** The table of a resistance round: header and one row per option (numbers formatted). */
export function resistanceTable(
  round: OutcomeRound,
  t: Labels,
  lang: Lang,
): { header: string[]; rows: string[][] } {
  return {
    header: [t.rank, t.option, t.resistanceTotal, t.resistanceMean, t.acceptance],
    rows: (resistanceOf(round) ?? []).map((e) => [
      `${e.rank}${e.tied ? ` (${t.tied})` : ''}`,
      optionLabel(e, t),
      String(e.total),
      decimal(e.mean, lang, t.none),
      decimal(e.acceptance, lang, t.none),
    ]),
  }
}
