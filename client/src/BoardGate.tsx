/**
 * `/b/:boardId` before the canvas: asks the server for this session's access to the board and
 * shows sign-in (401), the lobby (403 waiting), not found (404) (views/shared/AccessGate.tsx) —
 * or loads the lazy tldraw chunk with the role. Lives outside `src/board/` so no tldraw code
 * loads until access is granted.
 */
import { lazy, Suspense, useCallback, useEffect, useState } from 'react'
import { api, type BoardAccess } from './api/endpoints.ts'
import { displayName, refreshSession } from './api/session.ts'
import { useT } from './i18n/LangProvider.tsx'
import { usePolling } from './ui/usePolling.ts'
import { AccessScreen, BoardLoading, type Gate, refusedGate } from './views/shared/AccessGate.tsx'

const BoardPage = lazy(() => import('./board/BoardPage.tsx'))

/** How often an open board re-reads its access, so a role switch reaches the UI. */
const ACCESS_REFRESH_MS = 10_000

interface Granted {
  readonly access: BoardAccess
  readonly name: string
  readonly principalKey: string
  readonly videoUrl: string | null
}

export function BoardGate({ boardId }: { boardId: string }) {
  const t = useT()
  const [gate, setGate] = useState<Gate<Granted>>({ kind: 'checking' })
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
      setGate(refusedGate(t, error))
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

  if (gate.kind !== 'ready') {
    return (
      <AccessScreen
        gate={gate}
        returnPath={`/b/${boardId}`}
        onRetry={() => setAttempt((n) => n + 1)}
      />
    )
  }
  return (
    <Suspense fallback={<BoardLoading />}>
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
