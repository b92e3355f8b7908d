/**
 * Live cursors and selections over y-websocket awareness. Our presence comes from tldraw's
 * `createPresenceStateDerivation($user)` (v5 signature: a signal of the current `TLUser`) and is
 * published as the awareness field `presence`; peers' presence records are merged into the store
 * as remote `instance_presence` records and removed when the peer leaves (or we go offline,
 * where y-websocket drops all remote awareness states). While `$publish` is false (viewers),
 * we only watch: no cursor of ours is sent.
 */
import {
  createPresenceStateDerivation,
  react,
  type Signal,
  type TLInstancePresence,
  type TLStore,
  type TLUser,
} from 'tldraw'
import type { Awareness } from 'y-protocols/awareness'

const FIELD = 'presence'

interface AwarenessChange {
  added: number[]
  updated: number[]
  removed: number[]
}

export function bindPresence(
  store: TLStore,
  awareness: Awareness,
  $user: Signal<TLUser | null>,
  $publish: Signal<boolean>,
): () => void {
  const $presence = createPresenceStateDerivation($user)(store)
  const ownId = $presence.get()?.id
  /** awareness clientID → the presence record id that peer published. */
  const peers = new Map<number, TLInstancePresence['id']>()

  let frame = 0
  const stopReacting = react('publish presence', () => {
    const presence = $publish.get() ? $presence.get() : null
    cancelAnimationFrame(frame)
    // At most one awareness update per animation frame while the pointer moves.
    frame = requestAnimationFrame(() => awareness.setLocalStateField(FIELD, presence))
  })

  const validate = (value: unknown): TLInstancePresence | undefined => {
    if (typeof value !== 'object' || value === null) return undefined
    if ((value as { typeName?: unknown }).typeName !== 'instance_presence') return undefined
    try {
      const candidate = value as TLInstancePresence
      if (candidate.id === ownId) return undefined
      const existing = store.get(candidate.id)
      return store.schema.validateRecord(
        store,
        candidate,
        existing ? 'updateRecord' : 'createRecord',
        existing ?? null,
      ) as TLInstancePresence
    } catch {
      return undefined
    }
  }

  const onChange = ({ added, updated, removed }: AwarenessChange) => {
    const states = awareness.getStates()
    const toPut: TLInstancePresence[] = []
    const toRemove: TLInstancePresence['id'][] = []
    for (const clientId of [...added, ...updated]) {
      if (clientId === awareness.clientID) continue
      const state: unknown = states.get(clientId)
      const presence =
        typeof state === 'object' && state !== null
          ? validate((state as Record<string, unknown>)[FIELD])
          : undefined
      const previous = peers.get(clientId)
      if (presence) {
        if (previous && previous !== presence.id) toRemove.push(previous)
        peers.set(clientId, presence.id)
        toPut.push(presence)
      } else if (previous) {
        peers.delete(clientId)
        toRemove.push(previous)
      }
    }
    for (const clientId of removed) {
      const previous = peers.get(clientId)
      if (previous) toRemove.push(previous)
      peers.delete(clientId)
    }
    if (toPut.length === 0 && toRemove.length === 0) return
    store.mergeRemoteChanges(() => {
      const present = toRemove.filter((id) => store.has(id))
      if (present.length) store.remove(present)
      if (toPut.length) store.put(toPut)
    })
  }
  awareness.on('change', onChange)
  // Peers already known before we subscribed.
  onChange({ added: [...awareness.getStates().keys()], updated: [], removed: [] })

  return () => {
    stopReacting()
    cancelAnimationFrame(frame)
    awareness.off('change', onChange)
    awareness.setLocalStateField(FIELD, null)
    const ids = [...peers.values()].filter((id) => store.has(id))
    peers.clear()
    if (ids.length) store.mergeRemoteChanges(() => store.remove(ids))
  }
}
