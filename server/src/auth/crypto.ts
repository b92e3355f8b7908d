/**
 * Small, well-understood crypto helpers on node:crypto: random tokens, SHA-256 and constant-time
 * comparison (as lucia-auth's session guide prescribes), and argon2id password hashing at OWASP
 * parameters through @node-rs/argon2.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { hash, verify } from '@node-rs/argon2'

/** Lower-case letters and digits without look-alikes (lucia's alphabet): 5 bits per character. */
const TOKEN_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789'

/** A random string of `length` characters from TOKEN_ALPHABET (24 characters = 120 bits). */
export function randomToken(length = 24, alphabet = TOKEN_ALPHABET): string {
  const bytes = randomBytes(length)
  let out = ''
  // 256 is a multiple of 32, so `byte % 32` is unbiased for the 32-character alphabet; other
  // alphabets use rejection sampling.
  if (alphabet.length === 32) {
    for (const byte of bytes) out += alphabet[byte % 32]
    return out
  }
  const limit = 256 - (256 % alphabet.length)
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < limit) out += alphabet[byte % alphabet.length]
      if (out.length === length) break
    }
  }
  return out
}

export function sha256(value: string): Uint8Array {
  return new Uint8Array(createHash('sha256').update(value).digest())
}

export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b)
}

/** OWASP Password Storage Cheat Sheet: argon2id, m = 19 MiB, t = 2, p = 1. */
const ARGON2_OPTIONS = {
  /** `Algorithm.Argon2id` (an ambient const enum, which verbatimModuleSyntax cannot import). */
  algorithm: 2,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS)
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password, ARGON2_OPTIONS)
  } catch {
    return false
  }
}
