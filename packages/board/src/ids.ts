/**
 * Crypto-random ids for ideas and clusters, and the rule for ids supplied by callers (for example a
 * client that wants the idea id to match its canvas shape id).
 * @module
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'
const ID_LENGTH = 21

/** Ids accepted from callers: 1–64 characters of letters, digits, `_`, `-` and `:`. */
export const ID_PATTERN = /^[A-Za-z0-9_:-]{1,64}$/

/**
 * A new 21-character URL-safe id (126 random bits) from the Web Crypto API, which both Node 20 and
 * browsers provide as `globalThis.crypto`.
 */
export function newId(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(ID_LENGTH))
  let id = ''
  // 64 symbols, so the low 6 bits of each byte pick one without bias.
  for (const byte of bytes) id += ALPHABET[byte & 63]
  return id
}

/** True if `value` is usable as an idea or cluster id. */
export function isValidId(value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value)
}
