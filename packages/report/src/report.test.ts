import { strFromU8, unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { boardLayout, wrapText } from './boardLayout.ts'
import { boardSvg } from './boardSvg.ts'
import { canvasShapes } from './canvas.ts'
import { FIXTURE_HIDDEN_TEXT, FIXTURE_PENDING_TEXT, fixtureOutcome } from './fixture.ts'
import { baseName, slug } from './format.ts'
import { toHtml } from './html.ts'
import { toMarkdown } from './markdown.ts'
import { toOpenDataZip, toOpenDataZipAsync, ZIP_FILES } from './zip.ts'

describe('outcome model', () => {
  const outcome = fixtureOutcome()
  const ideas = outcome.groups.flatMap((g) => g.ideas)

  it('leaves hidden and pending ideas out, also from rankings and the canvas', () => {
    expect(ideas.map((i) => i.id)).not.toContain('i-hidden')
    expect(ideas.map((i) => i.id)).not.toContain('i-pending')
    expect(outcome.rounds[0]?.results.map((r) => r.targetId)).not.toContain('i-hidden')
    expect(outcome.canvas.map((s) => s.refId)).not.toContain('i-hidden')
    expect(JSON.stringify(outcome.canvasRecords)).not.toContain('i-hidden')
  })

  it('exports no per-person canvas records and no record meta (names of whiteboard users)', () => {
    const records = [
      { id: 'page:page', typeName: 'page', name: 'Seite 1', meta: {} },
      { id: 'user:u1', typeName: 'user', name: 'Zoë Zeichnerin', color: '#f00' },
      { id: 'instance_presence:p1', typeName: 'instance_presence', userName: 'Zoë Zeichnerin' },
      { id: 'camera:c1', typeName: 'camera', x: 0, y: 0 },
      { id: 'asset:a1', typeName: 'asset', props: { name: 'Zoë.jpg' } },
      {
        id: 'shape:idea-i1',
        typeName: 'shape',
        type: 'idea-card',
        parentId: 'page:page',
        x: 0,
        y: 0,
        props: { ideaId: 'i1' },
        meta: { lastEditor: 'Zoë Zeichnerin' },
      },
    ]
    const { records: kept } = canvasShapes(records, new Set(['i1']), new Set())
    expect(JSON.stringify(kept)).not.toContain('Zoë')
    expect(kept.map((r) => (r as { id: string }).id)).toEqual(['page:page', 'shape:idea-i1'])
  })

  it('has no names unless the workshop opted in', () => {
    expect(ideas.every((i) => i.author === null)).toBe(true)
    expect(outcome.participants).toEqual({
      facilitators: 2,
      participants: 4,
      viewers: 1,
      names: null,
    })
    const named = fixtureOutcome({ includeNames: true })
    expect(named.participants.names).toEqual(['Aylin', 'Jonas', 'Mia'])
    expect(named.groups.flatMap((g) => g.ideas).find((i) => i.id === 'i-tempo')?.author).toBe(
      'Jonas',
    )
  })

  it('derives phases and their durations from the activity log', () => {
    expect(outcome.phases.map((p) => [p.phase, p.durationMs / 60_000, p.endedAt !== null])).toEqual(
      [
        ['collect', 30, true],
        ['cluster', 20, true],
        ['vote', 22, true],
        ['discuss', 23, false],
      ],
    )
  })

  it('puts the unsorted bucket first, then clusters in order', () => {
    expect(outcome.groups.map((g) => g.cluster?.id ?? null)).toEqual([
      null,
      'c-rad',
      'c-jugend',
      'c-leer',
    ])
    expect(outcome.activity).toMatchObject({
      joins: 2,
      phaseChanges: 3,
      roundsRevealed: 2,
      ideasHidden: 1,
    })
  })

  it('places cards inside frames at absolute positions', () => {
    const card = outcome.canvas.find((s) => s.refId === 'i-skate')
    expect(card).toMatchObject({ kind: 'idea', x: 736, y: 60 })
  })
})

describe('HTML report', () => {
  const html = toHtml(fixtureOutcome(), 'de')

  it('escapes idea text: a <script> in an idea stays text', () => {
    expect(html).not.toMatch(/<script/i)
    expect(html).toContain(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Jugendclub länger öffnen',
    )
    expect(html).toContain('Jugend &lt;Treffpunkte&gt;')
  })

  it('is self-contained: no scripts, no external resources, inline SVG and print CSS', () => {
    expect(html).not.toMatch(/<(script|link|img|iframe)\b/i)
    expect(html).not.toMatch(/\bsrc=/i)
    expect(html).not.toMatch(/url\(/i)
    expect(html).toContain('@media print')
    // The dot chart, the resistance chart and the board picture.
    expect((html.match(/<svg /g) ?? []).length).toBe(3)
  })

  it('has the sections and leaves hidden ideas out', () => {
    for (const text of [
      'Ergebnisbericht',
      'Runde 1: Ideen',
      'Bild der Wand',
      'Nicht zugeordnet',
      'Radweg Bad Belzig',
    ]) {
      expect(html).toContain(text)
    }
    expect(html).not.toContain(FIXTURE_HIDDEN_TEXT)
    expect(html).not.toContain(FIXTURE_PENDING_TEXT)
    expect(toHtml(fixtureOutcome(), 'en')).toContain('Round 1: Ideas')
  })
})

describe('Markdown report', () => {
  it('escapes Markdown and HTML in ideas and leaves hidden ones out', () => {
    const text = toMarkdown(fixtureOutcome(), 'de')
    expect(text).toContain('- &lt;script&gt;alert("x")&lt;/script&gt; Jugendclub länger öffnen')
    expect(text).toContain('- Rufbus am Wochenende, / auch abends nach 22 Uhr')
    expect(text).toContain('| 1 | Radweg Bad Belzig – Wiesenburg durchgehend ausbauen | 7 |')
    expect(text).toContain('| 2 (gleichauf) | Skatepark am Bahnhof | 4 |')
    expect(text).not.toContain(FIXTURE_HIDDEN_TEXT)
  })
})

describe('board picture', () => {
  it('wraps text into lines and cuts with an ellipsis', () => {
    expect(wrapText('eins zwei drei vier', 9, 5)).toEqual(['eins zwei', 'drei vier'])
    expect(wrapText('eins zwei drei vier', 9, 1)).toEqual(['eins zwe…'])
    expect(wrapText('Donaudampfschifffahrt', 8, 5)).toEqual(['Donaudam', 'pfschiff', 'fahrt'])
  })

  it('draws frames and cards from the canvas, or a grid without canvas records', () => {
    const svg = boardSvg(fixtureOutcome(), 'de')
    expect((svg.match(/<rect /g) ?? []).length).toBe(1 + 2 + 7) // background, 2 frames, 7 visible cards
    const grid = boardLayout(fixtureOutcome({ canvas: [] }), 'de')
    expect(grid.frames.map((f) => f.title)).toEqual([
      'Nicht zugeordnet',
      'Radwege & Verkehr',
      'Jugend <Treffpunkte>',
      'Leerer Cluster',
    ])
    expect(grid.cards).toHaveLength(10)
    for (const card of grid.cards) {
      const inside = grid.frames.some(
        (f) =>
          card.x >= f.x &&
          card.y >= f.y &&
          card.x + card.w <= f.x + f.w &&
          card.y + card.h <= f.y + f.h,
      )
      expect(inside).toBe(true)
    }
  })
})

describe('file names and ZIP', () => {
  it('makes a sensible file name', () => {
    expect(baseName(fixtureOutcome())).toBe('ideenwand-themenlabor-freizeit-2026-09-22')
    expect(slug('Grüße aus Bad Belzig – Straßenfest!')).toBe('gruesse-aus-bad-belzig-strassenfest')
  })

  it('contains every file, the same bytes for the same outcome', () => {
    const outcome = fixtureOutcome()
    const zip = toOpenDataZip(outcome, { dcat: { baseUrl: 'https://x.example/' } })
    const files = unzipSync(zip)
    expect(Object.keys(files)).toEqual([...ZIP_FILES])
    expect(strFromU8(files['ideas.csv']!)).toContain("'=1+1 kostenloses WLAN im Park")
    for (const content of Object.values(files))
      expect(strFromU8(content)).not.toContain(FIXTURE_HIDDEN_TEXT)
    expect(toOpenDataZip(outcome, { dcat: { baseUrl: 'https://x.example/' } })).toEqual(zip)
    const dl = unzipSync(
      toOpenDataZip(outcome, { licence: 'dl-by-de-2.0', dcat: { baseUrl: 'https://x.example/' } }),
    )
    expect(strFromU8(dl['dcat-ap-de.jsonld']!)).toContain(
      'http://dcat-ap.de/def/licenses/dl-by-de/2.0',
    )
  })
})

describe('async ZIP', () => {
  it('unpacks to the same files as the synchronous one, yielding between steps', async () => {
    const outcome = fixtureOutcome()
    const options = { dcat: { baseUrl: 'https://x.example/' } }
    let pauses = 0
    const zip = await toOpenDataZipAsync(outcome, {
      ...options,
      pause: async () => {
        pauses++
      },
    })
    const a = unzipSync(zip)
    const b = unzipSync(toOpenDataZip(outcome, options))
    expect(Object.keys(a)).toEqual(Object.keys(b))
    for (const name of Object.keys(b)) expect(strFromU8(a[name]!)).toBe(strFromU8(b[name]!))
    expect(pauses).toBeGreaterThanOrEqual(ZIP_FILES.length)
  })
})
