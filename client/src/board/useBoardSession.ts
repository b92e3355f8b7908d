/**
 * Opens a board for the canvas: connection, tldraw store, binding to the doc and presence.
 * The store is bound only after the first sync with the server (or, offline, after the
 * IndexedDB copy loaded), so a new tab never overwrites the board with an empty canvas.
 */
import { checkBoardSchema } from '@ideenwand/board'
import { useEffect, useState } from 'react'
import {
  atom,
  createTLStore,
  defaultShapeUtils,
  react,
  type Signal,
  type TLStore,
  type TLUser,
} from 'tldraw'
import { BoardConnection } from './BoardConnection.ts'
import { bindCanvasToDoc } from './bindCanvasToDoc.ts'
import { bindPresence } from './bindPresence.ts'
import { ClusterShapeUtil } from './shapes/ClusterShapeUtil.tsx'
import { IdeaCardShapeUtil } from './shapes/IdeaCardShapeUtil.tsx'

export const customShapeUtils = [IdeaCardShapeUtil, ClusterShapeUtil]

export type BoardSession =
  | { readonly phase: 'loading'; readonly connection: BoardConnection | null }
  | { readonly phase: 'schema-too-new'; readonly connection: BoardConnection }
  | { readonly phase: 'ready'; readonly connection: BoardConnection; readonly store: TLStore }

export interface BoardSessionOptions {
  /** The current user (name, colour) for presence and tldraw. */
  $user: Signal<TLUser | null>
  /** `readonly` for viewers (and when the connection is closed): tldraw blocks every edit. */
  $mode: Signal<'readonly' | 'readwrite'>
  /** Whether our cursor is published (viewers only watch). */
  $publish: Signal<boolean>
  /** May rewrite migrated records and the stored tldraw schema (facilitators; see bindCanvasToDoc). */
  restamp: boolean
}

export function useBoardSession(boardId: string, options: BoardSessionOptions): BoardSession {
  const { $user, $mode, $publish, restamp } = options
  const [session, setSession] = useState<BoardSession>({ phase: 'loading', connection: null })

  // biome-ignore lint/correctness/useExhaustiveDependencies: restamp is read once, when the board binds
  useEffect(() => {
    const connection = new BoardConnection(boardId)
    const $status = atom<'online' | 'offline'>('connection status', 'offline')
    const store = createTLStore({
      shapeUtils: [...defaultShapeUtils, ...customShapeUtils],
      users: { currentUser: $user },
      collaboration: { status: $status, mode: $mode },
    })
    const syncStatus = () => {
      const { state } = connection.getSnapshot()
      $status.set(
        state === 'saved' || state === 'saving' || state === 'delayed' ? 'online' : 'offline',
      )
    }
    const stopStatus = connection.subscribe(syncStatus)
    syncStatus()
    const stopMode = react('read-only connection', () => {
      connection.setReadOnly($mode.get() === 'readonly')
    })

    let disposed = false
    const disposers: (() => void)[] = [stopStatus, stopMode]
    setSession({ phase: 'loading', connection })

    void connection.ready.then(() => {
      if (disposed) return
      const tooNew = () => setSession({ phase: 'schema-too-new', connection })
      if (!checkBoardSchema(connection.doc).ok) return tooNew()
      const result = bindCanvasToDoc({
        store,
        doc: connection.doc,
        board: connection.board,
        restamp,
        onSchemaTooNew: tooNew,
      })
      if (result.type === 'schema-too-new') return tooNew()
      disposers.push(result.dispose)
      disposers.push(bindPresence(store, connection.provider.awareness, $user, $publish))
      setSession({ phase: 'ready', connection, store })
    })

    return () => {
      disposed = true
      for (const dispose of disposers.reverse()) dispose()
      connection.destroy()
    }
  }, [boardId, $user, $mode, $publish])

  return session
}
