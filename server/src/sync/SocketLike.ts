/**
 * The transport a sync session talks through: the minimal socket the sync layer needs, so that
 * rooms and sessions never depend on `ws` (http/WsSocket.ts adapts a `ws` socket; tests pass
 * plain objects).
 */
import type { SharedFrame } from './SharedFrame.ts'

/** The minimal socket the sync layer uses (satisfied by `ws` and Hono's WSContext). */
export interface SocketLike {
  send(data: Uint8Array): void
  /**
   * Sends a frame shared by many connections, framing it once for all of them where the
   * transport can; in this socket's order with everything else it sends. Without it, `send`
   * gets the payload.
   */
  sendShared?(frame: SharedFrame): void
  close(code: number, reason: string): void
  /** Bytes queued but not yet handed to the network (`ws`'s `bufferedAmount`); 0 if unknown. */
  readonly bufferedAmount?: number
}
