/**
 * Tolerant readers: turn doc entries into plain Idea/Cluster objects without trusting their
 * types. Any client can write anything into the doc, so a malformed entry is coerced field by
 * field to a safe default, or skipped when nothing sensible is left (see SCHEMA.md).
 * @module
 */
import * as Y from 'yjs'
import { readCarriedFrom } from './carriedFrom'
import { DEFAULT_CLUSTER_COLOR, DEFAULT_IDEA_COLOR, isIdeaColor } from './colors'
import { isIdeaSource, MAX_TABLE_LABEL } from './ideaSource'
import type { Cluster, Idea } from './types'
import { MAX_CLUSTER_TITLE, MAX_IDEA_TEXT } from './validate'

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null
}

function finiteOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback
}

/** The idea's Y.Text, or undefined if the entry is malformed. */
export function ideaTextOf(entry: unknown): Y.Text | undefined {
  if (!(entry instanceof Y.Map)) return undefined
  const text: unknown = entry.get('text')
  return text instanceof Y.Text ? text : undefined
}

/**
 * Reads one idea entry. Skips it (undefined) unless it is a Y.Map whose text is a Y.Text or a
 * string; coerces the other fields. A clusterId that names no existing cluster reads as null, so
 * an idea moved into a cluster that someone deleted at the same time shows up as unsorted.
 */
export function readIdea(
  id: string,
  entry: unknown,
  clusterExists: (clusterId: string) => boolean,
): Idea | undefined {
  if (!(entry instanceof Y.Map)) return undefined
  const rawText: unknown = entry.get('text')
  let text: string
  if (rawText instanceof Y.Text) text = rawText.toString()
  else if (typeof rawText === 'string') text = rawText
  else return undefined
  const color: unknown = entry.get('color')
  const clusterId = stringOrNull(entry.get('clusterId'))
  const rawSource: unknown = entry.get('source')
  const source = isIdeaSource(rawSource) ? rawSource : 'own'
  const table = source === 'table' ? stringOrNull(entry.get('table')) : null
  return {
    id,
    text: text.length > MAX_IDEA_TEXT ? text.slice(0, MAX_IDEA_TEXT) : text,
    authorId: stringOrNull(entry.get('authorId')),
    authorName: stringOrNull(entry.get('authorName')),
    createdAt: finiteOr(entry.get('createdAt'), 0),
    color: isIdeaColor(color) ? color : DEFAULT_IDEA_COLOR,
    clusterId: clusterId !== null && clusterExists(clusterId) ? clusterId : null,
    source,
    table: table === null ? null : table.slice(0, MAX_TABLE_LABEL),
    carriedFrom: readCarriedFrom(entry.get('carriedFrom')),
  }
}

/** True if a clusters-map entry is a readable cluster (a Y.Map). */
export function isClusterEntry(entry: unknown): entry is Y.Map<unknown> {
  return entry instanceof Y.Map
}

/** Reads one cluster entry; skips non-maps and coerces fields (missing order sorts last). */
export function readCluster(id: string, entry: unknown): Cluster | undefined {
  if (!isClusterEntry(entry)) return undefined
  const title: unknown = entry.get('title')
  const color: unknown = entry.get('color')
  const safeTitle = typeof title === 'string' ? title : ''
  return {
    id,
    title: safeTitle.length > MAX_CLUSTER_TITLE ? safeTitle.slice(0, MAX_CLUSTER_TITLE) : safeTitle,
    order: finiteOr(entry.get('order'), Number.MAX_SAFE_INTEGER),
    color: isIdeaColor(color) ? color : DEFAULT_CLUSTER_COLOR,
  }
}
