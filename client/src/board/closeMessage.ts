/**
 * What a user reads when the server ends the board connection for good, by the close reason the
 * server sends with 4401/4403/4404/4413/4429 (4403 also for a refused change) (named in `@ideenwand/protocol`'s `CloseCode`).
 * Shared by the canvas (/b) and the phone (/m) and list (/l) views, so every view says the same:
 * what happened and what to do.
 */
import { CloseCode, type CloseInfo } from '@ideenwand/protocol'
import type { TFunction } from 'i18next'

export type CloseKind =
  | 'removed'
  | 'ended'
  | 'notFound'
  | 'forbidden'
  | 'waiting'
  | 'tooManyIdeas'
  | 'boardFull'
  | 'updateTooCostly'
  | 'changeRefused'
  | 'tooManyConnections'
  | 'rateLimited'
  | 'tooMuchWork'
  | 'other'

export function closeKind(info: CloseInfo): CloseKind {
  switch (info.reason) {
    case CloseCode.Removed.reason:
      return 'removed'
    case CloseCode.SessionEnded.reason:
    case CloseCode.SessionExpired.reason:
    case CloseCode.Unauthorized.reason:
      return 'ended'
    case CloseCode.BoardNotFound.reason:
      return 'notFound'
    case CloseCode.WaitingForAdmission.reason:
      return 'waiting'
    case CloseCode.Forbidden.reason:
      return 'forbidden'
    case CloseCode.TooManyIdeas.reason:
      return 'tooManyIdeas'
    case CloseCode.BoardFull.reason:
      return 'boardFull'
    case CloseCode.UpdateTooCostly.reason:
      return 'updateTooCostly'
    case CloseCode.TooMuchWork.reason:
      return 'tooMuchWork'
    case CloseCode.ChangeRefused.reason:
      return 'changeRefused'
    case CloseCode.TooManyConnections.reason:
      return 'tooManyConnections'
    case CloseCode.RateLimited.reason:
      return 'rateLimited'
  }
  if (info.code === CloseCode.Unauthorized.code) return 'ended'
  if (info.code === CloseCode.BoardNotFound.code) return 'notFound'
  if (info.code === CloseCode.Forbidden.code) return 'forbidden'
  if (info.code === CloseCode.BoardFull.code) return 'boardFull'
  return 'other'
}

/** Where the person can go from the closed state: rejoin, the start page, or reload (retry). */
export type CloseAction = 'rejoin' | 'start' | 'reload' | null

export function closeAction(kind: CloseKind): CloseAction {
  switch (kind) {
    case 'ended':
      return 'rejoin'
    case 'removed':
    case 'notFound':
      return 'start'
    case 'tooManyIdeas':
    case 'boardFull':
    case 'updateTooCostly':
    case 'tooMuchWork':
    case 'changeRefused':
    case 'tooManyConnections':
    case 'rateLimited':
      return 'reload'
    default:
      return null
  }
}

export function closeMessage(t: TFunction<'common'>, info: CloseInfo): string {
  switch (closeKind(info)) {
    case 'removed':
      return t('board.closedRemoved')
    case 'ended':
      return t('board.closedEnded')
    case 'notFound':
      return t('board.closedNotFound')
    case 'forbidden':
      return t('board.closedForbidden')
    case 'waiting':
      return t('lobby.body')
    case 'tooManyIdeas':
      return t('board.closedTooManyIdeas')
    case 'boardFull':
      return t('board.closedBoardFull')
    case 'updateTooCostly':
      return t('board.closedUpdateTooCostly')
    case 'tooMuchWork':
      return t('board.closedTooMuchWork')
    case 'changeRefused':
      return t('board.closedChangeRefused')
    case 'tooManyConnections':
      return t('board.closedTooManyConnections')
    case 'rateLimited':
      return t('board.closedRateLimited')
    case 'other':
      return t('board.closedOther', { reason: info.reason || String(info.code) })
  }
}
