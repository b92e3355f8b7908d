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

/** What the server's reason says (a reason names one situation exactly). */
const KIND_BY_REASON: Readonly<Record<string, CloseKind>> = {
  [CloseCode.Removed.reason]: 'removed',
  [CloseCode.SessionEnded.reason]: 'ended',
  [CloseCode.SessionExpired.reason]: 'ended',
  [CloseCode.Unauthorized.reason]: 'ended',
  [CloseCode.BoardNotFound.reason]: 'notFound',
  [CloseCode.WaitingForAdmission.reason]: 'waiting',
  [CloseCode.Forbidden.reason]: 'forbidden',
  [CloseCode.TooManyIdeas.reason]: 'tooManyIdeas',
  [CloseCode.BoardFull.reason]: 'boardFull',
  [CloseCode.UpdateTooCostly.reason]: 'updateTooCostly',
  [CloseCode.TooMuchWork.reason]: 'tooMuchWork',
  [CloseCode.ChangeRefused.reason]: 'changeRefused',
  [CloseCode.TooManyConnections.reason]: 'tooManyConnections',
  [CloseCode.RateLimited.reason]: 'rateLimited',
}

/** Without a known reason (a proxy, an older server), the code's family. */
const KIND_BY_CODE: Readonly<Record<number, CloseKind>> = {
  [CloseCode.Unauthorized.code]: 'ended',
  [CloseCode.BoardNotFound.code]: 'notFound',
  [CloseCode.Forbidden.code]: 'forbidden',
  [CloseCode.BoardFull.code]: 'boardFull',
}

export function closeKind(info: CloseInfo): CloseKind {
  return (
    (Object.hasOwn(KIND_BY_REASON, info.reason) ? KIND_BY_REASON[info.reason] : undefined) ??
    (Object.hasOwn(KIND_BY_CODE, info.code) ? KIND_BY_CODE[info.code] : undefined) ??
    'other'
  )
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
