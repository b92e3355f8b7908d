/**
 * Fan-out between server instances through Redis pub/sub: one channel per board, one subscriber
 * and one publisher connection per instance. Postgres stays the only store: an instance stores
 * what its own clients sent, then publishes it; the others apply and relay it without storing it
 * again. Presence goes the same way, coalesced per room tick. Messages carry the sender's
 * instance id so an instance ignores its own. Design notes: docs/architecture.md ("Several
 * instances").
 */
import { randomUUID } from 'node:crypto'
import { Redis } from 'ioredis'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { Logger } from '../../logger.ts'
import type { BoardChannel, Fanout, FanoutHandlers } from './Fanout.ts'

const KIND_UPDATE = 0
const KIND_AWARENESS = 1
/** A board still loads if Redis does not confirm the subscription in time (logged). */
const SUBSCRIBE_TIMEOUT_MS = 2_000

type Message = { kind: number; payload: Uint8Array }

class RedisBoardChannel implements BoardChannel {
  readonly shared = true
  private handlers: FanoutHandlers | null = null
  private early: Message[] = []

  constructor(
    private readonly fanout: RedisFanout,
    readonly channel: string,
  ) {}

  publishUpdate(update: Uint8Array): void {
    this.fanout.publish(this.channel, KIND_UPDATE, update)
  }

  publishAwareness(update: Uint8Array): void {
    this.fanout.publish(this.channel, KIND_AWARENESS, update)
  }

  attach(handlers: FanoutHandlers): void {
    this.handlers = handlers
    const early = this.early
    this.early = []
    for (const m of early) this.deliver(m)
  }

  deliver(m: Message): void {
    const h = this.handlers
    if (!h) {
      this.early.push(m)
      return
    }
    if (m.kind === KIND_UPDATE) h.update(m.payload)
    else if (m.kind === KIND_AWARENESS) h.awareness(m.payload)
  }

  close(): void {
    this.handlers = null
    this.early = []
    this.fanout.leave(this)
  }
}

export class RedisFanout implements Fanout {
  /** Identifies this process's messages on the shared channels. */
  readonly instanceId = randomUUID()
  private readonly pub: Redis
  private readonly sub: Redis
  private readonly channels = new Map<string, Set<RedisBoardChannel>>()

  constructor(
    url: string,
    private readonly log: Logger,
    /** Keeps deployments that share one Redis apart (e.g. the database schema). */
    private readonly prefix = 'ideenwand',
  ) {
    this.pub = new Redis(url, { maxRetriesPerRequest: 2 })
    this.sub = new Redis(url, { maxRetriesPerRequest: null })
    for (const [name, conn] of [
      ['publisher', this.pub],
      ['subscriber', this.sub],
    ] as const) {
      conn.on('error', (err: Error) =>
        this.log.warn({ err: err.message, conn: name }, 'redis error'),
      )
    }
    this.sub.on('messageBuffer', (channel: Buffer, message: Buffer) => {
      this.onMessage(channel.toString(), message)
    })
  }

  private channelOf(boardId: string): string {
    return `${this.prefix}:board:${boardId}`
  }

  async join(boardId: string): Promise<BoardChannel> {
    const name = this.channelOf(boardId)
    const channel = new RedisBoardChannel(this, name)
    let set = this.channels.get(name)
    if (!set) {
      set = new Set()
      this.channels.set(name, set)
    }
    set.add(channel)
    if (set.size === 1) {
      const subscribed = this.sub.subscribe(name)
      const timeout = new Promise<'timeout'>((r) =>
        setTimeout(r, SUBSCRIBE_TIMEOUT_MS, 'timeout').unref(),
      )
      const outcome = await Promise.race([subscribed.then(() => 'ok' as const), timeout]).catch(
        (err: unknown) => {
          this.log.warn({ err, boardId }, 'redis subscribe failed; board loads without fan-out')
          return 'failed' as const
        },
      )
      if (outcome === 'timeout') {
        this.log.warn({ boardId }, 'redis subscribe slow; board loads without waiting for it')
      }
    }
    return channel
  }

  leave(channel: RedisBoardChannel): void {
    const set = this.channels.get(channel.channel)
    if (!set?.delete(channel) || set.size > 0) return
    this.channels.delete(channel.channel)
    this.sub.unsubscribe(channel.channel).catch(() => {})
  }

  publish(channel: string, kind: number, payload: Uint8Array): void {
    const encoder = encoding.createEncoder()
    encoding.writeVarString(encoder, this.instanceId)
    encoding.writeVarUint(encoder, kind)
    encoding.writeVarUint8Array(encoder, payload)
    this.pub.publish(channel, Buffer.from(encoding.toUint8Array(encoder))).catch((err: unknown) => {
      this.log.warn({ err, channel }, 'redis publish failed')
    })
  }

  private onMessage(channel: string, message: Buffer): void {
    const set = this.channels.get(channel)
    if (!set) return
    let m: Message
    try {
      const decoder = decoding.createDecoder(
        new Uint8Array(message.buffer, message.byteOffset, message.length),
      )
      if (decoding.readVarString(decoder) === this.instanceId) return
      const kind = decoding.readVarUint(decoder)
      m = { kind, payload: decoding.readVarUint8Array(decoder) }
    } catch (err) {
      this.log.warn({ err, channel }, 'undecodable fan-out message ignored')
      return
    }
    for (const c of set) {
      try {
        c.deliver(m)
      } catch (err) {
        this.log.error({ err, channel }, 'applying a fan-out message failed')
      }
    }
  }

  async close(): Promise<void> {
    this.channels.clear()
    await Promise.allSettled([this.sub.quit(), this.pub.quit()])
  }
}
