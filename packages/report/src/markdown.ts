/** The report as Markdown (CommonMark + GFM tables); every piece of user text is escaped. */

import { carriedNote } from './carried.ts'
import { type ChartBar, chartBars } from './chart.ts'
import { escapeMarkdown as md } from './escape.ts'
import { formatDateTime, formatDay, formatDuration, LICENCE_INFO } from './format.ts'
import { labels } from './labels.ts'
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
import type { Lang, Outcome } from './types.ts'

export interface MarkdownOptions {
  /** Relative path of the board picture (SVG) to link, e.g. `board.svg` inside the ZIP. */
  boardImage?: string
}

export function toMarkdown(outcome: Outcome, lang: Lang, options: MarkdownOptions = {}): string {
  const t = labels(lang)
  const { workshop: w, timeZone } = outcome
  const time = (ms: number) => formatDateTime(ms, lang, timeZone)
  const licence = LICENCE_INFO[w.licence]
  const out: string[] = [`# ${t.report}: ${md(w.title)}`, '']
  if (w.date) out.push(`- **${t.date}:** ${formatDay(w.date, lang)}`)
  if (w.place) out.push(`- **${t.place}:** ${md(w.place)}`)
  out.push(`- **${t.facilitators}:** ${outcome.facilitators.map(md).join(', ') || t.none}`)
  if (w.publisher) out.push(`- **${t.publisher}:** ${md(w.publisher)}`)
  out.push(`- **${t.licence}:** [${licence.title}](${licence.url})`)
  out.push(`- **${t.generated}:** ${time(outcome.generatedAt)}`, '')
  if (w.description.trim()) out.push(md(w.description), '')
  out.push(`_${t.hiddenNote}_`, '')

  const p = outcome.participants
  out.push(`## ${t.participantsHeading}`, '', `| | |`, `|---|--:|`)
  out.push(`| ${t.facilitatorsCount} | ${p.facilitators} |`)
  out.push(`| ${t.participantsCount} | ${p.participants} |`)
  out.push(`| ${t.viewersCount} | ${p.viewers} |`, '')
  if (p.names) out.push(`${t.names}: ${p.names.map(md).join(', ') || t.none}`, '')

  out.push(`## ${t.phases}`, '', `| ${t.phase} | ${t.start} | ${t.duration} |`, '|---|---|--:|')
  for (const ph of outcome.phases) {
    const duration = formatDuration(ph.durationMs) + (ph.endedAt === null ? ` (${t.running})` : '')
    out.push(`| ${t[ph.phase]} | ${time(ph.startedAt)} | ${duration} |`)
  }
  out.push('')

  out.push(`## ${t.rounds}`, '')
  if (outcome.rounds.length === 0) out.push(t.noRounds, '')
  for (const round of outcome.rounds) {
    out.push(
      `### ${roundHeading(round, t)}`,
      '',
      `${roundFacts(round, t)} · ${time(round.revealedAt)}`,
      '',
    )
    if (resistanceOf(round)) {
      const verdict = resistanceVerdict(round, t)
      out.push(t.resistanceNote, '', ...(verdict ? [`**${md(verdict)}**`, ''] : []))
      out.push(...textChart(roundBars(round, t)))
      const table = resistanceTable(round, t, lang)
      out.push(`| ${table.header.join(' | ')} |`, '|--:|---|--:|--:|--:|')
      for (const row of table.rows)
        out.push(`| ${row.map((c, i) => (i === 1 ? md(c) : c)).join(' | ')} |`)
      out.push('')
      continue
    }
    const voted = round.results.filter((e) => e.dots > 0)
    if (voted.length > 0) {
      out.push(...textChart(chartBars(round)))
      out.push(
        `| ${t.rank} | ${round.targetKind === 'idea' ? t.idea : t.cluster} | ${t.dots} |`,
        '|--:|---|--:|',
      )
      for (const e of voted) {
        out.push(`| ${e.rank}${e.tied ? ` (${t.tied})` : ''} | ${md(e.label)} | ${e.dots} |`)
      }
      out.push('')
    }
    const unvoted = round.results.length - voted.length
    if (unvoted > 0) out.push(`${unvoted} ${t.notVoted}`, '')
  }

  const texts = ideaTextsOf(outcome)
  const q = quoted(lang)
  out.push(`## ${t.clustersHeading}`, '')
  for (const group of outcome.groups) {
    if (!group.cluster && group.ideas.length === 0) continue
    const title = group.cluster ? md(group.cluster.title) : t.unsorted
    out.push(`### ${title} (${group.ideas.length})`, '')
    if (group.ideas.length === 0) out.push(`_${t.noIdeas}_`)
    for (const idea of group.ideas) {
      const supports = idea.supports ? ` **+${idea.supports}**` : ''
      const status =
        idea.statusChangedAt === null
          ? ''
          : ` — ${t.status}: **${md(statusText(t, idea, texts, q))}**${idea.statusReason ? ` (${md(idea.statusReason)})` : ''}`
      const carried = idea.carriedFrom ? ` _(${md(carriedNote(t, idea, lang))})_` : ''
      out.push(
        `- ${md(idea.text)}${supports}${idea.author ? ` _(${t.author} ${md(idea.author)})_` : ''}${carried}${status}`,
      )
    }
    out.push('')
  }

  if (outcome.statusChanges.length > 0) {
    out.push(
      `## ${t.statusHistory}`,
      '',
      `| ${t.date} | ${t.idea} | ${t.status} | ${t.reason} |`,
      '|---|---|---|---|',
    )
    for (const change of outcome.statusChanges) {
      out.push(
        `| ${time(change.changedAt)} | ${md(texts.get(change.ideaId) ?? '')} | ${md(statusText(t, change, texts, q))} | ${md(change.reason ?? '')} |`,
      )
    }
    out.push('')
  }

  if (options.boardImage) {
    out.push(`## ${t.boardPicture}`, '', `![${t.boardPicture}](${options.boardImage})`, '')
  }

  const sp = outcome.speaking
  if (sp) {
    out.push(
      `## ${t.speaking}`,
      '',
      `| ${t.channel} | ${t.turns} | ${t.totalTime} | ${t.medianTime} |`,
    )
    out.push('|---|--:|--:|--:|')
    for (const channel of ['room', 'home'] as const) {
      const f = sp[channel]
      const median = f.medianMs === null ? t.none : formatDuration(f.medianMs)
      out.push(`| ${t[channel]} | ${f.count} | ${formatDuration(f.totalMs)} | ${median} |`)
    }
    out.push('')
    if (sp.turns) {
      out.push(`| ${t.start} | ${t.channel} | ${t.speaker} | ${t.duration} |`, '|---|---|---|--:|')
      for (const turn of sp.turns) {
        const who = turn.name ? md(turn.name) : `_${t.anonymousSpeaker}_`
        out.push(
          `| ${time(turn.startedAt)} | ${t[turn.channel]} | ${who} | ${formatDuration(turn.durationMs)} |`,
        )
      }
      out.push('')
    }
  }

  const src = outcome.sources
  if (src) {
    out.push(`## ${t.sources}`, '', `| ${t.source} | ${t.ideaCount} |`, '|---|--:|')
    for (const [label, count] of sourceRows(src, t)) out.push(`| ${md(label)} | ${count} |`)
    out.push('')
  }

  const a = outcome.activity
  out.push(`## ${t.activity}`, '')
  out.push(`- ${t.joins}: ${a.joins}`)
  out.push(`- ${t.phaseChanges}: ${a.phaseChanges}`)
  out.push(`- ${t.roundsStarted}: ${a.roundsStarted}`)
  out.push(`- ${t.roundsRevealed}: ${a.roundsRevealed}`)
  out.push(`- ${t.ideasHidden}: ${a.ideasHidden}`)
  if (a.first !== null) out.push(`- ${t.firstActivity}: ${time(a.first)}`)
  if (a.last !== null) out.push(`- ${t.lastActivity}: ${time(a.last)}`)
  out.push('')
  return out.join('\n')
}

/** A bar chart as text in a code fence: label, bar of █, the value. */
function textChart(bars: ChartBar[]): string[] {
  const max = Math.max(1, ...bars.map((b) => b.dots))
  const out = ['```text']
  for (const bar of bars) {
    // Inside a code fence nothing is interpreted; only a backtick run could end it.
    const label = bar.label.replace(/`/g, "'")
    out.push(
      `${label.padEnd(52).slice(0, 52)} ${'█'.repeat(Math.max(1, Math.round((bar.dots / max) * 20)))} ${bar.dots}`,
    )
  }
  out.push('```', '')
  return out
}
