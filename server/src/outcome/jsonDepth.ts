/**
 * How deeply a JSON text nests, found in one linear pass over its characters without parsing
 * or recursing, so that an import can refuse a record nested thousands of levels deep before
 * anything (JSON.parse, the schema, Yjs' encoder) walks it recursively.
 */

const QUOTE = 0x22
const BACKSLASH = 0x5c
const OPEN_BRACE = 0x7b
const OPEN_BRACKET = 0x5b
const CLOSE_BRACE = 0x7d
const CLOSE_BRACKET = 0x5d

/**
 * Whether `text` opens more than `limit` objects/arrays inside each other at any point. Brackets
 * inside strings do not count. Malformed JSON is left to JSON.parse to refuse.
 *
 * @example nestsDeeperThan('{"a":[[1]]}', 2) // true: three levels
 */
export function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === BACKSLASH) i++
      else if (c === QUOTE) inString = false
    } else if (c === QUOTE) {
      inString = true
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > limit) return true
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--
    }
  }
  return false
}
