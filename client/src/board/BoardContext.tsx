/**
 * React context that gives canvas shapes access to the domain model. Shape components render
 * inside `<Tldraw>`, which is inside our tree, so the context reaches them.
 */
import type { Board, Cluster, Idea } from '@ideenwand/board'
import { createContext, useCallback, useContext, useRef, useSyncExternalStore } from 'react'

export const BoardContext = createContext<Board | null>(null)

/**
 * The board of each editor, for shape utils outside React (tldraw's live region reads a selected
 * shape's `getAriaDescriptor`: the idea's text, the cluster's title). Set by the board page.
 */
const boards = new WeakMap<object, Board>()
export function setEditorBoard(editor: object, board: Board): () => void {
  boards.set(editor, board)
  return () => {
    if (boards.get(editor) === board) boards.delete(editor)
  }
}
export function editorBoard(editor: object): Board | undefined {
  return boards.get(editor)
}

export function useBoard(): Board {
  const board = useContext(BoardContext)
  if (!board) throw new Error('useBoard() needs a <BoardContext.Provider>')
  return board
}

function sameIdea(a: Idea | undefined, b: Idea | undefined): boolean {
  if (a === b) return true
  if (!a || !b) return false
  return (
    a.text === b.text &&
    a.color === b.color &&
    a.clusterId === b.clusterId &&
    a.authorName === b.authorName &&
    a.source === b.source &&
    a.table === b.table &&
    // Written once by the server (issue 20 §1); compared by value, as every read is a new object.
    JSON.stringify(a.carriedFrom) === JSON.stringify(b.carriedFrom)
  )
}

/** The idea with this id, re-rendering whenever the domain model changes it. */
export function useIdea(ideaId: string): Idea | undefined {
  const board = useBoard()
  const cache = useRef<Idea | undefined>(undefined)
  const getSnapshot = useCallback(() => {
    const next = board.idea(ideaId)
    if (!sameIdea(cache.current, next)) cache.current = next
    return cache.current
  }, [board, ideaId])
  return useSyncExternalStore(board.observe.bind(board), getSnapshot)
}

/** The cluster with this id, re-rendering whenever the domain model changes it. */
export function useCluster(clusterId: string): Cluster | undefined {
  const board = useBoard()
  const cache = useRef<Cluster | undefined>(undefined)
  const getSnapshot = useCallback(() => {
    const next = board.cluster(clusterId)
    const prev = cache.current
    if (next?.title !== prev?.title || next?.color !== prev?.color) cache.current = next
    return cache.current
  }, [board, clusterId])
  return useSyncExternalStore(board.observe.bind(board), getSnapshot)
}
