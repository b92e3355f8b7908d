/**
 * Access check for the phone, projector and list views (`/m`, `/p`, `/l`): asks the server for
 * this session's access to the board and shows sign-in, the lobby or "not found"
 * (AccessGate.tsx) — or renders the view with the access. Unlike `BoardGate` it does not poll
 * the role: the views read role and write permission live from the control state.
 */
import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react'
import { api, type BoardAccess } from '../../api/endpoints.ts'
import { useT } from '../../i18n/LangProvider.tsx'
import { AccessScreen, type Gate, refusedGate } from './AccessGate.tsx'

export interface ViewGateProps {
  boardId: string
  /** The path of this view, for "sign in and come back". */
  returnPath: string
  children: (access: BoardAccess, onWaiting: () => void) => ReactNode
}

export function ViewGate({ boardId, returnPath, children }: ViewGateProps) {
  const t = useT()
  // Read at the time of a refusal: switching the language or Leichte Sprache must not re-run the
  // check, which would unmount the view and reconnect it.
  const tNow = useRef(t)
  tNow.current = t
  const [gate, setGate] = useState<Gate<{ readonly access: BoardAccess }>>({ kind: 'checking' })
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
        if (!cancelled) setGate(refusedGate(tNow.current, error))
      },
    )
    return () => {
      cancelled = true
    }
  }, [boardId, attempt])

  const onWaiting = useCallback(() => setGate({ kind: 'waiting' }), [])
  const retry = useCallback(() => setAttempt((n) => n + 1), [])

  if (gate.kind !== 'ready') {
    return <AccessScreen gate={gate} returnPath={returnPath} onRetry={retry} />
  }
  return <>{children(gate.access, onWaiting)}</>
}
