/**
 * A tiny history-API router: the client has two routes today (`/` and `/b/:boardId`), which does
 * not justify a routing library. `navigate()` pushes a path; `useRoute()` re-renders on changes.
 */
import { useSyncExternalStore } from 'react'

export type Route =
  | { readonly name: 'start' }
  | { readonly name: 'board'; readonly boardId: string }
  | { readonly name: 'notFound' }

/** Board ids: 1–64 URL-safe characters. */
export const BOARD_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/

export function parseRoute(pathname: string): Route {
  if (pathname === '/' || pathname === '') return { name: 'start' }
  const match = /^\/b\/([^/]+)\/?$/.exec(pathname)
  if (match?.[1]) {
    const boardId = decodeURIComponent(match[1])
    if (BOARD_ID_PATTERN.test(boardId)) return { name: 'board', boardId }
  }
  return { name: 'notFound' }
}

const NAVIGATE_EVENT = 'ideenwand:navigate'

export function navigate(path: string): void {
  window.history.pushState(null, '', path)
  window.dispatchEvent(new Event(NAVIGATE_EVENT))
}

export function boardPath(boardId: string): string {
  return `/b/${encodeURIComponent(boardId)}`
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange)
  window.addEventListener(NAVIGATE_EVENT, onChange)
  return () => {
    window.removeEventListener('popstate', onChange)
    window.removeEventListener(NAVIGATE_EVENT, onChange)
  }
}

const getPathname = () => window.location.pathname

export function useRoute(): Route {
  const pathname = useSyncExternalStore(subscribe, getPathname)
  return parseRoute(pathname)
}

/** A random board id: 10 characters from a lowercase alphabet without look-alikes. */
export function newBoardId(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789'
  const bytes = crypto.getRandomValues(new Uint8Array(10))
  let id = ''
  for (const byte of bytes) id += alphabet[byte % alphabet.length]
  return id
}
