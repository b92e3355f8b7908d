/**
 * The connection state for the views: a small badge (glyph + text, never colour alone), a
 * full-width banner while offline (announced politely); and, when the server ended the
 * connection for good, the reason as an alert with a way on. "Waiting for admission" is handed
 * back to the gate (lobby) instead.
 */
import { CloseCode, type CloseInfo } from '@ideenwand/protocol'
import type { TFunction } from 'i18next'
import { useEffect } from 'react'
import type { ConnectionSnapshot } from '../../board/BoardConnection.ts'
import { useT } from '../../i18n/LangProvider.tsx'
import { Link } from '../../ui/Link.tsx'

function closedText(t: TFunction<'common'>, info: CloseInfo): { text: string; rejoin: boolean } {
  if (info.reason === CloseCode.Removed.reason)
    return { text: t('board.closedRemoved'), rejoin: false }
  if (info.code === CloseCode.Unauthorized.code)
    return { text: t('board.closedEnded'), rejoin: true }
  if (info.code === CloseCode.BoardNotFound.code) {
    return { text: t('board.closedNotFound'), rejoin: false }
  }
  if (info.code === CloseCode.Forbidden.code) {
    return { text: t('board.closedForbidden'), rejoin: false }
  }
  return {
    text: t('board.closedOther', { reason: info.reason || String(info.code) }),
    rejoin: false,
  }
}

/** Calls `onWaiting` when the server says this guest is back in the lobby. */
export function useWaitingHandoff(snapshot: ConnectionSnapshot, onWaiting: () => void): void {
  const waiting = snapshot.closed?.reason === CloseCode.WaitingForAdmission.reason
  useEffect(() => {
    if (waiting) onWaiting()
  }, [waiting, onWaiting])
}

const GLYPH: Record<ConnectionSnapshot['state'], string> = {
  saved: '✓',
  saving: '↻',
  connecting: '…',
  offline: '✕',
  closed: '✕',
}

export function ConnectionBadge({ snapshot }: { snapshot: ConnectionSnapshot }) {
  const v = useT('views')
  return (
    <span
      className={`iwv-conn iwv-conn-${snapshot.state}`}
      data-testid="connection-state"
      data-state={snapshot.state}
    >
      <span aria-hidden="true" className="iwv-conn-glyph">
        {GLYPH[snapshot.state]}
      </span>{' '}
      {v(`state.${snapshot.state}`)}
    </span>
  )
}

/** Offline banner (polite) or the closed alert; nothing while connected. */
export function ConnectionBanner({ snapshot }: { snapshot: ConnectionSnapshot }) {
  const t = useT()
  const v = useT('views')
  if (snapshot.state === 'closed' && snapshot.closed) {
    const { text, rejoin } = closedText(t, snapshot.closed)
    return (
      <div className="iwv-banner iwv-banner-closed">
        <strong role="alert">{text}</strong>{' '}
        <Link href={rejoin ? '/join' : '/'}>{rejoin ? t('board.rejoin') : t('backToStart')}</Link>
      </div>
    )
  }
  return (
    <div role="status" className="iwv-banner-slot">
      {snapshot.state === 'offline' ? (
        <p className="iwv-banner iwv-banner-offline" data-testid="offline-banner">
          <span aria-hidden="true" className="iwv-banner-icon">
            ⚠
          </span>{' '}
          {v('state.offlineBanner')}
        </p>
      ) : null}
    </div>
  )
}
