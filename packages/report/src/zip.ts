/** Everything of an outcome as one ZIP (fflate: works in Node and browsers). */
import { strToU8, Zip, ZipDeflate, type Zippable, zipSync } from 'fflate'
import { boardSvg } from './boardSvg.ts'
import { type CsvDialect, csvDialect } from './csv.ts'
import {
  DATA_PACKAGE_FILES,
  type DataPackageFiles,
  type PackageSnapshot,
  type PackageVersion,
  renderDataPackage,
  toDataPackage,
} from './dataPackage.ts'
import { type DcatOptions, toDcatApDe } from './dcat.ts'
import { toHtml } from './html.ts'
import { EXPORT_FILE, toMachineExport } from './machineExport.ts'
import { toMarkdown } from './markdown.ts'
import type { Lang, Licence, Outcome } from './types.ts'

export interface ZipOptions {
  licence?: Licence
  lang?: Lang
  dcat: DcatOptions
  /** The CSVs' dialect (csv.ts); default `standard`. */
  csv?: CsvDialect
  /**
   * A published version of the data package (issue 20 §5): its files are rendered from the
   * version's stored snapshot instead of the outcome, and carry its number and changelog.
   */
  published?: { snapshot: PackageSnapshot; version: PackageVersion }
  /** Further files to add (e.g. the server's PDF). */
  extra?: Record<string, Uint8Array | string>
}

/** The names of the files in the ZIP, in order. */
export const ZIP_FILES = [
  ...DATA_PACKAGE_FILES,
  'dcat-ap-de.jsonld',
  EXPORT_FILE,
  'report.html',
  'report.md',
  'board.svg',
] as const

type FileEntry = [name: string, render: () => string | Uint8Array]

/** The files of the ZIP as lazy renderers, so the async variant can yield between them. */
function entries(outcome: Outcome, options: ZipOptions): FileEntry[] {
  const licence = options.licence ?? outcome.workshop.licence
  const lang = options.lang ?? outcome.workshop.language
  const o: Outcome = { ...outcome, workshop: { ...outcome.workshop, licence } }
  let pkg: DataPackageFiles | null = null
  const dataPackage = () => {
    const dialect = csvDialect(options.csv ?? 'standard')
    const published = options.published
    pkg ??= published
      ? renderDataPackage(
          { ...published.snapshot, meta: { ...published.snapshot.meta, licence } },
          dialect,
          {
            created: published.version.created,
            version: published.version,
          },
        )
      : toDataPackage(o, licence, dialect)
    return pkg
  }
  return [
    ...DATA_PACKAGE_FILES.map((file): FileEntry => [file, () => dataPackage()[file]]),
    [
      'dcat-ap-de.jsonld',
      () => `${JSON.stringify(toDcatApDe(o, { ...options.dcat, licence }), null, 2)}\n`,
    ],
    [EXPORT_FILE, () => `${JSON.stringify(toMachineExport(o))}\n`],
    ['report.html', () => toHtml(o, lang)],
    ['report.md', () => toMarkdown(o, lang, { boardImage: 'board.svg' })],
    ['board.svg', () => boardSvg(o, lang)],
    ...Object.entries(options.extra ?? {}).map(
      ([name, content]): FileEntry => [name, () => content],
    ),
  ]
}

const bytes = (content: string | Uint8Array) =>
  typeof content === 'string' ? strToU8(content) : content

/** ZIP times are DOS times (from 1980); clamp so odd clocks cannot make fflate throw. */
const mtimeOf = (outcome: Outcome) => new Date(Math.max(outcome.generatedAt, Date.UTC(1980, 1, 1)))

/**
 * The open-data ZIP: data package, DCAT-AP.de JSON-LD, the machine export for import, the
 * report (HTML, Markdown) and the board picture. Entries carry the outcome's time, so the same
 * outcome always gives the same bytes.
 */
export function toOpenDataZip(outcome: Outcome, options: ZipOptions): Uint8Array {
  const mtime = mtimeOf(outcome)
  const zippable: Zippable = {}
  for (const [name, render] of entries(outcome, options))
    zippable[name] = [bytes(render()), { mtime }]
  return zipSync(zippable, { level: 6 })
}

/** Input bytes deflated per step of {@link toOpenDataZipAsync} (a few ms of work). */
const CHUNK = 64 * 1024

/**
 * The same ZIP built in small steps: renders one file, or deflates 64 KB, then awaits `pause`
 * (default: a macrotask), so a big board does not block a server's event loop for long.
 */
export async function toOpenDataZipAsync(
  outcome: Outcome,
  options: ZipOptions & { pause?: () => Promise<void> },
): Promise<Uint8Array> {
  const pause = options.pause ?? (() => new Promise<void>((resolve) => setTimeout(resolve, 0)))
  const mtime = mtimeOf(outcome)
  const parts: Uint8Array[] = []
  let failure: Error | null = null
  const zip = new Zip((err, chunk) => {
    if (err) failure = err
    else parts.push(chunk)
  })
  for (const [name, render] of entries(outcome, options)) {
    const data = bytes(render())
    await pause()
    const file = new ZipDeflate(name, { level: 6 })
    file.mtime = mtime
    zip.add(file)
    for (let at = 0; at < data.length || at === 0; at += CHUNK) {
      const end = Math.min(at + CHUNK, data.length)
      file.push(data.subarray(at, end), end >= data.length)
      if (end < data.length) await pause()
    }
  }
  zip.end()
  if (failure) throw failure
  let size = 0
  for (const p of parts) size += p.length
  const out = new Uint8Array(size)
  let offset = 0
  for (const p of parts) {
    out.set(p, offset)
    offset += p.length
  }
  return out
}
