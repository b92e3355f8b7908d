/**
 * Where an idea came from (issue 19 §2): a person's own device, a table's shared device, or
 * paper that a facilitator typed in ("von Papier übertragen"). Stored in the idea's entry as
 * `source` (absent: `own`) and, for table ideas, `table` (the table's label at the time); see
 * SCHEMA.md for who may write them.
 */
export const IDEA_SOURCES = ['own', 'table', 'paper'] as const
export type IdeaSource = (typeof IDEA_SOURCES)[number]

/** Longest table label kept with an idea, in UTF-16 code units. */
export const MAX_TABLE_LABEL = 40

export function isIdeaSource(value: unknown): value is IdeaSource {
  return typeof value === 'string' && (IDEA_SOURCES as readonly string[]).includes(value)
}
