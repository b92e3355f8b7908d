/**
 * The transport side of a sync connection: a `SocketLike` over Hono's WSContext (sending,
 * closing) and the raw `ws` socket under it (shared frames, `bufferedAmount`). The session
 * (sync/SyncConnection.ts) owns the connection's state; this only moves bytes.
 */
import type { SharedFrame } from '../sync/SharedFrame.ts'
import type { SocketLike } from '../sync/SocketLike.ts'
import { writeShared } from './sharedFrames.ts'

/** What the sync layer sends and closes through: Hono's WSContext, or anything alike. */
interface SendClose {
  send(data: Uint8Array<ArrayBuffer>): void
  close(code: number, reason: string): void
}

/**
 * A class on purpose: an object literal with a getter gets a hidden class of its own per
 * connection, which made every property load on it in the broadcast loop megamorphic — at 1,000
 * connections `perf` showed 8 % of the server's CPU in V8's generic property lookup (`LoadIC`)
 * called from `Room.broadcast`.
 */
export class WsSocket implements SocketLike {
  constructor(
    private readonly context: SendClose,
    private readonly raw: unknown,
  ) {}

  send(data: Uint8Array): void {
    this.context.send(data as Uint8Array<ArrayBuffer>)
  }

  /** One frame built for all sockets of a broadcast where that is safe (see `writeShared`). */
  sendShared(frame: SharedFrame): void {
    if (!writeShared(this.raw, frame)) this.context.send(frame.payload as Uint8Array<ArrayBuffer>)
  }

  close(code: number, reason: string): void {
    this.context.close(code, reason)
  }

  /** The raw `ws` socket knows how much is still queued (Hono's WSContext does not). */
  get bufferedAmount(): number {
    return (this.raw as { bufferedAmount?: number } | undefined)?.bufferedAmount ?? 0
  }
}
