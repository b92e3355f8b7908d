/**
 * Finds dead sockets: every `everyMs` each socket is pinged, and one that sent nothing (no pong,
 * no message) since the previous ping is terminated. A phone whose Wi-Fi dropped leaves a
 * half-open socket the server would otherwise keep for many minutes — and it would count
 * against the connection limits of its session and IP, locking the person out after a few
 * reconnects. A slow reader still draining a backlog counts as alive (the ping waits behind
 * that backlog; backpressure handles it).
 *
 * One timer for all sockets, running only while there are any — not one per connection: a
 * board with 1,000 connections would otherwise keep 1,000 intervals (memory, and 1,000 timer
 * wake-ups per period instead of one sweep).
 */

/** The part of a `ws` socket the heartbeat uses. */
export interface HeartbeatSocket {
  readonly bufferedAmount: number
  ping(): void
  terminate(): void
  on(event: 'pong' | 'message', listener: () => void): void
}

interface Watched {
  /** Something came back since the last ping. */
  alive: boolean
  /** `bufferedAmount` at the last sweep. */
  buffered: number
}

export class Heartbeat {
  private readonly sockets = new Map<HeartbeatSocket, Watched>()
  private timer: NodeJS.Timeout | null = null

  constructor(private readonly everyMs: number) {}

  /** Watches `socket` until `unwatch` (on close) or until it is terminated as dead. */
  watch(socket: HeartbeatSocket): void {
    const state: Watched = { alive: true, buffered: 0 }
    const seen = () => {
      state.alive = true
    }
    socket.on('pong', seen)
    socket.on('message', seen)
    this.sockets.set(socket, state)
    if (!this.timer) {
      this.timer = setInterval(() => this.sweep(), this.everyMs)
      this.timer.unref()
    }
  }

  unwatch(socket: HeartbeatSocket): void {
    this.sockets.delete(socket)
    if (this.sockets.size === 0 && this.timer) {
      clearInterval(this.timer)
      this.timer = null
    }
  }

  /** How many sockets are watched (for tests). */
  get size(): number {
    return this.sockets.size
  }

  private sweep(): void {
    for (const [socket, state] of this.sockets) {
      const buffered = socket.bufferedAmount
      const draining = buffered > 0 && buffered < state.buffered
      state.buffered = buffered
      if (!state.alive && !draining) {
        this.unwatch(socket)
        socket.terminate()
        continue
      }
      state.alive = false
      try {
        socket.ping()
      } catch {
        // not open any more; its close event unwatches it
      }
    }
  }
}
