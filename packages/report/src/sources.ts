/**
 * The "Herkunft der Ideen" section (issue 19 §2): how many of the published ideas came from
 * people's own devices, from each table's shared device, and from paper a facilitator typed in.
 */
import type { Labels } from './labels.ts'
import type { OutcomeIdea, OutcomeSources } from './types.ts'

/** A table device as the server lists it: its label and (current) people. */
export interface TableSource {
  label: string
  people: number
}

/**
 * The section's model; null when every idea came from people's own devices (the section is left
 * out). Tables are listed in the order of their labels; ideas of a table written under a label
 * it no longer has are counted under that label (people unknown: null).
 */
export function sourceSummary(
  all: readonly (Pick<OutcomeIdea, 'source' | 'table'> &
    Partial<Pick<OutcomeIdea, 'carriedFrom'>>)[],
  tables: readonly TableSource[],
): OutcomeSources | null {
  if (all.every((i) => i.source === 'own' && !i.carriedFrom)) return null
  // Carried ideas count as carried (issue 20 §1), whatever their source here.
  const ideas = all.filter((i) => !i.carriedFrom)
  const byTable = new Map<string, number>()
  for (const i of ideas) {
    if (i.source === 'table') byTable.set(i.table ?? '', (byTable.get(i.table ?? '') ?? 0) + 1)
  }
  const people = new Map(tables.map((t) => [t.label, t.people]))
  return {
    own: ideas.filter((i) => i.source === 'own').length,
    paper: ideas.filter((i) => i.source === 'paper').length,
    tables: [...byTable]
      .sort(([a], [b]) => a.localeCompare(b, 'de', { numeric: true }))
      .map(([label, count]) => ({ label, ideas: count, people: people.get(label) ?? null })),
    carried: all.length - ideas.length,
  }
}

/** The section's rows: label and ideas — own devices, each table (with its people), paper. */
export function sourceRows(
  sources: OutcomeSources,
  t: Pick<Labels, 'sourceOwn' | 'sourceTable' | 'sourcePaper' | 'sourceCarried' | 'people'>,
): [string, number][] {
  return [
    [t.sourceOwn, sources.own],
    ...sources.tables.map((table): [string, number] => [
      `${t.sourceTable}: ${table.label}${table.people === null ? '' : ` · ${table.people} ${t.people}`}`,
      table.ideas,
    ]),
    [t.sourcePaper, sources.paper],
    // Reports from before issue 20 §1 have no count; a row of 0 is left out.
    ...(sources.carried ? [[t.sourceCarried, sources.carried] as [string, number]] : []),
  ]
}
