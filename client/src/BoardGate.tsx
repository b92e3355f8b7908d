/**
 * `/b/:boardId` before the canvas: asks the server for this session's access to the board and
 * shows sign-in (401), the lobby (403 waiting), not found (404) — or loads the lazy tldraw chunk
 * with the role. Lives outside `src/board/` so no tldraw code loads until access is granted.
 */
import { lazy, Suspense, useCallback, useEffect, useState } from 'react'
import { api, type BoardAccess } from './api/endpoints.ts'
import { ApiError } from './api/http.ts'
import { displayName, refreshSession } from './api/session.ts'
import { useT } from './i18n/LangProvider.tsx'
import { LobbyScreen } from './join/LobbyScreen.tsx'
import { errorMessage } from './ui/errors.ts'
import { FormMessage } from './ui/Field.tsx'
import { Link } from './ui/Link.tsx'
import { Page } from './ui/Page.tsx'
import { usePolling } from './ui/usePolling.ts'

const BoardPage = lazy(() => import('./board/BoardPage.tsx'))

/** How often an open board re-reads its access, so a role switch reaches the UI. */
const ACCESS_REFRESH_MS = 10_000

interface Granted {
  readonly access: BoardAccess
  readonly name: string
  readonly principalKey: string
  readonly videoUrl: string | null
}

type Gate =
  | { readonly kind: 'checking' }
  | { readonly kind: 'signIn' }
  | { readonly kind: 'waiting' }
  | { readonly kind: 'notFound' }
  | { readonly kind: 'error'; readonly message: string }
  | ({ readonly kind: 'ready' } & Granted)

function Loading() {
  const t = useT()
  return (
    <main className="iw-loading" aria-busy="true">
      {t('loadingBoard')}
    </main>
  )
}

export function BoardGate({ boardId }: { boardId: string }) {
  const t = useT()
  const [gate, setGate] = useState<Gate>({ kind: 'checking' })
  /** Bumped to reconnect (a new BoardPage) after the lobby. */
  const [attempt, setAttempt] = useState(0)

  const check = useCallback(async () => {
    try {
      const access = await api.boardAccess(boardId)
      const session = await refreshSession()
      const me = session.status === 'ready' ? session.me : null
      let videoUrl: string | null = null
      if (me?.kind === 'guest') videoUrl = me.workshop.videoUrl
      else if (me?.kind === 'facilitator') {
        videoUrl = await api.workshop(access.workshopId).then(
          (w) => w.videoUrl,
          () => null,
        )
      }
      setGate({
        kind: 'ready',
        access,
        name: me ? displayName(me, t('anonymous')) : t('anonymous'),
        principalKey: me?.kind === 'guest' ? me.guest.id : (me?.facilitator.id ?? 'anonymous'),
        videoUrl,
      })
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) setGate({ kind: 'signIn' })
      else if (error instanceof ApiError && error.code === 'waiting_for_admission') {
        setGate({ kind: 'waiting' })
      } else if (error instanceof ApiError && error.status === 404) setGate({ kind: 'notFound' })
      else setGate({ kind: 'error', message: errorMessage(t, error) })
    }
  }, [boardId, t])

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` re-runs the check on purpose
  useEffect(() => {
    setGate({ kind: 'checking' })
    void check()
  }, [check, attempt])

  // While the board is open, keep the role current (a facilitator may switch it). Failures are
  // left to the sync connection, whose close code says what happened.
  const ready = gate.kind === 'ready'
  usePolling(
    async () => {
      if (!ready) return
      const access = await api.boardAccess(boardId).catch(() => null)
      if (!access) return
      setGate((g) =>
        g.kind === 'ready' &&
        (g.access.role !== access.role || g.access.canWrite !== access.canWrite)
          ? { ...g, access }
          : g,
      )
    },
    ACCESS_REFRESH_MS,
    [ready, boardId],
  )

  const onWaiting = useCallback(() => setGate({ kind: 'waiting' }), [])

  switch (gate.kind) {
    case 'checking':
      return <Loading />
    case 'signIn':
      return (
        <Page title={t('board.signInTitle')}>
          <p>{t('board.signInBody')}</p>
          <div className="iw-row iw-row-wrap">
            <Link className="iw-button iw-button-primary" href="/join">
              {t('start.joinHeading')}
            </Link>
            <Link className="iw-button" href={`/login?next=${encodeURIComponent(`/b/${boardId}`)}`}>
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
      return (
        <Suspense fallback={<Loading />}>
          <BoardPage
            key={attempt}
            boardId={boardId}
            access={gate.access}
            displayName={gate.name}
            principalKey={gate.principalKey}
            videoUrl={gate.videoUrl}
            onWaiting={onWaiting}
          />
        </Suspense>
      )
  }
}
