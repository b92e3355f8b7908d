/**
 * Resistance voting ("Systemisches Konsensieren"): each person gives each option 0–10 points of
 * resistance; the option with the least total resistance wins. The "passive solution" (leave
 * everything as it is) is always an option, so a group can see when no proposal carries.
 *
 * Counting rule: a ballot counts once its person rated every option of the round. Totals are
 * then sums over the same people for every option, so they compare fairly (an option rated by
 * fewer people would otherwise look better). Ratings on an option that left the round (hidden or
 * deleted meanwhile) are ignored, and a ballot complete for the options left counts.
 *
 * Ranking: least total resistance first; equal totals share a rank (1, 2, 2, 4). Among equal
 * totals the passive solution is listed first — a proposal has to beat "as it is" — then the
 * round's own order. Pure functions; the server applies them.
 */

/**
 * The option id of the passive solution. Board ids are random (`newId`, no `:`); a board element
 * someone gave this id anyway is never an option of a round.
 */
export const PASSIVE_OPTION = '::passive'

export const RESISTANCE_MIN = 0
export const RESISTANCE_MAX = 10

/** The most ideas or clusters a resistance round offers (plus the passive solution). */
export const RESISTANCE_MAX_OPTIONS = 20

/** Whether `value` is a resistance rating: an integer 0–10. */
export function isResistance(value: unknown): value is number {
  return (
    typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= RESISTANCE_MIN &&
    value <= RESISTANCE_MAX
  )
}

export interface ResistanceOption {
  id: string
  label: string
}

export interface ResistanceEntry {
  targetId: string
  label: string
  /** The passive solution ("alles bleibt, wie es ist"). */
  passive: boolean
  /** People whose (complete) ballot counts; a table device counts its people. */
  raters: number
  /** Sum of resistance points. */
  total: number
  /** Mean resistance (0–10, two decimals); null without raters. */
  mean: number | null
  /** 10 − mean: how well the group accepts the option (0–10, two decimals); null without raters. */
  acceptance: number | null
  /** 1-based; equal totals share a rank. */
  rank: number
  tied: boolean
}

const round2 = (n: number) => Math.round(n * 100) / 100

/** Whether `ballot` rated every one of `optionIds`. */
export function ballotComplete(
  ballot: Readonly<Record<string, number>>,
  optionIds: readonly string[],
): boolean {
  return optionIds.every((id) => Object.hasOwn(ballot, id))
}

/**
 * Ranks `options` (the passive solution among them) by the complete ballots; `weights` gives a
 * voter's weight (people at a table device), 1 when missing.
 */
export function rankResistance(
  ballots: ReadonlyMap<string, Readonly<Record<string, number>>>,
  options: readonly ResistanceOption[],
  weights: ReadonlyMap<string, number> = new Map(),
): ResistanceEntry[] {
  const ids = options.map((o) => o.id)
  const totals = new Map(ids.map((id) => [id, 0]))
  let raters = 0
  for (const [voter, ballot] of ballots) {
    if (!ballotComplete(ballot, ids)) continue
    const weight = weights.get(voter) ?? 1
    raters += weight
    for (const id of ids) totals.set(id, (totals.get(id) ?? 0) + weight * (ballot[id] ?? 0))
  }
  const order = new Map(ids.map((id, i) => [id, i]))
  const sorted = [...options].sort(
    (a, b) =>
      (totals.get(a.id) ?? 0) - (totals.get(b.id) ?? 0) ||
      Number(b.id === PASSIVE_OPTION) - Number(a.id === PASSIVE_OPTION) ||
      (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0),
  )
  const counts = new Map<number, number>()
  for (const o of sorted) {
    const t = totals.get(o.id) ?? 0
    counts.set(t, (counts.get(t) ?? 0) + 1)
  }
  let rank = 0
  let previous: number | null = null
  return sorted.map((o, i) => {
    const total = totals.get(o.id) ?? 0
    if (total !== previous) {
      rank = i + 1
      previous = total
    }
    const mean = raters > 0 ? round2(total / raters) : null
    return {
      targetId: o.id,
      label: o.label,
      passive: o.id === PASSIVE_OPTION,
      raters,
      total,
      mean,
      acceptance: mean === null ? null : round2(RESISTANCE_MAX - mean),
      rank,
      tied: (counts.get(total) ?? 0) > 1,
    }
  })
}

/**
 * Whether the passive solution is ranked first (alone or tied): no proposal meets less
 * resistance than leaving things as they are ("keine Option trägt").
 */
export function passiveAhead(entries: readonly ResistanceEntry[]): boolean {
  return entries.some((e) => e.passive && e.rank === 1 && e.raters > 0)
}
