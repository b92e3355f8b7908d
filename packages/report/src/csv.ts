/**
 * CSV writing done right: UTF-8 (optionally with a BOM for Excel), RFC 4180 quoting of commas,
 * quotes and line breaks, CRLF row ends, and text cells beginning with `=`, `+`, `-`, `@`, tab or
 * CR prefixed with `'` so spreadsheets do not run them as formulas (OWASP "CSV injection").
 */

export type CsvCell = string | number | boolean | null

export interface CsvOptions {
  /** Start with U+FEFF so Excel reads UTF-8. Default false. */
  bom?: boolean
}

const FORMULA_START = /^[=+\-@\t\r]/
const NEEDS_QUOTES = /[",\r\n]/

/** One cell: numbers and booleans as they are, null as empty, text neutralised and quoted. */
export function csvCell(value: CsvCell): string {
  if (value === null) return ''
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : ''
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  const safe = FORMULA_START.test(value) ? `'${value}` : value
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/** A whole CSV file as text: header row, then the rows; every row ends with CRLF. */
export function toCsv(
  header: readonly string[],
  rows: readonly (readonly CsvCell[])[],
  options: CsvOptions = {},
): string {
  const lines = [header.map(csvCell).join(',')]
  for (const row of rows) lines.push(row.map(csvCell).join(','))
  return `${options.bom ? '\ufeff' : ''}${lines.join('\r\n')}\r\n`
}
