/** The backup file format: round trip, and every kind of damage refused with a clear message. */
import { gunzipSync, gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { type BackupContent, BackupFileError, decodeBackup, encodeBackup } from './format.ts'

const content: BackupContent = {
  header: {
    type: 'header',
    format: 'ideenwand-backup',
    version: 1,
    createdAt: '2026-09-23T02:00:00.000Z',
    engine: 'pglite',
    scope: { kind: 'workshops', ids: ['w1'] },
    migrations: [{ version: 1, name: 'boards', checksum: 'abc' }],
    tables: { workshops: 1, guests: 2 },
    excluded: { sessions: 'not restored' },
  },
  rows: new Map([
    ['workshops', [{ id: 'w1', title: 'Themenlabor' }]],
    [
      'guests',
      [
        { id: 'g1', display_name: 'Paula' },
        { id: 'g2', display_name: null },
      ],
    ],
  ]),
}

/** Re-gzips the file's lines after `edit`. */
function edited(edit: (lines: string[]) => string[]): Uint8Array {
  const lines = gunzipSync(encodeBackup(content)).toString('utf8').trimEnd().split('\n')
  return gzipSync(`${edit(lines).join('\n')}\n`)
}

describe('backup file', () => {
  it('round-trips header and rows', () => {
    expect(decodeBackup(encodeBackup(content))).toEqual(content)
  })

  it.each([
    ['not gzip', () => Buffer.from('{"type":"header"}'), /not gzip-compressed/],
    ['cut off', () => encodeBackup(content).subarray(0, 60), /damaged or cut off/],
    ['without end line', () => edited((l) => l.slice(0, -1)), /end marker is missing/],
    [
      'a row missing',
      () => edited((l) => [...l.slice(0, 2), ...l.slice(3)]),
      /should hold 3 rows but holds 2/,
    ],
    [
      'a line not JSON',
      () => edited((l) => [l[0]!, '{"type":"row",', ...l.slice(2)]),
      /line 2 is not JSON/,
    ],
    ['no header', () => edited((l) => l.slice(1)), /the header is missing/],
    [
      'a newer format',
      () => edited((l) => [l[0]!.replace('"version":1', '"version":2'), ...l.slice(1)]),
      /format version 2 is not supported/,
    ],
    [
      'a bad table name',
      () => edited((l) => [l[0]!, l[1]!.replace('"workshops"', '"x; drop"'), ...l.slice(2)]),
      /invalid table/,
    ],
  ])('refuses a file %s', (_name, make, message) => {
    expect(() => decodeBackup(make())).toThrow(BackupFileError)
    expect(() => decodeBackup(make())).toThrow(message)
  })
})
