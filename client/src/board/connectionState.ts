/**
 * The connection state a board shows (BoardConnection.ts), decided from what the provider, the
 * browser and the save tracker report. A pure function, so every transition is testable without a
 * socket.
 */
import type { SaveState } from '@ideenwand/protocol'

export const CONNECTION_STATES = [
  'offline',
  'connecting',
  'saving',
  'delayed',
  'saved',
  'closed',
] as const
export type ConnectionState = (typeof CONNECTION_STATES)[number]

/** What the state is decided from. */
export interface ConnectionFacts {
  /** The server closed the connection for good (4400–4499). */
  closedForGood: boolean
  /** The WebSocket is open. */
  socketOpen: boolean
  /** The sync handshake is done. */
  synced: boolean
  /** The last attempt to connect failed (reset when a socket opens). */
  attemptFailed: boolean
  /** The browser says it is offline. */
  browserOffline: boolean
  /** The provider still tries to connect (false after `disconnect()`). */
  shouldConnect: boolean
  /** The server never stores this connection's writes: a viewer, or an archived board. */
  readOnly: boolean
  /** The server said on this socket that it drops this connection's writes. */
  deniedOnSocket: boolean
  /** The save tracker's verdict on what this connection sent. */
  saveState: SaveState
}

export function connectionState(facts: ConnectionFacts): ConnectionState {
  if (facts.closedForGood) return 'closed'
  if (!facts.socketOpen) {
    return facts.attemptFailed || facts.browserOffline || !facts.shouldConnect
      ? 'offline'
      : 'connecting'
  }
  if (!facts.synced) return 'connecting'
  // Nothing we write is stored, so there is nothing to wait for: up to date means "saved".
  if (facts.readOnly || facts.deniedOnSocket) return 'saved'
  return facts.saveState
}
