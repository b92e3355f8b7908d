/**
 * The report as PDF, made on the server with pdfkit: the same sections as the HTML report, the
 * round charts drawn as vectors, and the board picture drawn with pdfkit primitives from the same
 * layout data as the SVG (`boardLayout`). Text is set in embedded Unicode fonts (pdfFonts.ts:
 * Noto Sans, Symbols 2 and Emoji), so every European name and "→ 🎉" print as written. Rendering yields to the event loop whenever it has run for `sliceMs`, so a
 * 2,000-idea report never blocks other workshops for long.
 */
import {
  boardLayout,
  carriedNote,
  formatDateTime,
  formatDay,
  formatDuration,
  ideaTextsOf,
  type Lang,
  LICENCE_INFO,
  labels,
  type Outcome,
  PALETTE,
  quoted,
  resistanceOf,
  resistanceTable,
  resistanceVerdict,
  roundBars,
  roundFacts,
  roundHeading,
  sourceRows,
  statusText,
} from '@ideenwand/report'
import PDFDocument from 'pdfkit'
import { type FontStyle, pdfFontFaces, primaryFont, textRuns } from './pdfFonts.ts'

export interface PdfOptions {
  /** Longest stretch of synchronous work before yielding (ms). Default 15. */
  sliceMs?: number
  /** Called after each yield with the time the slice took (for the benchmark). */
  onSlice?: (ms: number) => void
}

const BLUE = '#1d6fb8'
const TEXT = '#1a1a1a'
const GREY = '#555555'

export async function renderPdf(
  outcome: Outcome,
  lang: Lang,
  options: PdfOptions = {},
): Promise<Uint8Array> {
  const t = labels(lang)
  const sliceMs = options.sliceMs ?? 15
  const { workshop, timeZone } = outcome
  const time = (ms: number) => formatDateTime(ms, lang, timeZone)
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    compress: true,
    info: {
      Title: `${t.report}: ${workshop.title}`,
      Author: workshop.publisher ?? outcome.facilitators.join(', '),
      Creator: 'Ideenwand',
      CreationDate: new Date(outcome.generatedAt),
    },
    lang,
  })
  for (const face of pdfFontFaces()) doc.registerFont(face.name, face.data)
  /**
   * Writes `text` in `style` at (x, y) or the cursor, one run per font (pdfkit's `continued`
   * keeps them one paragraph, wrapped together).
   */
  const say = (
    style: FontStyle,
    text: string,
    at: { x: number; y: number } | null,
    opts: PDFKit.Mixins.TextOptions = {},
  ) => {
    const runs = textRuns(text, style)
    if (runs.length === 0) runs.push({ font: primaryFont(style), text: '' })
    runs.forEach((run, i) => {
      doc.font(run.font)
      const o = { ...opts, continued: i < runs.length - 1 }
      if (i === 0 && at) doc.text(run.text, at.x, at.y, o)
      else doc.text(run.text, i === 0 ? o : { continued: o.continued })
    })
    doc.font(primaryFont(style))
  }
  const chunks: Buffer[] = []
  doc.on('data', (chunk: Buffer) => chunks.push(chunk))
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve)
    doc.on('error', reject)
  })

  let sliceStart = performance.now()
  const maybeYield = async () => {
    const now = performance.now()
    if (now - sliceStart < sliceMs) return
    options.onSlice?.(now - sliceStart)
    await new Promise<void>((resolve) => setImmediate(resolve))
    sliceStart = performance.now()
  }

  const left = doc.page.margins.left
  const width = () => doc.page.width - doc.page.margins.left - doc.page.margins.right
  const bottom = () => doc.page.height - doc.page.margins.bottom
  const ensure = (height: number) => {
    if (doc.y + height > bottom()) doc.addPage()
  }
  const h1 = (text: string) => {
    doc.fontSize(20).fillColor(TEXT)
    say('bold', text, null, { width: width() })
    doc.moveDown(0.3)
  }
  const h2 = (text: string) => {
    ensure(60)
    doc.moveDown(0.8)
    doc.fontSize(14).fillColor(BLUE)
    say('bold', text, { x: left, y: doc.y }, { width: width() })
    const y = doc.y + 2
    doc
      .moveTo(left, y)
      .lineTo(left + width(), y)
      .lineWidth(1)
      .strokeColor(BLUE)
      .stroke()
    doc.moveDown(0.5)
  }
  const h3 = (text: string) => {
    ensure(40)
    doc.moveDown(0.4)
    doc.fontSize(12).fillColor(TEXT)
    say('bold', text, { x: left, y: doc.y }, { width: width() })
    doc.moveDown(0.2)
  }
  const body = (text: string, color = TEXT) => {
    doc.fontSize(10).fillColor(color)
    say('regular', text, { x: left, y: doc.y }, { width: width() })
  }
  const row = (label: string, value: string) => {
    ensure(14)
    const y = doc.y
    doc.fontSize(10).fillColor(TEXT)
    say('bold', label, { x: left, y }, { width: 170 })
    const afterLabel = doc.y
    say('regular', value, { x: left + 180, y }, { width: width() - 180 })
    doc.y = Math.max(doc.y, afterLabel)
  }

  // ---- title and meta
  h1(workshop.title)
  body(t.report, GREY)
  doc.moveDown(0.5)
  if (workshop.date) row(t.date, formatDay(workshop.date, lang))
  if (workshop.place) row(t.place, workshop.place)
  row(t.facilitators, outcome.facilitators.join(', ') || t.none)
  if (workshop.publisher) row(t.publisher, workshop.publisher)
  row(t.licence, LICENCE_INFO[workshop.licence].title)
  row(t.generated, time(outcome.generatedAt))
  if (workshop.description.trim()) {
    doc.moveDown(0.5)
    body(workshop.description)
  }
  doc.moveDown(0.5)
  doc.fontSize(9).fillColor(GREY)
  say('italic', t.hiddenNote, { x: left, y: doc.y }, { width: width() })

  // ---- participants and phases
  h2(t.participantsHeading)
  const p = outcome.participants
  row(t.facilitatorsCount, String(p.facilitators))
  row(t.participantsCount, String(p.participants))
  row(t.viewersCount, String(p.viewers))
  if (p.names) row(t.names, p.names.join(', ') || t.none)

  h2(t.phases)
  for (const ph of outcome.phases) {
    const duration = formatDuration(ph.durationMs) + (ph.endedAt === null ? ` (${t.running})` : '')
    row(t[ph.phase], `${time(ph.startedAt)} · ${duration}`)
  }

  // ---- rounds with vector bar charts
  h2(t.rounds)
  if (outcome.rounds.length === 0) body(t.noRounds)
  for (const round of outcome.rounds) {
    h3(roundHeading(round, t))
    body(`${roundFacts(round, t)} · ${time(round.revealedAt)}`, GREY)
    const resistance = resistanceOf(round)
    const verdict = resistanceVerdict(round, t)
    if (resistance) body(t.resistanceNote, GREY)
    if (verdict) body(verdict)
    doc.moveDown(0.4)
    const bars = roundBars(round, t)
    const max = Math.max(1, ...bars.map((b) => b.dots))
    const labelW = 250
    const barMax = width() - labelW - 40
    const rowH = 16
    for (const [i, bar] of bars.entries()) {
      ensure(rowH)
      const y = doc.y
      doc.fontSize(8.5).fillColor(TEXT)
      say(
        'regular',
        bar.label,
        { x: left, y: y + 3 },
        {
          width: labelW - 8,
          align: 'right',
          lineBreak: false,
          ellipsis: true,
          height: rowH,
        },
      )
      const barW = Math.max(2, (bar.dots / max) * barMax)
      doc.rect(left + labelW, y + 2, barW, rowH - 5).fill(i === 0 ? BLUE : '#6a9fd4')
      doc.fillColor(TEXT)
      say(
        'regular',
        String(bar.dots),
        { x: left + labelW + barW + 4, y: y + 3 },
        { lineBreak: false },
      )
      doc.x = left
      doc.y = y + rowH
    }
    doc.moveDown(0.5)
    if (resistance) {
      const [, , total, mean, acceptance] = resistanceTable(round, t, lang).header
      for (const row of resistanceTable(round, t, lang).rows) {
        ensure(14)
        body(
          `${row[0]}. ${row[1]} — ${total} ${row[2]} · ${mean} ${row[3]} · ${acceptance} ${row[4]}`,
        )
        await maybeYield()
      }
      continue
    }
    const voted = round.results.filter((e) => e.dots > 0)
    for (const e of voted) {
      ensure(14)
      body(`${e.rank}${e.tied ? ` (${t.tied})` : ''}. ${e.label} — ${e.dots} ${t.dots}`)
      await maybeYield()
    }
    const unvoted = round.results.length - voted.length
    if (unvoted > 0) body(`${unvoted} ${t.notVoted}`, GREY)
  }

  // ---- clusters and ideas
  h2(t.clustersHeading)
  const texts = ideaTextsOf(outcome)
  const q = quoted(lang)
  for (const group of outcome.groups) {
    if (!group.cluster && group.ideas.length === 0) continue
    h3(`${group.cluster ? group.cluster.title : t.unsorted} (${group.ideas.length})`)
    if (group.ideas.length === 0) body(t.noIdeas, GREY)
    for (const idea of group.ideas) {
      const status =
        idea.statusChangedAt === null
          ? ''
          : ` — ${t.status}: ${statusText(t, idea, texts, q)}${idea.statusReason ? ` (${idea.statusReason})` : ''}`
      const carried = idea.carriedFrom ? ` (${carriedNote(t, idea, lang)})` : ''
      const text =
        idea.text + (idea.author ? ` (${t.author} ${idea.author})` : '') + carried + status
      doc.font(primaryFont('regular')).fontSize(10)
      const height = doc.heightOfString(text, { width: width() - 14 })
      ensure(height + 4)
      const y = doc.y
      doc.rect(left, y + 1, 5, Math.max(8, height - 2)).fill(PALETTE[idea.color].stroke)
      doc.fillColor(TEXT)
      say('regular', text, { x: left + 14, y }, { width: width() - 14 })
      doc.y += 3
      await maybeYield()
    }
  }

  // ---- what became of the ideas (only when a status was set)
  if (outcome.statusChanges.length > 0) {
    h2(t.statusHistory)
    for (const change of outcome.statusChanges) {
      row(
        time(change.changedAt),
        `${texts.get(change.ideaId) ?? ''} — ${statusText(t, change, texts, q)}${change.reason ? ` (${t.reason}: ${change.reason})` : ''}`,
      )
      await maybeYield()
    }
  }

  // ---- speaking turns (only when someone spoke)
  const sp = outcome.speaking
  if (sp) {
    h2(t.speaking)
    for (const channel of ['room', 'home'] as const) {
      const f = sp[channel]
      const median = f.medianMs === null ? t.none : formatDuration(f.medianMs)
      row(
        t[channel],
        `${t.turns}: ${f.count} · ${t.totalTime}: ${formatDuration(f.totalMs)} · ${t.medianTime}: ${median}`,
      )
    }
    for (const turn of sp.turns ?? []) {
      row(
        time(turn.startedAt),
        `${t[turn.channel]} · ${turn.name ?? t.anonymousSpeaker} · ${formatDuration(turn.durationMs)}`,
      )
    }
  }

  // ---- where the ideas came from (only when not all from people's own devices)
  if (outcome.sources) {
    h2(t.sources)
    for (const [label, count] of sourceRows(outcome.sources, t)) row(label, String(count))
  }

  // ---- activity
  h2(t.activity)
  const a = outcome.activity
  row(t.joins, String(a.joins))
  row(t.phaseChanges, String(a.phaseChanges))
  row(t.roundsStarted, String(a.roundsStarted))
  row(t.roundsRevealed, String(a.roundsRevealed))
  row(t.ideasHidden, String(a.ideasHidden))
  if (a.first !== null) row(t.firstActivity, time(a.first))
  if (a.last !== null) row(t.lastActivity, time(a.last))

  // ---- board picture on a landscape page, scaled to fit
  await maybeYield()
  const layout = boardLayout(outcome, lang)
  await maybeYield()
  doc.addPage({ size: 'A4', layout: 'landscape', margin: 36 })
  doc.fontSize(14).fillColor(BLUE)
  say('bold', t.boardPicture, null)
  const top = doc.y + 8
  const availW = doc.page.width - 72
  const availH = doc.page.height - top - 36
  const scale = Math.min(availW / layout.width, availH / layout.height, 1)
  const ox = 36 + (availW - layout.width * scale) / 2
  const X = (x: number) => ox + x * scale
  const Y = (y: number) => top + y * scale
  const fs = layout.fontSize * scale
  // Text below ~1.2 pt is unreadable even zoomed in; leave it out to keep huge boards small.
  const drawText = fs >= 1.2
  for (const f of layout.frames) {
    const c = PALETTE[f.color]
    doc.save()
    doc.roundedRect(X(f.x), Y(f.y), f.w * scale, f.h * scale, 6 * scale)
    doc.fillOpacity(0.35).fillAndStroke(c.fill, c.stroke)
    doc.restore()
    if (drawText) {
      doc.fontSize(fs * 1.4).fillColor(TEXT)
      say(
        'bold',
        f.title,
        { x: X(f.x + 12), y: Y(f.y + 10) },
        {
          width: Math.max(1, (f.w - 24) * scale),
          lineBreak: false,
          ellipsis: true,
        },
      )
    }
  }
  doc.font(primaryFont('regular')).fontSize(Math.max(fs, 0.5))
  for (const card of layout.cards) {
    const c = PALETTE[card.color]
    doc
      .rect(X(card.x), Y(card.y), card.w * scale, card.h * scale)
      .lineWidth(0.5)
      .fillAndStroke(c.fill, c.stroke)
    if (drawText) {
      doc.fillColor(TEXT)
      card.lines.forEach((line, i) => {
        const at = { x: X(card.x + 8), y: Y(card.y + 8 + i * layout.fontSize * 1.3) }
        say('regular', line, at, { lineBreak: false })
      })
    }
    await maybeYield()
  }

  await maybeYield()
  const endStart = performance.now()
  doc.end()
  await ended
  options.onSlice?.(performance.now() - endStart)
  return new Uint8Array(Buffer.concat(chunks))
}
