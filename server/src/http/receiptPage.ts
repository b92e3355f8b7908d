/**
 * A participant's receipt (issue 20 §4) at `/beleg/:token`: the guest's own ideas — public ones
 * (found through the server's authorship record, `idea_authors`) and held ones (pending or hidden,
 * `held_ideas`) — with their current status and dated history, rendered by `@ideenwand/report`
 * (`toReceiptPage`) without client JavaScript. The token leads to the guest, not to a session, so
 * the page works after logout; it stops with the guest's erasure and the workshop's deletion
 * (the rows cascade). Unknown, malformed and revoked tokens get the same 404. Never cached, not
 * indexed; `securityHeaders` sends no referrer from it (the address is the secret).
 */
import { type ReceiptIdea, toReceiptPage } from '@ideenwand/report'
import type { Hono } from 'hono'
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
  app.get('/beleg/:token', async (c) => {
    c.header('Cache-Control', 'no-store')
    c.header('X-Robots-Tag', 'noindex, nofollow')
    const nonce = c.get('secureHeadersNonce')
    if (!nonce) throw new Error('no CSP nonce for this response: securityHeaders() must run first')
    const token = c.req.param('token')
    const found = TOKEN.test(token) ? await deps.receipts.guestOf(token) : null
    const info = found ? await deps.workshops.info(found.workshopId) : null
    if (!found || !info) return c.html(NOT_FOUND_PAGE, 404)
    const { guestId, workshopId } = found
    const [outcome, authors, held, state, published] = await Promise.all([
      outcomeOf(workshopId),
      deps.authors.list(info.boardId),
      deps.held.list(info.boardId),
      deps.control.state(workshopId),
      deps.outcomes.statuses.store.isPublished(workshopId),
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
    const qrSvg = await QRCode.toString(pageUrl, {
      type: 'svg',
      errorCorrectionLevel: 'M',
      margin: 2,
    })
    c.header('Content-Language', lang)
    c.header('Vary', 'Accept-Language')
    return c.html(
      toReceiptPage(outcome, ideas, lang, {
        pageUrl,
        nonce,
        qrSvg,
        resultsUrl: published
          ? deps.appUrl(origin, `/ergebnisse/${encodeURIComponent(workshopId)}`)
          : null,
        // The same rule as ControlService's: anonymous ideas without stored authorship have none.
        storesAuthors: !state.anonymousIdeas || state.storeAuthors,
      }),
      200,
    )
  })
}
