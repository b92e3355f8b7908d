/**
 * The open-data package: a Frictionless (Tabular) Data Package — `datapackage.json` with a Table
 * Schema per CSV — and `ideas.csv`, `clusters.csv`, `votes.csv`, `resistance.csv`,
 * `status_changes.csv`. No personal data: no authors, no guest ids, votes, resistance and
 * supports only as totals per target and round or idea, status changes without who made them.
 */
import { type CsvCell, type CsvOptions, toCsv } from './csv.ts'
import { isoSeconds, LICENCE_INFO, slug } from './format.ts'
import { labels } from './labels.ts'
import { optionLabel, resistanceOf } from './resistance.ts'
import {
  CHANGELOG_FIELDS,
  type ChangeKind,
  CLUSTERS_FIELDS,
  IDEAS_FIELDS,
  RESISTANCE_FIELDS,
  STATUS_CHANGES_FIELDS,
  type TableField,
  VOTES_FIELDS,
} from './tableSchemas.ts'
import type { Licence, Outcome } from './types.ts'

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
