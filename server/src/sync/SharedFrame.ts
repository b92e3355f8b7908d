/**
 * A message sent to many connections at once (a board's merged update, a presence tick): encoded
 * once by the room, and framed once by a transport that can write prepared frame bytes. The first
 * connection's transport stores the ready-to-write bytes in `wire`; every other connection of the
 * same broadcast writes those same bytes (see http/sharedFrames.ts).
 */
export class SharedFrame {
  /** The transport's complete frame for `payload` (for `ws`: one unmasked binary frame). */
  wire: Uint8Array | null = null

  constructor(readonly payload: Uint8Array) {}
}
