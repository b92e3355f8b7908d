/**
 * The report as one self-contained, printable HTML page: inline CSS with print rules, charts and
 * the board picture as inline SVG, no scripts and no external requests. All user text is escaped.
 */

import { PALETTE } from './boardLayout.ts'
import { boardSvg } from './boardSvg.ts'
import { carriedNote } from './carried.ts'
import { barChartSvg, chartBars } from './chart.ts'
import { escapeXml as x } from './escape.ts'
import { formatDateTime, formatDay, formatDuration, LICENCE_INFO } from './format.ts'
import { type Labels, labels } from './labels.ts'
import {
  resistanceOf,
  resistanceTable,
  resistanceVerdict,
  roundBars,
  roundFacts,
  roundHeading,
} from './resistance.ts'
import { sourceRows } from './sources.ts'
import { ideaTextsOf, quoted, statusText } from './status.ts'
import type { Lang, Outcome, OutcomeRound } from './types.ts'

const CSS = `
:root { color-scheme: light; }
body { font: 15px/1.45 Helvetica, Arial, sans-serif; color: #1a1a1a; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.8rem; margin-bottom: .3rem; }
h2 { font-size: 1.3rem; border-bottom: 2px solid #1d6fb8; padding-bottom: .2rem; margin-top: 2rem; }
h3 { font-size: 1.1rem; margin-top: 1.4rem; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
dl.meta dt { font-weight: bold; }
dl.meta dd { margin: 0; }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
th, td { border: 1px solid #bbb; padding: .25rem .6rem; text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; }
ul.ideas { list-style: none; padding: 0; }
ul.ideas li { border-left: 6px solid #ccc; padding: .2rem .6rem; margin: .3rem 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.note { color: #555; font-style: italic; }
.status { font-size: .9em; border: 1px solid #1d6fb8; border-radius: 3px; padding: 0 .3rem; white-space: nowrap; }
figure { margin: 1rem 0; }
figure svg { max-width: 100%; height: auto; border: 1px solid #ddd; }
@media print {
  @page { size: A4; margin: 15mm; }
  body { margin: 0; max-width: none; font-size: 11pt; }
  h2 { break-after: avoid; }
  h3 { break-after: avoid; }
  table, figure, li { break-inside: avoid; }
  section.board { break-before: page; }
}`

/** The first lines of every HTML page of ours, up to the `<head>`'s own content. */
export function htmlStart(lang: Lang): string[] {
  return [
    '<!doctype html>',
    `<html lang="${lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
  ]
}

export function toHtml(outcome: Outcome, lang: Lang): string {
  const t = labels(lang)
  const { workshop: w, timeZone } = outcome
  const time = (ms: number) => x(formatDateTime(ms, lang, timeZone))
  const licence = LICENCE_INFO[w.licence]
  const out: string[] = [
    ...htmlStart(lang),
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    `<title>${x(`${t.report}: ${w.title}`)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    '<header>',
    `<h1>${x(w.title)}</h1>`,
    `<p>${x(t.report)}</p>`,
    '<dl class="meta">',
  ]
  const meta = (term: string, value: string) => out.push(`<dt>${x(term)}</dt><dd>${value}</dd>`)
  if (w.date) meta(t.date, x(formatDay(w.date, lang)))
  if (w.place) meta(t.place, x(w.place))
  meta(t.facilitators, x(outcome.facilitators.join(', ') || t.none))
  if (w.publisher) meta(t.publisher, x(w.publisher))
  meta(t.licence, `<a href="${x(licence.url)}">${x(licence.title)}</a>`)
  meta(t.generated, time(outcome.generatedAt))
  out.push('</dl>')
  if (w.description.trim()) out.push(`<p>${x(w.description)}</p>`)
  out.push(`<p class="note">${x(t.hiddenNote)}</p>`, '</header>')

  const p = outcome.participants
  out.push(`<section><h2>${x(t.participantsHeading)}</h2><table><tbody>`)
  for (const [label, n] of [
    [t.facilitatorsCount, p.facilitators],
    [t.participantsCount, p.participants],
    [t.viewersCount, p.viewers],
  ] as const) {
    out.push(`<tr><th scope="row">${x(label)}</th><td class="num">${n}</td></tr>`)
  }
  out.push('</tbody></table>')
  if (p.names) out.push(`<p>${x(t.names)}: ${x(p.names.join(', ') || t.none)}</p>`)
  out.push('</section>')

  out.push(
    `<section><h2>${x(t.phases)}</h2><table><thead><tr><th>${x(t.phase)}</th><th>${x(t.start)}</th><th class="num">${x(t.duration)}</th></tr></thead><tbody>`,
  )
  for (const ph of outcome.phases) {
    const running = ph.endedAt === null ? ` (${x(t.running)})` : ''
    out.push(
      `<tr><td>${x(t[ph.phase])}</td><td>${time(ph.startedAt)}</td><td class="num">${x(formatDuration(ph.durationMs))}${running}</td></tr>`,
    )
  }
  out.push('</tbody></table></section>')

  out.push(`<section><h2>${x(t.rounds)}</h2>`)
  if (outcome.rounds.length === 0) out.push(`<p>${x(t.noRounds)}</p>`)
  for (const round of outcome.rounds) {
    const heading = roundHeading(round, t)
    out.push(
      `<h3>${x(heading)}</h3>`,
      `<p>${x(roundFacts(round, t))} · ${time(round.revealedAt)}</p>`,
    )
    if (resistanceOf(round)) {
      out.push(...resistanceHtml(round, t, lang, heading))
      continue
    }
    const voted = round.results.filter((e) => e.dots > 0)
    if (voted.length > 0) {
      out.push(`<figure>${barChartSvg(chartBars(round), `${t.chart}: ${heading}`)}</figure>`)
      out.push(
        `<table><thead><tr><th class="num">${x(t.rank)}</th><th>${x(round.targetKind === 'idea' ? t.idea : t.cluster)}</th><th class="num">${x(t.dots)}</th></tr></thead><tbody>`,
      )
      for (const e of voted) {
        out.push(
          `<tr><td class="num">${e.rank}${e.tied ? ` (${x(t.tied)})` : ''}</td><td>${x(e.label)}</td><td class="num">${e.dots}</td></tr>`,
        )
      }
      out.push('</tbody></table>')
    }
    const unvoted = round.results.length - voted.length
    if (unvoted > 0) out.push(`<p>${unvoted} ${x(t.notVoted)}</p>`)
  }
  out.push('</section>')

  const texts = ideaTextsOf(outcome)
  const q = quoted(lang)
  out.push(`<section><h2>${x(t.clustersHeading)}</h2>`)
  for (const group of outcome.groups) {
    if (!group.cluster && group.ideas.length === 0) continue
    const title = group.cluster ? group.cluster.title : t.unsorted
    out.push(`<h3>${x(title)} (${group.ideas.length})</h3>`)
    if (group.ideas.length === 0) out.push(`<p class="note">${x(t.noIdeas)}</p>`)
    else {
      out.push('<ul class="ideas">')
      for (const idea of group.ideas) {
        const supports = idea.supports
          ? ` <span class="note" title="${x(`${t.supports}: ${idea.supports}`)}">+${idea.supports}</span>`
          : ''
        const author = idea.author
          ? ` <span class="note">(${x(t.author)} ${x(idea.author)})</span>`
          : ''
        const status =
          idea.statusChangedAt === null
            ? ''
            : ` <span class="status">${x(`${t.status}: ${statusText(t, idea, texts, q)}`)}</span>${idea.statusReason ? ` <span class="note">(${x(idea.statusReason)})</span>` : ''}`
        const carried = idea.carriedFrom
          ? ` <span class="note carried">(${x(carriedNote(t, idea, lang))})</span>`
          : ''
        out.push(
          `<li style="border-left-color:${PALETTE[idea.color].stroke}">${x(idea.text)}${supports}${author}${carried}${status}</li>`,
        )
      }
      out.push('</ul>')
    }
  }
  out.push('</section>')

  if (outcome.statusChanges.length > 0) {
    out.push(
      `<section><h2>${x(t.statusHistory)}</h2><table><thead><tr><th>${x(t.date)}</th><th>${x(t.idea)}</th><th>${x(t.status)}</th><th>${x(t.reason)}</th></tr></thead><tbody>`,
    )
    for (const change of outcome.statusChanges) {
      out.push(
        `<tr><td>${time(change.changedAt)}</td><td>${x(texts.get(change.ideaId) ?? '')}</td><td>${x(statusText(t, change, texts, q))}</td><td>${x(change.reason ?? '')}</td></tr>`,
      )
    }
    out.push('</tbody></table></section>')
  }

  out.push(
    `<section class="board"><h2>${x(t.boardPicture)}</h2><figure>${boardSvg(outcome, lang)}</figure></section>`,
  )

  const sp = outcome.speaking
  if (sp) {
    out.push(
      `<section><h2>${x(t.speaking)}</h2><table><thead><tr><th>${x(t.channel)}</th><th class="num">${x(t.turns)}</th><th class="num">${x(t.totalTime)}</th><th class="num">${x(t.medianTime)}</th></tr></thead><tbody>`,
    )
    for (const channel of ['room', 'home'] as const) {
      const f = sp[channel]
      const median = f.medianMs === null ? t.none : formatDuration(f.medianMs)
      out.push(
        `<tr><th scope="row">${x(t[channel])}</th><td class="num">${f.count}</td><td class="num">${x(formatDuration(f.totalMs))}</td><td class="num">${x(median)}</td></tr>`,
      )
    }
    out.push('</tbody></table>')
    if (sp.turns) {
      out.push(
        `<table><thead><tr><th>${x(t.start)}</th><th>${x(t.channel)}</th><th>${x(t.speaker)}</th><th class="num">${x(t.duration)}</th></tr></thead><tbody>`,
      )
      for (const turn of sp.turns) {
        out.push(
          `<tr><td>${time(turn.startedAt)}</td><td>${x(t[turn.channel])}</td><td>${x(turn.name ?? t.anonymousSpeaker)}</td><td class="num">${x(formatDuration(turn.durationMs))}</td></tr>`,
        )
      }
      out.push('</tbody></table>')
    }
    out.push('</section>')
  }

  const src = outcome.sources
  if (src) {
    out.push(
      `<section><h2>${x(t.sources)}</h2><table><thead><tr><th>${x(t.source)}</th><th class="num">${x(t.ideaCount)}</th></tr></thead><tbody>`,
    )
    for (const [label, count] of sourceRows(src, t)) {
      out.push(`<tr><th scope="row">${x(label)}</th><td class="num">${count}</td></tr>`)
    }
    out.push('</tbody></table></section>')
  }

  const a = outcome.activity
  out.push(`<section><h2>${x(t.activity)}</h2><table><tbody>`)
  const rows: [string, string][] = [
    [t.joins, String(a.joins)],
    [t.phaseChanges, String(a.phaseChanges)],
    [t.roundsStarted, String(a.roundsStarted)],
    [t.roundsRevealed, String(a.roundsRevealed)],
    [t.ideasHidden, String(a.ideasHidden)],
  ]
  if (a.first !== null) rows.push([t.firstActivity, formatDateTime(a.first, lang, timeZone)])
  if (a.last !== null) rows.push([t.lastActivity, formatDateTime(a.last, lang, timeZone)])
  for (const [label, value] of rows) {
    out.push(`<tr><th scope="row">${x(label)}</th><td class="num">${x(value)}</td></tr>`)
  }
  out.push('</tbody></table></section>', '</body>', '</html>', '')
  return out.join('\n')
}

/**
 * A resistance round: the verdict, the bar chart (an image titled for screen readers; the table
 * after it carries the same figures as text) and the table of every option.
 */
function resistanceHtml(round: OutcomeRound, t: Labels, lang: Lang, heading: string): string[] {
  const out: string[] = [`<p>${x(t.resistanceNote)}</p>`]
  const verdict = resistanceVerdict(round, t)
  if (verdict) out.push(`<p><strong>${x(verdict)}</strong></p>`)
  out.push(`<figure>${barChartSvg(roundBars(round, t), `${t.chart}: ${heading}`)}</figure>`)
  const table = resistanceTable(round, t, lang)
  out.push(
    `<table><thead><tr>${table.header.map((h, i) => `<th${i === 1 ? '' : ' class="num"'}>${x(h)}</th>`).join('')}</tr></thead><tbody>`,
  )
  for (const row of table.rows) {
    out.push(
      `<tr>${row.map((c, i) => `<td${i === 1 ? '' : ' class="num"'}>${x(c)}</td>`).join('')}</tr>`,
    )
  }
  out.push('</tbody></table>')
  return out
}
