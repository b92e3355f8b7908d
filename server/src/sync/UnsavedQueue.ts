/**
 * The updates a room could not store yet because its database is away, oldest first: the batch
 * being written — the same bytes on every retry, so that `appendOnce` can find a write whose
 * answer was lost — and one batch queued behind it. Each batch carries the acks that wait for it,
 * so acks go out in order and only once what they confirm is stored. Bounded by the room
 * (`MAX_UNSAVED_BYTES`), which refuses writers once `bytes` is too high.
 */
import * as Y from 'yjs'
import type { UpdateSender } from '../storage/BoardStore.ts'
import type { SyncConnection } from './SyncConnection.ts'

/** An update with who sent it: the log stores one row per sender (issue 14 §3). */
export interface SenderUpdate {
  sender: UpdateSender
  data: Uint8Array
}

/**
 * Merges updates per sender, first-seen order of senders kept: one log row per person and batch,
 * so the history can say who did what and undo one person's changes.
 */
export function mergeBySender(updates: readonly SenderUpdate[]): SenderUpdate[] {
  const groups = new Map<string, { sender: UpdateSender; data: Uint8Array[] }>()
  for (const u of updates) {
    const key = `${u.sender.kind}:${u.sender.id ?? ''}`
    const group = groups.get(key)
    if (group) group.data.push(u.data)
    else groups.set(key, { sender: u.sender, data: [u.data] })
  }
  return [...groups.values()].map(({ sender, data }) => ({
    sender,
    data: data.length === 1 ? data[0]! : Y.mergeUpdates(data),
  }))
}

/** All updates of a batch as one (what is echoed and published). */
export function mergeAll(updates: readonly SenderUpdate[]): Uint8Array {
  return updates.length === 1 ? updates[0]!.data : Y.mergeUpdates(updates.map((u) => u.data))
}

/** Queued unsaved batches are merged into one once there are this many. */
const UNSAVED_MERGE_AT = 64

/** Updates that could not be stored yet, with the acks that wait for them (highest seq each). */
export interface Unsaved {
  /** Merged per sender when written. */
  updates: SenderUpdate[]
  bytes: number
  acks: Map<SyncConnection, number>
  since: number
  /** A write of exactly `updates` still running (too slow to wait for): settle it first. */
  inFlight?: Promise<number>
}

export class UnsavedQueue {
  /** The batch being written (same bytes on every retry); later updates queue behind it. */
  private writing: Unsaved | null = null
  private queued: Unsaved | null = null

  /** The batch being written, if any. */
  get head(): Unsaved | null {
    return this.writing
  }

  /** Updates held, being written or queued. */
  get count(): number {
    return (this.writing?.updates.length ?? 0) + (this.queued?.updates.length ?? 0)
  }

  /** Bytes of the updates held. */
  get bytes(): number {
    return (this.writing?.bytes ?? 0) + (this.queued?.bytes ?? 0)
  }

  /**
   * `update` (oldest since `since`) was not stored: it becomes the batch being written. `inFlight`
   * is its first write when that is still running, whose outcome decides before any retry.
   */
  start(updates: SenderUpdate[], since: number, inFlight: Promise<number> | undefined): void {
    this.writing = {
      updates,
      bytes: updates.reduce((n, u) => n + u.data.length, 0),
      acks: new Map(),
      since,
      ...(inFlight ? { inFlight } : {}),
    }
  }

  /** Queues updates behind the batch being written, merging the queue (per sender) when it grows. */
  hold(updates: readonly SenderUpdate[], since: number): void {
    const queue: Unsaved = this.queued ?? { updates: [], bytes: 0, acks: new Map(), since }
    this.queued = queue
    for (const u of updates) {
      queue.updates.push(u)
      queue.bytes += u.data.length
    }
    if (queue.updates.length >= UNSAVED_MERGE_AT) {
      queue.updates = mergeBySender(queue.updates)
      queue.bytes = queue.updates.reduce((n, u) => n + u.data.length, 0)
    }
  }

  /** `conn`'s ack up to `seq` waits for the newest batch (it confirms all it received). */
  holdAck(conn: SyncConnection, seq: number): void {
    ;(this.queued ?? this.writing)?.acks.set(conn, seq)
  }

  /** Takes up the queued batch as the one being written; null when nothing is queued. */
  next(): Unsaved | null {
    const next = this.queued
    if (!next) return null
    this.queued = null
    this.writing = next
    return next
  }

  /** The batch being written is stored (or held only acks). */
  settle(): void {
    this.writing = null
  }

  /** Lets go of everything (the board was deleted). */
  clear(): void {
    this.writing = null
    this.queued = null
  }
}
