/**
 * Crypto-random ids for ideas and clusters, and the rule for ids supplied by callers (for example a
 * client that wants the idea id to match its canvas shape id).
 * @module
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'
const ID_LENGTH = 21

/**
 * The names of `Object.prototype`'s properties. An id equal to one of them, used as a key of a
 * plain object, reads or writes the prototype instead of an entry (`ballot['constructor']` is a
 * function, `ballot['__proto__'] = 1` is ignored), so they are no ids. None is 21 characters
 * long, so no id `newId` makes is among them.
 */
export const PROTOTYPE_NAMES: readonly string[] = [
  '__proto__',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
  'constructor',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'prototype',
  'toLocaleString',
  'toString',
  'valueOf',
]

/**
 * Ids accepted from callers: 1–64 characters of letters, digits, `_`, `-` and `:`, except the
 * names in `PROTOTYPE_NAMES`.
 */
export const ID_PATTERN = new RegExp(`^(?!(?:${PROTOTYPE_NAMES.join('|')})$)[A-Za-z0-9_:-]{1,64}$`)

/**
 * A new 21-character URL-safe id (about 126 random bits) from the Web Crypto API, which both
 * Node 20 and browsers provide as `globalThis.crypto`. It starts with a letter or digit, never
 * with `-` or `_`: a spreadsheet takes a cell starting with `-` (or `=`, `+`, `@`) for a formula,
 * so an id like that would need a `'` in the CSV exports and no longer match the board and the
 * JSON. Ids made before this rule (1 in 64 starts with `-`) stay valid.
 */
export function newId(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(ID_LENGTH))
  // The first symbol from the 62 letters and digits, without bias: draw again on 62 and 63.
  let first = bytes[0] ?? 0
  while ((first & 63) >= 62) first = globalThis.crypto.getRandomValues(new Uint8Array(1))[0] ?? 0
  let id = ALPHABET[first & 63] ?? 'A'
  // 64 symbols, so the low 6 bits of each byte pick one without bias.
  for (const byte of bytes.subarray(1)) id += ALPHABET[byte & 63]
  return id
}

/** True if `value` is usable as an idea or cluster id. */
export function isValidId(value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value)
}
