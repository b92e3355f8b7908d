/**
 * The board picture as plain geometry — frames and cards with their wrapped text lines — shared
 * by the SVG renderer here and the PDF renderer on the server, so both show the same picture.
 * Positions come from the canvas records; a board without them gets a grid: one frame per
 * cluster, the unsorted ideas in a frame of their own.
 */
import { labels } from './labels.ts'
import type { Lang, Outcome, OutcomeColor } from './types.ts'

export interface LayoutFrame {
  x: number
  y: number
  w: number
  h: number
  title: string
  color: OutcomeColor
}

export interface LayoutCard {
  x: number
  y: number
  w: number
  h: number
  lines: string[]
  color: OutcomeColor
}

export interface BoardLayout {
  width: number
  height: number
  frames: LayoutFrame[]
  cards: LayoutCard[]
  /** Font size of card text in layout units; frame titles use 1.4 times it. */
  fontSize: number
}

export const CARD = { w: 200, h: 140 } as const
const GAP = 16
const HEADER = 44
const PAD = 24
const FONT = 14
/** Average glyph width of a sans-serif font relative to its size (for wrapping without fonts). */
const CHAR_WIDTH = 0.55
const LINE_HEIGHT = 1.3

/**
 * Greedy word wrap to at most `maxLines` lines of `maxChars` characters; words longer than a
 * line are broken; cut text ends with `…`.
 */
export function wrapText(text: string, maxChars: number, maxLines: number): string[] {
  const width = Math.max(1, Math.floor(maxChars))
  const words = text.replace(/\s+/g, ' ').trim().split(' ').filter(Boolean)
  const lines: string[] = []
  let line = ''
  for (let word of words) {
    while (word.length > width) {
      if (line) {
        lines.push(line)
        line = ''
      }
      lines.push(word.slice(0, width))
      word = word.slice(width)
    }
    if (!line) line = word
    else if (line.length + 1 + word.length <= width) line = `${line} ${word}`
    else {
      lines.push(line)
      line = word
    }
  }
  if (line) lines.push(line)
  if (lines.length <= maxLines) return lines
  const kept = lines.slice(0, Math.max(1, maxLines))
  const lastIndex = kept.length - 1
  const last = kept[lastIndex] ?? ''
  kept[lastIndex] = `${last.slice(0, Math.max(0, width - 1)).trimEnd()}…`
  return kept
}

function cardLines(text: string, w: number, h: number): string[] {
  const maxChars = (w - 16) / (FONT * CHAR_WIDTH)
  const maxLines = Math.max(1, Math.floor((h - 16) / (FONT * LINE_HEIGHT)))
  return wrapText(text, maxChars, maxLines)
}

function gridLayout(outcome: Outcome, lang: Lang): Omit<BoardLayout, 'fontSize'> {
  const frames: LayoutFrame[] = []
  const cards: LayoutCard[] = []
  const groups = outcome.groups.filter((g) => g.cluster !== null || g.ideas.length > 0)
  // Frames flow left to right and wrap at a width fitting about four 3-column frames.
  const maxRowWidth = 4 * (3 * (CARD.w + GAP) + GAP) + 3 * PAD
  let x = 0
  let y = 0
  let rowHeight = 0
  for (const group of groups) {
    const n = group.ideas.length
    const cols = Math.max(1, Math.min(Math.ceil(Math.sqrt(n)), Math.max(3, Math.ceil(n / 12))))
    const rows = Math.max(1, Math.ceil(n / cols))
    const w = GAP + cols * (CARD.w + GAP)
    const h = HEADER + rows * (CARD.h + GAP)
    if (x > 0 && x + w > maxRowWidth) {
      x = 0
      y += rowHeight + PAD
      rowHeight = 0
    }
    frames.push({
      x,
      y,
      w,
      h,
      title: group.cluster?.title ?? labels(lang).unsorted,
      color: group.cluster?.color ?? 'grey',
    })
    group.ideas.forEach((idea, i) => {
      const cx = x + GAP + (i % cols) * (CARD.w + GAP)
      const cy = y + HEADER + Math.floor(i / cols) * (CARD.h + GAP)
      cards.push({
        x: cx,
        y: cy,
        ...CARD,
        lines: cardLines(idea.text, CARD.w, CARD.h),
        color: idea.color,
      })
    })
    x += w + PAD
    rowHeight = Math.max(rowHeight, h)
  }
  return { width: Math.max(x - PAD, 1), height: Math.max(y + rowHeight, 1), frames, cards }
}

function canvasLayout(outcome: Outcome): Omit<BoardLayout, 'fontSize'> {
  const ideas = new Map(outcome.groups.flatMap((g) => g.ideas).map((i) => [i.id, i]))
  const clusters = new Map(
    outcome.groups.flatMap((g) => (g.cluster ? [[g.cluster.id, g.cluster] as const] : [])),
  )
  const minX = Math.min(...outcome.canvas.map((s) => s.x))
  const minY = Math.min(...outcome.canvas.map((s) => s.y))
  const frames: LayoutFrame[] = []
  const cards: LayoutCard[] = []
  let width = 1
  let height = 1
  for (const s of outcome.canvas) {
    const x = s.x - minX
    const y = s.y - minY
    width = Math.max(width, x + s.w)
    height = Math.max(height, y + s.h)
    if (s.kind === 'cluster') {
      const c = clusters.get(s.refId)
      if (c) frames.push({ x, y, w: s.w, h: s.h, title: c.title, color: c.color })
    } else {
      const idea = ideas.get(s.refId)
      if (idea)
        cards.push({
          x,
          y,
          w: s.w,
          h: s.h,
          lines: cardLines(idea.text, s.w, s.h),
          color: idea.color,
        })
    }
  }
  return { width, height, frames, cards }
}

/** The board picture's geometry; origin at the top-left of the drawn content. */
export function boardLayout(outcome: Outcome, lang: Lang): BoardLayout {
  const layout = outcome.canvas.length > 0 ? canvasLayout(outcome) : gridLayout(outcome, lang)
  return { ...layout, fontSize: FONT }
}

/** Fill and stroke colours of the palette (shared by SVG, HTML and PDF). */
export const PALETTE: Readonly<Record<OutcomeColor, { fill: string; stroke: string }>> = {
  yellow: { fill: '#fff3b0', stroke: '#c9a400' },
  orange: { fill: '#ffd8b0', stroke: '#d9822b' },
  green: { fill: '#c9f0c4', stroke: '#3f9142' },
  blue: { fill: '#cfe3ff', stroke: '#3a6fc4' },
  violet: { fill: '#e6d4ff', stroke: '#7d4fc4' },
  red: { fill: '#ffd0d0', stroke: '#c43a3a' },
  grey: { fill: '#eeeeee', stroke: '#888888' },
}
