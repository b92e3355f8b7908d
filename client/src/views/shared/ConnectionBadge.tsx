/**
 * The connection state for the views: a small badge (glyph + text, never colour alone), a
 * full-width banner while offline (announced politely); and, when the server ended the
 * connection for good, the reason as an alert with a way on. "Waiting for admission" is handed
 * back to the gate (lobby) instead.
 */
import { CloseCode } from '@ideenwand/protocol'
import { useEffect } from 'react'
import type { ConnectionSnapshot } from '../../board/BoardConnection.ts'
import { closeAction, closeKind, closeMessage } from '../../board/closeMessage.ts'
import { useT } from '../../i18n/LangProvider.tsx'
import { Link } from '../../ui/Link.tsx'

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
  delayed: '⏸',
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
    // The same words as the canvas (board/closeMessage.ts): what happened and what to do.
    const action = closeAction(closeKind(snapshot.closed))
    return (
      <div className="iwv-banner iwv-banner-closed" data-testid="closed-banner">
        <strong role="alert">{closeMessage(t, snapshot.closed)}</strong>{' '}
        {action === 'reload' ? (
          <button type="button" className="iw-button" onClick={() => window.location.reload()}>
            {t('reload')}
          </button>
        ) : (
          <Link href={action === 'rejoin' ? '/join' : '/'}>
            {action === 'rejoin' ? t('board.rejoin') : t('backToStart')}
          </Link>
        )}
      </div>
    )
  }
  return (
    <div role="status" className="iwv-banner-slot">
      {snapshot.state === 'delayed' ? (
        <p className="iwv-banner iwv-banner-delayed" data-testid="save-delayed-banner">
          <span aria-hidden="true" className="iwv-banner-icon">
            ⚠
          </span>{' '}
          {v('state.delayedBanner')}
        </p>
      ) : null}
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
