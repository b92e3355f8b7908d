/**
 * Fan-out between server instances through Redis pub/sub: one channel per board, one subscriber
 * and one publisher connection per instance. Postgres stays the only store: an instance stores
 * what its own clients sent, then publishes it with its log row id and the id of the previous
 * update it published on that board (BoardSequence); the others apply and relay it without
 * storing it again. Presence goes the same way, coalesced per room tick, without a sequence.
 * Messages carry the sender's instance id so an instance ignores its own. Wire format and design
 * notes: docs/architecture.md ("Protocol between instances").
 *
 * Pub/sub delivers at most once, and nothing tells a subscriber that it missed a message while
 * Redis stays up (a subscriber dropped for a full output buffer, a blip). So a receiver that sees
 * a sequence with a gap, a sequence it does not know, or a message it cannot read, applies what
 * it can and has the room catch up from the store at once (`resync`); one bad message never
 * stops the ones after it.
 *
 * Redis away: each instance keeps serving (and storing) its own clients; ioredis reconnects by
 * itself. When the subscriber is back, this instance subscribes every board again, waits for
 * Redis to confirm, and only then has each room catch up from the store. A publish that failed is
 * followed, once the publisher is back, by a resync message on that board, so the other instances
 * catch up too (the next update's sequence would tell them as well).
 */
import { randomUUID } from 'node:crypto'
import { Redis } from 'ioredis'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { Logger } from '../../logger.ts'
import { BoardSequence, type Sequenced } from './BoardSequence.ts'
import type { BoardChannel, Fanout, FanoutHandlers, FanoutStats } from './Fanout.ts'

/** A stored update without a sequence (instances before the sequence; still applied). */
const KIND_UPDATE = 0
const KIND_AWARENESS = 1
/** "A publish of mine was lost: catch up from the store." Empty payload. */
const KIND_RESYNC = 2
/** A stored update with its sequence: chain, previous id, id, then the update. */
const KIND_STORED = 3
/** Not on the wire: a message on this board's channel could not be read. */
const KIND_UNREADABLE = -1
/** A board still loads if Redis does not confirm the subscription in time (logged). */
const SUBSCRIBE_TIMEOUT_MS = 2_000

type Message =
  | { kind: typeof KIND_STORED; seq: Sequenced; payload: Uint8Array }
  | { kind: number; payload: Uint8Array }

/** One message on a board channel, as an instance publishes it (exported for tests). */
export function encodeFanoutMessage(
  from: string,
  m: { kind: 'stored'; chain: number; prev: number; id: number; update: Uint8Array },
): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarString(encoder, from)
  encoding.writeVarUint(encoder, KIND_STORED)
  encoding.writeVarUint(encoder, m.chain)
  encoding.writeVarUint(encoder, m.prev)
  encoding.writeVarUint(encoder, m.id)
  encoding.writeVarUint8Array(encoder, m.update)
  return encoding.toUint8Array(encoder)
}

/** Reads a board channel message; `null` if it is this instance's own; throws if unreadable. */
function decodeMessage(bytes: Uint8Array, self: string): Message | null {
  const decoder = decoding.createDecoder(bytes)
  const from = decoding.readVarString(decoder)
  if (from === self) return null
  const kind = decoding.readVarUint(decoder)
  let message: Message
  if (kind === KIND_STORED) {
    const chain = `${from}:${decoding.readVarUint(decoder)}`
    const prev = decoding.readVarUint(decoder)
    const id = decoding.readVarUint(decoder)
    message = { kind, seq: { chain, prev, id }, payload: decoding.readVarUint8Array(decoder) }
  } else if (kind === KIND_UPDATE || kind === KIND_AWARENESS || kind === KIND_RESYNC) {
    message = { kind, payload: decoding.readVarUint8Array(decoder) }
  } else throw new Error(`unknown message kind ${kind}`)
  if (decoding.hasContent(decoder)) throw new Error('trailing bytes')
  return message
}

class RedisBoardChannel implements BoardChannel {
  readonly shared = true
  private handlers: FanoutHandlers | null = null
  private early: Message[] = []
  private readonly sequence = new BoardSequence()

  constructor(
    private readonly fanout: RedisFanout,
    readonly channel: string,
    /** This subscription's chain among the instance's (a room loaded again starts a new one). */
    private readonly chain: number,
  ) {}

  publishUpdate(update: Uint8Array, id: number): void {
    const prev = this.sequence.next(id)
    const message = encodeFanoutMessage(this.fanout.instanceId, {
      kind: 'stored',
      chain: this.chain,
      prev,
      id,
      update,
    })
    this.fanout.send(this.channel, message, true)
  }

  publishAwareness(update: Uint8Array): void {
    this.fanout.publish(this.channel, KIND_AWARENESS, update)
  }

  attach(handlers: FanoutHandlers, loadedUpTo: number): void {
    this.sequence.loaded(loadedUpTo)
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
    if ('seq' in m) {
      const gap = this.sequence.receive(m.seq)
      // Applied either way: Yjs keeps what depends on a missing update pending until the
      // catch-up brings it.
      h.update(m.payload)
      if (gap) {
        this.fanout.stats.gaps++
        this.fanout.catchUp(this.channel, { reason: 'sequence gap', ...m.seq })
        h.resync()
      }
    } else if (m.kind === KIND_UPDATE) h.update(m.payload)
    else if (m.kind === KIND_AWARENESS) h.awareness(m.payload)
    else if (m.kind === KIND_RESYNC) h.resync()
    else if (m.kind === KIND_UNREADABLE) {
      this.fanout.catchUp(this.channel, { reason: 'unreadable message' })
      h.resync()
    }
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
  readonly stats: FanoutStats = { catchUps: 0, gaps: 0, unreadable: 0 }
  /** Subscriptions made so far: numbers each one's chain. */
  private chains = 0
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
    const channel = new RedisBoardChannel(this, name, ++this.chains)
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

  /** Publishes a message without a sequence (presence, resync). */
  publish(channel: string, kind: number, payload: Uint8Array): void {
    const encoder = encoding.createEncoder()
    encoding.writeVarString(encoder, this.instanceId)
    encoding.writeVarUint(encoder, kind)
    encoding.writeVarUint8Array(encoder, payload)
    // Presence needs no catching up when it is lost.
    this.send(channel, encoding.toUint8Array(encoder), kind !== KIND_AWARENESS)
  }

  /** `mustArrive`: a failed publish is announced with a resync once the publisher is back. */
  send(channel: string, message: Uint8Array, mustArrive: boolean): void {
    this.pub.publish(channel, Buffer.from(message)).catch((err: unknown) => {
      // Logged once per outage, not per update and cursor move.
      if (!this.publishFailing) {
        this.publishFailing = true
        this.log.warn({ err: (err as Error).message, channel }, 'redis publish failed')
      }
      if (mustArrive) this.unpublished.add(channel)
    })
  }

  /** Counts and logs a catch-up a board channel asks its room for. */
  catchUp(channel: string, details: Record<string, unknown>): void {
    this.stats.catchUps++
    this.log.warn({ channel, ...details }, 'fan-out message missing or unreadable; catching up')
  }

  private onMessage(channel: string, message: Buffer): void {
    const set = this.channels.get(channel)
    if (!set) return
    let m: Message | null
    try {
      m = decodeMessage(
        new Uint8Array(message.buffer, message.byteOffset, message.length),
        this.instanceId,
      )
    } catch (err) {
      // It may have been an update: the room catches up from the store, and the next message is
      // read as usual (one bad entry must not wedge the channel).
      this.stats.unreadable++
      this.log.warn(
        { err: (err as Error).message, channel, bytes: message.length },
        'unreadable fan-out message',
      )
      m = { kind: KIND_UNREADABLE, payload: new Uint8Array() }
    }
    if (!m) return
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
