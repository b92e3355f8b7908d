/**
 * Writing one broadcast to many `ws` sockets with the frame built once. `ws.send` frames every
 * message anew for every socket (a header buffer, then a corked two-buffer `writev`); for a board
 * with 1,000 connections that is 1,000 headers and 1,000 `writev`s per tick. Here the complete
 * frame (header + payload, one buffer, made by ws's own `Sender.frame`) is built once per
 * broadcast and written as it is to each socket — one plain `write` each.
 *
 * Only where that is exactly what `ws.send` would have put on the wire at that moment: the socket
 * is open, is a server socket (frames unmasked), has no permessage-deflate, and its sender holds
 * nothing queued and is between messages — then `ws.send` too writes straight to the socket, so
 * the order of everything this socket sends stays as it was. Otherwise (and if the installed
 * `ws` does not look like the 8.x this was written against) it falls back to `ws.send`. The bytes
 * written count in `ws.bufferedAmount` as before (they are the socket's own write queue).
 */
import WebSocket, * as wsModule from 'ws'
import type { SharedFrame } from '../sync/SharedFrame.ts'

interface FrameOptions {
  fin: boolean
  opcode: number
  mask: boolean
  readOnly: boolean
  rsv1: boolean
}

type SenderClass = { frame?: unknown }
/** ws's `Sender.frame` (exported by ws, as `Sender` and `WebSocket.Sender`; not in its types). */
const frameFn = (
  (wsModule as unknown as { Sender?: SenderClass }).Sender ??
  (WebSocket as unknown as { Sender?: SenderClass }).Sender
)?.frame as ((data: Buffer, options: FrameOptions) => Buffer[]) | undefined

/** The parts of a `ws` 8.x socket this relies on (private fields, checked on every use). */
interface WsInternals {
  readyState: number
  _isServer?: unknown
  _extensions?: Record<string, unknown>
  _sender?: { _queue?: unknown; _state?: unknown; _firstFragment?: unknown }
  _socket?: { writable?: unknown; write?: unknown } | null
}

/** ws's `Sender` state between messages (`DEFAULT`; 1 = deflating, 2 = reading a blob). */
const SENDER_IDLE = 0

const BINARY_FRAME: FrameOptions = {
  fin: true,
  opcode: 2,
  mask: false,
  readOnly: true,
  rsv1: false,
}

/** One unmasked, final, binary frame for `payload`, in one buffer. */
export function binaryFrame(payload: Uint8Array): Buffer | null {
  if (!frameFn) return null
  const data = Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength)
  const parts = frameFn(data, BINARY_FRAME)
  return parts.length === 1 ? (parts[0] ?? null) : Buffer.concat(parts)
}

/**
 * Writes `frame` to `raw` with the bytes framed once for all sockets; false if that is not safe
 * for this socket right now (the caller then uses `ws.send`).
 */
export function writeShared(raw: unknown, frame: SharedFrame): boolean {
  const ws = raw as WsInternals | null | undefined
  if (!ws || ws.readyState !== WebSocket.OPEN || ws._isServer !== true) return false
  const extensions = ws._extensions
  if (!extensions || typeof extensions !== 'object') return false
  for (const _ in extensions) return false
  const sender = ws._sender
  if (
    !sender ||
    !Array.isArray(sender._queue) ||
    sender._queue.length !== 0 ||
    sender._state !== SENDER_IDLE ||
    sender._firstFragment !== true
  ) {
    return false
  }
  const socket = ws._socket
  if (socket?.writable !== true || typeof socket.write !== 'function') return false
  if (!frame.wire) {
    frame.wire = binaryFrame(frame.payload)
    if (!frame.wire) return false
  }
  ;(socket.write as (chunk: Uint8Array) => boolean).call(socket, frame.wire)
  return true
}
