/**
 * The changelog of the versioned open data (issue 20 §5): what changed between two versions of
 * the data package, found by comparing their snapshots row by row — ideas added, carried over,
 * removed or changed, statuses, clusters, revealed rounds, the descriptor's texts and licence.
 * The comparison needs no record of events, so whatever changed the board (a status, a carried
 * idea, a late edit) shows up, and nothing is listed that did not change.
 */
import type { CsvCell } from './csv.ts'
import {
  type ChangelogEntry,
  type PackageSnapshot,
  snapshotRows,
  type TableRows,
} from './dataPackage.ts'
import type { ChangeKind } from './tableSchemas.ts'
import type { Lang } from './types.ts'

/** A change before it belongs to a version (the server adds number and time). */
export type Change = Omit<ChangelogEntry, 'version' | 'modified'>

/** More entries of one kind than this are summed up in one ("120 Ideen hinzugefügt"). */
export const MAX_ENTRIES_PER_KIND = 50

const WORDS = {
  de: {
    published: (ideas: number, clusters: number) =>
      `Erste Version: ${ideas} ${ideas === 1 ? 'Idee' : 'Ideen'}, ${clusters} Cluster`,
    idea_added: (text: string) => `Idee hinzugefügt: ${text}`,
    idea_carried: (text: string, from: string) => `Idee übernommen aus „${from}“: ${text}`,
    idea_removed: (text: string) => `Idee entfernt: ${text}`,
    idea_changed: (text: string, what: string) => `Idee geändert (${what}): ${text}`,
    status_changed: (text: string, from: string, to: string) =>
      `Stand geändert von ${from} auf ${to}: ${text}`,
    cluster_added: (title: string) => `Cluster hinzugefügt: ${title}`,
    cluster_removed: (title: string) => `Cluster entfernt: ${title}`,
    cluster_changed: (title: string) => `Cluster geändert: ${title}`,
    round_added: (round: string) => `Abstimmungsrunde ${round} veröffentlicht`,
    metadata_changed: (what: string) => `Angaben zum Datensatz geändert (${what})`,
    many: (count: number, kind: ChangeKind) =>
      `${count} ${
        {
          published: 'Versionen',
          idea_added: 'Ideen hinzugefügt',
          idea_carried: 'Ideen aus anderen Workshops übernommen',
          idea_removed: 'Ideen entfernt',
          idea_changed: 'Ideen geändert',
          status_changed: 'Stände geändert',
          cluster_added: 'Cluster hinzugefügt',
          cluster_removed: 'Cluster entfernt',
          cluster_changed: 'Cluster geändert',
          round_added: 'Abstimmungsrunden veröffentlicht',
          metadata_changed: 'Angaben geändert',
        }[kind]
      }`,
    fields: {
      text: 'Text',
      cluster_id: 'Cluster',
      colour: 'Farbe',
      supports: 'Unterstützungen',
      status_reason: 'Begründung',
      merged_into: 'zusammengelegt mit',
      title: 'Titel',
      description: 'Beschreibung',
      licence: 'Lizenz',
      publisher: 'Herausgeber',
      keywords: 'Schlagwörter',
      name: 'Name',
    } as Record<string, string>,
  },
  en: {
    published: (ideas: number, clusters: number) =>
      `First version: ${ideas} ${ideas === 1 ? 'idea' : 'ideas'}, ${clusters} ${clusters === 1 ? 'cluster' : 'clusters'}`,
    idea_added: (text: string) => `Idea added: ${text}`,
    idea_carried: (text: string, from: string) =>
      `Idea carried over from workshop ${from}: ${text}`,
    idea_removed: (text: string) => `Idea removed: ${text}`,
    idea_changed: (text: string, what: string) => `Idea changed (${what}): ${text}`,
    status_changed: (text: string, from: string, to: string) =>
      `Status changed from ${from} to ${to}: ${text}`,
    cluster_added: (title: string) => `Cluster added: ${title}`,
    cluster_removed: (title: string) => `Cluster removed: ${title}`,
    cluster_changed: (title: string) => `Cluster changed: ${title}`,
    round_added: (round: string) => `Voting round ${round} published`,
    metadata_changed: (what: string) => `Dataset description changed (${what})`,
    many: (count: number, kind: ChangeKind) =>
      `${count} ${
        {
          published: 'versions',
          idea_added: 'ideas added',
          idea_carried: 'ideas carried over from other workshops',
          idea_removed: 'ideas removed',
          idea_changed: 'ideas changed',
          status_changed: 'statuses changed',
          cluster_added: 'clusters added',
          cluster_removed: 'clusters removed',
          cluster_changed: 'clusters changed',
          round_added: 'voting rounds published',
          metadata_changed: 'descriptions changed',
        }[kind]
      }`,
    fields: {
      text: 'text',
      cluster_id: 'cluster',
      colour: 'colour',
      supports: 'supports',
      status_reason: 'reason',
      merged_into: 'merged with',
      title: 'title',
      description: 'description',
      licence: 'licence',
      publisher: 'publisher',
      keywords: 'keywords',
      name: 'name',
    } as Record<string, string>,
  },
} as const

/** Rows of a table keyed by their first column (the id), as column name → value. */
function keyed(
  snapshot: PackageSnapshot,
  table: keyof TableRows,
  columns: readonly string[],
): Map<string, Record<string, CsvCell>> {
  const names = snapshot.columns[table]
  const out = new Map<string, Record<string, CsvCell>>()
  for (const row of snapshot.rows[table]) {
    const record: Record<string, CsvCell> = {}
    for (const c of columns) {
      const i = names.indexOf(c)
      record[c] = i < 0 ? null : (row[i] ?? null)
    }
    out.set(String(row[0]), record)
  }
  return out
}

const IDEA_COLUMNS = [
  'text',
  'cluster_id',
  'colour',
  'supports',
  'status',
  'status_reason',
  'merged_into',
  'carried_from_workshop',
] as const
const EDITED = ['text', 'cluster_id', 'colour', 'supports'] as const
const STATUS_DETAILS = ['status_reason', 'merged_into'] as const

/** Short form of a text for a changelog line. */
function short(value: CsvCell | undefined): string {
  const text = String(value ?? '')
    .replace(/\s+/g, ' ')
    .trim()
  return text.length > 80 ? `${text.slice(0, 79)}…` : text
}

/** The rounds (number) of the vote and resistance tables. */
function roundsOf(snapshot: PackageSnapshot): Set<string> {
  const rounds = new Set<string>()
  for (const table of ['votes', 'resistance'] as const)
    for (const row of snapshotRows(snapshot, table)) rounds.add(String(row[0]))
  return rounds
}

/**
 * The changes from `previous` (null: this is the first version) to `next`, in the workshop's
 * language; `statusName` turns a status code into words.
 */
export function changesBetween(
  previous: PackageSnapshot | null,
  next: PackageSnapshot,
  lang: Lang,
  statusName: (status: string) => string,
): Change[] {
  const w = WORDS[lang]
  if (previous === null) {
    return [
      {
        change: 'published',
        itemId: null,
        detail: w.published(next.rows.ideas.length, next.rows.clusters.length),
      },
    ]
  }
  const changes: Change[] = []
  const add = (change: ChangeKind, itemId: string | null, detail: string) =>
    changes.push({ change, itemId, detail })

  const metaChanged = (
    ['title', 'description', 'licence', 'publisher', 'keywords', 'name'] as const
  )
    .filter((k) => JSON.stringify(previous.meta[k]) !== JSON.stringify(next.meta[k]))
    .map((k) => w.fields[k] ?? k)
  if (metaChanged.length > 0)
    add('metadata_changed', null, w.metadata_changed(metaChanged.join(', ')))

  const before = keyed(previous, 'ideas', IDEA_COLUMNS)
  const after = keyed(next, 'ideas', IDEA_COLUMNS)
  for (const [id, idea] of after) {
    const old = before.get(id)
    if (!old) {
      const from = idea.carried_from_workshop
      if (from) {
        const source = next.meta.sources?.[String(from)] ?? String(from)
        add('idea_carried', id, w.idea_carried(short(idea.text), source))
      } else add('idea_added', id, w.idea_added(short(idea.text)))
      continue
    }
    const edited = EDITED.filter((c) => old[c] !== idea[c])
    if (edited.length > 0)
      add(
        'idea_changed',
        id,
        w.idea_changed(short(idea.text), edited.map((c) => w.fields[c]).join(', ')),
      )
    if (old.status !== idea.status || STATUS_DETAILS.some((c) => old[c] !== idea[c])) {
      add(
        'status_changed',
        id,
        w.status_changed(
          short(idea.text),
          statusName(String(old.status)),
          statusName(String(idea.status)),
        ),
      )
    }
  }
  for (const [id, idea] of before)
    if (!after.has(id)) add('idea_removed', id, w.idea_removed(short(idea.text)))

  const clustersBefore = keyed(previous, 'clusters', ['title', 'colour', 'position'])
  const clustersAfter = keyed(next, 'clusters', ['title', 'colour', 'position'])
  for (const [id, cluster] of clustersAfter) {
    const old = clustersBefore.get(id)
    if (!old) add('cluster_added', id, w.cluster_added(short(cluster.title)))
    else if (old.title !== cluster.title || old.colour !== cluster.colour)
      add('cluster_changed', id, w.cluster_changed(short(cluster.title)))
  }
  for (const [id, cluster] of clustersBefore)
    if (!clustersAfter.has(id)) add('cluster_removed', id, w.cluster_removed(short(cluster.title)))

  const roundsBefore = roundsOf(previous)
  for (const round of roundsOf(next))
    if (!roundsBefore.has(round)) add('round_added', round, w.round_added(round))

  return summarise(changes, w.many)
}

/** Keeps at most {@link MAX_ENTRIES_PER_KIND} entries per kind; more become one sum entry. */
function summarise(changes: Change[], many: (count: number, kind: ChangeKind) => string): Change[] {
  const counts = new Map<ChangeKind, number>()
  for (const c of changes) counts.set(c.change, (counts.get(c.change) ?? 0) + 1)
  const summed = new Set<ChangeKind>()
  const out: Change[] = []
  for (const c of changes) {
    const count = counts.get(c.change) ?? 0
    if (count <= MAX_ENTRIES_PER_KIND) out.push(c)
    else if (!summed.has(c.change)) {
      summed.add(c.change)
      out.push({ change: c.change, itemId: null, detail: many(count, c.change) })
    }
  }
  return out
}
