/**
 * `ideenwand-export.json`: the complete machine-readable export that import reads back —
 * workshop meta, clusters, ideas (text, colour, cluster, time, source, where a carried idea came
 * from), canvas records, revealed rounds and what became of the ideas (status changes). No
 * personal data: no authors, guests, facilitators (not who changed a status) or ballots.
 */
import type {
  Outcome,
  OutcomeCarriedFrom,
  OutcomeColor,
  OutcomeRound,
  OutcomeStatusChange,
  OutcomeWorkshop,
} from './types.ts'

export const EXPORT_FORMAT = 'ideenwand-export'
export const EXPORT_VERSION = 1
export const EXPORT_FILE = 'ideenwand-export.json'

export interface MachineExport {
  format: typeof EXPORT_FORMAT
  version: typeof EXPORT_VERSION
  exportedAt: string
  /** The workshop without its id and creation time (a new workshop gets its own on import). */
  workshop: Omit<OutcomeWorkshop, 'id' | 'createdAt'>
  clusters: { id: string; title: string; order: number; color: OutcomeColor }[]
  ideas: {
    id: string
    text: string
    clusterId: string | null
    createdAt: number
    color: OutcomeColor
    /** Where it came from (issue 19 §2); left out for `own` (and in exports from before). */
    source?: 'table' | 'paper'
    /** With source `table`: the table's label. */
    table?: string
    /** Carried from another workshop (issue 20 §1); left out for every other idea. */
    carriedFrom?: OutcomeCarriedFrom
  }[]
  canvas: unknown[]
  tldrawSchema: unknown
  rounds: OutcomeRound[]
  /** Every status change of a public idea, oldest first (issue 20 §2); absent in older exports. */
  statusChanges?: OutcomeStatusChange[]
}

export function toMachineExport(outcome: Outcome): MachineExport {
  const w = outcome.workshop
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: new Date(outcome.generatedAt).toISOString(),
    workshop: {
      title: w.title,
      date: w.date,
      place: w.place,
      description: w.description,
      language: w.language,
      publisher: w.publisher,
      licence: w.licence,
    },
    clusters: outcome.groups.flatMap((g) => (g.cluster ? [{ ...g.cluster }] : [])),
    ideas: outcome.groups
      .flatMap((g) => g.ideas)
      .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))
      .map((i) => ({
        id: i.id,
        text: i.text,
        clusterId: i.clusterId,
        createdAt: i.createdAt,
        color: i.color,
        ...(i.source === 'own' ? {} : { source: i.source }),
        ...(i.source === 'table' && i.table ? { table: i.table } : {}),
        ...(i.carriedFrom ? { carriedFrom: { ...i.carriedFrom } } : {}),
      })),
    canvas: outcome.canvasRecords,
    tldrawSchema: outcome.tldrawSchema,
    rounds: outcome.rounds,
    statusChanges: outcome.statusChanges.map((c) => ({ ...c })),
  }
}
