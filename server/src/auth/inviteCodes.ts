/**
 * Invite codes people type from a projector or a printed handout: six characters from an
 * alphabet without look-alikes (no 0/O, 1/I/L, 2/Z, 5/S, 8/B), shown as `K7P-2QX`-style pairs of
 * three. 24^6 ≈ 191 million codes; guessing is throttled by the join rate limit.
 */
import { randomToken } from './crypto.ts'

export const INVITE_CODE_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY3467'

export function newInviteCode(): string {
  const raw = randomToken(6, INVITE_CODE_ALPHABET)
  return `${raw.slice(0, 3)}-${raw.slice(3)}`
}

/**
 * Normalises what a person typed: upper case, look-alikes mapped (O→0 is not in the alphabet, so
 * O is read as Q? No: ambiguous letters are simply rejected later), separators and spaces removed,
 * then re-grouped. Returns null when it cannot be a code.
 */
export function normaliseInviteCode(input: string): string | null {
  const compact = input.toUpperCase().replace(/[\s\-_.]/g, '')
  if (compact.length !== 6) return null
  for (const ch of compact) if (!INVITE_CODE_ALPHABET.includes(ch)) return null
  return `${compact.slice(0, 3)}-${compact.slice(3)}`
}
