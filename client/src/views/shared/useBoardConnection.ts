/**
 * One `BoardConnection` per mounted view: opened for the board id, destroyed on unmount, and
 * the connection state (offline / connecting / saving / saved / closed) as React state. Free of
 * tldraw, like everything under `views/shared`.
 *
 * When the browser reports going offline, the socket is closed at once and reopened when it is
 * back: a dropped Wi-Fi often leaves a half-open socket that y-websocket would only notice after
 * its 30 s message timeout, and meanwhile the phone would claim to be connected. Reconnecting
 * runs the normal sync handshake, which sends what the server lacks — nothing twice.
 */
import { useEffect, useState, useSyncExternalStore } from 'react'
import { BoardConnection, type ConnectionSnapshot } from '../../board/BoardConnection.ts'

export interface OpenBoard {
  readonly connection: BoardConnection
  /** Where the doc's content came from once it is ready; null while loading. */
  readonly loadedFrom: 'remote' | 'local' | null
}

/** Opens the board's connection (Y.Doc, sync, IndexedDB) while the component is mounted. */
export function useBoardConnection(boardId: string): OpenBoard | null {
  const [open, setOpen] = useState<OpenBoard | null>(null)
  useEffect(() => {
    // The views show no cursors: no presence frames for them (see BoardConnection).
    const connection = new BoardConnection(boardId, { presence: false })
    let alive = true
    setOpen({ connection, loadedFrom: null })
    void connection.ready.then((loadedFrom) => {
      if (alive) setOpen({ connection, loadedFrom })
    })
    const { provider } = connection
    const goOffline = () => {
      if (connection.getSnapshot().state !== 'closed') provider.disconnect()
    }
    const goOnline = () => {
      if (connection.getSnapshot().state !== 'closed' && !provider.shouldConnect) provider.connect()
    }
    window.addEventListener('offline', goOffline)
    window.addEventListener('online', goOnline)
    return () => {
      alive = false
      window.removeEventListener('offline', goOffline)
      window.removeEventListener('online', goOnline)
      connection.destroy()
    }
  }, [boardId])
  return open
}

const noopSubscribe = () => () => {}
const CONNECTING: ConnectionSnapshot = { state: 'connecting', closed: null }
const connecting = () => CONNECTING

/** The connection state as a user would read it; re-renders on every change. */
export function useConnectionState(connection: BoardConnection | null): ConnectionSnapshot {
  return useSyncExternalStore(
    connection?.subscribe ?? noopSubscribe,
    connection?.getSnapshot ?? connecting,
  )
}
