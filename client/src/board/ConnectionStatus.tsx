/**
 * The connection state in the page chrome: icon + text, announced politely to screen readers.
 * When the server ended the connection for good, the reason becomes an alert with a way on.
 */
import { useSyncExternalStore } from 'react'
import { useT } from '../i18n/LangProvider.tsx'
import { Link } from '../ui/Link.tsx'
import type { BoardConnection, ConnectionState } from './BoardConnection.ts'
import { closeAction, closeKind, closeMessage } from './closeMessage.ts'

function Icon({ state }: { state: ConnectionState }) {
  const common = { width: 16, height: 16, viewBox: '0 0 16 16' } as const
  switch (state) {
    case 'saved':
      return (
        <svg aria-hidden="true" {...common}>
          <circle cx="8" cy="8" r="7" fill="#2f9e44" />
          <path d="M4.5 8.2l2.3 2.3 4.7-4.8" stroke="#fff" strokeWidth="1.8" fill="none" />
        </svg>
      )
    case 'delayed':
      return (
        <svg aria-hidden="true" {...common}>
          <circle cx="8" cy="8" r="7" fill="#f08c00" />
          <path d="M6 4.5v7M10 4.5v7" stroke="#fff" strokeWidth="1.8" />
        </svg>
      )
    case 'saving':
      return (
        <svg aria-hidden="true" {...common} className="iw-spin">
          <circle cx="8" cy="8" r="6" stroke="#1971c2" strokeWidth="2" fill="none" opacity="0.3" />
          <path d="M8 2a6 6 0 0 1 6 6" stroke="#1971c2" strokeWidth="2" fill="none" />
        </svg>
      )
    case 'connecting':
      return (
        <svg aria-hidden="true" {...common} className="iw-pulse">
          <circle cx="8" cy="8" r="6" fill="#f08c00" />
        </svg>
      )
    case 'offline':
    case 'closed':
      return (
        <svg aria-hidden="true" {...common}>
          <circle cx="8" cy="8" r="7" fill="#868e96" />
          <path d="M4.5 4.5l7 7M11.5 4.5l-7 7" stroke="#fff" strokeWidth="1.8" />
        </svg>
      )
  }
}

export function ConnectionStatus({ connection }: { connection: BoardConnection | null }) {
  const t = useT()
  const snapshot = useSyncExternalStore(
    connection?.subscribe ?? noopSubscribe,
    connection?.getSnapshot ?? connectingSnapshot,
  )
  if (snapshot.state === 'closed' && snapshot.closed) {
    const action = closeAction(closeKind(snapshot.closed))
    return (
      <div
        className="iw-status iw-status-closed"
        data-testid="connection-state"
        data-state="closed"
      >
        <Icon state="closed" />
        <strong role="alert">{closeMessage(t, snapshot.closed)}</strong>
        {action === 'reload' ? (
          <button type="button" className="iw-button" onClick={() => window.location.reload()}>
            {t('reload')}
          </button>
        ) : action ? (
          <Link href={action === 'rejoin' ? '/join' : '/'}>
            {action === 'rejoin' ? t('board.rejoin') : t('backToStart')}
          </Link>
        ) : null}
      </div>
    )
  }
  const label = t(`connection.${snapshot.state}`)
  return (
    <div
      className={`iw-status iw-status-${snapshot.state}`}
      role="status"
      aria-live="polite"
      data-testid="connection-state"
      data-state={snapshot.state}
    >
      <Icon state={snapshot.state} />
      {snapshot.state === 'delayed' ? (
        <span data-testid="save-delayed-notice">{t('connection.delayedNotice')}</span>
      ) : (
        <span>{label}</span>
      )}
    </div>
  )
}

const noopSubscribe = () => () => {}
const CONNECTING = { state: 'connecting', closed: null } as const
const connectingSnapshot = () => CONNECTING
