/**
 * What a user reads when the server ends the board connection for good, by the close reason the
 * server sends with 4401/4403/4404 (named in `@ideenwand/protocol`'s `CloseCode`).
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
  }
  if (info.code === CloseCode.Unauthorized.code) return 'ended'
  if (info.code === CloseCode.BoardNotFound.code) return 'notFound'
  if (info.code === CloseCode.Forbidden.code) return 'forbidden'
  return 'other'
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
    case 'other':
      return t('board.closedOther', { reason: info.reason || String(info.code) })
  }
}
