/**
 * A tiny history-API router: a dozen flat routes do not justify a routing library.
 * `parseRoute()` maps a path to a typed route, `navigate()` pushes (or replaces) a path and
 * `useRoute()` re-renders on changes.
 */
import { useSyncExternalStore } from 'react'

export type Route =
  | { readonly name: 'start' }
  | { readonly name: 'setup' }
  | { readonly name: 'login' }
  | { readonly name: 'account' }
  | { readonly name: 'workshops' }
  | { readonly name: 'workshop'; readonly id: string }
  | { readonly name: 'handout'; readonly id: string }
  | { readonly name: 'join'; readonly code: string | null }
  | { readonly name: 'invite'; readonly token: string }
  | { readonly name: 'table'; readonly token: string }
  | { readonly name: 'board'; readonly boardId: string }
  | { readonly name: 'phone'; readonly boardId: string }
  | { readonly name: 'projector'; readonly boardId: string }
  | { readonly name: 'list'; readonly boardId: string }
  | { readonly name: 'accessibility' }
  | { readonly name: 'help' }
  | { readonly name: 'privacy' }
  | { readonly name: 'easyRead'; readonly page: 'start' | 'how' }
  | { readonly name: 'notFound' }

/** Board ids: 1–64 URL-safe characters. */
export const BOARD_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/
/** Workshop ids, invite codes and invitation tokens share the board id's alphabet. */
const SEGMENT = /^[A-Za-z0-9_-]{1,64}$/

const STATIC: Record<string, Route> = {
  '/': { name: 'start' },
  '/setup': { name: 'setup' },
  '/login': { name: 'login' },
  '/account': { name: 'account' },
  '/workshops': { name: 'workshops' },
  '/join': { name: 'join', code: null },
  '/barrierefreiheit': { name: 'accessibility' },
  '/hilfe': { name: 'help' },
  '/datenschutz': { name: 'privacy' },
  '/leicht': { name: 'easyRead', page: 'start' },
  '/leicht/so-gehts': { name: 'easyRead', page: 'how' },
}

function segment(raw: string | undefined): string | null {
  if (!raw) return null
  try {
    const value = decodeURIComponent(raw)
    return SEGMENT.test(value) ? value : null
  } catch {
    return null
  }
}

export function parseRoute(pathname: string): Route {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname
  const fixed = STATIC[path === '' ? '/' : path]
  if (fixed) return fixed
  const [, first, second, third, ...rest] = path.split('/')
  if (rest.length > 0) return { name: 'notFound' }
  const id = segment(second)
  if (!id) return { name: 'notFound' }
  if (first === 'b' && third === undefined) return { name: 'board', boardId: id }
  if (first === 'm' && third === undefined) return { name: 'phone', boardId: id }
  if (first === 'p' && third === undefined) return { name: 'projector', boardId: id }
  if (first === 'l' && third === undefined) return { name: 'list', boardId: id }
  if (first === 'workshops' && third === undefined) return { name: 'workshop', id }
  if (first === 'workshops' && third === 'handout') return { name: 'handout', id }
  if (first === 'join' && third === undefined) return { name: 'join', code: id }
  if (first === 'invite' && third === undefined) return { name: 'invite', token: id }
  if (first === 'tisch' && third === undefined) return { name: 'table', token: id }
  return { name: 'notFound' }
}

const NAVIGATE_EVENT = 'ideenwand:navigate'

/** True after the first in-app navigation: pages then move focus to their heading. */
let navigated = false
export const hasNavigated = (): boolean => navigated

export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (options.replace) window.history.replaceState(null, '', path)
  else window.history.pushState(null, '', path)
  navigated = true
  window.dispatchEvent(new Event(NAVIGATE_EVENT))
}

export const boardPath = (boardId: string) => `/b/${encodeURIComponent(boardId)}`
export const phonePath = (boardId: string) => `/m/${encodeURIComponent(boardId)}`
export const projectorPath = (boardId: string) => `/p/${encodeURIComponent(boardId)}`
export const listPath = (boardId: string) => `/l/${encodeURIComponent(boardId)}`
export const workshopPath = (id: string) => `/workshops/${encodeURIComponent(id)}`
export const handoutPath = (id: string) => `${workshopPath(id)}/handout`
/** The pages in Leichte Sprache (Easy Read in English): the start, and "Wie funktioniert das?". */
export const EASY_START_PATH = '/leicht'
export const EASY_HOW_PATH = '/leicht/so-gehts'
export const joinPath = (code?: string) => (code ? `/join/${encodeURIComponent(code)}` : '/join')

function subscribe(onChange: () => void): () => void {
  const onPop = () => {
    navigated = true
    onChange()
  }
  window.addEventListener('popstate', onPop)
  window.addEventListener(NAVIGATE_EVENT, onChange)
  return () => {
    window.removeEventListener('popstate', onPop)
    window.removeEventListener(NAVIGATE_EVENT, onChange)
  }
}

const getPathname = () => window.location.pathname

export function useRoute(): Route {
  const pathname = useSyncExternalStore(subscribe, getPathname)
  return parseRoute(pathname)
}
