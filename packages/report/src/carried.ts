/**
 * How a report names a carried idea's origin (issue 20 §1): "übernommen aus „Umweltlabor“
 * (12.03.2026), 7 Punkte" — the source workshop's title and date, and its dots and rank in the
 * source's latest revealed dot round, when it had any.
 */
import { formatDay } from './format.ts'
import type { Labels } from './labels.ts'
import { quoted } from './status.ts'
import type { Lang, OutcomeIdea } from './types.ts'

/** The note for a carried idea; empty for an idea written in this workshop. */
export function carriedNote(
  t: Pick<Labels, 'carriedFrom' | 'carriedDot' | 'carriedDots' | 'carriedRank'>,
  idea: Pick<OutcomeIdea, 'carriedFrom'>,
  lang: Lang,
): string {
  const from = idea.carriedFrom
  if (!from) return ''
  const date = from.date ? ` (${formatDay(from.date, lang)})` : ''
  const dots =
    from.dots === null ? '' : `, ${from.dots} ${from.dots === 1 ? t.carriedDot : t.carriedDots}`
  const rank = from.rank === null ? '' : ` (${t.carriedRank} ${from.rank})`
  return `${t.carriedFrom} ${quoted(lang)(from.title)}${date}${dots}${dots ? rank : ''}`
}
