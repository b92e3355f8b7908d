/**
 * What the phone, projector and list views (`/m`, `/p`, `/l`) set up alike once the gate has let
 * them in: the board's connection and its state, the hand-over to the lobby when the server says
 * "wait for admission", the control state with the role and phase, and the page basics —
 * `document.title`, the heading that takes the focus after an in-app navigation (WCAG 2.4.3), and
 * the read-only mode of a viewer's connection (a viewer's writes are never acked, so "up to date"
 * must count as saved).
 */
import type { BoardAccess, ControlState } from '@ideenwand/protocol'
import { useEffect, useRef } from 'react'
import { useT } from '../../i18n/LangProvider.tsx'
import { hasNavigated } from '../../router.ts'
import { useWaitingHandoff } from './ConnectionBadge.tsx'
import { useBoardConnection, useConnectionState } from './useBoardConnection.ts'
import { useControl } from './useControl.ts'

/** The props every view gets from its gate (ViewGate). */
export interface BoardViewProps {
  boardId: string
  access: BoardAccess
  /** The server asked this session to wait for admission: back to the lobby. */
  onWaiting: () => void
}

/**
 * Opens the board for a view. `title` names the page for the phase (null until the control state
 * has arrived).
 */
export function useBoardView(
  { boardId, access, onWaiting }: BoardViewProps,
  title: (phase: ControlState['phase'] | null) => string,
) {
  const t = useT()
  const open = useBoardConnection(boardId)
  const connection = open?.connection ?? null
  const snapshot = useConnectionState(connection)
  useWaitingHandoff(snapshot, onWaiting)
  const control: ControlState | null = useControl(connection)
  const board = connection?.board ?? null
  const role = control?.me.role ?? access.role
  const phase = control?.phase ?? null
  const page = title(phase)

  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    document.title = `${page} – ${t('appName')}`
  }, [page, t])
  useEffect(() => {
    if (hasNavigated()) heading.current?.focus()
  }, [])
  const viewer = role === 'viewer'
  useEffect(() => {
    connection?.setReadOnly(viewer)
  }, [connection, viewer])

  return { open, connection, snapshot, control, board, role, phase, title: page, heading }
}
