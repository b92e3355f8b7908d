/**
 * The workshop flow for the board page's components and canvas shapes: the control state, the
 * editor and board, and one polite live region (`announce`) for phase changes, the timer and
 * failed requests. `run` sends a flow request and announces a failure as a sentence.
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
import { useFlowT } from '../i18n/useFlowT.ts'

export interface Notice {
  readonly id: number
  readonly text: string
  readonly kind: 'info' | 'error'
}

export interface FlowValue {
  control: ControlState | null
  connection: BoardConnection | null
  editor: Editor | null
  board: Board | null
  notice: Notice | null
  announce: (text: string, kind?: Notice['kind']) => void
  /** Sends a flow request for this workshop; resolves false (and announces why) on failure. */
  run: (request: (workshopId: string) => Promise<unknown>) => Promise<boolean>
}

const FlowContext = createContext<FlowValue | null>(null)

/** The flow of the open board, or null outside the board page. */
export function useFlow(): FlowValue | null {
  return useContext(FlowContext)
}

/** How long a notice stays visible (it stays in the live region's history for screen readers). */
const NOTICE_MS = 8000

export function flowErrorText(ft: TFunction<'flow'>, error: unknown): string {
  if (error instanceof ApiError) {
    switch (error.code) {
      case 'budget-exhausted':
      case 'target-maximum':
      case 'invalid-target':
        return ft(`voteErrors.${error.code}`)
      case 'no-dot-to-remove':
        return ft('voteErrors.other')
      case 'no_open_round':
        return ft('noOpenRound')
      default:
        return ft('errorGeneric', {
          detail: error.status ? `${error.status} ${error.code}` : error.code,
        })
    }
  }
  return ft('errorGeneric', { detail: String(error) })
}

export interface FlowProviderProps {
  control: ControlState | null
  connection: BoardConnection | null
  editor: Editor | null
  board: Board | null
  children: ReactNode
}

export function FlowProvider({ control, connection, editor, board, children }: FlowProviderProps) {
  const ft = useFlowT()
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
  const ftRef = useRef(ft)
  ftRef.current = ft
  const run = useCallback(
    async (request: (workshopId: string) => Promise<unknown>) => {
      if (!workshopId) return false
      try {
        await request(workshopId)
        return true
      } catch (error) {
        announce(flowErrorText(ftRef.current, error), 'error')
        return false
      }
    },
    [workshopId, announce],
  )

  const value = useMemo<FlowValue>(
    () => ({ control, connection, editor, board, notice, announce, run }),
    [control, connection, editor, board, notice, announce, run],
  )
  return <FlowContext.Provider value={value}>{children}</FlowContext.Provider>
}
