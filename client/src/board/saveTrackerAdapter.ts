/**
 * ADAPTER — the one place the client touches the ack extension of `@ideenwand/protocol`
 * (`SaveTracker`, `MESSAGE_ACK`). If the protocol's API changes, only this file changes.
 *
 * Wire contract (see packages/protocol): with `?ack=1` in the sync URL the server answers each
 * stored sync step 2 / update message with `[MESSAGE_ACK, varUint seq]`; the tracker compares that
 * with the number of such messages it saw the provider send on the current socket. While the
 * database is away the server says so with `[MessageType.SaveStatus, 1]` (and `0` once it stores
 * again); the tracker then reports `delayed` for what is not acked yet.
 */
import { MESSAGE_ACK, MessageType, type SaveState, SaveTracker } from '@ideenwand/protocol'
import type { WebsocketProvider } from 'y-websocket'

export type { SaveState }

export interface SaveTracking {
  readonly tracker: SaveTracker
  /** WebSocket class to pass as the provider's `WebSocketPolyfill`. */
  readonly WebSocketClass: typeof WebSocket
  /** Registers the ack and save-status message handlers on a provider. */
  attach(provider: WebsocketProvider): void
}

export function createSaveTracking(): SaveTracking {
  const tracker = new SaveTracker()
  return {
    tracker,
    WebSocketClass: tracker.wrapWebSocket(WebSocket),
    attach(provider) {
      provider.messageHandlers[MESSAGE_ACK] = (encoder, decoder) => {
        tracker.handleAck(encoder, decoder)
      }
      provider.messageHandlers[MessageType.SaveStatus] = (encoder, decoder) => {
        tracker.handleSaveStatus(encoder, decoder)
      }
    },
  }
}
