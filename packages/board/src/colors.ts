/**
 * The fixed colour palette for ideas and clusters. Colours are stored by name so every view
 * (canvas, list, projector, report) maps them to its own theme.
 * @module
 */

/** Palette names, in the order a colour picker should show them. */
export const IDEA_COLORS = ['yellow', 'orange', 'green', 'blue', 'violet', 'red', 'grey'] as const

export type IdeaColor = (typeof IDEA_COLORS)[number]

/** Colour of a new idea when none is given. */
export const DEFAULT_IDEA_COLOR: IdeaColor = 'yellow'

/** Colour of a new cluster when none is given. */
export const DEFAULT_CLUSTER_COLOR: IdeaColor = 'grey'

const palette: ReadonlySet<unknown> = new Set(IDEA_COLORS)

/** True if `value` is one of {@link IDEA_COLORS}. */
export function isIdeaColor(value: unknown): value is IdeaColor {
  return palette.has(value)
}
