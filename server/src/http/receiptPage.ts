/**
 * A participant's receipt (issue 20 §4) at `/beleg/:token`: the guest's own ideas — public ones
 * (found through the server's authorship record, `idea_authors`) and held ones (pending or hidden,
 * `held_ideas`) — with their current status and dated history, rendered by `@ideenwand/report`
 * (`toReceiptPage`) without client JavaScript. The token leads to the guest, not to a session, so
 * the page works after logout; it stops with the guest's erasure and the workshop's deletion
 * (the rows cascade). `…/feed.atom` is an Atom feed of the same ideas' status changes. Unknown,
 * malformed and revoked tokens get the same 404. Never cached, not indexed; `securityHeaders`
 * sends no referrer from it (the address is the secret).
 */
import { type ReceiptIdea, toAtomFeed, toReceiptPage } from '@ideenwand/report'
import type { Context, Hono } from 'hono'
import QRCode from 'qrcode'
import type { OutcomeService } from '../outcome/OutcomeService.ts'
import type { ControlStore } from '../workshops/ControlStore.ts'
import type { HeldIdeas } from '../workshops/HeldIdeas.ts'
import type { IdeaAuthors } from '../workshops/IdeaAuthors.ts'
import type { Receipts } from '../workshops/Receipts.ts'
import type { WorkshopStore } from '../workshops/WorkshopStore.ts'
import { pickLang, recentOutcomes } from './publicResults.ts'

export interface ReceiptPageDeps {
  receipts: Receipts
  outcomes: OutcomeService
  workshops: WorkshopStore
  authors: IdeaAuthors
  held: HeldIdeas
  control: ControlStore
  /** Absolute URL of a path in the app (PUBLIC_URL's origin, or the request's). */
  appUrl: (origin: string, path: string) => string
}

const TOKEN = /^[a-z0-9]{32}$/

const NOT_FOUND_PAGE = `<!doctype html>
<html lang="de"><head><meta charset="utf-8"><meta name="robots" content="noindex, nofollow"><title>Nicht gefunden – Not found</title></head>
<body><main><h1>Nicht gefunden</h1><p>Diesen Beleg gibt es nicht (mehr).</p>
<p lang="en">This receipt does not exist (any more).</p></main></body></html>
`

/** The path of a receipt, for the link the API hands out. */
export const receiptPath = (token: string) => `/beleg/${token}`

export function mountReceiptPage(app: Hono, deps: ReceiptPageDeps): void {
  // A status change shows after at most a few seconds, as on the results page.
  const outcomeOf = recentOutcomes(deps.outcomes)

  /** The receipt behind the request's token, or null (unknown, malformed, void). */
  const load = async (c: Context) => {
    c.header('Cache-Control', 'no-store')
    c.header('X-Robots-Tag', 'noindex, nofollow')
    const token = c.req.param('token') ?? ''
    const found = TOKEN.test(token) ? await deps.receipts.guestOf(token) : null
    const info = found ? await deps.workshops.info(found.workshopId) : null
    if (!found || !info) return null
    const { guestId, workshopId } = found
    const [outcome, authors, held] = await Promise.all([
      outcomeOf(workshopId),
      deps.authors.list(info.boardId),
      deps.held.list(info.boardId),
    ])
    const publicIdeas = new Map(outcome.groups.flatMap((g) => g.ideas.map((i) => [i.id, i])))
    const ideas: ReceiptIdea[] = []
    for (const [ideaId, author] of authors) {
      const idea = publicIdeas.get(ideaId)
      if (author === guestId && idea) {
        ideas.push({ id: ideaId, text: idea.text, public: true, createdAt: idea.createdAt })
      }
    }
    for (const h of held) {
      if (h.authorId !== guestId || !h.idea) continue
      ideas.push({ id: h.ideaId, text: h.idea.text, public: false, createdAt: h.idea.createdAt })
    }
    const origin = new URL(c.req.url).origin
    const pageUrl = deps.appUrl(origin, receiptPath(token))
    const lang = pickLang(c.req.query('lang'), c.req.header('accept-language'))
    c.header('Content-Language', lang)
    c.header('Vary', 'Accept-Language')
    return { workshopId, outcome, ideas, origin, pageUrl, lang }
  }

  app.get('/beleg/:token', async (c) => {
    const nonce = c.get('secureHeadersNonce')
    if (!nonce) throw new Error('no CSP nonce for this response: securityHeaders() must run first')
    const r = await load(c)
    if (!r) return c.html(NOT_FOUND_PAGE, 404)
    const [state, published, qrSvg] = await Promise.all([
      deps.control.state(r.workshopId),
      deps.outcomes.statuses.store.isPublished(r.workshopId),
      QRCode.toString(r.pageUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }),
    ])
    return c.html(
      toReceiptPage(r.outcome, r.ideas, r.lang, {
        pageUrl: r.pageUrl,
        feedUrl: `${r.pageUrl}/feed.atom`,
        nonce,
        qrSvg,
        resultsUrl: published
          ? deps.appUrl(r.origin, `/ergebnisse/${encodeURIComponent(r.workshopId)}`)
          : null,
        // The same rule as ControlService's: anonymous ideas without stored authorship have none.
        storesAuthors: !state.anonymousIdeas || state.storeAuthors,
      }),
      200,
    )
  })

  /** The person's own status changes as Atom (the results feed, narrowed to their public ideas). */
  app.get('/beleg/:token/feed.atom', async (c) => {
    const r = await load(c)
    if (!r) return c.html(NOT_FOUND_PAGE, 404)
    const own = new Set(r.ideas.filter((i) => i.public).map((i) => i.id))
    const outcome = {
      ...r.outcome,
      statusChanges: r.outcome.statusChanges.filter((s) => own.has(s.ideaId)),
    }
    const feed = toAtomFeed(outcome, r.lang, {
      pageUrl: r.pageUrl,
      feedUrl: `${r.pageUrl}/feed.atom`,
    })
    return c.body(feed, 200, { 'Content-Type': 'application/atom+xml; charset=utf-8' })
  })
}
