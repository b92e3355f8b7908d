/**
 * Dot voting rules: ballots within a budget and a per-target maximum, and rankings with ties
 * (standard competition ranking: 1, 2, 2, 4). Pure functions; the server applies them inside a
 * transaction per voter so concurrent clicks cannot exceed the budget.
 */
export interface RoundRules {
  dotsPerPerson: number
  maxPerTarget: number
  /** Targets that may receive dots; null = any idea or cluster of the board. */
  targetIds: readonly string[] | null
}

/** A voter's dots per target id (only positive counts are kept). */
export type Ballot = Readonly<Record<string, number>>

export type BallotError =
  | 'budget-exhausted'
  | 'target-maximum'
  | 'invalid-target'
  | 'no-dot-to-remove'

/**
 * The dots `ballot` gives `targetId`: only its own entries count, so an id like `constructor`
 * never reads something inherited from `Object.prototype`.
 */
export function dotsOn(ballot: Ballot, targetId: string): number {
  return Object.hasOwn(ballot, targetId) ? (ballot[targetId] ?? 0) : 0
}

/** A ballot without a prototype: any target id is a plain entry. */
export function emptyBallot(): Record<string, number> {
  return Object.create(null) as Record<string, number>
}

export function dotsUsed(ballot: Ballot): number {
  let sum = 0
  for (const n of Object.values(ballot)) sum += n
  return sum
}

/**
 * Adds (+1) or removes (-1) one dot; returns the new ballot or why not. A dot already given can
 * always be taken back, also from a target that left the round (hidden meanwhile), so no voter's
 * budget is stuck on it.
 */
export function applyDot(
  ballot: Ballot,
  targetId: string,
  delta: 1 | -1,
  rules: RoundRules,
): { ok: true; ballot: Ballot } | { ok: false; error: BallotError } {
  if (delta === 1 && rules.targetIds && !rules.targetIds.includes(targetId))
    return { ok: false, error: 'invalid-target' }
  const current = dotsOn(ballot, targetId)
  const next = Object.assign(emptyBallot(), ballot)
  if (delta === -1) {
    if (current === 0) return { ok: false, error: 'no-dot-to-remove' }
    if (current === 1) delete next[targetId]
    else next[targetId] = current - 1
    return { ok: true, ballot: next }
  }
  if (dotsUsed(ballot) >= rules.dotsPerPerson) return { ok: false, error: 'budget-exhausted' }
  if (current >= rules.maxPerTarget) return { ok: false, error: 'target-maximum' }
  next[targetId] = current + 1
  return { ok: true, ballot: next }
}

export interface RankedEntry {
  targetId: string
  dots: number
  /** 1-based; equal dots share a rank (1, 2, 2, 4). */
  rank: number
  /** True when another entry has the same rank. */
  tied: boolean
}

/**
 * Ranks targets by dots. `targets` lists every eligible target so that ones without dots appear
 * (with 0); ties are ordered by `order` (e.g. creation order) for a stable display.
 */
export function rankTally(
  tally: ReadonlyMap<string, number>,
  targets: readonly string[],
): RankedEntry[] {
  const all = new Set([...targets, ...tally.keys()])
  const order = new Map(targets.map((id, i) => [id, i]))
  const entries = [...all].map((targetId) => ({ targetId, dots: tally.get(targetId) ?? 0 }))
  entries.sort(
    (a, b) =>
      b.dots - a.dots ||
      (order.get(a.targetId) ?? Number.MAX_SAFE_INTEGER) -
        (order.get(b.targetId) ?? Number.MAX_SAFE_INTEGER) ||
      a.targetId.localeCompare(b.targetId),
  )
  const counts = new Map<number, number>()
  for (const e of entries) counts.set(e.dots, (counts.get(e.dots) ?? 0) + 1)
  let rank = 0
  let previous: number | null = null
  return entries.map((e, i) => {
    if (e.dots !== previous) {
      rank = i + 1
      previous = e.dots
    }
    return { ...e, rank, tied: (counts.get(e.dots) ?? 0) > 1 }
  })
}

/** The ids of the best `n` entries, including everything tied with the n-th. */
export function topTargets(ranking: readonly RankedEntry[], n: number): string[] {
  const cut = ranking[n - 1]
  if (!cut) return ranking.filter((e) => e.dots > 0).map((e) => e.targetId)
  return ranking.filter((e) => e.rank <= cut.rank && e.dots > 0).map((e) => e.targetId)
}
