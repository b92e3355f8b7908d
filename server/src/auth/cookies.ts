/**
 * The session cookie: HttpOnly, SameSite=Lax, Path=/; on https also Secure with the `__Host-`
 * prefix (no Domain, so it stays with exactly this host). Hono adds the prefix itself.
 */
import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'

export const SESSION_COOKIE = 'ideenwand_session'

export interface CookiePolicy {
  secure: boolean
}

export function readSessionCookie(c: Context, policy: CookiePolicy): string | undefined {
  return policy.secure ? getCookie(c, SESSION_COOKIE, 'host') : getCookie(c, SESSION_COOKIE)
}

export function setSessionCookie(c: Context, policy: CookiePolicy, token: string, expiresAt: Date) {
  setCookie(c, SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: policy.secure,
    expires: expiresAt,
    ...(policy.secure ? { prefix: 'host' as const } : {}),
  })
}

export function clearSessionCookie(c: Context, policy: CookiePolicy) {
  deleteCookie(c, SESSION_COOKIE, {
    path: '/',
    secure: policy.secure,
    ...(policy.secure ? { prefix: 'host' as const } : {}),
  })
}
