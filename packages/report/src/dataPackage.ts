/**
 * The open-data package: a Frictionless (Tabular) Data Package — `datapackage.json` with a Table
 * Schema per CSV — and `ideas.csv`, `clusters.csv`, `votes.csv`, `resistance.csv`,
 * `status_changes.csv`. No personal data: no authors, no guest ids, votes, resistance and
 * supports only as totals per target and round or idea, status changes without who made them.
 */
import { IDEA_SOURCES } from '@ideenwand/board'
import { type CsvCell, type CsvOptions, toCsv } from './csv.ts'
import { baseName, isoSeconds, LICENCE_INFO } from './format.ts'
import { labels } from './labels.ts'
import { optionLabel, resistanceOf } from './resistance.ts'
import { IDEA_STATUSES, type Licence, OUTCOME_COLORS, type Outcome } from './types.ts'

export interface TableField {
  name: string
  type: 'string' | 'integer' | 'number' | 'datetime' | 'boolean'
  description: string
  constraints?: {
    required?: boolean
    unique?: boolean
    enum?: string[]
    minimum?: number
    maximum?: number
  }
}

export interface TableResource {
  name: string
  path: string
  title: string
  description: string
  profile: 'tabular-data-resource'
  format: 'csv'
  mediatype: 'text/csv'
  encoding: 'utf-8'
  dialect: { delimiter: ',' | ';'; doubleQuote: true; lineTerminator: '\r\n'; header: true }
  schema: {
    fields: TableField[]
    missingValues: string[]
    primaryKey: string | string[]
    foreignKeys?: { fields: string; reference: { resource: string; fields: string } }[]
  }
}

export interface DataPackageFiles {
  'datapackage.json': string
  'ideas.csv': string
  'clusters.csv': string
  'votes.csv': string
  'resistance.csv': string
  'status_changes.csv': string
}

const colour: TableField = {
  name: 'colour',
  type: 'string',
  description: 'Colour on the board (palette name)',
  constraints: { required: true, enum: [...OUTCOME_COLORS] },
}

const status: TableField = {
  name: 'status',
  type: 'string',
  description:
    'What became of the idea: open, in_review (being looked at), forwarded (handed to the administration), implemented, not_implemented (with a reason), merged (with the idea in merged_into)',
  constraints: { required: true, enum: [...IDEA_STATUSES] },
}

const mergedInto: TableField = {
  name: 'merged_into',
  type: 'string',
  description:
    'With status merged: the idea (ideas.csv) it was merged with; empty otherwise or when that idea is not public',
}

export const IDEAS_FIELDS: TableField[] = [
  {
    name: 'id',
    type: 'string',
    description: 'Idea id (unique within the board)',
    constraints: { required: true, unique: true },
  },
  {
    name: 'text',
    type: 'string',
    description:
      "The idea as written. Text beginning with =, +, -, @, tab or CR is prefixed with ' against spreadsheet formula injection.",
    constraints: { required: true },
  },
  {
    name: 'cluster_id',
    type: 'string',
    description: 'Cluster the idea is in (clusters.csv); empty when unsorted',
  },
  {
    name: 'created',
    type: 'datetime',
    description: 'When the idea was written (UTC, author device clock)',
    constraints: { required: true },
  },
  colour,
  {
    name: 'supports',
    type: 'integer',
    description: 'How many participants supported the idea ("+1") instead of writing it again',
    constraints: { required: true, minimum: 0 },
  },
  {
    name: 'source',
    type: 'string',
    description:
      "Where the idea came from: own (a participant's own device), table (the shared device of a table in the room, on behalf of the people there) or paper (written on paper and typed in by the facilitators)",
    constraints: { required: true, enum: [...IDEA_SOURCES] },
  },
  {
    name: 'table',
    type: 'string',
    description:
      'With source table: the table\'s label (e.g. "Tisch 3") when the idea was written; empty otherwise. Names no person',
  },
  status,
  {
    name: 'status_reason',
    type: 'string',
    description: 'Reason or note given with the current status (always given for not_implemented)',
  },
  mergedInto,
  {
    name: 'status_changed',
    type: 'datetime',
    description: 'When the current status was set (UTC); empty while it was never changed',
  },
]

export const STATUS_CHANGES_FIELDS: TableField[] = [
  {
    name: 'change',
    type: 'integer',
    description: 'Number of the change, from 1, in the order they were made',
    constraints: { required: true, unique: true, minimum: 1 },
  },
  {
    name: 'idea_id',
    type: 'string',
    description: 'The idea (ideas.csv) whose status changed',
    constraints: { required: true },
  },
  status,
  {
    name: 'reason',
    type: 'string',
    description: 'Reason or note given with the status (always given for not_implemented)',
  },
  mergedInto,
  {
    name: 'changed',
    type: 'datetime',
    description: 'When the status was set (UTC); who set it is not published',
    constraints: { required: true },
  },
]

export const CLUSTERS_FIELDS: TableField[] = [
  {
    name: 'id',
    type: 'string',
    description: 'Cluster id (unique within the board)',
    constraints: { required: true, unique: true },
  },
  { name: 'title', type: 'string', description: 'Cluster title', constraints: { required: true } },
  {
    name: 'position',
    type: 'integer',
    description: 'Order of the cluster on the board, from 1',
    constraints: { required: true, minimum: 1 },
  },
  colour,
  {
    name: 'idea_count',
    type: 'integer',
    description: 'Number of published ideas in the cluster',
    constraints: { required: true, minimum: 0 },
  },
]

export const VOTES_FIELDS: TableField[] = [
  {
    name: 'round',
    type: 'integer',
    description: 'Number of the voting round, from 1',
    constraints: { required: true, minimum: 1 },
  },
  {
    name: 'target_id',
    type: 'string',
    description: 'The idea (ideas.csv) or cluster (clusters.csv) voted on',
    constraints: { required: true },
  },
  {
    name: 'target_kind',
    type: 'string',
    description: 'What was voted on in the round',
    constraints: { required: true, enum: ['idea', 'cluster'] },
  },
  {
    name: 'dots',
    type: 'integer',
    description: 'Dots the target got in the round (sum over all voters)',
    constraints: { required: true, minimum: 0 },
  },
  {
    name: 'rank',
    type: 'integer',
    description: 'Rank in the round (1 = most dots; equal dots share a rank)',
    constraints: { required: true, minimum: 1 },
  },
  {
    name: 'tied',
    type: 'boolean',
    description: 'Whether other targets have the same number of dots',
    constraints: { required: true },
  },
]

export const RESISTANCE_FIELDS: TableField[] = [
  {
    name: 'round',
    type: 'integer',
    description: 'Number of the voting round (a resistance round), from 1',
    constraints: { required: true, minimum: 1 },
  },
  {
    name: 'option_id',
    type: 'string',
    description:
      'The idea (ideas.csv) or cluster (clusters.csv) rated; "::passive" for the passive solution',
    constraints: { required: true },
  },
  {
    name: 'option_kind',
    type: 'string',
    description: 'What the option is: an idea, a cluster, or the passive solution (leave as is)',
    constraints: { required: true, enum: ['idea', 'cluster', 'passive'] },
  },
  {
    name: 'title',
    type: 'string',
    description:
      "The idea text or cluster title at the reveal, or the passive solution's name. Text beginning with =, +, -, @, tab or CR is prefixed with ' against spreadsheet formula injection.",
    constraints: { required: true },
  },
  {
    name: 'raters',
    type: 'integer',
    description:
      "People whose ratings count (they rated every option; a table's shared device counts its people)",
    constraints: { required: true, minimum: 0 },
  },
  {
    name: 'total',
    type: 'integer',
    description: "Total resistance: the sum of everyone's 0–10 points for the option",
    constraints: { required: true, minimum: 0 },
  },
  {
    name: 'mean',
    type: 'number',
    description: 'Mean resistance per person (0–10, two decimals); empty without raters',
    constraints: { minimum: 0, maximum: 10 },
  },
  {
    name: 'acceptance',
    type: 'number',
    description: 'Acceptance: 10 − mean (0–10, two decimals); empty without raters',
    constraints: { minimum: 0, maximum: 10 },
  },
  {
    name: 'rank',
    type: 'integer',
    description:
      'Rank in the round (1 = least total resistance; equal totals share a rank, the passive solution listed first among them)',
    constraints: { required: true, minimum: 1 },
  },
  {
    name: 'tied',
    type: 'boolean',
    description: 'Whether other options have the same total resistance',
    constraints: { required: true },
  },
]

function resource(
  name: string,
  title: string,
  description: string,
  fields: TableField[],
  primaryKey: string | string[],
  foreignKeys: TableResource['schema']['foreignKeys'] | undefined,
  delimiter: ',' | ';',
): TableResource {
  return {
    name,
    path: `${name}.csv`,
    title,
    description,
    profile: 'tabular-data-resource',
    format: 'csv',
    mediatype: 'text/csv',
    encoding: 'utf-8',
    dialect: { delimiter, doubleQuote: true, lineTerminator: '\r\n', header: true },
    schema: { fields, missingValues: [''], primaryKey, ...(foreignKeys ? { foreignKeys } : {}) },
  }
}

/** The rows of the four tables (before CSV encoding). */
export function tableRows(
  outcome: Outcome,
): Record<'ideas' | 'clusters' | 'votes' | 'resistance' | 'statusChanges', CsvCell[][]> {
  const t = labels(outcome.workshop.language)
  const ideas = outcome.groups.flatMap((g) => g.ideas)
  ideas.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))
  const clusters = outcome.groups.flatMap((g, i) =>
    g.cluster ? [[g.cluster.id, g.cluster.title, i, g.cluster.color, g.ideas.length]] : [],
  )
  return {
    ideas: ideas.map((i) => [
      i.id,
      i.text,
      i.clusterId,
      isoSeconds(i.createdAt),
      i.color,
      i.supports,
      i.source,
      i.table,
      i.status,
      i.statusReason,
      i.mergedInto,
      i.statusChangedAt === null ? null : isoSeconds(i.statusChangedAt),
    ]),
    clusters,
    votes: outcome.rounds.flatMap((r) =>
      r.results.map((e) => [r.number, e.targetId, r.targetKind, e.dots, e.rank, e.tied]),
    ),
    resistance: outcome.rounds.flatMap((r) =>
      (resistanceOf(r) ?? []).map((e) => [
        r.number,
        e.targetId,
        e.passive ? 'passive' : r.targetKind,
        optionLabel(e, t),
        e.raters,
        e.total,
        e.mean,
        e.acceptance,
        e.rank,
        e.tied,
      ]),
    ),
    statusChanges: outcome.statusChanges.map((c, i) => [
      i + 1,
      c.ideaId,
      c.status,
      c.reason,
      c.mergedInto,
      isoSeconds(c.changedAt),
    ]),
  }
}

/**
 * The data package's files as text. CSVs are UTF-8 without BOM unless `csv.bom` (the schema
 * says `utf-8` either way; Frictionless readers skip a BOM), comma-separated unless
 * `csv.delimiter` (the resources' `dialect` says which).
 */
export function toDataPackage(
  outcome: Outcome,
  licence: Licence = outcome.workshop.licence,
  csv: CsvOptions = {},
): DataPackageFiles {
  const w = outcome.workshop
  const t = labels(w.language)
  const info = LICENCE_INFO[licence]
  const rows = tableRows(outcome)
  const delimiter = csv.delimiter ?? ','
  const descriptor = {
    profile: 'tabular-data-package',
    name: baseName(outcome),
    title: `${w.title}${w.date ? ` (${w.date})` : ''}`,
    description: [
      w.description.trim(),
      `${t.report} – Ideenwand.${w.place ? ` ${t.place}: ${w.place}.` : ''}`,
    ]
      .filter(Boolean)
      .join('\n\n'),
    created: isoSeconds(outcome.generatedAt),
    keywords: ['Ideenwand', 'Bürgerbeteiligung', 'Workshop', ...(w.place ? [w.place] : [])],
    licenses: [{ name: info.id, path: info.url, title: info.title }],
    ...(w.publisher ? { contributors: [{ title: w.publisher, role: 'publisher' }] } : {}),
    resources: [
      resource(
        'ideas',
        'Ideas',
        'Published ideas of the workshop with their number of supports and what became of them (no author data)',
        IDEAS_FIELDS,
        'id',
        [
          { fields: 'cluster_id', reference: { resource: 'clusters', fields: 'id' } },
          { fields: 'merged_into', reference: { resource: 'ideas', fields: 'id' } },
        ],
        delimiter,
      ),
      resource(
        'clusters',
        'Clusters',
        'Clusters the ideas were grouped into',
        CLUSTERS_FIELDS,
        'id',
        undefined,
        delimiter,
      ),
      resource(
        'votes',
        'Votes',
        'Results of the revealed dot-voting rounds, per target and round (no individual ballots)',
        VOTES_FIELDS,
        ['round', 'target_id'],
        undefined,
        delimiter,
      ),
      resource(
        'resistance',
        'Resistance',
        'Results of the revealed resistance rounds (Systemisches Konsensieren: 0–10 points of resistance per person and option, the passive solution always among the options), per option and round: sums and means only, no individual ratings',
        RESISTANCE_FIELDS,
        ['round', 'option_id'],
        undefined,
        delimiter,
      ),
      resource(
        'status_changes',
        'Status changes',
        "Every change of an idea's status, oldest first: the dated history of what became of the ideas (no author data)",
        STATUS_CHANGES_FIELDS,
        'change',
        [
          { fields: 'idea_id', reference: { resource: 'ideas', fields: 'id' } },
          { fields: 'merged_into', reference: { resource: 'ideas', fields: 'id' } },
        ],
        delimiter,
      ),
    ],
  }
  const header = (fields: TableField[]) => fields.map((f) => f.name)
  return {
    'datapackage.json': `${JSON.stringify(descriptor, null, 2)}\n`,
    'ideas.csv': toCsv(header(IDEAS_FIELDS), rows.ideas, csv),
    'clusters.csv': toCsv(header(CLUSTERS_FIELDS), rows.clusters, csv),
    'votes.csv': toCsv(header(VOTES_FIELDS), rows.votes, csv),
    'resistance.csv': toCsv(header(RESISTANCE_FIELDS), rows.resistance, csv),
    'status_changes.csv': toCsv(header(STATUS_CHANGES_FIELDS), rows.statusChanges, csv),
  }
}
