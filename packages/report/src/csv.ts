/**
 * CSV writing done right: UTF-8 (optionally with a BOM for Excel), RFC 4180 quoting of the
 * delimiter, quotes and line breaks, CRLF row ends, and text cells beginning with `=`, `+`, `-`,
 * `@`, tab or CR prefixed with `'` so spreadsheets do not run them as formulas (OWASP "CSV
 * injection"). Two dialects: `standard` (comma, no BOM — what open-data portals and tools read)
 * and `excel-de` (semicolon and BOM: what Excel with German settings opens by double-click, since
 * there the comma is the decimal separator and a file without BOM is read as Windows-1252).
 */

export type CsvCell = string | number | boolean | null

export interface CsvOptions {
  /** Start with U+FEFF so Excel reads UTF-8. Default false. */
  bom?: boolean
  /** Between cells. Default `,`. */
  delimiter?: ',' | ';'
}

export const CSV_DIALECTS = ['standard', 'excel-de'] as const
export type CsvDialect = (typeof CSV_DIALECTS)[number]

/** The options of a dialect. */
export function csvDialect(dialect: CsvDialect): Required<CsvOptions> {
  return dialect === 'excel-de' ? { bom: true, delimiter: ';' } : { bom: false, delimiter: ',' }
}

const FORMULA_START = /^[=+\-@\t\r]/

/** One cell: numbers and booleans as they are, null as empty, text neutralised and quoted. */
export function csvCell(value: CsvCell, delimiter: ',' | ';' = ','): string {
  if (value === null) return ''
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : ''
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  const safe = FORMULA_START.test(value) ? `'${value}` : value
  const quote = /["\r\n]/.test(safe) || safe.includes(delimiter)
  return quote ? `"${safe.replace(/"/g, '""')}"` : safe
}

/** A whole CSV file as text: header row, then the rows; every row ends with CRLF. */
export function toCsv(
  header: readonly string[],
  rows: readonly (readonly CsvCell[])[],
  options: CsvOptions = {},
): string {
  const d = options.delimiter ?? ','
  const line = (cells: readonly CsvCell[]) => cells.map((cell) => csvCell(cell, d)).join(d)
  const lines = [line(header)]
  for (const row of rows) lines.push(line(row))
  return `${options.bom ? '\ufeff' : ''}${lines.join('\r\n')}\r\n`
}
