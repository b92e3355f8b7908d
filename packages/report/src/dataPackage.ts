/**
 * The open-data package: a Frictionless (Tabular) Data Package — `datapackage.json` with a Table
 * Schema per CSV — and `ideas.csv`, `clusters.csv`, `votes.csv`, `resistance.csv`,
 * `status_changes.csv`. No personal data: no authors, no guest ids, votes, resistance and
 * supports only as totals per target and round or idea, status changes without who made them.
 */
import { IDEA_SOURCES } from '@ideenwand/board'
import { type CsvCell, type CsvOptions, toCsv } from './csv.ts'
import { isoSeconds, LICENCE_INFO, slug } from './format.ts'
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
  'changelog.csv': string
}

/** The files of the data package, in the order of its resources (descriptor first). */
export const DATA_PACKAGE_FILES = [
  'datapackage.json',
  'ideas.csv',
  'clusters.csv',
  'votes.csv',
  'resistance.csv',
  'status_changes.csv',
  'changelog.csv',
] as const satisfies readonly (keyof DataPackageFiles)[]

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
  {
    name: 'carried_from_workshop',
    type: 'string',
    description:
      "Carried over from an earlier workshop of the series: that workshop's id (its open data and results page use the same id); empty for ideas written in this workshop",
  },
  {
    name: 'carried_from_idea',
    type: 'string',
    description:
      "With carried_from_workshop: the idea's id in that workshop's ideas.csv; empty otherwise",
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
      i.carriedFrom?.workshopId ?? null,
      i.carriedFrom?.ideaId ?? null,
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

/** The rows of the data package's tables (before CSV encoding). */
export type TableRows = ReturnType<typeof tableRows>

/**
 * Everything a version of the data package is made of, apart from its number, time and
 * changelog: the descriptor's texts and the tables' rows. The server stores one per version
 * (open-data versions, issue 20 §5), so a version renders to the same files for as long as it is
 * kept; `changesBetween` (changelog.ts) compares two of them.
 */
export interface PackageSnapshot {
  meta: {
    name: string
    title: string
    description: string
    keywords: string[]
    licence: Licence
    publisher: string | null
    language: Outcome['workshop']['language']
    /** The workshop's own title, date, place and description (for the DCAT file of a version). */
    workshop: Pick<Outcome['workshop'], 'title' | 'date' | 'place' | 'description'>
    /** The workshops carried ideas came from: id → title (and date), for the changelog's words. */
    sources?: Record<string, string>
  }
  /** The column names the rows were made with: a version stays readable when columns are added. */
  columns: Record<keyof TableRows, string[]>
  rows: TableRows
}

const TABLE_FIELDS: Record<keyof TableRows, TableField[]> = {
  ideas: IDEAS_FIELDS,
  clusters: CLUSTERS_FIELDS,
  votes: VOTES_FIELDS,
  resistance: RESISTANCE_FIELDS,
  statusChanges: STATUS_CHANGES_FIELDS,
}

const names = (fields: TableField[]) => fields.map((f) => f.name)

/** A snapshot's rows of one table in today's column order (columns it lacks stay empty). */
export function snapshotRows(snapshot: PackageSnapshot, table: keyof TableRows): CsvCell[][] {
  const stored = snapshot.columns[table]
  const wanted = names(TABLE_FIELDS[table])
  if (stored.length === wanted.length && stored.every((n, i) => n === wanted[i]))
    return snapshot.rows[table]
  const at = wanted.map((n) => stored.indexOf(n))
  return snapshot.rows[table].map((row) => at.map((i) => (i < 0 ? null : (row[i] ?? null))))
}

/** A published version: its number (1, 2, …), when it was made, and every change up to it. */
export interface PackageVersion {
  number: number
  created: number
  changelog: ChangelogEntry[]
}

/** One line of `changelog.csv` (changelog.ts makes them). */
export interface ChangelogEntry {
  version: number
  modified: number
  change: ChangeKind
  itemId: string | null
  detail: string
}

export const CHANGE_KINDS = [
  'published',
  'idea_added',
  'idea_carried',
  'idea_removed',
  'idea_changed',
  'status_changed',
  'cluster_added',
  'cluster_removed',
  'cluster_changed',
  'round_added',
  'metadata_changed',
] as const
export type ChangeKind = (typeof CHANGE_KINDS)[number]

export const CHANGELOG_FIELDS: TableField[] = [
  {
    name: 'entry',
    type: 'integer',
    description: 'Number of the entry, from 1, oldest first',
    constraints: { required: true, unique: true, minimum: 1 },
  },
  {
    name: 'version',
    type: 'integer',
    description:
      'The version of the data package that made the change (datapackage.json "version")',
    constraints: { required: true, minimum: 1 },
  },
  {
    name: 'modified',
    type: 'datetime',
    description: 'When that version was published (UTC)',
    constraints: { required: true },
  },
  {
    name: 'change',
    type: 'string',
    description:
      'What changed: published (the first version), idea_added, idea_carried (carried over from another workshop), idea_removed, idea_changed (text, cluster, colour or supports), status_changed, cluster_added, cluster_removed, cluster_changed, round_added (a revealed voting round), metadata_changed (title, description, licence or publisher)',
    constraints: { required: true, enum: [...CHANGE_KINDS] },
  },
  {
    name: 'item_id',
    type: 'string',
    description:
      'The idea (ideas.csv) or cluster (clusters.csv) concerned, or the number of the round; empty when the entry sums up several',
  },
  {
    name: 'detail',
    type: 'string',
    description:
      "The change in words, in the workshop's language. Text beginning with =, +, -, @, tab or CR is prefixed with ' against spreadsheet formula injection.",
    constraints: { required: true },
  },
]

/** The snapshot of an outcome's data package under `licence`. Stable: no time of the request. */
export function packageSnapshot(
  outcome: Outcome,
  licence: Licence = outcome.workshop.licence,
): PackageSnapshot {
  const w = outcome.workshop
  const t = labels(w.language)
  const day = w.date ?? isoSeconds(w.createdAt).slice(0, 10)
  return {
    meta: {
      name: `ideenwand-${slug(w.title)}-${day}`,
      title: `${w.title}${w.date ? ` (${w.date})` : ''}`,
      description: [
        w.description.trim(),
        `${t.report} – Ideenwand.${w.place ? ` ${t.place}: ${w.place}.` : ''}`,
      ]
        .filter(Boolean)
        .join('\n\n'),
      keywords: ['Ideenwand', 'Bürgerbeteiligung', 'Workshop', ...(w.place ? [w.place] : [])],
      licence,
      publisher: w.publisher,
      language: w.language,
      workshop: { title: w.title, date: w.date, place: w.place, description: w.description },
      sources: Object.fromEntries(
        outcome.groups.flatMap((g) =>
          g.ideas.flatMap((i) =>
            i.carriedFrom
              ? [
                  [
                    i.carriedFrom.workshopId,
                    `${i.carriedFrom.title}${i.carriedFrom.date ? ` (${i.carriedFrom.date})` : ''}`,
                  ],
                ]
              : [],
          ),
        ),
      ),
    },
    columns: {
      ideas: names(IDEAS_FIELDS),
      clusters: names(CLUSTERS_FIELDS),
      votes: names(VOTES_FIELDS),
      resistance: names(RESISTANCE_FIELDS),
      statusChanges: names(STATUS_CHANGES_FIELDS),
    },
    rows: tableRows(outcome),
  }
}

/**
 * The data package's files as text. CSVs are UTF-8 without BOM unless `csv.bom` (the schema
 * says `utf-8` either way; Frictionless readers skip a BOM), comma-separated unless
 * `csv.delimiter` (the resources' `dialect` says which). Without `version` the package has no
 * version number and an empty changelog.
 */
export function toDataPackage(
  outcome: Outcome,
  licence: Licence = outcome.workshop.licence,
  csv: CsvOptions = {},
  version?: PackageVersion,
): DataPackageFiles {
  return renderDataPackage(packageSnapshot(outcome, licence), csv, {
    created: outcome.generatedAt,
    ...(version ? { version } : {}),
  })
}

/** The files of a snapshot: the same snapshot and version always give the same text. */
export function renderDataPackage(
  snapshot: PackageSnapshot,
  csv: CsvOptions,
  at: { created: number; version?: PackageVersion },
): DataPackageFiles {
  const { meta } = snapshot
  const info = LICENCE_INFO[meta.licence]
  const delimiter = csv.delimiter ?? ','
  const version = at.version
  const descriptor = {
    profile: 'tabular-data-package',
    name: meta.name,
    title: meta.title,
    ...(version ? { version: String(version.number) } : {}),
    description: meta.description,
    created: isoSeconds(version?.created ?? at.created),
    keywords: meta.keywords,
    licenses: [{ name: info.id, path: info.url, title: info.title }],
    ...(meta.publisher ? { contributors: [{ title: meta.publisher, role: 'publisher' }] } : {}),
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
      resource(
        'changelog',
        'Changelog',
        'What changed from one version of this data package to the next, oldest first (no author data)',
        CHANGELOG_FIELDS,
        'entry',
        undefined,
        delimiter,
      ),
    ],
  }
  const table = (t: keyof TableRows) =>
    toCsv(names(TABLE_FIELDS[t]), snapshotRows(snapshot, t), csv)
  return {
    'datapackage.json': `${JSON.stringify(descriptor, null, 2)}\n`,
    'ideas.csv': table('ideas'),
    'clusters.csv': table('clusters'),
    'votes.csv': table('votes'),
    'resistance.csv': table('resistance'),
    'status_changes.csv': table('statusChanges'),
    'changelog.csv': toCsv(
      names(CHANGELOG_FIELDS),
      (version?.changelog ?? []).map((e, i) => [
        i + 1,
        e.version,
        isoSeconds(e.modified),
        e.change,
        e.itemId,
        e.detail,
      ]),
      csv,
    ),
  }
}
