/**
 * Hand-made ZIP archives for the import's refusals: a writer that puts down local headers, data
 * and central-directory entries exactly as told — including entries that lie about their sizes
 * or point at the same bytes — and the bomb shapes of issue 15 built with it.
 */
import { constants, crc32, deflateRawSync } from 'node:zlib'

export interface StoredPart {
  name: string
  /** The entry's data as stored (deflated unless `method` is 0). */
  data: Uint8Array
  method?: 0 | 8
  crc?: number
  /** Declared unpacked size (written to both headers). */
  size: number
}

export interface DirectoryEntry {
  name: string
  /** Index of the part whose local header the entry points at. */
  part: number
}

function header(bytes: number[]): DataView {
  return new DataView(new Uint8Array(bytes.length).buffer)
}

/** A ZIP of `parts` (local header + data each) and a central directory of `entries`. */
export function rawZip(parts: StoredPart[], entries: DirectoryEntry[]): Uint8Array {
  const encoder = new TextEncoder()
  const chunks: Uint8Array[] = []
  const offsets: number[] = []
  let at = 0
  const push = (chunk: Uint8Array) => {
    chunks.push(chunk)
    at += chunk.length
  }
  for (const part of parts) {
    offsets.push(at)
    const name = encoder.encode(part.name)
    const local = header(new Array(30).fill(0))
    local.setUint32(0, 0x04034b50, true)
    local.setUint16(4, 20, true)
    local.setUint16(8, part.method ?? 8, true)
    local.setUint32(14, part.crc ?? 0, true)
    local.setUint32(18, part.data.length, true)
    local.setUint32(22, part.size, true)
    local.setUint16(26, name.length, true)
    push(new Uint8Array(local.buffer))
    push(name)
    push(part.data)
  }
  const cdOffset = at
  for (const entry of entries) {
    const part = parts[entry.part]!
    const name = encoder.encode(entry.name)
    const central = header(new Array(46).fill(0))
    central.setUint32(0, 0x02014b50, true)
    central.setUint16(4, 20, true)
    central.setUint16(6, 20, true)
    central.setUint16(10, part.method ?? 8, true)
    central.setUint32(16, part.crc ?? 0, true)
    central.setUint32(20, part.data.length, true)
    central.setUint32(24, part.size, true)
    central.setUint16(28, name.length, true)
    central.setUint32(42, offsets[entry.part]!, true)
    push(new Uint8Array(central.buffer))
    push(name)
  }
  const end = header(new Array(22).fill(0))
  end.setUint32(0, 0x06054b50, true)
  end.setUint16(8, entries.length, true)
  end.setUint16(10, entries.length, true)
  end.setUint32(12, at - cdOffset, true)
  end.setUint32(16, cdOffset, true)
  push(new Uint8Array(end.buffer))
  const out = new Uint8Array(at)
  let offset = 0
  for (const chunk of chunks) {
    out.set(chunk, offset)
    offset += chunk.length
  }
  return out
}

const MiB = 1024 * 1024

/**
 * A raw deflate stream that inflates to `mib` MiB of spaces (valid JSON whitespace) from about
 * 1/1000 of that: 16 MiB blocks flushed to a byte boundary, repeated, then an empty final block.
 */
export function spacesStream(mib: number): Uint8Array {
  const flushed = (n: number) =>
    deflateRawSync(Buffer.alloc(n * MiB, 0x20), { level: 9, finishFlush: constants.Z_FULL_FLUSH })
  const chunks: Buffer[] = []
  const full = flushed(16)
  for (let left = mib; left > 0; left -= 16) chunks.push(left >= 16 ? full : flushed(left))
  chunks.push(deflateRawSync(Buffer.alloc(0)))
  return Buffer.concat(chunks)
}

const EXPORT_FILE = 'ideenwand-export.json'

/** One export entry inflating to 1 GiB, declared as 1,000 bytes. ~1 MB. */
export function inflateBomb(): Uint8Array {
  return rawZip(
    [{ name: EXPORT_FILE, data: spacesStream(1024), size: 1000 }],
    [{ name: EXPORT_FILE, part: 0 }],
  )
}

/**
 * `count` directory entries named like the export, all pointing at one stream that inflates
 * to 20 MiB (honestly declared, with its CRC), i.e. the same bytes unpacked `count` times.
 */
export function overlappingEntries(count: number): Uint8Array {
  const size = 20 * MiB
  const crc = crc32(Buffer.alloc(size, 0x20))
  const part = { name: EXPORT_FILE, data: spacesStream(20), size, crc }
  return rawZip([part], new Array(count).fill({ name: EXPORT_FILE, part: 0 }))
}
