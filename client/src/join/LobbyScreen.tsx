/**
 * The lobby: a guest waits until a facilitator admits them. Polls `GET /api/me` every 2 s; when
 * the guest is admitted it calls `onAdmitted`; when the session is gone (removed, ended) it says so.
 */
import { useState } from 'react'
import { api } from '../api/endpoints.ts'
import { ApiError } from '../api/http.ts'
import { useT } from '../i18n/LangProvider.tsx'
import { Link } from '../ui/Link.tsx'
import { usePolling } from '../ui/usePolling.ts'

const POLL_MS = 2000

export function LobbyScreen({ onAdmitted }: { onAdmitted: () => void }) {
  const t = useT()
  const [title, setTitle] = useState<string | null>(null)
  const [ended, setEnded] = useState<'removed' | 'ended' | null>(null)

  usePolling(
    async () => {
      if (ended) return
      try {
        const me = await api.me()
        if (me.kind !== 'guest') return onAdmitted()
        setTitle(me.workshop.title)
        if (me.guest.status === 'admitted') onAdmitted()
        else if (me.guest.status === 'removed') setEnded('removed')
      } catch (error) {
        // A removed guest's sessions are ended, so /api/me says 401.
        if (error instanceof ApiError && error.status === 401) setEnded('removed')
      }
    },
    POLL_MS,
    [ended],
  )

  if (ended) {
    return (
      <div className="iw-lobby" data-testid="lobby" data-state="closed">
        <p role="alert" className="iw-alert iw-alert-error">
          {t('board.closedRemoved')}
        </p>
        <Link href="/">{t('backToStart')}</Link>
      </div>
    )
  }
  return (
    <div className="iw-lobby" data-testid="lobby" data-state="waiting">
      {title ? <p className="iw-lobby-title">{title}</p> : null}
      <p>{t('lobby.body')}</p>
      <p className="iw-muted" role="status">
        <span className="iw-pulse-dot iw-pulse" aria-hidden="true" /> {t('lobby.polling')}
      </p>
    </div>
  )
}
