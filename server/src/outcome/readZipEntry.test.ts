import { strToU8, zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { DomainError } from '../DomainError.ts'
import { httpAnswerOf } from '../http/errors.ts'
import { readZipEntry } from './readZipEntry.ts'

const LIMITS = { maxEntries: 10, maxBytes: 1024 * 1024 }
const JSON_TEXT = strToU8(JSON.stringify({ hello: 'Welt', list: [1, 2, 3] }))

/** Offsets of the central-directory records of `zip` (from its end record). */
function centralRecords(zip: Uint8Array): number[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength)
  const end = zip.length - 22
  let at = view.getUint32(end + 16, true)
  const records: number[] = []
  for (let i = 0; i < view.getUint16(end + 10, true); i++) {
    records.push(at)
    at +=
      46 +
      view.getUint16(at + 28, true) +
      view.getUint16(at + 30, true) +
      view.getUint16(at + 32, true)
  }
  return records
}

function refusal(fn: () => unknown): { status: number; code: string } | null {
  try {
    fn()
    return null
  } catch (err) {
    if (!(err instanceof DomainError)) throw err
    // The status the client gets (http/errors.ts maps the domain code).
    return { status: httpAnswerOf(err).status, code: err.code }
  }
}

describe('readZipEntry', () => {
  it('reads a deflated and a stored entry as fflate writes them', () => {
    const deflated = zipSync({ 'a.json': JSON_TEXT, 'b.txt': strToU8('x') })
    const text = (bytes: Uint8Array | null) => (bytes ? new TextDecoder().decode(bytes) : null)
    expect(text(readZipEntry(deflated, 'a.json', LIMITS))).toBe(text(JSON_TEXT))
    const stored = zipSync({ 'a.json': JSON_TEXT }, { level: 0 })
    expect(text(readZipEntry(stored, 'a.json', LIMITS))).toBe(text(JSON_TEXT))
    expect(readZipEntry(deflated, 'missing.json', LIMITS)).toBeNull()
  })

  it('counts the bytes it inflates, whatever the header declares', () => {
    const zip = zipSync({ 'a.json': new Uint8Array(2 * 1024 * 1024).fill(0x20) })
    expect(refusal(() => readZipEntry(zip, 'a.json', LIMITS))).toEqual({
      status: 413,
      code: 'import_unpacks_too_large',
    })
    // The same entry declared as 100 bytes: still stopped at the limit, not trusted.
    const view = new DataView(zip.buffer)
    const [record] = centralRecords(zip)
    view.setUint32(record! + 24, 100, true)
    expect(refusal(() => readZipEntry(zip, 'a.json', LIMITS))).toEqual({
      status: 413,
      code: 'import_unpacks_too_large',
    })
  })

  it('refuses a declared size or checksum the real bytes do not match', () => {
    const zip = zipSync({ 'a.json': JSON_TEXT })
    const [record] = centralRecords(zip)
    new DataView(zip.buffer).setUint32(record! + 24, JSON_TEXT.length - 1, true)
    expect(refusal(() => readZipEntry(zip, 'a.json', LIMITS))).toEqual({
      status: 400,
      code: 'invalid_import',
    })
    const crc = zipSync({ 'a.json': JSON_TEXT })
    const [crcRecord] = centralRecords(crc)
    new DataView(crc.buffer).setUint32(crcRecord! + 16, 12345, true)
    expect(refusal(() => readZipEntry(crc, 'a.json', LIMITS))?.code).toBe('invalid_import')
  })

  it('refuses more entries than allowed before reading them', () => {
    const files = Object.fromEntries(
      Array.from({ length: 11 }, (_, i) => [`f${i}.txt`, strToU8('x')]),
    )
    expect(refusal(() => readZipEntry(zipSync(files), 'f0.txt', LIMITS))).toEqual({
      status: 400,
      code: 'import_too_many_entries',
    })
  })

  it('refuses entries that share their bytes or their name', () => {
    const zip = zipSync({ 'a.json': JSON_TEXT, 'b.json': JSON_TEXT })
    const view = new DataView(zip.buffer)
    const [first, second] = centralRecords(zip)
    // b.json's directory record points at a.json's local header.
    const overlapping = zip.slice()
    new DataView(overlapping.buffer).setUint32(
      second! + 42,
      view.getUint32(first! + 42, true),
      true,
    )
    expect(refusal(() => readZipEntry(overlapping, 'a.json', LIMITS))).toEqual({
      status: 400,
      code: 'import_overlapping_entries',
    })
    // b.json renamed to a.json in the directory.
    const twice = zip.slice()
    twice[second! + 46] = 'a'.charCodeAt(0)
    expect(refusal(() => readZipEntry(twice, 'a.json', LIMITS))).toEqual({
      status: 400,
      code: 'import_overlapping_entries',
    })
  })

  it('refuses what is not a ZIP, is cut off, or points outside the file', () => {
    expect(refusal(() => readZipEntry(strToU8('PK\x03\x04 no zip'), 'a.json', LIMITS))?.code).toBe(
      'invalid_import',
    )
    const zip = zipSync({ 'a.json': JSON_TEXT })
    expect(
      refusal(() => readZipEntry(zip.subarray(0, zip.length - 5), 'a.json', LIMITS))?.code,
    ).toBe('invalid_import')
    const [record] = centralRecords(zip)
    new DataView(zip.buffer).setUint32(record! + 20, 0x7fffffff, true)
    expect(refusal(() => readZipEntry(zip, 'a.json', LIMITS))?.code).toBe('invalid_import')
  })
})
