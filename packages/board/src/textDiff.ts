/**
 * Minimal-diff text replacement for Y.Text. Replacing a whole text would drop a collaborator's
 * concurrent keystrokes; deleting and inserting only the changed middle keeps them.
 * @module
 */
import type * as Y from 'yjs'

/** The changed span between two strings: `deleteCount` characters at `index` become `insert`. */
export interface TextChange {
  index: number
  deleteCount: number
  insert: string
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff
}

/**
 * The smallest change from `before` to `after` found by trimming their common prefix and suffix.
 * Never splits a UTF-16 surrogate pair, so emoji stay intact in every replica.
 * Returns null when the strings are equal.
 */
export function diffText(before: string, after: string): TextChange | null {
  if (before === after) return null
  const maxPrefix = Math.min(before.length, after.length)
  let prefix = 0
  while (prefix < maxPrefix && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++
  if (prefix > 0 && isHighSurrogate(before.charCodeAt(prefix - 1))) prefix--

  const maxSuffix = maxPrefix - prefix
  let suffix = 0
  while (
    suffix < maxSuffix &&
    before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)
  ) {
    suffix++
  }
  if (suffix > 0 && isLowSurrogate(before.charCodeAt(before.length - suffix))) suffix--

  return {
    index: prefix,
    deleteCount: before.length - prefix - suffix,
    insert: after.slice(prefix, after.length - suffix),
  }
}

/** Turns `ytext` into `next` with the minimal change. Call inside a transaction to batch it. */
export function applyTextDiff(ytext: Y.Text, next: string): void {
  const change = diffText(ytext.toString(), next)
  if (change === null) return
  if (change.deleteCount > 0) ytext.delete(change.index, change.deleteCount)
  if (change.insert.length > 0) ytext.insert(change.index, change.insert)
}
