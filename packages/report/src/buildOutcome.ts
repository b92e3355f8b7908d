/**
 * Assembles the {@link Outcome} from what the server reads — the board's ideas, clusters and
 * canvas records, the revealed rounds, guests, facilitators and the activity log — as one pure
 * function. This is where hidden and pending ideas are dropped and where names are dropped
 * unless the workshop opted in, so no renderer can leak them.
 */
import { type CarriedFrom, isPhase, type Phase, readCarriedFrom } from '@ideenwand/board'
import { canvasShapes } from './canvas.ts'
import { sourceSummary } from './sources.ts'
import { type SpeakingTurnSource, speakingSummary } from './speaking.ts'
import {
  type ActivitySummary,
  OUTCOME_COLORS,
  type Outcome,
  type OutcomeCluster,
  type OutcomeColor,
  type OutcomeGroup,
  type OutcomeIdea,
  type OutcomePhase,
  type OutcomeRound,
  type OutcomeStatusChange,
  type OutcomeWorkshop,
} from './types.ts'

export interface OutcomeSource {
  now: number
  /** IANA zone for formatted times; default `Europe/Berlin`. */
  timeZone?: string
  workshop: OutcomeWorkshop
  facilitators: { name: string }[]
  guests: {
    name: string | null
    role: 'participant' | 'viewer'
    status: 'waiting' | 'admitted' | 'removed'
    /** A table's shared device (issue 19 §2): counted with its table, not as a participant. */
    table?: { label: string; people: number } | undefined
  }[]
  /** Whether participants' names may appear (the workshop's opt-in). Default: no names. */
  includeNames: boolean
  ideas: {
    id: string
    text: string
    clusterId: string | null
    createdAt: number
    color: string
    authorName: string | null
    /** Absent: own (boards from before issue 19 §2). */
    source?: 'own' | 'table' | 'paper'
    table?: string | null
    /** Carried from another workshop (issue 20 §1); absent or null otherwise. */
    carriedFrom?: CarriedFrom | null
  }[]
  clusters: { id: string; title: string; order: number; color: string }[]
  /** Hidden and pending ideas: left out of everything. */
  excludedIdeaIds: Iterable<string>
  /** "+1" supports per idea id (server record); missing: 0. */
  supports?: ReadonlyMap<string, number>
  /** Status changes of ideas, oldest first (server record; who changed it is not taken). */
  statusChanges?: readonly OutcomeStatusChange[]
  rounds: (Omit<OutcomeRound, 'results'> & { results: OutcomeRound['results'] })[]
  activity: { at: string | number; type: string; data: unknown }[]
  /** Finished speaking turns with the speaker's name (dropped unless `includeNames`). */
  speakingTurns?: SpeakingTurnSource[]
  /** The board's tldraw records (`canvasStore(doc)` values). */
  canvas: unknown[]
  tldrawSchema?: unknown
}

function color(value: string): OutcomeColor {
  return OUTCOME_COLORS.includes(value as OutcomeColor) ? (value as OutcomeColor) : 'yellow'
}

const toMs = (at: string | number) => (typeof at === 'number' ? at : Date.parse(at))

/** Phase segments from the `phase` entries of the activity log; a workshop starts collecting. */
export function phaseSegments(
  activity: OutcomeSource['activity'],
  createdAt: number,
  now: number,
): OutcomePhase[] {
  const segments: OutcomePhase[] = []
  let current: Phase = 'collect'
  let since = createdAt
  for (const entry of activity) {
    if (entry.type !== 'phase') continue
    const data = entry.data as { from?: unknown; to?: unknown } | null
    if (!data || !isPhase(data.to)) continue
    const at = toMs(entry.at)
    if (isPhase(data.from)) current = data.from
    segments.push({ phase: current, startedAt: since, endedAt: at, durationMs: at - since })
    current = data.to
    since = at
  }
  segments.push({ phase: current, startedAt: since, endedAt: null, durationMs: now - since })
  return segments
}

export function summariseActivity(activity: OutcomeSource['activity']): ActivitySummary {
  // No prototype: an imported activity type may be any string, `constructor` included.
  const byType: Record<string, number> = Object.create(null)
  let first: number | null = null
  let last: number | null = null
  for (const entry of activity) {
    byType[entry.type] = (byType[entry.type] ?? 0) + 1
    const at = toMs(entry.at)
    if (Number.isFinite(at)) {
      first = first === null ? at : Math.min(first, at)
      last = last === null ? at : Math.max(last, at)
    }
  }
  const sorted = Object.fromEntries(Object.entries(byType).sort(([a], [b]) => a.localeCompare(b)))
  return {
    joins: byType.join ?? 0,
    phaseChanges: byType.phase ?? 0,
    roundsStarted: byType['round-started'] ?? 0,
    roundsRevealed: byType['round-revealed'] ?? 0,
    ideasHidden: byType['idea-hidden'] ?? 0,
    first,
    last,
    byType: sorted,
  }
}

/** Builds the outcome. Pure: the same source gives the same outcome. */
export function buildOutcome(source: OutcomeSource): Outcome {
  const excluded = new Set(source.excludedIdeaIds)
  const clusters: OutcomeCluster[] = source.clusters
    .map((c) => ({ id: c.id, title: c.title, order: c.order, color: color(c.color) }))
    .sort((a, b) => a.order - b.order || a.id.localeCompare(b.id))
  const known = new Set(clusters.map((c) => c.id))
  const publicIds = new Set(source.ideas.filter((i) => !excluded.has(i.id)).map((i) => i.id))
  const statusChanges = (source.statusChanges ?? [])
    .filter((s) => publicIds.has(s.ideaId))
    // A merge target that is not public (hidden, pending, deleted) is not named.
    .map((s) => ({
      ...s,
      mergedInto: s.mergedInto && publicIds.has(s.mergedInto) ? s.mergedInto : null,
    }))
    .sort((a, b) => a.changedAt - b.changedAt)
  const current = new Map(statusChanges.map((s) => [s.ideaId, s]))
  const ideas: OutcomeIdea[] = source.ideas
    .filter((i) => !excluded.has(i.id))
    .map((i) => ({
      id: i.id,
      text: i.text,
      clusterId: i.clusterId !== null && known.has(i.clusterId) ? i.clusterId : null,
      createdAt: i.createdAt,
      color: color(i.color),
      author: source.includeNames ? i.authorName : null,
      supports: source.supports?.get(i.id) ?? 0,
      source: i.source ?? 'own',
      table: i.source === 'table' ? (i.table ?? null) : null,
      status: current.get(i.id)?.status ?? 'open',
      statusReason: current.get(i.id)?.reason ?? null,
      mergedInto: current.get(i.id)?.mergedInto ?? null,
      statusChangedAt: current.get(i.id)?.changedAt ?? null,
      carriedFrom: readCarriedFrom(i.carriedFrom),
    }))
    .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))
  const byCluster = new Map<string | null, OutcomeIdea[]>([[null, []]])
  for (const c of clusters) byCluster.set(c.id, [])
  for (const idea of ideas) byCluster.get(idea.clusterId)?.push(idea)
  const groups: OutcomeGroup[] = [
    { cluster: null, ideas: byCluster.get(null) ?? [] },
    ...clusters.map((cluster) => ({ cluster, ideas: byCluster.get(cluster.id) ?? [] })),
  ]

  const rounds: OutcomeRound[] = source.rounds
    .map((r) => ({
      number: r.number,
      targetKind: r.targetKind,
      targetIds:
        r.targetIds === null
          ? null
          : r.targetIds.filter((id) => r.targetKind !== 'idea' || !excluded.has(id)),
      dotsPerPerson: r.dotsPerPerson,
      maxPerTarget: r.maxPerTarget,
      voters: r.voters,
      revealedAt: r.revealedAt,
      results: r.results
        .filter((e) => r.targetKind !== 'idea' || !excluded.has(e.targetId))
        .map((e) => ({ ...e })),
      ...(r.method === 'resistance'
        ? {
            method: 'resistance' as const,
            resistance: (r.resistance ?? [])
              .filter((e) => r.targetKind !== 'idea' || e.passive || !excluded.has(e.targetId))
              .map((e) => ({ ...e })),
          }
        : {}),
    }))
    .sort((a, b) => a.number - b.number)

  const admitted = source.guests.filter((g) => g.status === 'admitted' && !g.table)
  const names = source.includeNames
    ? admitted
        .map((g) => g.name)
        .filter((n): n is string => !!n)
        .sort((a, b) => a.localeCompare(b, 'de'))
    : null

  const ideaIds = new Set(ideas.map((i) => i.id))
  const { shapes, records } = canvasShapes(source.canvas, ideaIds, known)

  return {
    generatedAt: source.now,
    timeZone: source.timeZone ?? 'Europe/Berlin',
    workshop: { ...source.workshop },
    facilitators: source.facilitators.map((f) => f.name),
    participants: {
      facilitators: source.facilitators.length,
      participants: admitted.filter((g) => g.role === 'participant').length,
      viewers: admitted.filter((g) => g.role === 'viewer').length,
      names,
    },
    phases: phaseSegments(source.activity, source.workshop.createdAt, source.now),
    groups,
    rounds,
    activity: summariseActivity(source.activity),
    statusChanges,
    speaking: speakingSummary(source.speakingTurns ?? [], source.includeNames),
    sources: sourceSummary(
      ideas,
      source.guests.flatMap((g) => (g.table ? [g.table] : [])),
    ),
    canvas: shapes,
    canvasRecords: records,
    tldrawSchema: source.tldrawSchema ?? null,
  }
}
