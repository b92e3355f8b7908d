/**
 * What reaches a room from the other instances (sync/fanout): their stored updates, applied to the
 * doc and relayed to this instance's connections as they came, never stored again; their presence;
 * and, when some of it may have been lost (Redis was away, an update did not apply), catching up
 * from the store: only what this doc lacks changes it, and that is relayed, not stored.
 */

import * as Y from 'yjs'
import type { Logger } from '../logger.ts'
import { applyStored } from '../storage/applyStored.ts'
import type { BoardStore, StoredBoard } from '../storage/BoardStore.ts'
import type { BoardChannel } from './fanout/Fanout.ts'
import { type Presence, REMOTE } from './Presence.ts'
import type { SyncMetrics } from './SyncMetrics.ts'

/** Origin of stored rows folded in by compaction: relayed to clients, not stored again. */
export const FROM_STORE = Symbol('stored by another instance')

/** What the remote side needs from its room. */
export interface RemoteHost {
  readonly boardId: string
  readonly doc: Y.Doc
  readonly store: BoardStore
  readonly log: Logger
  readonly presence: Presence
  closed(): boolean
  metrics(): SyncMetrics
  /** Sends an update stored elsewhere to this instance's connections (RoomPersistence.relay). */
  relay(update: Uint8Array): void
}

export class RemoteUpdates {
  /** The catch-up from the store in progress, and whether another must follow it. */
  private catchingUp: Promise<void> | null = null
  private catchUpAgain = false

  /** Attaches to the board's channel; `loadedUpTo`: the last log row the room was loaded with. */
  constructor(
    private readonly room: RemoteHost,
    channel: BoardChannel,
    loadedUpTo: number,
  ) {
    const { boardId } = room
    channel.attach(
      {
        update: (update) => {
          if (this.room.closed()) return
          try {
            Y.applyUpdate(this.room.doc, update, REMOTE)
          } catch (err) {
            // What the other instance stored is in the store: take it from there.
            this.room.log.error({ err, boardId }, 'update from another instance does not apply')
            void this.catchUp()
            return
          }
          // Relayed as it came, not as the doc re-encodes it: applying a merged batch in one
          // transaction garbage-collects values overwritten inside it, which the instance that
          // stored the batch did send to its own clients.
          this.room.relay(update)
        },
        awareness: (update) => {
          if (this.room.closed()) return
          try {
            this.room.presence.apply(update, REMOTE)
          } catch (err) {
            this.room.log.warn({ err, boardId }, 'presence from another instance does not apply')
          }
        },
        resync: () => void this.catchUp(),
      },
      loadedUpTo,
    )
  }

  /**
   * Updates from other instances may have been lost (Redis was away): apply what the store holds.
   * Only what this doc lacks changes it; that is relayed to this instance's clients, not stored.
   */
  private catchUp(): Promise<void> {
    // A load already running may have read the store before what is missing now was stored:
    // one more follows it (however many ask meanwhile).
    if (this.catchingUp) {
      this.catchUpAgain = true
      return this.catchingUp
    }
    const run = async () => {
      let delay = 200
      do {
        this.catchUpAgain = false
        if (this.room.closed()) return
        let stored: StoredBoard
        try {
          stored = await this.room.store.load(this.room.boardId)
        } catch (err) {
          // The database is away too: try again with back-off while the room lives.
          this.room.log.warn(
            { err, boardId: this.room.boardId },
            'catching up from the store failed',
          )
          await new Promise((r) => setTimeout(r, delay))
          delay = Math.min(5_000, delay * 2)
          this.catchUpAgain = true
          continue
        }
        if (this.room.closed()) return
        this.applyStored(stored)
        this.room.metrics().caughtUpFromStore()
      } while (this.catchUpAgain)
    }
    this.catchingUp = run().finally(() => {
      this.catchingUp = null
    })
    return this.catchingUp
  }

  /** Applies a stored snapshot and log to the live doc (what this instance may not have seen). */
  applyStored(stored: Pick<StoredBoard, 'snapshot' | 'updates'>): void {
    applyStored(this.room.doc, [stored.snapshot, ...stored.updates], {
      origin: FROM_STORE,
      onSkip: (err) =>
        this.room.log.error({ err, boardId: this.room.boardId }, 'stored update does not apply'),
    })
  }
}
