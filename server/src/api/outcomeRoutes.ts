/**
 * Outcomes over HTTP, for the workshop's facilitators only: the report (HTML, Markdown, PDF),
 * the open-data ZIP (data package, DCAT-AP.de, machine export), the workshop's outcome settings
 * (licence, publisher, names opt-in) and the import of an export as a new workshop.
 *
 * The import takes bodies up to 20 MB, so it is a separate app that index.ts mounts BEFORE the
 * API's 64 KB body limit; it loads the session itself.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi'
import { OpenDataVersionList } from '@ideenwand/protocol'
import {
  baseName,
  CSV_DIALECTS,
  csvDialect,
  DATA_PACKAGE_FILES,
  LICENCES,
  type Outcome,
  renderDataPackage,
  toHtml,
  toMarkdown,
  toOpenDataZipAsync,
} from '@ideenwand/report'
import type { Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { readSessionCookie } from '../auth/cookies.ts'
import { DomainError, DomainErrorCode } from '../DomainError.ts'
import { ApiError } from '../http/errors.ts'
import { openDataDcat, openDataPath, publishedSources } from '../http/publicOpenData.ts'
import { MAX_IMPORT_BYTES } from '../outcome/importFile.ts'
import { renderPdf } from '../outcome/renderPdf.ts'
import type { ApiDeps, ApiEnv } from './deps.ts'
import {
  facilitatorGet,
  facilitatorOf,
  IdParam,
  json,
  jsonBody,
  NoContent,
  route,
  workshopFacilitatorOf,
} from './helpers.ts'

const Flag = z.enum(['0', '1']).transform((v) => v === '1')

const ReportQuery = z.object({
  format: z.enum(['html', 'md', 'pdf']).default('html'),
  lang: z.enum(['de', 'en']).optional(),
  /** 1: name participants (the facilitator's opt-in at export); default: the workshop setting (off). */
  names: Flag.optional(),
})

const OpenDataQuery = z.object({
  licence: z.enum(LICENCES).optional(),
  lang: z.enum(['de', 'en']).optional(),
  /**
   * Where the files will be published (DCAT download URLs are `<baseUrl>/ideas.csv` …); default:
   * the public open-data URLs `/ergebnisse/<id>/daten/`, which answer while the results are
   * published.
   */
  baseUrl: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .optional(),
  /** dcatde:contributorID from the publishing portal's list; left out of the DCAT file without. */
  contributorId: z.url().max(500).optional(),
  /** The CSVs' dialect: `standard` (comma) or `excel-de` (semicolon and BOM for German Excel). */
  csv: z.enum(CSV_DIALECTS).optional(),
})

/** The files of the data package (the newest published version). */
const OPEN_DATA_FILES = DATA_PACKAGE_FILES
const OpenDataFileParams = z.object({
  id: z.string().min(1).max(64),
  file: z.enum(OPEN_DATA_FILES),
})
const OpenDataFileQuery = OpenDataQuery.pick({ licence: true })

const OutcomeSettings = z.object({
  licence: z.enum(LICENCES),
  publisher: z.string().trim().max(200).nullable(),
  reportNames: z.boolean(),
})

const Imported = z.object({ id: z.string(), boardId: z.string() })

const CONTENT_TYPES = {
  html: 'text/html; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  pdf: 'application/pdf',
  zip: 'application/zip',
} as const

/** A download: attachment with a file name, exact length (so browsers show progress), no cache. */
function download(c: Context, body: string | Uint8Array, fileName: string, type: string) {
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body
  return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
    'Content-Type': type,
    'Content-Disposition': `attachment; filename="${fileName}"`,
    'Content-Length': String(bytes.length),
    'Cache-Control': 'private, no-store',
    'X-Content-Type-Options': 'nosniff',
  })
}

export function outcomeRoutes(deps: ApiDeps) {
  const app = new OpenAPIHono<ApiEnv>()
  const outcomes = deps.outcome

  app.openapi(
    route({
      method: 'get',
      path: '/workshops/{id}/report',
      tags: ['outcome'],
      summary: 'The report as printable HTML, Markdown or PDF (hidden ideas left out)',
      request: { params: IdParam, query: ReportQuery },
      responses: {
        200: {
          description: 'The report as a download',
          content: {
            'text/html': { schema: z.string() },
            'text/markdown': { schema: z.string() },
            'application/pdf': { schema: z.string().meta({ format: 'binary' }) },
          },
        },
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const { format, lang, names } = c.req.valid('query')
      await workshopFacilitatorOf(c, deps.workshops, id)
      const outcome: Outcome = await outcomes.outcome(id, { names })
      const language = lang ?? outcome.workshop.language
      const name = `${baseName(outcome)}.${format}`
      if (format === 'pdf')
        return download(c, await renderPdf(outcome, language), name, CONTENT_TYPES.pdf)
      const text = format === 'md' ? toMarkdown(outcome, language) : toHtml(outcome, language)
      return download(c, text, name, CONTENT_TYPES[format])
    },
  )

  app.openapi(
    route({
      method: 'get',
      path: '/workshops/{id}/open-data.zip',
      tags: ['outcome'],
      summary: 'Open data: Frictionless Data Package, DCAT-AP.de JSON-LD, machine export, report',
      request: { params: IdParam, query: OpenDataQuery },
      responses: {
        200: {
          description: 'ZIP archive',
          content: { 'application/zip': { schema: z.string().meta({ format: 'binary' }) } },
        },
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const query = c.req.valid('query')
      await workshopFacilitatorOf(c, deps.workshops, id)
      // An export publishes the package as it is now, when it changed (issue 20 §5). The
      // outcome is built once, under the workshop's licence; the ZIP applies the one asked for.
      const outcome = await outcomes.outcome(id, { names: false })
      const published = await outcomes.versions.publish(id, outcome)
      const origin = new URL(c.req.url).origin
      const url = (path: string) => deps.appUrl(origin, path)
      const zip = await toOpenDataZipAsync(outcome, {
        ...(query.licence ? { licence: query.licence } : {}),
        ...(query.lang ? { lang: query.lang } : {}),
        pause: () => new Promise<void>((resolve) => setImmediate(resolve)),
        ...(query.csv ? { csv: query.csv } : {}),
        published: { snapshot: published.snapshot, version: published.version },
        dcat: {
          ...openDataDcat(published, url, id, await publishedSources(published, outcomes, url)),
          ...(query.baseUrl ? { baseUrl: query.baseUrl } : {}),
          ...(query.contributorId ? { contributorId: query.contributorId } : {}),
        },
      })
      return download(c, zip, `${baseName(outcome)}-open-data.zip`, CONTENT_TYPES.zip)
    },
  )

  app.openapi(
    route({
      method: 'get',
      path: '/workshops/{id}/open-data/{file}',
      tags: ['outcome'],
      summary:
        'One file of the newest published version of the data package (publishes the package as it is now first, when it changed)',
      request: { params: OpenDataFileParams, query: OpenDataFileQuery },
      responses: {
        200: {
          description: 'The CSV (standard dialect) or datapackage.json, as in the ZIP',
          content: {
            'text/csv': { schema: z.string() },
            'application/json': { schema: z.string() },
          },
        },
      },
    }),
    async (c) => {
      const { id, file } = c.req.valid('param')
      const { licence } = c.req.valid('query')
      await workshopFacilitatorOf(c, deps.workshops, id)
      const published = await outcomes.versions.publish(id)
      const snapshot = licence
        ? { ...published.snapshot, meta: { ...published.snapshot.meta, licence } }
        : published.snapshot
      const files = renderDataPackage(snapshot, csvDialect('standard'), {
        created: published.created,
        version: published.version,
      })
      const type = file.endsWith('.json')
        ? 'application/json; charset=utf-8'
        : 'text/csv; charset=utf-8; header=present'
      return download(c, files[file], file, type)
    },
  )

  facilitatorGet(
    app,
    deps.workshops,
    {
      path: 'open-data-versions',
      tags: ['outcome'],
      summary: 'The published versions of the open data, newest first, with their changes',
      schema: OpenDataVersionList,
      description: 'Versions',
    },
    async (id, c) => {
      const [versions, published] = await Promise.all([
        outcomes.versions.list(id),
        outcomes.statuses.store.isPublished(id),
      ])
      const url = deps.appUrl(new URL(c.req.url).origin, openDataPath(id))
      return { versions, url, published }
    },
  )

  app.openapi(
    route({
      method: 'post',
      path: '/workshops/{id}/open-data-versions',
      tags: ['outcome'],
      summary: 'Publish the open data as it is now as a new version (when anything changed)',
      request: { params: IdParam },
      responses: {
        200: json(
          z.object({ number: z.number().int(), created: z.number().int() }),
          'The newest version (a new one only when the data changed)',
        ),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      await workshopFacilitatorOf(c, deps.workshops, id)
      const version = await outcomes.versions.publish(id)
      return c.json({ number: version.number, created: version.created }, 200)
    },
  )

  facilitatorGet(
    app,
    deps.workshops,
    {
      path: 'outcome-settings',
      tags: ['outcome'],
      summary: 'Licence, publisher and whether reports name participants',
      schema: OutcomeSettings,
      description: 'Settings',
    },
    async (id) => {
      const meta = await outcomes.store.meta(id)
      if (!meta) throw new DomainError(DomainErrorCode.WorkshopNotFound)
      return { licence: meta.licence, publisher: meta.publisher, reportNames: meta.reportNames }
    },
  )

  app.openapi(
    route({
      method: 'patch',
      path: '/workshops/{id}/outcome-settings',
      tags: ['outcome'],
      summary: 'Set the licence, publisher or the names opt-in',
      request: { params: IdParam, body: jsonBody(OutcomeSettings.partial()) },
      responses: NoContent,
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      await workshopFacilitatorOf(c, deps.workshops, id)
      const body = c.req.valid('json')
      await outcomes.store.updateSettings(id, {
        ...(body.licence !== undefined ? { licence: body.licence } : {}),
        ...(body.publisher !== undefined ? { publisher: body.publisher || null } : {}),
        ...(body.reportNames !== undefined ? { reportNames: body.reportNames } : {}),
      })
      return c.body(null, 204)
    },
  )

  return app
}

/**
 * `POST /workshops/import`: its own app with a 20 MB body limit, mounted before the API's
 * 64 KB limit, so it loads the session itself.
 */
export function outcomeImportRoute(deps: ApiDeps) {
  const app = new OpenAPIHono<ApiEnv>()
  const path = '/workshops/import'
  app.use(
    path,
    bodyLimit({
      maxSize: MAX_IMPORT_BYTES,
      onError: () => {
        throw new ApiError(
          413,
          'body_too_large',
          `Imports are limited to ${MAX_IMPORT_BYTES} bytes`,
        )
      },
    }),
  )
  app.use(path, async (c, next) => {
    c.set('principal', await deps.access.principal(readSessionCookie(c, deps.cookies)))
    await next()
  })
  app.openapi(
    route({
      method: 'post',
      path,
      tags: ['outcome'],
      summary:
        'Import an export (the open-data ZIP or its ideenwand-export.json) as a new workshop',
      description: `Body: application/zip or application/json, at most ${MAX_IMPORT_BYTES} bytes. The caller becomes the owner. Prepared in a worker thread and refused whole (nothing is stored) with 400 \`invalid_import\`, \`import_too_many_entries\`, \`import_overlapping_entries\`, \`import_too_deep\`; 413 \`body_too_large\`, \`import_unpacks_too_large\`, \`import_too_many_ideas\`, \`import_board_too_large\`, \`import_too_large\`; 422 \`import_timeout\`; 429 \`import_busy\` (Retry-After).`,
      request: {
        body: {
          content: {
            'application/zip': { schema: { type: 'string', format: 'binary' } },
            'application/json': { schema: { type: 'object' } },
          },
        },
      },
      responses: {
        201: json(Imported, 'The new workshop'),
        400: json(z.object({}), 'Not an export, or a malformed one'),
        413: json(z.object({}), 'Too large'),
        422: json(z.object({}), 'Took too long to prepare'),
        429: json(z.object({}), 'Other imports are running'),
      },
    }),
    async (c) => {
      const owner = facilitatorOf(c)
      const bytes = new Uint8Array(await c.req.arrayBuffer())
      const origin = new URL(c.req.url).origin
      // Refusals (import_busy with its Retry-After, too large, …) are answered by onError.
      const created = await deps.outcome.import(owner.facilitator.id, bytes, (code) =>
        deps.appUrl(origin, `/join/${code}`),
      )
      return c.json(created, 201)
    },
  )
  return app
}
