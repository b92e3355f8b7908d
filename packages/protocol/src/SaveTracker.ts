/**
 * Client-side "is everything I wrote stored?" tracking for the ack extension.
 *
 * y-websocket 3.1 has no notion of an update being stored. With `?ack=1` in the sync URL the
 * Ideenwand server answers every stored sync step 2 / update message with `[Ack, seq]`, seq being
 * how many such messages of this connection are durably stored. The tracker counts what the
 * provider sends (by wrapping its WebSocket class) and compares. When the server cannot store
 * (database away) it says so with a `SaveStatus` message; while it does, what is not acked yet
 * is `delayed` rather than `saving` — still held by the server and this client, stored later.
 */
import * as decoding from 'lib0/decoding'
import { isSyncUpdateFrame, readSaveStatus, SaveStatus } from './messages.ts'

/** `delayed`: not everything is stored yet, and the server said its storage is unavailable. */
export type SaveState = 'saved' | 'saving' | 'delayed'

type WebSocketLike = { send(data: ArrayBufferLike | ArrayBufferView | string | Blob): void }
// biome-ignore lint/suspicious/noExplicitAny: constructor signatures of WebSocket classes differ
type WebSocketClass = new (...args: any[]) => WebSocketLike

export class SaveTracker {
  private sent = 0
  private acked = 0
  private socket: WebSocketLike | null = null
  private listeners = new Set<(state: SaveState) => void>()

  /**
   * A new socket is 'saving' until its first ack: the client's sync step 2 (always sent in the
   * handshake) carries whatever was edited offline, and only its ack says that is stored.
   */
  private awaitingFirstAck = false
  /** The server said (on the current socket) that storing is delayed. */
  private storageDelayed = false

  get state(): SaveState {
    if (!this.awaitingFirstAck && this.acked >= this.sent) return 'saved'
    return this.storageDelayed ? 'delayed' : 'saving'
  }

  /** True while the server reports that it cannot store (whether or not we wait for anything). */
  get serverDelayed(): boolean {
    return this.storageDelayed
  }

  /** Number of sync messages sent on the current socket that the server has not stored yet. */
  get pending(): number {
    return this.sent - this.acked
  }

  on(listener: (state: SaveState) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** A WebSocket subclass for `WebsocketProvider`'s `WebSocketPolyfill` option. */
  wrapWebSocket<C extends WebSocketClass>(Base: C): C {
    const tracker = this
    const Wrapped = class extends Base {
      // biome-ignore lint/suspicious/noExplicitAny: forwards the base constructor's arguments
      constructor(...args: any[]) {
        super(...args)
        tracker.attach(this)
      }
      override send(data: ArrayBufferLike | ArrayBufferView | string | Blob): void {
        if (data instanceof Uint8Array && isSyncUpdateFrame(data)) tracker.countSent(this)
        super.send(data)
      }
    }
    return Wrapped
  }

  /** Handler for `provider.messageHandlers[MESSAGE_ACK]` (y-websocket's handler signature). */
  readonly handleAck = (_encoder: unknown, decoder: decoding.Decoder): void => {
    const seq = decoding.readVarUint(decoder)
    if (seq > this.acked || this.awaitingFirstAck) {
      this.acked = Math.max(this.acked, seq)
      this.awaitingFirstAck = false
      this.emit()
    }
  }

  /** Handler for `provider.messageHandlers[MessageType.SaveStatus]`. */
  readonly handleSaveStatus = (_encoder: unknown, decoder: decoding.Decoder): void => {
    const delayed = readSaveStatus(decoder) === SaveStatus.Delayed
    if (delayed === this.storageDelayed) return
    this.storageDelayed = delayed
    this.emit()
  }

  private attach(socket: WebSocketLike): void {
    // A new socket starts a new count on the server. Unacked content is re-sent by the sync
    // handshake (the client's step 2), which is counted again on the new socket.
    this.socket = socket
    this.sent = 0
    this.acked = 0
    this.awaitingFirstAck = true
    // The server tells a new connection again if storing is still delayed.
    this.storageDelayed = false
    this.emit()
  }

  private countSent(socket: WebSocketLike): void {
    if (socket !== this.socket) return
    this.sent++
    this.emit()
  }

  private lastState: SaveState = 'saved'
  private emit(): void {
    const state = this.state
    if (state === this.lastState) return
    this.lastState = state
    for (const listener of this.listeners) listener(state)
  }
}
