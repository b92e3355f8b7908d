/**
 * Where a guest lands after joining: viewers on the projector view, participants on a narrow
 * screen (a phone) on the phone view, everyone else on the canvas. Tiny on purpose: the join
 * page (main chunk) imports it, so it must not pull in any view code.
 */
import { boardPath, phonePath, projectorPath } from '../../router.ts'

export const PHONE_MEDIA_QUERY = '(max-width: 700px)'

export function isNarrowScreen(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia(PHONE_MEDIA_QUERY).matches
}

export function landingPath(boardId: string, role: 'participant' | 'viewer'): string {
  if (role === 'viewer') return projectorPath(boardId)
  return isNarrowScreen() ? phonePath(boardId) : boardPath(boardId)
}
