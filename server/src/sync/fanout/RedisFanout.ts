/**
 * Fan-out between server instances through Redis pub/sub: one channel per board, one subscriber
 * and one publisher connection per instance. Postgres stays the only store: an instance stores
 * what its own clients sent, then publishes it; the others apply and relay it without storing it
 * again. Presence goes the same way, coalesced per room tick. Messages carry the sender's
 * instance id so an instance ignores its own. Design notes: docs/architecture.md ("Several
 * instances").
 *
 * Redis away: each instance keeps serving (and storing) its own clients; ioredis reconnects by
 * itself. Pub/sub delivers at most once, so whatever was published meanwhile may be lost. When
 * the subscriber is back, this instance subscribes every board again, waits for Redis to confirm,
 * and only then has each room catch up from the store (`resync`). A publish that failed is
 * followed, once the publisher is back, by a resync message on that board, so the other instances
 * catch up too.
 */
import { randomUUID } from 'node:crypto'
import { Redis } from 'ioredis'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { Logger } from '../../logger.ts'
import type { BoardChannel, Fanout, FanoutHandlers } from './Fanout.ts'

const KIND_UPDATE = 0
const KIND_AWARENESS = 1
/** "A publish of mine was lost: catch up from the store." Empty payload. */
const KIND_RESYNC = 2
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
    else if (m.kind === KIND_RESYNC) h.resync()
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
  /** The subscriber's connection broke since it was last ready (messages may be lost). */
  private subscriberLost = false
  /** Board channels whose messages could not be published. */
  private readonly unpublished = new Set<string>()
  /** Times this instance caught up after the subscriber was back (for tests and metrics). */
  resyncs = 0
  private closing = false
  private publishFailing = false

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
    this.sub.on('close', () => {
      if (this.subscriberLost || this.closing) return
      this.subscriberLost = true
      this.log.warn(
        'redis subscriber disconnected; fan-out paused, instances serve their own clients',
      )
    })
    this.sub.on('ready', () => {
      if (this.subscriberLost) void this.recoverSubscriber()
    })
    this.pub.on('ready', () => this.announceLost())
  }

  health(): 'up' | 'down' {
    return this.pub.status === 'ready' && this.sub.status === 'ready' ? 'up' : 'down'
  }

  /**
   * The subscriber is connected again. ioredis resubscribes by itself, but says nothing about
   * what was missed: subscribe explicitly, wait for Redis to confirm, then let every room catch
   * up from the store — in that order, so nothing falls between catch-up and subscription.
   */
  private async recoverSubscriber(): Promise<void> {
    this.subscriberLost = false
    const names = [...this.channels.keys()]
    try {
      if (names.length > 0) await this.sub.subscribe(...names)
    } catch (err) {
      this.subscriberLost = true
      this.log.warn({ err }, 'redis resubscribe failed; will retry on the next reconnect')
      return
    }
    this.resyncs++
    this.log.info({ boards: names.length }, 'redis subscriber back; catching up from the store')
    for (const name of names) {
      for (const c of this.channels.get(name) ?? [])
        c.deliver({ kind: KIND_RESYNC, payload: new Uint8Array() })
    }
  }

  /** The publisher is connected again: tell the others to catch up on boards we could not publish. */
  private announceLost(): void {
    this.publishFailing = false
    const lost = [...this.unpublished]
    this.unpublished.clear()
    for (const name of lost)
      if (this.channels.has(name)) this.publish(name, KIND_RESYNC, new Uint8Array())
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
      // Logged once per outage, not per update and cursor move.
      if (!this.publishFailing) {
        this.publishFailing = true
        this.log.warn({ err: (err as Error).message, channel }, 'redis publish failed')
      }
      // Announced when the publisher is ready again (presence needs no catching up).
      if (kind !== KIND_AWARENESS) this.unpublished.add(channel)
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
    this.closing = true
    this.channels.clear()
    await Promise.allSettled([this.sub.quit(), this.pub.quit()])
  }
}
