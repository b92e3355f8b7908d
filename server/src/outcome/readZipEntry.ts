/**
 * Reads one file out of an uploaded ZIP without trusting the archive: the central directory is
 * walked by hand so that every entry is checked before anything is inflated, and the one entry
 * wanted is inflated with a hard limit on the bytes it really produces.
 *
 * Refused (as {@link DomainError}s with their own codes, see docs/security.md "Import bombs"):
 * - more entries than `maxEntries` (`import_too_many_entries`) — read from the end record before
 *   the directory is walked;
 * - two entries with the same name, or whose byte ranges (local header + data) overlap, e.g. many
 *   directory entries pointing at one highly compressed stream (`import_overlapping_entries`);
 * - an entry that inflates past `maxBytes`, whatever its header declares: zlib stops as soon as
 *   its output passes the limit (`import_unpacks_too_large`);
 * - anything malformed, encrypted, ZIP64 or damaged (size or CRC-32 differs): `invalid_import`.
 *
 * fflate (which writes our exports) has no bounded inflate and trusts the directory's sizes, so
 * the reading side uses Node's zlib, whose `maxOutputLength` counts real output.
 */
import { crc32, inflateRawSync } from 'node:zlib'
import { DomainError, DomainErrorCode } from '../DomainError.ts'

export interface ZipLimits {
  /** Most entries the archive may list. */
  maxEntries: number
  /** Most bytes the wanted entry may unpack to. */
  maxBytes: number
}

interface Entry {
  name: string
  flags: number
  method: number
  crc: number
  compressedSize: number
  size: number
  /** Offset of the local file header. */
  offset: number
}

const EOCD = 0x06054b50
const EOCD_LENGTH = 22
const ZIP64_LOCATOR = 0x07064b50
const CENTRAL = 0x02014b50
const CENTRAL_LENGTH = 46
const LOCAL = 0x04034b50
const LOCAL_LENGTH = 30
const MAX_COMMENT = 0xffff

const invalid = (why: string) => new DomainError(DomainErrorCode.InvalidImport, `The ZIP ${why}`)

/** The end-of-central-directory record: the last one whose comment reaches the file's end. */
function findEnd(view: DataView): number {
  const last = view.byteLength - EOCD_LENGTH
  for (let at = last; at >= 0 && at >= last - MAX_COMMENT; at--) {
    if (
      view.getUint32(at, true) === EOCD &&
      at + EOCD_LENGTH + view.getUint16(at + 20, true) === view.byteLength
    )
      return at
  }
  throw invalid('has no central directory (not a ZIP archive, or cut off)')
}

function readDirectory(bytes: Uint8Array, view: DataView, limits: ZipLimits): Entry[] {
  const end = findEnd(view)
  if (end >= 20 && view.getUint32(end - 20, true) === ZIP64_LOCATOR)
    throw invalid('is a ZIP64 archive, which an export never is')
  const disk = view.getUint16(end + 4, true)
  const cdDisk = view.getUint16(end + 6, true)
  const onDisk = view.getUint16(end + 8, true)
  const count = view.getUint16(end + 10, true)
  const cdSize = view.getUint32(end + 12, true)
  const cdOffset = view.getUint32(end + 16, true)
  if (disk !== 0 || cdDisk !== 0 || onDisk !== count) throw invalid('spans several disks')
  if (count > limits.maxEntries) {
    throw new DomainError(
      DomainErrorCode.ImportTooManyEntries,
      `The ZIP lists ${count} files; an export has a handful, at most ${limits.maxEntries} are accepted`,
    )
  }
  if (cdOffset + cdSize > end) throw invalid('has a central directory outside the file')
  const decoder = new TextDecoder('utf-8', { fatal: false })
  const entries: Entry[] = []
  let at = cdOffset
  for (let i = 0; i < count; i++) {
    if (at + CENTRAL_LENGTH > cdOffset + cdSize || view.getUint32(at, true) !== CENTRAL)
      throw invalid('has a damaged central directory')
    const nameLength = view.getUint16(at + 28, true)
    const extraLength = view.getUint16(at + 30, true)
    const commentLength = view.getUint16(at + 32, true)
    const next = at + CENTRAL_LENGTH + nameLength + extraLength + commentLength
    if (next > cdOffset + cdSize) throw invalid('has a damaged central directory')
    entries.push({
      name: decoder.decode(bytes.subarray(at + CENTRAL_LENGTH, at + CENTRAL_LENGTH + nameLength)),
      flags: view.getUint16(at + 8, true),
      method: view.getUint16(at + 10, true),
      crc: view.getUint32(at + 16, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      offset: view.getUint32(at + 42, true),
    })
    at = next
  }
  if (at !== cdOffset + cdSize) throw invalid('has a damaged central directory')
  checkRanges(view, entries, cdOffset)
  return entries
}

/** Each entry's bytes (local header + data) must lie before the directory and apart from the others'. */
function checkRanges(view: DataView, entries: Entry[], cdOffset: number): void {
  const names = new Set<string>()
  const ranges: [start: number, end: number, name: string][] = []
  for (const entry of entries) {
    if (names.has(entry.name)) {
      throw new DomainError(
        DomainErrorCode.ImportOverlappingEntries,
        `The ZIP lists ${entry.name} more than once`,
      )
    }
    names.add(entry.name)
    const at = entry.offset
    if (at + LOCAL_LENGTH > cdOffset || view.getUint32(at, true) !== LOCAL)
      throw invalid(`has a damaged entry ${entry.name}`)
    const dataStart =
      at + LOCAL_LENGTH + view.getUint16(at + 26, true) + view.getUint16(at + 28, true)
    const dataEnd = dataStart + entry.compressedSize
    if (dataEnd > cdOffset) throw invalid(`has an entry ${entry.name} that runs past its end`)
    ranges.push([at, dataEnd, entry.name])
  }
  ranges.sort((a, b) => a[0] - b[0])
  for (let i = 1; i < ranges.length; i++) {
    const previous = ranges[i - 1]!
    const range = ranges[i]!
    if (range[0] < previous[1]) {
      throw new DomainError(
        DomainErrorCode.ImportOverlappingEntries,
        `The ZIP's entries ${previous[2]} and ${range[2]} share their bytes`,
      )
    }
  }
}

function tooLarge(name: string, maxBytes: number): DomainError {
  return new DomainError(
    DomainErrorCode.ImportUnpacksTooLarge,
    `${name} unpacks to more than ${maxBytes} bytes`,
  )
}

/**
 * The unpacked bytes of the entry `name` of the ZIP `bytes`, or `null` when the archive has no
 * such entry. Throws {@link DomainError}s for the refusals listed above.
 */
export function readZipEntry(
  bytes: Uint8Array,
  name: string,
  limits: ZipLimits,
): Uint8Array | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const entry = readDirectory(bytes, view, limits).find((e) => e.name === name)
  if (!entry) return null
  if (entry.flags & 0x1) throw invalid(`has an encrypted ${name}`)
  if (entry.size > limits.maxBytes) throw tooLarge(name, limits.maxBytes)
  const dataStart =
    entry.offset +
    LOCAL_LENGTH +
    view.getUint16(entry.offset + 26, true) +
    view.getUint16(entry.offset + 28, true)
  const data = bytes.subarray(dataStart, dataStart + entry.compressedSize)
  let out: Uint8Array
  if (entry.method === 0) {
    out = data
  } else if (entry.method === 8) {
    try {
      out = inflateRawSync(data, { maxOutputLength: limits.maxBytes })
    } catch (err) {
      if ((err as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE')
        throw tooLarge(name, limits.maxBytes)
      throw invalid(`has a damaged ${name} (${(err as Error).message})`)
    }
  } else {
    throw invalid(`packs ${name} with a method other than deflate (${entry.method})`)
  }
  // Checked after unpacking: the declared size is only believed once the real bytes agree.
  if (out.length !== entry.size || crc32(out) !== entry.crc)
    throw invalid(`has a damaged ${name} (its size or checksum does not match)`)
  return out
}
