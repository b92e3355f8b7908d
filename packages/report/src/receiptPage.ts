/**
 * A participant's receipt (issue 20 §4): one person's own ideas of a workshop and what became of
 * them, as a pure function of the {@link Outcome} and the list of their ideas the server found
 * (public ones from the board, held ones — pending or hidden — from the server's held store).
 * It names nobody: no authors, no facilitators. The same page style as the public results page
 * (`toPublicPage`): no scripts, one nonce'd `<style>`, landmarks, printable; every piece of user
 * text is escaped. The QR code of the page's own address is the server's SVG (qrcode), inline.
 */
import { escapeXml as x } from './escape.ts'
import { formatDateTime, isoSeconds } from './format.ts'
import { labels } from './labels.ts'
import { ideaAnchor, PUBLIC_PAGE_CSS, publicPageStart } from './publicPage.ts'
import { ideaTextsOf, quoted, statusText } from './status.ts'
import type { Lang, Outcome, OutcomeIdea } from './types.ts'

/** One of the person's ideas: public (in the outcome) or held (text as the server keeps it). */
export interface ReceiptIdea {
  id: string
  text: string
  public: boolean
  createdAt: number
}

export interface ReceiptPageOptions {
  /** Absolute address of the receipt itself (without query); also what the QR code encodes. */
  pageUrl: string
  /** Address of the receipt's Atom feed (`toAtomFeed` of the person's own changes). */
  feedUrl: string
  /** The response's CSP nonce for the `<style>` element. */
  nonce: string
  /** The public results page while it is published; else null. */
  resultsUrl: string | null
  /** The QR code of `pageUrl` as SVG markup (made by the server, not user text). */
  qrSvg: string
  /** False when the workshop records no authorship: the receipt cannot list ideas. */
  storesAuthors: boolean
}

const RECEIPT_CSS = `
ul.own { list-style: none; padding: 0; }
ul.own > li { border: 1px solid #999; border-radius: 4px; padding: .6rem .8rem; margin: .8rem 0; }
ul.own p.idea { white-space: pre-wrap; overflow-wrap: anywhere; font-weight: 600; margin: 0 0 .3rem; }
figure.qr { max-width: 14rem; margin: 1.5rem 0; }
figure.qr svg { width: 100%; height: auto; }`

export function toReceiptPage(
  outcome: Outcome,
  ideas: readonly ReceiptIdea[],
  lang: Lang,
  options: ReceiptPageOptions,
): string {
  const t = labels(lang)
  const { workshop: w, timeZone } = outcome
  const time = (ms: number) => formatDateTime(ms, lang, timeZone)
  const stamp = (ms: number) => `<time datetime="${isoSeconds(ms)}">${x(time(ms))}</time>`
  const texts = ideaTextsOf(outcome)
  const q = quoted(lang)
  const byId = new Map<string, OutcomeIdea>(
    outcome.groups.flatMap((g) => g.ideas.map((i) => [i.id, i] as const)),
  )
  const title = `${t.receipt}: ${w.title}`
  const out = publicPageStart(
    outcome,
    lang,
    {
      name: t.receipt,
      title,
      head: [
        '<meta name="robots" content="noindex, nofollow">',
        `<link rel="alternate" type="application/atom+xml" title="${x(`${t.feedTitle}: ${w.title}`)}" href="${x(options.feedUrl)}">`,
      ],
      css: `${PUBLIC_PAGE_CSS}${RECEIPT_CSS}`,
    },
    options,
  )
  out.push('</dl>', `<p>${x(t.receiptIntro)}</p>`)
  if (options.resultsUrl) {
    out.push(`<p><a href="${x(options.resultsUrl)}">${x(t.resultsLink)}</a></p>`)
  }
  out.push('<section aria-labelledby="h-own">', `<h2 id="h-own">${x(t.ownIdeas)}</h2>`)
  // Without recorded authorship the public ideas cannot be found: say so rather than show none.
  if (!options.storesAuthors) out.push(`<p>${x(t.noAuthorship)}</p>`)
  else if (ideas.length === 0) out.push(`<p>${x(t.noOwnIdeas)}</p>`)
  if (ideas.length > 0) {
    out.push('<ul class="own">')
    for (const own of [...ideas].sort((a, b) => a.createdAt - b.createdAt)) {
      const idea = own.public ? byId.get(own.id) : undefined
      out.push(
        `<li id="${x(ideaAnchor(own.id))}">`,
        `<p class="idea">${x(own.text)}</p>`,
        `<p class="note">${x(t.visibility)}: ${x(idea ? t.ideaPublic : t.ideaHeld)}</p>`,
      )
      if (idea) {
        const reason = idea.statusReason
          ? `<span class="reason">${x(t.reason)}: ${x(idea.statusReason)}</span>`
          : ''
        const since =
          idea.statusChangedAt === null
            ? ''
            : ` <span class="note">${x(t.since)} ${stamp(idea.statusChangedAt)}</span>`
        out.push(
          `<p>${x(t.status)}: <span class="status status-${idea.status}">${x(statusText(t, idea, texts, q))}</span>${since}${reason}</p>`,
        )
        const changes = outcome.statusChanges.filter((c) => c.ideaId === own.id)
        if (changes.length === 0) out.push(`<p class="note">${x(t.noChanges)}</p>`)
        else {
          out.push(`<ol class="history" aria-label="${x(t.statusHistory)}">`)
          for (const change of changes) {
            out.push(
              `<li>${stamp(change.changedAt)}: ${x(statusText(t, change, texts, q))}${change.reason ? ` (${x(t.reason)}: ${x(change.reason)})` : ''}</li>`,
            )
          }
          out.push('</ol>')
        }
      }
      out.push('</li>')
    }
    out.push('</ul>')
  }
  out.push(
    `<p class="feed"><a href="${x(options.feedUrl)}" type="application/atom+xml">${x(t.feed)}</a></p>`,
    '</section>',
    `<figure class="qr">${options.qrSvg.replace('<svg ', `<svg role="img" aria-label="${x(t.receiptQr)}" `)}<figcaption>${x(t.receiptQr)}</figcaption></figure>`,
    `<p class="note">${x(t.receiptKept)}</p>`,
    '</main>',
    '<footer>',
    `<p>${x(t.publishedBy)} · ${x(t.generated)}: ${x(time(outcome.generatedAt))}</p>`,
    '</footer>',
    '</body>',
    '</html>',
    '',
  )
  return out.join('\n')
}
