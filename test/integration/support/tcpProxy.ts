/**
 * A TCP proxy between a server under test and a shared service (Postgres, Redis), to simulate an
 * outage of that service without touching it — other tests keep using it. `cut()` drops every
 * proxied connection and then answers new ones with a reset (`'reset'`, like a database that is
 * down) or accepts and ignores them (`'blackhole'`, like a network that swallows packets);
 * `restore()` forwards again.
 */
import { connect, createServer, type Server, type Socket } from 'node:net'

export type CutMode = 'reset' | 'blackhole'

export class TcpProxy {
  private readonly pairs = new Set<[Socket, Socket]>()
  private readonly held = new Set<Socket>()
  private mode: CutMode | null = null
  /** See `resetNextAt`. */
  private trap: number | null = null
  /** Connections accepted and forwarded since the start. */
  forwarded = 0
  /** Connections refused or swallowed while cut. */
  refused = 0

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  /** Starts a proxy on a free loopback port that forwards to `target`. */
  static async start(target: { host: string; port: number }): Promise<TcpProxy> {
    let proxy: TcpProxy | null = null
    const server = createServer({ noDelay: true }, (client) => proxy?.accept(client, target))
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(0, '127.0.0.1', resolve)
    })
    const address = server.address()
    if (!address || typeof address !== 'object') throw new Error('proxy has no port')
    proxy = new TcpProxy(server, address.port)
    return proxy
  }

  /** The `host:port` to give the server instead of the service's. */
  get address(): string {
    return `127.0.0.1:${this.port}`
  }

  get isCut(): boolean {
    return this.mode !== null
  }

  /** Open proxied connections. */
  get connections(): number {
    return this.pairs.size
  }

  private accept(client: Socket, target: { host: string; port: number }): void {
    client.on('error', () => {})
    if (this.mode === 'reset') {
      this.refused++
      client.resetAndDestroy()
      return
    }
    if (this.mode === 'blackhole') {
      this.refused++
      this.held.add(client)
      client.once('close', () => this.held.delete(client))
      return
    }
    this.forwarded++
    client.setNoDelay(true)
    client.pause()
    const upstream = this.connectUpstream(target)
    const pair: [Socket, Socket] = [client, upstream]
    const trap = this.trap
    this.trap = null
    this.pairs.add(pair)
    const drop = () => {
      this.pairs.delete(pair)
      client.destroy()
      upstream.destroy()
    }
    upstream.once('connect', () => {
      if (trap === null) client.pipe(upstream)
      else {
        let chunks = 0
        client.on('data', (chunk: Buffer) => {
          if (++chunks < trap) upstream.write(chunk)
          else {
            this.pairs.delete(pair)
            client.resetAndDestroy()
            upstream.destroy()
          }
        })
      }
      upstream.pipe(client)
      client.resume()
    })
    client.once('close', drop)
    upstream.once('close', drop)
  }

  private connectUpstream(target: { host: string; port: number }): Socket {
    const socket = connect({ host: target.host, port: target.port, noDelay: true })
    socket.on('error', () => {})
    return socket
  }

  /**
   * The next forwarded connection is reset when its client sends its `chunk`-th chunk (chunk 1 is
   * a Postgres startup message, so 2 is the first query after a trust-auth handshake).
   */
  resetNextAt(chunk: number): void {
    this.trap = chunk
  }

  /** Drops every proxied connection (with a reset) and refuses or swallows new ones. */
  cut(mode: CutMode = 'reset'): void {
    this.mode = mode
    for (const pair of [...this.pairs]) {
      this.pairs.delete(pair)
      for (const s of pair) s.resetAndDestroy()
    }
  }

  /** Forwards new connections again (swallowed ones are dropped, their clients retry). */
  restore(): void {
    this.mode = null
    for (const s of [...this.held]) s.resetAndDestroy()
    this.held.clear()
  }

  async close(): Promise<void> {
    this.cut('reset')
    this.restore()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }
}
