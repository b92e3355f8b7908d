/**
 * Fonts for the PDF report: Noto Sans (Latin, Latin Extended, Greek, Cyrillic, Vietnamese — every
 * name of a place or person in Europe), Noto Sans Symbols and Symbols 2 (arrows, shapes) and Noto
 * Emoji (monochrome), from the `@fontsource` packages (SIL Open Font License; read from
 * node_modules, never fetched). Fontsource cuts each font into subsets by Unicode range and says
 * which in its `unicode.json`; a range may promise more than the file holds, so a candidate is
 * confirmed by the font's own character map (fontkit). `textRuns` splits a text into runs each
 * drawn with the first font of the style's fallback list that has the character, so "Łódź → 🎉"
 * prints as written (the standard PDF fonts only know Windows-1252 and made it "?ódz ? ?").
 * pdfkit embeds only the glyphs used.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

export type FontStyle = 'regular' | 'bold' | 'italic'

interface Face {
  /** Name registered with pdfkit. */
  readonly name: string
  readonly file: string
  readonly ranges: readonly (readonly [number, number])[]
}

const require = createRequire(import.meta.url)

function parseRanges(value: string): [number, number][] {
  return value.split(',').map((part) => {
    const [a = '0', b = a] = part.trim().replace(/^U\+/i, '').split('-')
    return [Number.parseInt(a, 16), Number.parseInt(b, 16)]
  })
}

/** The subsets of a fontsource package, in the order given, as faces of one weight and style. */
function faces(pkg: string, subsets: readonly string[] | null, variant: string): Face[] {
  const unicode = require(`${pkg}/unicode.json`) as Record<string, string>
  const family = pkg.replace('@fontsource/', '')
  const names = subsets ?? Object.keys(unicode)
  return names.map((subset) => {
    const range = unicode[subset]
    if (!range) throw new Error(`${pkg} has no subset ${subset}`)
    return {
      name: `${family}-${subset.replace(/\W/g, '')}-${variant}`,
      // Numbered subsets are named "[3]" in unicode.json and "3" in the file name.
      file: require.resolve(
        `${pkg}/files/${family}-${subset.replace(/^\[(\d+)\]$/, '$1')}-${variant}.woff`,
      ),
      ranges: parseRanges(range),
    }
  })
}

const SANS_SUBSETS = [
  'latin',
  'latin-ext',
  'greek',
  'greek-ext',
  'cyrillic',
  'cyrillic-ext',
  'vietnamese',
] as const

let lists: Record<FontStyle, Face[]> | null = null

/** Per style: the fonts to try, in order (built once). */
function fallbacks(): Record<FontStyle, Face[]> {
  if (lists) return lists
  const symbols = [
    ...faces('@fontsource/noto-sans-symbols', ['symbols'], '400-normal'),
    ...faces('@fontsource/noto-sans-symbols-2', ['symbols', 'math'], '400-normal'),
  ]
  const emoji = faces('@fontsource/noto-emoji', null, '400-normal')
  const sans = (variant: string) => faces('@fontsource/noto-sans', SANS_SUBSETS, variant)
  lists = {
    regular: [...sans('400-normal'), ...symbols, ...emoji],
    bold: [...sans('700-normal'), ...symbols, ...emoji],
    italic: [...sans('400-italic'), ...symbols, ...emoji],
  }
  return lists
}

const fileCache = new Map<string, Buffer>()

function bytesOf(file: string): Buffer {
  let data = fileCache.get(file)
  if (!data) {
    data = readFileSync(file)
    fileCache.set(file, data)
  }
  return data
}

interface GlyphMap {
  hasGlyphForCodePoint(cp: number): boolean
}
/** fontkit (the font parser pdfkit uses; no bundled types), for the fonts' character maps. */
const fontkit = require('fontkit') as { create(data: Uint8Array): GlyphMap }
const glyphMaps = new Map<string, GlyphMap>()

/** Whether the face's file really has a glyph for `cp` (parsed once, when first asked). */
function hasGlyph(face: Face, cp: number): boolean {
  const map = glyphMaps.get(face.file) ?? fontkit.create(bytesOf(face.file))
  glyphMaps.set(face.file, map)
  return map.hasGlyphForCodePoint(cp)
}

/** What pdfkit's `registerFont` needs, for every face of every style. */
export function pdfFontFaces(): { name: string; data: Buffer }[] {
  const seen = new Map<string, Buffer>()
  for (const list of Object.values(fallbacks())) {
    for (const face of list) {
      if (!seen.has(face.name)) seen.set(face.name, bytesOf(face.file))
    }
  }
  return [...seen].map(([name, data]) => ({ name, data }))
}

/** The font name for plain Latin text of a style (sizes and heights are measured with it). */
export function primaryFont(style: FontStyle): string {
  return fallbacks()[style][0]?.name ?? ''
}

const choice = new Map<string, string>()

function fontFor(style: FontStyle, cp: number): string | null {
  const key = `${style}:${cp}`
  const cached = choice.get(key)
  if (cached !== undefined) return cached || null
  const face = fallbacks()[style].find(
    (f) => f.ranges.some(([a, b]) => a <= cp && cp <= b) && hasGlyph(f, cp),
  )
  choice.set(key, face?.name ?? '')
  return face?.name ?? null
}

/**
 * `text` as runs of one font each. A character no font covers (and joiners, variation
 * selectors) stays with the run before it.
 */
export function textRuns(text: string, style: FontStyle): { font: string; text: string }[] {
  const runs: { font: string; text: string }[] = []
  for (const char of text) {
    const cp = char.codePointAt(0) ?? 0
    const last = runs.at(-1)
    const font = (cp < 0x80 ? primaryFont(style) : fontFor(style, cp)) ?? last?.font
    if (last && (font === undefined || font === last.font)) last.text += char
    else runs.push({ font: font ?? primaryFont(style), text: char })
  }
  return runs
}
