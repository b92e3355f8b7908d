/**
 * The public results page of a workshop (issue 20 §3) and its Atom feed of status changes, as
 * pure functions of the {@link Outcome} (which has no hidden or pending ideas, and names only
 * with the workshop's opt-in). The page is plain HTML for a server to send: no scripts, one
 * `<style>` element carrying the response's CSP nonce (no `style` attributes: the server's CSP
 * forbids them), landmarks, a skip link, the ranking as tables, a print stylesheet. Every piece
 * of user text is escaped, in the page and in the feed.
 */
import { carriedNote } from './carried.ts'
import { escapeXml as x } from './escape.ts'
import { formatDateTime, formatDay, isoSeconds, LICENCE_INFO } from './format.ts'
import { htmlStart } from './html.ts'
import { labels } from './labels.ts'
import { ideaTextsOf, quoted, statusText } from './status.ts'
import type { Lang, Outcome, OutcomeIdea, OutcomeRound } from './types.ts'

export interface PublicPageOptions {
  /** Absolute or root-relative address of the page itself (without query). */
  pageUrl: string
  /** Address of its Atom feed. */
  feedUrl: string
  /** The response's CSP nonce for the `<style>` element. */
  nonce: string
  /**
   * The published open data (issue 20 §5): where the newest version's files are (with a
   * trailing slash), its number and time. Without it the page has no open-data section.
   */
  openData?: { url: string; version: number; modified: number }
}

/** The files the open-data section links, with their words. */
const DATA_LINKS = [
  ['ideas.csv', 'openDataIdeas', 'text/csv'],
  ['clusters.csv', 'openDataClusters', 'text/csv'],
  ['votes.csv', 'openDataVotes', 'text/csv'],
  ['resistance.csv', 'openDataResistance', 'text/csv'],
  ['status_changes.csv', 'statusHistory', 'text/csv'],
  ['changelog.csv', 'openDataChangelog', 'text/csv'],
  ['datapackage.json', 'openDataPackage', 'application/json'],
  ['dcat-ap-de.jsonld', 'openDataDcat', 'application/ld+json'],
] as const

/** The open-data section of the public page. */
function openDataSection(
  t: ReturnType<typeof labels>,
  data: NonNullable<PublicPageOptions['openData']>,
  time: (ms: number) => string,
): string[] {
  const link = (base: string, [file, label, type]: (typeof DATA_LINKS)[number]) =>
    `<li><a href="${x(`${base}${file}`)}" type="${type}">${x(t[label])}</a> <span class="note">(${x(file)})</span></li>`
  const version = t.openDataVersion
    .replace('{n}', String(data.version))
    .replace('{date}', time(data.modified))
  const out = [
    '<section aria-labelledby="h-data">',
    `<h2 id="h-data">${x(t.openData)}</h2>`,
    `<p>${x(t.openDataIntro)}</p>`,
    `<p><strong>${x(version)}</strong></p>`,
    '<ul class="data">',
    ...DATA_LINKS.map((entry) => link(data.url, entry)),
    '</ul>',
  ]
  if (data.version > 1) {
    const older = `${data.url}v/${data.version - 1}/`
    out.push(
      `<p>${x(t.openDataOlder.replace('{n}', String(data.version - 1)))} <a href="${x(`${older}datapackage.json`)}">${x(`${older}datapackage.json`)}</a></p>`,
    )
  }
  out.push('</section>')
  return out
}

export const PUBLIC_PAGE_CSS = `
:root { color-scheme: light; }
body { font: 17px/1.5 system-ui, Helvetica, Arial, sans-serif; color: #1a1a1a; background: #fff; max-width: 56rem; margin: 0 auto; padding: 0 1rem 2rem; }
a { color: #0b4f8a; }
a:focus-visible { outline: 3px solid #0b4f8a; outline-offset: 2px; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; }
header.site { display: flex; justify-content: space-between; align-items: baseline; gap: 1rem; border-bottom: 1px solid #ccc; padding: .6rem 0; }
header.site p { margin: 0; font-weight: 600; }
h1 { font-size: 1.9rem; margin: 1.2rem 0 .4rem; }
h2 { font-size: 1.35rem; border-bottom: 2px solid #0b4f8a; padding-bottom: .2rem; margin-top: 2rem; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
dl.meta dt { font-weight: 600; }
dl.meta dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
caption { text-align: left; color: #444; padding-bottom: .3rem; }
th, td { border: 1px solid #999; padding: .35rem .6rem; text-align: left; vertical-align: top; }
th[scope="col"] { background: #eef3f8; }
td.num { text-align: right; white-space: nowrap; }
td.idea { white-space: pre-wrap; overflow-wrap: anywhere; }
.status { display: inline-block; border: 1px solid currentColor; border-radius: 4px; padding: 0 .35rem; font-weight: 600; }
.status-implemented { color: #1d6b2a; }
.status-not_implemented { color: #9b1c1c; }
.status-forwarded, .status-in_review { color: #7a4a00; }
.status-open, .status-merged { color: #333; }
.reason { display: block; color: #333; }
.note { color: #444; }
ol.history { padding-left: 1.4rem; }
ol.history li { margin: .35rem 0; }
footer { margin-top: 2.5rem; border-top: 1px solid #ccc; padding-top: .6rem; color: #444; font-size: .95rem; }
@media print {
  @page { size: A4; margin: 15mm; }
  body { max-width: none; padding: 0; font-size: 11pt; }
  .skip, header.site nav, .feed { display: none; }
  a { color: inherit; text-decoration: none; }
  h2 { break-after: avoid; }
  tr, li { break-inside: avoid; }
  th[scope="col"] { background: none; }
}`

/**
 * The latest revealed dot-voting round on `kind`, or null. (Resistance rounds, issue 20 §6,
 * rank by other figures; the report shows them.)
 */
export function latestRound(outcome: Outcome, kind: 'idea' | 'cluster'): OutcomeRound | null {
  let latest: OutcomeRound | null = null
  for (const r of outcome.rounds) {
    if (r.method === 'resistance' || r.targetKind !== kind) continue
    if (!latest || r.revealedAt >= latest.revealedAt) latest = r
  }
  return latest
}

interface Ranked {
  idea: OutcomeIdea
  rank: number | null
  dots: number | null
  tied: boolean
}

/** A group's ideas, best ranked first (by the round's rank), then the rest by creation. */
export function rankIdeas(ideas: readonly OutcomeIdea[], round: OutcomeRound | null): Ranked[] {
  const results = new Map(round?.results.map((e) => [e.targetId, e]) ?? [])
  return ideas
    .map((idea) => {
      const e = results.get(idea.id)
      return { idea, rank: e?.rank ?? null, dots: e?.dots ?? null, tied: e?.tied ?? false }
    })
    .sort(
      (a, b) =>
        (a.rank ?? Number.POSITIVE_INFINITY) - (b.rank ?? Number.POSITIVE_INFINITY) ||
        a.idea.createdAt - b.idea.createdAt,
    )
}

/** The anchor of an idea on the page (the feed's entries link to it). */
export const ideaAnchor = (ideaId: string) => `idee-${ideaId}`

/**
 * The start of a public page (the results page, a receipt): `<head>` with the title, the extra
 * head lines and the nonce'd style, the skip link, the header naming the page with the link to the
 * other language, and the workshop's title, date and place — the `<dl class="meta">` left open for
 * the caller's further rows.
 */
export function publicPageStart(
  outcome: Outcome,
  lang: Lang,
  page: { name: string; title: string; head: readonly string[]; css: string },
  options: { pageUrl: string; nonce: string },
): string[] {
  const t = labels(lang)
  const other: Lang = lang === 'de' ? 'en' : 'de'
  const w = outcome.workshop
  const out = [
    ...htmlStart(lang),
    `<title>${x(page.title)}</title>`,
    ...page.head,
    `<style nonce="${x(options.nonce)}">${page.css}</style>`,
    '</head>',
    '<body>',
    `<a class="skip" href="#inhalt">${x(t.skipToContent)}</a>`,
    '<header class="site">',
    `<p>Ideenwand · ${x(page.name)}</p>`,
    `<nav aria-label="${x(t.languageNav)}"><a href="${x(`${options.pageUrl}?lang=${other}`)}" hreflang="${other}" lang="${other}">${x(t.otherLanguage)}</a></nav>`,
    '</header>',
    '<main id="inhalt">',
    `<h1>${x(w.title)}</h1>`,
    '<dl class="meta">',
  ]
  if (w.date) out.push(`<dt>${x(t.date)}</dt><dd>${x(formatDay(w.date, lang))}</dd>`)
  if (w.place) out.push(`<dt>${x(t.place)}</dt><dd>${x(w.place)}</dd>`)
  return out
}

export function toPublicPage(outcome: Outcome, lang: Lang, options: PublicPageOptions): string {
  const t = labels(lang)
  const other: Lang = lang === 'de' ? 'en' : 'de'
  const { workshop: w, timeZone } = outcome
  const time = (ms: number) => formatDateTime(ms, lang, timeZone)
  const texts = ideaTextsOf(outcome)
  const q = quoted(lang)
  const ideaRound = latestRound(outcome, 'idea')
  const clusterRound = latestRound(outcome, 'cluster')
  const clusterResults = new Map(clusterRound?.results.map((e) => [e.targetId, e]) ?? [])
  const title = `${t.results}: ${w.title}`
  const licence = LICENCE_INFO[w.licence]
  const out = publicPageStart(
    outcome,
    lang,
    {
      name: t.results,
      title,
      head: [
        `<link rel="alternate" type="application/atom+xml" title="${x(`${t.feedTitle}: ${w.title}`)}" href="${x(options.feedUrl)}">`,
        `<link rel="alternate" hreflang="${other}" href="${x(`${options.pageUrl}?lang=${other}`)}">`,
      ],
      css: PUBLIC_PAGE_CSS,
    },
    options,
  )
  if (w.publisher) out.push(`<dt>${x(t.publisher)}</dt><dd>${x(w.publisher)}</dd>`)
  out.push('</dl>')
  if (w.description.trim()) out.push(`<p>${x(w.description)}</p>`)
  out.push(`<p class="note">${x(ideaRound ? t.rankingNote : t.noRanking)} ${x(t.hiddenNote)}</p>`)

  let n = 0
  for (const group of outcome.groups) {
    if (group.ideas.length === 0) continue
    n += 1
    const heading = `h-${n}`
    const name = group.cluster ? group.cluster.title : t.unsorted
    out.push(`<section aria-labelledby="${heading}">`, `<h2 id="${heading}">${x(name)}</h2>`)
    const cr = group.cluster ? clusterResults.get(group.cluster.id) : undefined
    if (cr) {
      out.push(
        `<p>${x(t.clusterRank)}: ${cr.rank}${cr.tied ? ` (${x(t.tied)})` : ''} · ${x(t.dots)}: ${cr.dots}</p>`,
      )
    }
    out.push(
      '<table>',
      `<caption>${x(`${t.ideasOf} ${q(name)}`)}</caption>`,
      `<thead><tr><th scope="col">${x(t.rank)}</th><th scope="col">${x(t.idea)}</th><th scope="col">${x(t.dots)}</th><th scope="col">${x(t.status)}</th></tr></thead>`,
      '<tbody>',
    )
    for (const r of rankIdeas(group.ideas, ideaRound)) {
      const idea = r.idea
      const rank = r.rank === null ? t.none : `${r.rank}${r.tied ? ` (${t.tied})` : ''}`
      const author = idea.author
        ? ` <span class="note">(${x(t.author)} ${x(idea.author)})</span>`
        : ''
      const since =
        idea.statusChangedAt === null
          ? ''
          : ` <span class="note">${x(t.since)} <time datetime="${isoSeconds(idea.statusChangedAt)}">${x(time(idea.statusChangedAt))}</time></span>`
      const reason = idea.statusReason
        ? `<span class="reason">${x(t.reason)}: ${x(idea.statusReason)}</span>`
        : ''
      // Carried from an earlier workshop (issue 20 §1): where from, with its dots there.
      const carried = idea.carriedFrom
        ? ` <span class="note">(${x(carriedNote(t, idea, lang))})</span>`
        : ''
      out.push(
        `<tr id="${x(ideaAnchor(idea.id))}"><td class="num">${x(rank)}</td><td class="idea">${x(idea.text)}${author}${carried}</td><td class="num">${r.dots ?? x(t.none)}</td><td><span class="status status-${idea.status}">${x(statusText(t, idea, texts, q))}</span>${since}${reason}</td></tr>`,
      )
    }
    out.push('</tbody>', '</table>', '</section>')
  }

  out.push('<section aria-labelledby="h-history">', `<h2 id="h-history">${x(t.statusHistory)}</h2>`)
  if (outcome.statusChanges.length === 0) out.push(`<p>${x(t.noStatusChanges)}</p>`)
  else {
    out.push('<ol class="history" reversed>')
    for (const change of [...outcome.statusChanges].reverse()) {
      out.push(
        `<li><time datetime="${isoSeconds(change.changedAt)}">${x(time(change.changedAt))}</time>: <a href="#${x(ideaAnchor(change.ideaId))}">${x(q(texts.get(change.ideaId) ?? ''))}</a> – ${x(statusText(t, change, texts, q))}${change.reason ? ` (${x(t.reason)}: ${x(change.reason)})` : ''}</li>`,
      )
    }
    out.push('</ol>')
  }
  out.push(
    `<p class="feed"><a href="${x(options.feedUrl)}" type="application/atom+xml">${x(t.feed)}</a></p>`,
    '</section>',
  )
  if (options.openData) out.push(...openDataSection(t, options.openData, time))
  out.push(
    '</main>',
    '<footer>',
    `<p>${x(t.publishedBy)} · ${x(t.licence)}: <a href="${x(licence.url)}">${x(licence.title)}</a> · ${x(t.generated)}: ${x(time(outcome.generatedAt))}</p>`,
    '</footer>',
    '</body>',
    '</html>',
    '',
  )
  return out.join('\n')
}

export interface AtomOptions {
  /** Absolute address of the results page. */
  pageUrl: string
  /** Absolute address of the feed itself. */
  feedUrl: string
}

/**
 * Atom 1.0 (RFC 4287): one entry per status change, newest first. The feed's id is the page's
 * address; an entry's id is the page's address with the idea and the time of the change, so it
 * stays the same however often the feed is read. The author is the publisher (or "Ideenwand"),
 * never the facilitator who made the change.
 */
export function toAtomFeed(outcome: Outcome, lang: Lang, options: AtomOptions): string {
  const t = labels(lang)
  const w = outcome.workshop
  const texts = ideaTextsOf(outcome)
  const q = quoted(lang)
  const changes = [...outcome.statusChanges].reverse()
  const updated = changes[0]?.changedAt ?? w.createdAt
  const out: string[] = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${lang}">`,
    `<id>${x(options.pageUrl)}</id>`,
    `<title>${x(`${t.feedTitle}: ${w.title}`)}</title>`,
    `<updated>${isoSeconds(updated)}</updated>`,
    `<link rel="self" type="application/atom+xml" href="${x(options.feedUrl)}"/>`,
    `<link rel="alternate" type="text/html" href="${x(options.pageUrl)}"/>`,
    `<author><name>${x(w.publisher ?? 'Ideenwand')}</name></author>`,
    '<generator>Ideenwand</generator>',
  ]
  for (const change of changes) {
    const status = statusText(t, change, texts, q)
    const text = texts.get(change.ideaId) ?? ''
    out.push(
      '<entry>',
      `<id>${x(`${options.pageUrl}#${ideaAnchor(change.ideaId)}-${change.changedAt}`)}</id>`,
      `<title>${x(`${q(text)}: ${status}`)}</title>`,
      `<updated>${isoSeconds(change.changedAt)}</updated>`,
      `<link rel="alternate" type="text/html" href="${x(`${options.pageUrl}#${ideaAnchor(change.ideaId)}`)}"/>`,
      `<content type="text">${x(`${t.idea}: ${text}\n${t.status}: ${status}${change.reason ? `\n${t.reason}: ${change.reason}` : ''}`)}</content>`,
      '</entry>',
    )
  }
  out.push('</feed>', '')
  return out.join('\n')
}
