/**
 * Access check for the phone, projector and list views (`/m`, `/p`, `/l`): asks the server for
 * this session's access to the board and shows sign-in (401), the lobby (waiting for admission)
 * or "not found" (404) — or renders the view with the access. Unlike `BoardGate` it does not poll
 * the role: the views read role and write permission live from the control state.
 */
import { type ReactNode, useCallback, useEffect, useState } from 'react'
import { api, type BoardAccess } from '../../api/endpoints.ts'
import { ApiError } from '../../api/http.ts'
import { useT } from '../../i18n/LangProvider.tsx'
import { LobbyScreen } from '../../join/LobbyScreen.tsx'
import { errorMessage } from '../../ui/errors.ts'
import { FormMessage } from '../../ui/Field.tsx'
import { Link } from '../../ui/Link.tsx'
import { Page } from '../../ui/Page.tsx'

type Gate =
  | { readonly kind: 'checking' }
  | { readonly kind: 'signIn' }
  | { readonly kind: 'waiting' }
  | { readonly kind: 'notFound' }
  | { readonly kind: 'error'; readonly message: string }
  | { readonly kind: 'ready'; readonly access: BoardAccess }

export interface ViewGateProps {
  boardId: string
  /** The path of this view, for "sign in and come back". */
  returnPath: string
  children: (access: BoardAccess, onWaiting: () => void) => ReactNode
}

export function ViewGate({ boardId, returnPath, children }: ViewGateProps) {
  const t = useT()
  const [gate, setGate] = useState<Gate>({ kind: 'checking' })
  const [attempt, setAttempt] = useState(0)

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` re-runs the check on purpose
  useEffect(() => {
    let cancelled = false
    setGate({ kind: 'checking' })
    api.boardAccess(boardId).then(
      (access) => {
        if (!cancelled) setGate({ kind: 'ready', access })
      },
      (error: unknown) => {
        if (cancelled) return
        if (error instanceof ApiError && error.status === 401) setGate({ kind: 'signIn' })
        else if (error instanceof ApiError && error.code === 'waiting_for_admission') {
          setGate({ kind: 'waiting' })
        } else if (error instanceof ApiError && error.status === 404) {
          setGate({ kind: 'notFound' })
        } else setGate({ kind: 'error', message: errorMessage(t, error) })
      },
    )
    return () => {
      cancelled = true
    }
  }, [boardId, attempt, t])

  const onWaiting = useCallback(() => setGate({ kind: 'waiting' }), [])

  switch (gate.kind) {
    case 'checking':
      return (
        <main className="iw-loading" aria-busy="true">
          {t('loadingBoard')}
        </main>
      )
    case 'signIn':
      return (
        <Page title={t('board.signInTitle')}>
          <p>{t('board.signInBody')}</p>
          <div className="iw-row iw-row-wrap">
            <Link className="iw-button iw-button-primary" href="/join">
              {t('start.joinHeading')}
            </Link>
            <Link className="iw-button" href={`/login?next=${encodeURIComponent(returnPath)}`}>
              {t('nav.login')}
            </Link>
          </div>
        </Page>
      )
    case 'waiting':
      return (
        <Page title={t('lobby.title')}>
          <LobbyScreen onAdmitted={() => setAttempt((n) => n + 1)} />
        </Page>
      )
    case 'notFound':
      return (
        <Page title={t('board.notFoundTitle')}>
          <p>{t('board.notFoundBody')}</p>
          <Link href="/">{t('backToStart')}</Link>
        </Page>
      )
    case 'error':
      return (
        <Page title={t('board.notFoundTitle')}>
          <FormMessage kind="error">{gate.message}</FormMessage>
          <button type="button" className="iw-button" onClick={() => setAttempt((n) => n + 1)}>
            {t('common.retry')}
          </button>
        </Page>
      )
    case 'ready':
      return <>{children(gate.access, onWaiting)}</>
  }
}
