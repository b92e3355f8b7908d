/**
 * Typed calls to the history routes (issue 14 §3, facilitators only): the board's history,
 * restoring the whole board to before an entry, and undoing one person's changes since an entry.
 * The result reaches every client over the WebSocket like any other change.
 */
import { apiJson, type Schema } from './http.ts'

export interface HistorySender {
  kind: 'guest' | 'facilitator' | 'system'
  id: string | null
}

export interface HistoryEntry {
  /** "Before this entry" is this id. */
  id: number
  at: string
  sender: HistorySender | null
  senderName: string | null
  ideasAdded: number
  ideasDeleted: number
  ideasChanged: number
  clustersChanged: number
  /** Only whiteboard cards changed. */
  cardsOnly: boolean
}

export interface Applied {
  ideasRestored: number
  ideasRemoved: number
  ideasChanged: number
  clustersChanged: number
  ideasHeldBack: number
}

const isNumber = (v: unknown): v is number => typeof v === 'number'

const Entries: Schema<HistoryEntry[]> = {
  safeParse(value) {
    const ok =
      Array.isArray(value) &&
      value.every(
        (e) =>
          e &&
          isNumber(e.id) &&
          typeof e.at === 'string' &&
          isNumber(e.ideasAdded) &&
          isNumber(e.ideasDeleted) &&
          isNumber(e.ideasChanged) &&
          isNumber(e.clustersChanged),
      )
    return ok
      ? { success: true, data: value as HistoryEntry[] }
      : { success: false, error: { message: 'expected history entries' } }
  },
}

const AppliedSchema: Schema<Applied> = {
  safeParse(value) {
    const v = value as Partial<Applied> | null
    return v && isNumber(v.ideasRestored) && isNumber(v.ideasHeldBack)
      ? { success: true, data: v as Applied }
      : { success: false, error: { message: 'expected what changed' } }
  },
}

const base = (workshopId: string) => `/workshops/${encodeURIComponent(workshopId)}/history`

export const historyApi = {
  list: (workshopId: string) => apiJson('GET', base(workshopId), Entries),
  restore: (workshopId: string, before: number) =>
    apiJson('POST', `${base(workshopId)}/restore`, AppliedSchema, { before }),
  undo: (workshopId: string, before: number, sender: HistorySender) =>
    apiJson('POST', `${base(workshopId)}/undo`, AppliedSchema, { before, sender }),
}
