/**
 * The board document's schema version and migrations. The layout itself is documented in
 * SCHEMA.md; the top-level names live here so the server and the canvas binding share them.
 * @module
 */
import type * as Y from 'yjs'
import { BoardError } from './BoardError'

/** Version of the doc layout this code reads and writes. Bump it together with a migration. */
export const BOARD_SCHEMA_VERSION = 1

/** Names of the top-level shared types in a board's Y.Doc. */
export const BOARD_KEYS = {
  meta: 'meta',
  ideas: 'ideas',
  clusters: 'clusters',
  canvas: 'canvas',
} as const

/**
 * The two canvas shapes the domain knows (SCHEMA.md, "canvas"): an idea's card and a cluster's
 * frame, as tldraw shape types, under record ids derived from the idea or cluster.
 */
export const CANVAS_SHAPES = { ideaCard: 'idea-card', clusterFrame: 'cluster-frame' } as const

/** The record id of idea `ideaId`'s card. */
export const ideaCardId = (ideaId: string): `shape:idea-${string}` => `shape:idea-${ideaId}`

/** The record id of cluster `clusterId`'s frame. */
export const clusterFrameId = (clusterId: string): `shape:cluster-${string}` =>
  `shape:cluster-${clusterId}`

/** Keys inside `doc.getMap('meta')`. */
export const META_KEYS = {
  schemaVersion: 'schemaVersion',
  tldrawSchema: 'tldrawSchema',
} as const

/** Outcome of {@link checkBoardSchema}. */
export type BoardSchemaCheck = { ok: true } | { ok: false; reason: 'too-new'; docVersion: number }

/**
 * One step of the migrations table: rewrites a doc from version `n` (its key) to `n + 1`. It runs
 * inside the transaction that also writes the new version, and must be idempotent because two
 * replicas can migrate the same doc concurrently (see SCHEMA.md).
 */
export type BoardMigration = (doc: Y.Doc) => void

/** Migrations keyed by the version they start from. Empty while version 1 is the only one. */
export const BOARD_MIGRATIONS: Readonly<Record<number, BoardMigration>> = {}

/**
 * The schema version written in the doc, or undefined for an unversioned doc (new, not yet
 * synced, or written by a client that never called {@link initBoard}). A malformed value counts as
 * unversioned.
 */
export function boardSchemaVersion(doc: Y.Doc): number | undefined {
  const value = doc.getMap(BOARD_KEYS.meta).get(META_KEYS.schemaVersion)
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined
}

/**
 * Marks an unversioned doc as {@link BOARD_SCHEMA_VERSION}; leaves versioned docs alone. Call it
 * where a board is created (the server, when it opens a new room), not in every client before
 * sync: a client that writes before its first sync races with the stored version.
 */
export function initBoard(doc: Y.Doc): void {
  if (boardSchemaVersion(doc) !== undefined) return
  doc.transact(() => {
    doc.getMap(BOARD_KEYS.meta).set(META_KEYS.schemaVersion, BOARD_SCHEMA_VERSION)
  })
}

/**
 * Whether this code can safely read and write `doc`. A doc written by a newer release is
 * `too-new`: the view should ask the user to reload instead of editing it. Older and
 * unversioned docs are ok (see {@link migrateBoard}).
 */
export function checkBoardSchema(doc: Y.Doc): BoardSchemaCheck {
  const docVersion = boardSchemaVersion(doc)
  if (docVersion !== undefined && docVersion > BOARD_SCHEMA_VERSION) {
    return { ok: false, reason: 'too-new', docVersion }
  }
  return { ok: true }
}

/** Options for {@link migrateBoard}; the defaults are the real table and version. */
export interface MigrateBoardOptions {
  migrations?: Readonly<Record<number, BoardMigration>>
  targetVersion?: number
}

/**
 * Brings `doc` up to the current schema version in one transaction, running each step of the
 * migrations table in order. Unversioned docs are stamped with the target version (there is no
 * layout before version 1). Returns the version the doc had before.
 *
 * @throws BoardError `schema-too-new` if the doc is newer than this code, `migration-missing` if
 * the table has a gap.
 */
export function migrateBoard(doc: Y.Doc, options: MigrateBoardOptions = {}): number | undefined {
  const migrations = options.migrations ?? BOARD_MIGRATIONS
  const target = options.targetVersion ?? BOARD_SCHEMA_VERSION
  const from = boardSchemaVersion(doc)
  if (from === target) return from
  if (from !== undefined && from > target) {
    throw new BoardError('schema-too-new', `board schema ${from} is newer than ${target}`)
  }
  const steps: BoardMigration[] = []
  for (let version = from ?? target; version < target; version++) {
    const step = migrations[version]
    if (step === undefined) {
      throw new BoardError('migration-missing', `no migration from board schema ${version}`)
    }
    steps.push(step)
  }
  doc.transact(() => {
    for (const step of steps) step(doc)
    doc.getMap(BOARD_KEYS.meta).set(META_KEYS.schemaVersion, target)
  })
  return from
}
