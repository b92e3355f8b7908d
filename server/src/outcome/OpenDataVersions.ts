/**
 * Versioned open data (issue 20 §5). A workshop's open-data package is published in numbered
 * versions (table `open_data_versions`, migration 017): `publish` compares the package as it is
 * now with the newest version and, when anything differs, stores a new version with its
 * changelog (what changed since, found by comparing the two snapshots: changelog.ts in the
 * report package). Status changes, carried ideas, publishing the results page and every export
 * call it, so each of them that changes the package yields a version; a call that changes
 * nothing yields none.
 *
 * A version is kept as its snapshot (texts and rows, gzip-compressed JSON), so its files — served
 * at stable URLs under `/ergebnisse/<id>/daten/` — stay the same. The one exception is erasure:
 * `forgetIdeas` takes an erased person's ideas out of every version.
 *
 * Two instances (or two requests) publishing at once: each diffs against the newest version it
 * read and inserts the next number; the primary key lets only one win, the other starts again
 * with a fresh outcome, so versions never go back in time.
 */
import { createHash } from 'node:crypto'
import { gunzipSync, gzipSync } from 'node:zlib'
import type { IdeaStatus } from '@ideenwand/board'
import {
  type Change,
  type ChangelogEntry,
  type CsvCell,
  changesBetween,
  labels,
  type Outcome,
  type PackageSnapshot,
  type PackageVersion,
  packageSnapshot,
  statusLabel,
} from '@ideenwand/report'
import type { Db } from '../storage/Db.ts'

/** A stored version with everything needed to render its files. */
export interface OpenDataVersion {
  number: number
  created: number
  snapshot: PackageSnapshot
  /** Number, time and the changelog up to and including this version. */
  version: PackageVersion
}

/** A version as listed for facilitators and on the public page (no snapshot). */
export interface VersionSummary {
  number: number
  created: number
  changes: Change[]
}

interface Row {
  version: number
  created_at: Date | string
  digest: string
  changes: string
  snapshot?: Uint8Array
  [key: string]: unknown
}

const PUBLISH_ATTEMPTS = 5

const digestOf = (json: string) => createHash('sha256').update(json).digest('hex')
const pack = (json: string) => gzipSync(Buffer.from(json, 'utf8')).toString('hex')
const unpack = (bytes: Uint8Array): PackageSnapshot =>
  JSON.parse(gunzipSync(bytes).toString('utf8')) as PackageSnapshot

export class OpenDataVersions {
  constructor(
    private readonly db: Db,
    /** The workshop's outcome as it is now (no names, the workshop's licence). */
    private readonly outcomeOf: (workshopId: string) => Promise<Outcome>,
  ) {}

  /**
   * Publishes the package as it is now when it differs from the newest version; returns the
   * newest version either way. `current`: the outcome as it is now, if the caller has it (no
   * names, the workshop's own licence).
   */
  async publish(workshopId: string, current?: Outcome): Promise<OpenDataVersion> {
    for (let attempt = 0; attempt < PUBLISH_ATTEMPTS; attempt++) {
      // A caller that has just built the outcome (an export) lends it to the first attempt.
      const outcome = attempt === 0 && current ? current : await this.outcomeOf(workshopId)
      const snapshot = packageSnapshot(outcome)
      const json = JSON.stringify(snapshot)
      const digest = digestOf(json)
      const latest = await this.latestRow(workshopId)
      if (latest && latest.digest === digest) return this.toVersion(workshopId, latest)
      const previous = latest?.snapshot ? unpack(latest.snapshot) : null
      const t = labels(snapshot.meta.language)
      const changes = changesBetween(previous, snapshot, snapshot.meta.language, (status) =>
        statusLabel(t, status as IdeaStatus),
      )
      const number = (latest?.version ?? 0) + 1
      const inserted = await this.db.query<Row>(
        `insert into open_data_versions (workshop_id, version, digest, changes, snapshot)
         values ($1, $2, $3, $4, decode($5, 'hex'))
         on conflict do nothing
         returning version, created_at, digest, changes`,
        [workshopId, number, digest, JSON.stringify(changes), pack(json)],
      )
      const row = inserted[0]
      if (row) return this.toVersion(workshopId, { ...row, snapshot: undefined }, snapshot)
      // Someone else published this number first: start again from what is there now.
    }
    throw new Error(`could not publish open data of workshop ${workshopId}: too much contention`)
  }

  /** The newest version, or null when none was published yet. */
  async latest(workshopId: string): Promise<OpenDataVersion | null> {
    const row = await this.latestRow(workshopId)
    return row ? this.toVersion(workshopId, row) : null
  }

  /** The newest version's number and time only (no snapshot, no changelog), or null. */
  async newest(workshopId: string): Promise<{ number: number; created: number } | null> {
    const [row] = await this.db.query<Row>(
      `select version, created_at from open_data_versions
       where workshop_id = $1 order by version desc limit 1`,
      [workshopId],
    )
    return row ? { number: Number(row.version), created: new Date(row.created_at).getTime() } : null
  }

  /** Version `number`, or null. */
  async get(workshopId: string, number: number): Promise<OpenDataVersion | null> {
    const [row] = await this.db.query<Row>(
      `select version, created_at, digest, changes, snapshot from open_data_versions
       where workshop_id = $1 and version = $2`,
      [workshopId, number],
    )
    return row ? this.toVersion(workshopId, row) : null
  }

  /** Every version, newest first, with its changes. */
  async list(workshopId: string): Promise<VersionSummary[]> {
    const rows = await this.db.query<Row>(
      `select version, created_at, digest, changes from open_data_versions
       where workshop_id = $1 order by version desc`,
      [workshopId],
    )
    return rows.map((r) => ({
      number: Number(r.version),
      created: new Date(r.created_at).getTime(),
      changes: JSON.parse(r.changes) as Change[],
    }))
  }

  /**
   * Erasure: the ideas leave every version — their rows, their status history, the votes on
   * them, the changelog entries naming them — and merges into them lose their target. The
   * versions keep their numbers; a later publish compares with the cleaned newest version.
   */
  async forgetIdeas(workshopId: string, ideaIds: readonly string[]): Promise<void> {
    if (ideaIds.length === 0) return
    const gone = new Set(ideaIds)
    await this.db.transaction(async (tx) => {
      const rows = await tx.query<Row>(
        `select version, created_at, digest, changes, snapshot from open_data_versions
         where workshop_id = $1 order by version for update`,
        [workshopId],
      )
      for (const row of rows) {
        if (!row.snapshot) continue
        const snapshot = withoutIdeas(unpack(row.snapshot), gone)
        const changes = (JSON.parse(row.changes) as Change[]).filter(
          (c) => c.itemId === null || !gone.has(c.itemId),
        )
        const json = JSON.stringify(snapshot)
        await tx.query(
          `update open_data_versions set snapshot = decode($3, 'hex'), digest = $4, changes = $5
           where workshop_id = $1 and version = $2`,
          [workshopId, row.version, pack(json), digestOf(json), JSON.stringify(changes)],
        )
      }
    })
  }

  private async latestRow(workshopId: string): Promise<Row | undefined> {
    const [row] = await this.db.query<Row>(
      `select version, created_at, digest, changes, snapshot from open_data_versions
       where workshop_id = $1 order by version desc limit 1`,
      [workshopId],
    )
    return row
  }

  /** A row as a version, with the changelog of every version up to it. */
  private async toVersion(
    workshopId: string,
    row: Row,
    snapshot?: PackageSnapshot,
  ): Promise<OpenDataVersion> {
    const number = Number(row.version)
    const created = new Date(row.created_at).getTime()
    const earlier = await this.db.query<Row>(
      `select version, created_at, digest, changes from open_data_versions
       where workshop_id = $1 and version <= $2 order by version`,
      [workshopId, number],
    )
    const changelog: ChangelogEntry[] = earlier.flatMap((r) =>
      (JSON.parse(r.changes) as Change[]).map((c) => ({
        ...c,
        version: Number(r.version),
        modified: new Date(r.created_at).getTime(),
      })),
    )
    const stored = snapshot ?? (row.snapshot ? unpack(row.snapshot) : null)
    if (!stored) throw new Error(`open-data version ${number} of ${workshopId} has no snapshot`)
    return { number, created, snapshot: stored, version: { number, created, changelog } }
  }
}

/** A snapshot without the given ideas and everything that names them. */
function withoutIdeas(snapshot: PackageSnapshot, gone: ReadonlySet<string>): PackageSnapshot {
  const col = (table: keyof PackageSnapshot['columns'], name: string) =>
    snapshot.columns[table].indexOf(name)
  const ideaId = col('ideas', 'id')
  const merged = col('ideas', 'merged_into')
  const changeIdea = col('statusChanges', 'idea_id')
  const changeMerged = col('statusChanges', 'merged_into')
  const voteTarget = col('votes', 'target_id')
  const optionId = col('resistance', 'option_id')
  const keep = (row: CsvCell[], at: number) => at < 0 || !gone.has(String(row[at]))
  const clear = (row: CsvCell[], at: number): CsvCell[] =>
    at >= 0 && gone.has(String(row[at])) ? row.map((v, i) => (i === at ? null : v)) : row
  const rows = snapshot.rows
  const ideas = rows.ideas.filter((r) => keep(r, ideaId)).map((r) => clear(r, merged))
  const clusterOf = col('ideas', 'cluster_id')
  const clusterId = col('clusters', 'id')
  const count = col('clusters', 'idea_count')
  const clusters =
    count < 0
      ? rows.clusters
      : rows.clusters.map((r) =>
          r.map((v, i) =>
            i === count ? ideas.filter((idea) => idea[clusterOf] === r[clusterId]).length : v,
          ),
        )
  return {
    ...snapshot,
    rows: {
      ...rows,
      ideas,
      clusters,
      statusChanges: rows.statusChanges
        .filter((r) => keep(r, changeIdea))
        .map((r) => clear(r, changeMerged)),
      votes: rows.votes.filter((r) => keep(r, voteTarget)),
      resistance: rows.resistance.filter((r) => keep(r, optionId)),
    },
  }
}
