/**
 * Events every server instance must apply to its own connections. Access changes: a logout
 * closes that session's sockets wherever they are connected, a removed guest is disconnected on
 * every instance, a role change changes what live connections may do everywhere. Control changes
 * and votes: a new phase, timer or setting, or a dot placed, is sent to the board's connections
 * on every instance. The instance that handled the API call acts locally (ConnectionRegistry,
 * ControlService) and publishes the event; the others apply it to their own connections. Without
 * `REDIS_URL` there are no others (`LocalInstanceEvents`). With Redis, events go over one pub/sub
 * channel per deployment on their own two connections, apart from the board fan-out
 * (sync/fanout/RedisFanout.ts).
 *
 * Delivery is at most once: an event published while Redis is unreachable is lost. When the
 * subscriber's connection comes back, `onResync` handlers run: the server then checks every open
 * connection against the database again. See docs/architecture.md ("Several instances").
 */
import { randomUUID } from 'node:crypto'
import type { CloseInfo, Role } from '@ideenwand/protocol'
import { Redis } from 'ioredis'
import type { Logger } from '../../logger.ts'

/** Startup does not wait longer than this for Redis to confirm the subscription. */
const SUBSCRIBE_TIMEOUT_MS = 2_000

export type InstanceEvent =
  /** Sessions were logged out or ended (password change, a new join in the same browser). */
  | { type: 'sessions-ended'; sessionIds: string[]; close: CloseInfo }
  /** A guest was removed, sent back to the lobby or erased themselves. */
  | { type: 'guest-closed'; guestId: string; close: CloseInfo }
  /**
   * A guest's role changed (participant ↔ viewer) or they were admitted: their connections take
   * the new role (absent from older instances: unchanged) and write permission.
   */
  | { type: 'guest-write'; guestId: string; canWrite: boolean; role?: Role }
  /** The board was deleted with its workshop. */
  | { type: 'board-closed'; boardId: string; close: CloseInfo }
  /** A co-facilitator was removed from the workshop of this board. */
  | { type: 'facilitator-removed'; facilitatorId: string; boardId: string }
  /** The workshop's control state changed (phase, timer, settings, rounds, archive). */
  | { type: 'control-changed'; workshopId: string }
  /** A participant placed or took back a dot (their own views and the facilitators' change). */
  | { type: 'vote'; workshopId: string; voterId: string }

export type InstanceEventHandler = (event: InstanceEvent) => void

export interface InstanceEvents {
  /** Tells the other instances (never this one). */
  publish(event: InstanceEvent): void
  /** Receives the other instances' events. */
  subscribe(handler: InstanceEventHandler): void
  /**
   * Called after the link to the others was lost and is back: events may have been missed, so
   * the caller checks its connections against the database again.
   */
  onResync(handler: () => void): void
  /** Resolves once events published by others from now on arrive here. */
  ready(): Promise<void>
  close(): Promise<void>
}

/** One instance: nobody to tell. */
export class LocalInstanceEvents implements InstanceEvents {
  publish(): void {}
  subscribe(): void {}
  onResync(): void {}
  async ready(): Promise<void> {}
  async close(): Promise<void> {}
}

const TYPES = new Set<InstanceEvent['type']>([
  'sessions-ended',
  'guest-closed',
  'guest-write',
  'board-closed',
  'facilitator-removed',
  'control-changed',
  'vote',
])

export class RedisInstanceEvents implements InstanceEvents {
  readonly instanceId = randomUUID()
  private readonly pub: Redis
  private readonly sub: Redis
  private readonly channel: string
  private readonly handlers: InstanceEventHandler[] = []
  private readonly resyncHandlers: (() => void)[] = []
  /** The subscriber's client name in Redis (`CLIENT LIST`), e.g. to find it in tests. */
  readonly subscriberName: string
  private readonly subscribed: Promise<void>

  constructor(
    url: string,
    private readonly log: Logger,
    /** Keeps deployments that share one Redis apart (e.g. the database schema). */
    prefix = 'ideenwand',
  ) {
    // Named for what it first carried; kept, so instances of older and newer releases still hear
    // each other during a rolling upgrade.
    this.channel = `${prefix}:access`
    this.subscriberName = `${this.channel}:${this.instanceId}`
    this.pub = new Redis(url, { maxRetriesPerRequest: 2 })
    this.sub = new Redis(url, { maxRetriesPerRequest: null, connectionName: this.subscriberName })
    for (const [name, conn] of [
      ['instance events publisher', this.pub],
      ['instance events subscriber', this.sub],
    ] as const) {
      conn.on('error', (err: Error) =>
        this.log.warn({ err: err.message, conn: name }, 'redis error'),
      )
    }
    this.sub.on('message', (channel: string, message: string) => {
      if (channel === this.channel) this.onMessage(message)
    })
    // ioredis subscribes again by itself after a reconnect; what was published meanwhile is gone.
    let connected = false
    this.sub.on('ready', () => {
      if (!connected) {
        connected = true
        return
      }
      this.log.warn('instance events: Redis is back, checking open connections again')
      for (const handler of this.resyncHandlers) handler()
    })
    this.subscribed = this.sub.subscribe(this.channel).then(
      () => undefined,
      (err: unknown) => this.log.warn({ err }, 'redis subscribe to instance events failed'),
    )
  }

  publish(event: InstanceEvent): void {
    const message = JSON.stringify({ from: this.instanceId, event })
    this.pub.publish(this.channel, message).catch((err: unknown) => {
      this.log.error({ err, type: event.type }, 'publishing an instance event failed')
    })
  }

  subscribe(handler: InstanceEventHandler): void {
    this.handlers.push(handler)
  }

  onResync(handler: () => void): void {
    this.resyncHandlers.push(handler)
  }

  /** Waits for the subscription, at most `SUBSCRIBE_TIMEOUT_MS` (a Redis outage must not stop startup). */
  ready(): Promise<void> {
    const timeout = new Promise<void>((resolve) => {
      setTimeout(() => {
        resolve()
      }, SUBSCRIBE_TIMEOUT_MS).unref()
    })
    return Promise.race([this.subscribed, timeout])
  }

  private onMessage(message: string): void {
    let event: InstanceEvent
    try {
      const parsed = JSON.parse(message) as { from?: unknown; event?: { type?: unknown } }
      if (parsed.from === this.instanceId) return
      if (!parsed.event || !TYPES.has(parsed.event.type as InstanceEvent['type'])) {
        throw new Error('unknown event type')
      }
      event = parsed.event as InstanceEvent
    } catch (err) {
      this.log.warn({ err }, 'undecodable instance event ignored')
      return
    }
    for (const handler of this.handlers) {
      try {
        handler(event)
      } catch (err) {
        this.log.error({ err, type: event.type }, 'applying an instance event failed')
      }
    }
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.sub.quit(), this.pub.quit()])
  }
}
