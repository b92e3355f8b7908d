/**
 * The public results page of a workshop (issue 20 §3) at `/ergebnisse/:id`, and its Atom feed
 * of status changes at `/ergebnisse/:id/feed.atom`: server-rendered by `@ideenwand/report`
 * (`toPublicPage`, `toAtomFeed`), no client JavaScript. Only while a facilitator has published
 * it; otherwise — and for an unknown id — the same 404, so nothing leaks. German, or English with
 * `?lang=en` or an Accept-Language that prefers English. ETags make repeated reads cheap for
 * feed readers; the rendered outcome is kept for a few seconds so a busy page does not rebuild
 * the board for every reader.
 */
import { createHash } from 'node:crypto'
import { isValidId } from '@ideenwand/board'
import { type Lang, type Outcome, toAtomFeed, toPublicPage } from '@ideenwand/report'
import type { Context, Hono } from 'hono'
import { DomainError, DomainErrorCode } from '../DomainError.ts'
import type { OutcomeService } from '../outcome/OutcomeService.ts'
import { openDataPath } from './publicOpenData.ts'

/** How long a rendered outcome is reused (a status change shows after at most this). */
const FRESH_MS = 5000

/** `?lang=` first, then the first of de/en in Accept-Language's order of preference. */
export function pickLang(query: string | undefined, acceptLanguage: string | undefined): Lang {
  if (query === 'de' || query === 'en') return query
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';')
      const qParam = params.find((p) => p.trim().startsWith('q='))
      const q = qParam ? Number(qParam.trim().slice(2)) : 1
      return { lang: tag.split('-')[0], q: Number.isFinite(q) ? q : 0, i }
    })
    .filter((e) => (e.lang === 'de' || e.lang === 'en') && e.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i)
  return (ranked[0]?.lang as Lang | undefined) ?? 'de'
}

const NOT_FOUND_PAGE = `<!doctype html>
<html lang="de"><head><meta charset="utf-8"><title>Nicht gefunden – Not found</title></head>
<body><main><h1>Nicht gefunden</h1><p>Diese Ergebnisseite gibt es nicht, oder sie ist nicht veröffentlicht.</p>
<p lang="en">This results page does not exist or is not published.</p></main></body></html>
`

const etagOf = (body: string) =>
  `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`

/**
 * A workshop's outcome, built at most once per {@link FRESH_MS}: many readers of a public page
 * (results, receipts) do not rebuild a stored board each.
 */
export function recentOutcomes(outcomes: OutcomeService): (id: string) => Promise<Outcome> {
  const recent = new Map<string, { at: number; outcome: Promise<Outcome> }>()
  return (id) => {
    const now = Date.now()
    for (const [key, entry] of recent) if (now - entry.at > FRESH_MS) recent.delete(key)
    let entry = recent.get(id)
    if (!entry) {
      entry = { at: now, outcome: outcomes.outcome(id) }
      entry.outcome.catch(() => recent.delete(id))
      recent.set(id, entry)
    }
    return entry.outcome
  }
}

export function mountPublicResults(
  app: Hono,
  outcomes: OutcomeService,
  /** Absolute URL of a path in the app (PUBLIC_URL's origin, or the request's). */
  appUrl: (origin: string, path: string) => string,
): void {
  const recent = recentOutcomes(outcomes)
  /** The outcome while published (checked on every read, so taking it down is immediate). */
  const outcomeOf = async (id: string): Promise<Outcome> => {
    if (!(await outcomes.statuses.store.isPublished(id))) {
      throw new DomainError(DomainErrorCode.WorkshopNotFound)
    }
    return recent(id)
  }

  /** Renders for a published workshop; the same 404 for unknown and unpublished ones. */
  const serve = async (
    c: Context,
    type: string,
    render: (outcome: Outcome, lang: Lang, base: string) => string,
  ) => {
    const id = c.req.param('id') ?? ''
    let outcome: Outcome
    try {
      if (!isValidId(id)) throw new DomainError(DomainErrorCode.WorkshopNotFound)
      outcome = await outcomeOf(id)
    } catch (err) {
      if (!(err instanceof DomainError)) throw err
      c.header('Cache-Control', 'no-store')
      return c.html(NOT_FOUND_PAGE, 404)
    }
    const lang = pickLang(c.req.query('lang'), c.req.header('accept-language'))
    const base = appUrl(new URL(c.req.url).origin, `/ergebnisse/${encodeURIComponent(id)}`)
    const body = render(outcome, lang, base)
    const etag = etagOf(`${lang}\n${body}`)
    c.header('ETag', etag)
    c.header('Vary', 'Accept-Language')
    c.header('Content-Language', lang)
    // Revalidated on every read: taking the page down must take effect at once.
    c.header('Cache-Control', 'public, no-cache')
    if (c.req.header('if-none-match') === etag) return c.body(null, 304)
    return c.body(body, 200, { 'Content-Type': type })
  }

  const NONCE_SLOT = '__IDEENWAND_RESULTS_NONCE__'
  /** The newest open-data version of a published workshop (the first is made when missing). */
  const openDataOf = async (id: string) => {
    if (!isValidId(id) || !(await outcomes.statuses.store.isPublished(id))) return null
    // Number and time only: the page links the files, it does not render them.
    return (await outcomes.versions.newest(id)) ?? outcomes.versions.publish(id)
  }

  app.get('/ergebnisse/:id', async (c) => {
    const nonce = c.get('secureHeadersNonce')
    if (!nonce) throw new Error('no CSP nonce for this response: securityHeaders() must run first')
    const id = c.req.param('id')
    const data = await openDataOf(id)
    // Rendered with a placeholder, so the ETag does not change with every response's nonce.
    const res = await serve(c, 'text/html; charset=utf-8', (outcome, lang, base) =>
      toPublicPage(outcome, lang, {
        pageUrl: base,
        feedUrl: `${base}/feed.atom`,
        nonce: NONCE_SLOT,
        ...(data
          ? {
              openData: {
                url: appUrl(new URL(c.req.url).origin, openDataPath(id)),
                version: data.number,
                modified: data.created,
              },
            }
          : {}),
      }),
    )
    if (res.status !== 200) return res
    const html = (await res.text()).replace(NONCE_SLOT, nonce)
    const headers = new Headers(res.headers)
    headers.delete('content-length')
    return new Response(html, { status: 200, headers })
  })
  app.get('/ergebnisse/:id/feed.atom', (c) =>
    serve(c, 'application/atom+xml; charset=utf-8', (outcome, lang, base) =>
      toAtomFeed(outcome, lang, { pageUrl: base, feedUrl: `${base}/feed.atom` }),
    ),
  )
}
