/**
 * What became of an idea (issue 20 §2) in words, the same for every renderer: the status's
 * label, "zusammengelegt mit „…“" with the other idea's text (or "an idea that is not public"
 * when it is not in the outcome), and the reason.
 */
import type { Labels } from './labels.ts'
import type { IdeaStatus, Outcome, OutcomeStatusChange } from './types.ts'

export function statusLabel(t: Labels, status: IdeaStatus): string {
  return t[`status_${status}`]
}

/** Idea id → text, for naming merge targets. */
export function ideaTextsOf(outcome: Outcome): Map<string, string> {
  return new Map(outcome.groups.flatMap((g) => g.ideas.map((i) => [i.id, i.text] as const)))
}

/** The status in words: "umgesetzt", or "zusammengelegt mit „Radweg …“". */
export function statusText(
  t: Labels,
  change: Pick<OutcomeStatusChange, 'status' | 'mergedInto'>,
  texts: ReadonlyMap<string, string>,
  quote: (text: string) => string,
): string {
  if (change.status !== 'merged') return statusLabel(t, change.status)
  const target = change.mergedInto === null ? undefined : texts.get(change.mergedInto)
  return `${t.mergedWith} ${target === undefined ? t.otherIdea : quote(target)}`
}

/** German and English quotation marks around a text. */
export function quoted(lang: 'de' | 'en'): (text: string) => string {
  return lang === 'de' ? (text) => `„${text}“` : (text) => `“${text}”`
}
