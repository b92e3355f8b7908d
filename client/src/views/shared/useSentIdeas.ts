/**
 * "wartet auf Verbindung" / "gesendet" for my own ideas, derived from the connection state: an
 * idea counts as sent once the connection reached `saved` (every update stored by the server)
 * while the idea was in the doc; a local edit makes it pending again until the next `saved`.
 * The set of sent ids is kept per board in localStorage, so a reload while offline does not
 * turn earlier ideas back to "waiting". Yjs merges offline edits on reconnect by itself; nothing
 * is ever re-sent from here, so nothing can arrive twice.
 */
import { useCallback, useEffect, useState } from 'react'
import type { ConnectionState } from '../../board/BoardConnection.ts'
import type { Idea } from './useIdeas.ts'

export type IdeaDelivery = 'pending' | 'sent'

const key = (boardId: string) => `ideenwand:sent:${boardId}`

function load(boardId: string): ReadonlySet<string> {
  try {
    const raw = localStorage.getItem(key(boardId))
    const ids: unknown = raw ? JSON.parse(raw) : []
    return new Set(Array.isArray(ids) ? ids.filter((id) => typeof id === 'string') : [])
  } catch {
    return new Set()
  }
}

function store(boardId: string, ids: ReadonlySet<string>): void {
  try {
    localStorage.setItem(key(boardId), JSON.stringify([...ids]))
  } catch {
    // Storage full or disabled: the states are right for this page, only not after a reload.
  }
}

export interface SentIdeas {
  delivery: (ideaId: string) => IdeaDelivery
  /** Call after a local change to an idea: it is pending until the next `saved`. */
  markChanged: (ideaId: string) => void
}

export function useSentIdeas(
  boardId: string,
  state: ConnectionState,
  mine: readonly Idea[],
): SentIdeas {
  const [sent, setSent] = useState<ReadonlySet<string>>(() => load(boardId))

  useEffect(() => {
    if (state !== 'saved') return
    setSent((current) => {
      const ids = mine.map((idea) => idea.id)
      // Deleted ideas drop out, so the stored list does not grow for ever.
      if (ids.length === current.size && ids.every((id) => current.has(id))) return current
      const next = new Set(ids)
      store(boardId, next)
      return next
    })
  }, [state, mine, boardId])

  const markChanged = useCallback(
    (ideaId: string) =>
      setSent((current) => {
        if (!current.has(ideaId)) return current
        const next = new Set(current)
        next.delete(ideaId)
        store(boardId, next)
        return next
      }),
    [boardId],
  )

  const delivery = useCallback(
    (ideaId: string): IdeaDelivery => (state === 'saved' || sent.has(ideaId) ? 'sent' : 'pending'),
    [state, sent],
  )

  return { delivery, markChanged }
}
