/**
 * Who is signed in (`GET /api/me`), shared by every page: a small external store that loads once,
 * can be refreshed after login, join or logout, and re-renders its readers.
 */
import { useEffect, useSyncExternalStore } from 'react'
import { api, type Me } from './endpoints.ts'
import { ApiError } from './http.ts'

export type SessionState =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly me: Me | null }

let state: SessionState = { status: 'loading' }
let pending: Promise<SessionState> | null = null
const listeners = new Set<() => void>()

function set(next: SessionState): void {
  state = next
  for (const listener of listeners) listener()
}

/** Reloads the session from the server; resolves with the new state. */
export function refreshSession(): Promise<SessionState> {
  pending ??= api
    .me()
    .then(
      (me): SessionState => ({ status: 'ready', me }),
      (error: unknown): SessionState => {
        // 401: nobody signed in. Other failures: treat as signed out, pages show their own errors.
        if (!(error instanceof ApiError)) throw error
        return { status: 'ready', me: null }
      },
    )
    .then((next) => {
      set(next)
      return next
    })
    .finally(() => {
      pending = null
    })
  return pending
}

export function setSignedOut(): void {
  set({ status: 'ready', me: null })
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export function useSession(): SessionState {
  const current = useSyncExternalStore(subscribe, () => state)
  useEffect(() => {
    if (state.status === 'loading') void refreshSession()
  }, [])
  return current
}

/** The display name of whoever is signed in (guests without a name get `anonymous`). */
export function displayName(me: Me, anonymous: string): string {
  return me.kind === 'facilitator' ? me.facilitator.name : (me.guest.name ?? anonymous)
}
