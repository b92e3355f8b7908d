/**
 * The published open data of a workshop (issue 20 §5) at stable public URLs, while its results
 * page is published (otherwise — and for unknown ids, versions or files — the same 404):
 *
 * - `/ergebnisse/:id/daten/:file` — the newest version: `datapackage.json`, the CSVs,
 *   `changelog.csv` and `dcat-ap-de.jsonld` (whose download URLs are these addresses);
 * - `/ergebnisse/:id/daten/v/:n/:file` — version `n`, unchanged for as long as it is kept
 *   (erasure of a person's ideas is the one thing that changes an old version).
 *
 * The first version is published when the page is published; later ones by status changes,
 * carried ideas and exports (OpenDataVersions). Reads never make a version, so a visitor cannot
 * cause one. Revalidated on every read (ETag), so taking the page down takes effect at once.
 */
import { createHash } from 'node:crypto'
import { isValidId } from '@ideenwand/board'
import {
  csvDialect,
  DATA_PACKAGE_FILES,
  type DcatOptions,
  IDEAS_FIELDS,
  renderDataPackage,
  snapshotRows,
  toDcatApDe,
} from '@ideenwand/report'
import type { Context, Hono } from 'hono'
import type { OpenDataVersion, OpenDataVersions } from '../outcome/OpenDataVersions.ts'
import type { OutcomeService } from '../outcome/OutcomeService.ts'

/** The files of a version, by the name in its URL. */
export const PUBLIC_DATA_FILES = [...DATA_PACKAGE_FILES, 'dcat-ap-de.jsonld'] as const
type PublicDataFile = (typeof PUBLIC_DATA_FILES)[number]

/** Where the newest version's files are (with a trailing slash). */
export function openDataPath(workshopId: string): string {
  return `/ergebnisse/${encodeURIComponent(workshopId)}/daten/`
}

/** The workshops a version's carried ideas came from (issue 20 §1), each once. */
export function carriedSources(published: OpenDataVersion): string[] {
  const rows = snapshotRows(published.snapshot, 'ideas')
  const at = IDEAS_FIELDS.findIndex((f) => f.name === 'carried_from_workshop')
  return [...new Set(rows.map((r) => r[at]).filter((v): v is string => typeof v === 'string'))]
}

/**
 * `dct:source` of a version: the public open data of the workshops its carried ideas came from,
 * those whose results are published (a link to a page that answers 404 would be no source).
 */
export async function publishedSources(
  published: OpenDataVersion,
  outcomes: OutcomeService,
  url: (path: string) => string,
): Promise<string[]> {
  const sources: string[] = []
  for (const id of carriedSources(published)) {
    if (await outcomes.statuses.store.isPublished(id))
      sources.push(`${url(openDataPath(id))}#dataset`)
  }
  return sources
}

/** Longest `adms:versionNotes`: the changes of the version in words. */
const MAX_NOTES = 2000

/**
 * The DCAT options of a published version: download URLs at the stable public addresses,
 * landing page the results page, first and this version's time, number and notes.
 */
export function openDataDcat(
  published: OpenDataVersion,
  url: (path: string) => string,
  workshopId: string,
  sources: string[] = [],
): DcatOptions {
  const log = published.version.changelog
  const notes = log
    .filter((e) => e.version === published.number)
    .map((e) => e.detail)
    .join('; ')
  return {
    baseUrl: url(openDataPath(workshopId)),
    accessUrl: url(`/ergebnisse/${encodeURIComponent(workshopId)}`),
    version: {
      number: published.number,
      issued: log[0]?.modified ?? published.created,
      modified: published.created,
      notes: notes.length > MAX_NOTES ? `${notes.slice(0, MAX_NOTES - 1)}…` : notes,
    },
    ...(sources.length > 0 ? { sources } : {}),
  }
}

/** A version's file as text. */
export function versionFile(
  published: OpenDataVersion,
  file: PublicDataFile,
  dcat: DcatOptions,
): string {
  if (file === 'dcat-ap-de.jsonld') {
    const { meta } = published.snapshot
    const subject = {
      generatedAt: published.created,
      workshop: {
        ...meta.workshop,
        language: meta.language,
        licence: meta.licence,
        publisher: meta.publisher,
      },
    }
    return `${JSON.stringify(toDcatApDe(subject, dcat), null, 2)}\n`
  }
  const files = renderDataPackage(published.snapshot, csvDialect('standard'), {
    created: published.created,
    version: published.version,
  })
  return files[file]
}

const TYPES: Record<string, string> = {
  json: 'application/json; charset=utf-8',
  jsonld: 'application/ld+json; charset=utf-8',
  csv: 'text/csv; charset=utf-8; header=present',
}

const NOT_FOUND =
  'Nicht gefunden – diese Daten gibt es nicht, oder sie sind nicht veröffentlicht.\nNot found – this data does not exist or is not published.\n'

export function mountPublicOpenData(
  app: Hono,
  outcomes: OutcomeService,
  appUrl: (origin: string, path: string) => string,
): void {
  const versions: OpenDataVersions = outcomes.versions

  /** The version asked for while the workshop is published; null → 404. */
  const versionOf = async (id: string, number: number | null) => {
    if (!isValidId(id) || !(await outcomes.statuses.store.isPublished(id))) return null
    if (number !== null) {
      return number >= 1 ? versions.get(id, number) : null
    }
    // Published before versions existed: the first read publishes the first version.
    return (await versions.latest(id)) ?? versions.publish(id)
  }

  const serve = async (c: Context, number: number | null) => {
    const id = c.req.param('id') ?? ''
    const file = c.req.param('file') ?? ''
    const published = (PUBLIC_DATA_FILES as readonly string[]).includes(file)
      ? await versionOf(id, number)
      : null
    if (!published) {
      c.header('Cache-Control', 'no-store')
      return c.text(NOT_FOUND, 404)
    }
    const origin = new URL(c.req.url).origin
    const url = (path: string) => appUrl(origin, path)
    const sources =
      file === 'dcat-ap-de.jsonld' ? await publishedSources(published, outcomes, url) : []
    const dcat = openDataDcat(published, url, id, sources)
    const body = versionFile(published, file as PublicDataFile, dcat)
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`
    c.header('ETag', etag)
    c.header('Cache-Control', 'public, no-cache')
    c.header('Access-Control-Allow-Origin', '*')
    c.header('X-Content-Type-Options', 'nosniff')
    c.header('X-Open-Data-Version', String(published.number))
    if (c.req.header('if-none-match') === etag) return c.body(null, 304)
    return c.body(body, 200, {
      'Content-Type': TYPES[file.split('.').at(-1) ?? ''] ?? 'text/plain',
    })
  }

  app.get('/ergebnisse/:id/daten/:file', (c) => serve(c, null))
  // A made-up version number is no version: it gets the same 404 as one that does not exist.
  app.get('/ergebnisse/:id/daten/v/:n/:file', (c) => {
    const n = c.req.param('n')
    return serve(c, /^[1-9]\d{0,8}$/.test(n) ? Number(n) : 0)
  })
}
