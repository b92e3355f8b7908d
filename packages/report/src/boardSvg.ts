/** The board picture as a standalone SVG document (inline in the HTML report). */
import { type BoardLayout, boardLayout, PALETTE } from './boardLayout.ts'
import { escapeXml } from './escape.ts'
import { labels } from './labels.ts'
import type { Lang, Outcome } from './types.ts'

const r = (n: number) => Math.round(n * 10) / 10

/** SVG markup of a layout: frames, then cards with their text lines. */
export function layoutSvg(layout: BoardLayout, title: string): string {
  const pad = 20
  const w = r(layout.width + 2 * pad)
  const h = r(layout.height + 2 * pad)
  const fs = layout.fontSize
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${-pad} ${-pad} ${w} ${h}" width="100%" role="img" aria-label="${escapeXml(title)}" font-family="Helvetica, Arial, sans-serif">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect x="${-pad}" y="${-pad}" width="${w}" height="${h}" fill="#ffffff"/>`,
  ]
  for (const f of layout.frames) {
    const c = PALETTE[f.color]
    out.push(
      `<g><rect x="${r(f.x)}" y="${r(f.y)}" width="${r(f.w)}" height="${r(f.h)}" rx="8" fill="${c.fill}" fill-opacity="0.35" stroke="${c.stroke}" stroke-width="2"/>`,
      `<text x="${r(f.x + 12)}" y="${r(f.y + fs * 1.4 + 8)}" font-size="${r(fs * 1.4)}" font-weight="bold" fill="#222">${escapeXml(f.title)}</text></g>`,
    )
  }
  for (const card of layout.cards) {
    const c = PALETTE[card.color]
    const text = card.lines
      .map(
        (line, i) =>
          `<tspan x="${r(card.x + 8)}" y="${r(card.y + 8 + fs * (1 + i * 1.3))}">${escapeXml(line)}</tspan>`,
      )
      .join('')
    out.push(
      `<g><rect x="${r(card.x)}" y="${r(card.y)}" width="${r(card.w)}" height="${r(card.h)}" rx="4" fill="${c.fill}" stroke="${c.stroke}"/>`,
      `<text font-size="${fs}" fill="#222">${text}</text></g>`,
    )
  }
  out.push('</svg>')
  return out.join('\n')
}

/**
 * The board picture: cluster frames and idea cards at their canvas positions with wrapped text,
 * or a grid of clusters when the board has no canvas records.
 */
export function boardSvg(outcome: Outcome, lang: Lang): string {
  return layoutSvg(boardLayout(outcome, lang), labels(lang).boardPicture)
}
