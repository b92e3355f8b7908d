/**
 * The workshop control for the board page's components and canvas shapes: the control state, the
 * editor and board, and one polite live region (`announce`) for phase changes, the timer and
 * failed requests. `run` sends a control request and announces a failure as a sentence.
 */
import type { Board } from '@ideenwand/board'
import type { ControlState } from '@ideenwand/protocol'
import type { TFunction } from 'i18next'
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react'
import type { Editor } from 'tldraw'
import { ApiError } from '../api/http.ts'
import type { BoardConnection } from '../board/BoardConnection.ts'
import { useControlT } from '../i18n/useControlT.ts'

export interface Notice {
  readonly id: number
  readonly text: string
  readonly kind: 'info' | 'error'
}

export interface ControlContextValue {
  control: ControlState | null
  connection: BoardConnection | null
  editor: Editor | null
  board: Board | null
  notice: Notice | null
  announce: (text: string, kind?: Notice['kind']) => void
  /** Sends a control request for this workshop; resolves false (and announces why) on failure. */
  run: (request: (workshopId: string) => Promise<unknown>) => Promise<boolean>
}

const ControlContext = createContext<ControlContextValue | null>(null)

/** The workshop control of the open board, or null outside the board page. */
export function useControlContext(): ControlContextValue | null {
  return useContext(ControlContext)
}

/** How long a notice stays visible (it stays in the live region's history for screen readers). */
const NOTICE_MS = 8000

export function controlErrorText(ct: TFunction<'control'>, error: unknown): string {
  if (error instanceof ApiError) {
    switch (error.code) {
      case 'budget-exhausted':
      case 'target-maximum':
      case 'invalid-target':
        return ct(`voteErrors.${error.code}`)
      case 'no-dot-to-remove':
        return ct('voteErrors.other')
      case 'no_open_round':
        return ct('noOpenRound')
      case 'workshop_archived':
        return ct('workshopArchived')
      default:
        return ct('errorGeneric', {
          detail: error.status ? `${error.status} ${error.code}` : error.code,
        })
    }
  }
  return ct('errorGeneric', { detail: String(error) })
}

export interface ControlProviderProps {
  control: ControlState | null
  connection: BoardConnection | null
  editor: Editor | null
  board: Board | null
  children: ReactNode
}

export function ControlProvider({
  control,
  connection,
  editor,
  board,
  children,
}: ControlProviderProps) {
  const ct = useControlT()
  const [notice, setNotice] = useState<Notice | null>(null)
  const counter = useRef(0)
  const announce = useCallback((text: string, kind: Notice['kind'] = 'info') => {
    counter.current += 1
    setNotice({ id: counter.current, text, kind })
  }, [])
  useEffect(() => {
    if (!notice) return
    const timer = window.setTimeout(
      () => setNotice((n) => (n?.id === notice.id ? null : n)),
      NOTICE_MS,
    )
    return () => window.clearTimeout(timer)
  }, [notice])

  const workshopId = control?.workshopId ?? null
  const ctRef = useRef(ct)
  ctRef.current = ct
  const run = useCallback(
    async (request: (workshopId: string) => Promise<unknown>) => {
      if (!workshopId) return false
      try {
        await request(workshopId)
        return true
      } catch (error) {
        announce(controlErrorText(ctRef.current, error), 'error')
        return false
      }
    },
    [workshopId, announce],
  )

  const value = useMemo<ControlContextValue>(
    () => ({ control, connection, editor, board, notice, announce, run }),
    [control, connection, editor, board, notice, announce, run],
  )
  return <ControlContext.Provider value={value}>{children}</ControlContext.Provider>
}
