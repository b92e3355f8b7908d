/**
 * One open board: its Y.Doc, the domain `Board` over it, the WebSocket provider (with the ack
 * extension), the IndexedDB copy for offline edits, and the connection state the chrome shows.
 *
 * States, as a user would read them:
 * - `connecting` — first attempt, or connected but the sync handshake is not done;
 * - `offline`    — not connected after an attempt failed (or the browser says offline); edits
 *                  stay in IndexedDB and merge when the connection returns;
 * - `saving`     — connected and synced, but not every update we sent is stored yet;
 * - `delayed`    — like `saving`, and the server said its database is away: edits still reach
 *                  everyone, the server keeps retrying, nothing is lost (a notice says so);
 * - `saved`      — everything we sent is stored in the server's database (ack extension);
 * - `closed`     — the server ended the connection for good (close code 4400–4499: removed,
 *                  session ended, board deleted, …); y-websocket does not reconnect.
 */
import { Board } from '@ideenwand/board'
import {
  CloseCode,
  type CloseInfo,
  type ControlState,
  decodeControl,
  MessageType,
} from '@ideenwand/protocol'
import { IndexeddbPersistence } from 'y-indexeddb'
import { readAuthMessage } from 'y-protocols/auth'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { type ConnectionState, connectionState } from './connectionState.ts'
import { createSaveTracking, type SaveTracking } from './saveTrackerAdapter.ts'

export { CONNECTION_STATES, type ConnectionState } from './connectionState.ts'

export interface ConnectionSnapshot {
  readonly state: ConnectionState
  /** Set (with state `closed`) when the server closed the connection for good (4400–4499). */
  readonly closed: CloseInfo | null
}

/** y-websocket's auth message (the server's read-only notice: permission denied). */
const MESSAGE_AUTH = 2

/** How long to wait for the server before opening the board from the offline copy. */
const OFFLINE_FALLBACK_MS = 2500

function syncUrl(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws'
  return `${scheme}://${window.location.host}/sync`
}

export class BoardConnection {
  readonly doc = new Y.Doc()
  readonly board: Board
  readonly provider: WebsocketProvider
  readonly local: IndexeddbPersistence
  private readonly saving: SaveTracking
  private readonly listeners = new Set<() => void>()
  private readonly disposers: (() => void)[] = []
  private attemptFailed = false
  private snapshot: ConnectionSnapshot = { state: 'connecting', closed: null }
  private closedBy: CloseInfo | null = null
  /** Read-only connections (viewers): the server drops and never acks our writes. */
  private readOnly = false
  /**
   * The server said on the current socket that it drops our writes (its read-only notice, sent
   * when a participant connects or writes while voting or discussing): the sync step 2 of the
   * handshake is then never acked, which is no unsaved change of ours.
   */
  private deniedOnSocket = false
  /** The workshop's control state (phase, timer, round, my ballot) as the server last sent it. */
  private control: ControlState | null = null
  /** Local clock minus server clock (ms), from the last control message. */
  private clockOffset = 0
  private readonly controlListeners = new Set<() => void>()
  /** Resolves when the doc holds the server's state, or the offline copy if the server is away. */
  readonly ready: Promise<'remote' | 'local'>

  /**
   * `presence: false` for views that show no cursors (phone, list, projector): the server sends
   * them no presence frames (`?presence=0`) — on a crowded board that is most of the traffic, and
   * the room's Wi-Fi is poor — and they announce no presence of their own.
   */
  constructor(
    readonly boardId: string,
    options: { presence?: boolean } = {},
  ) {
    const presence = options.presence ?? true
    this.board = new Board(this.doc)
    this.saving = createSaveTracking()
    this.local = new IndexeddbPersistence(`ideenwand-${boardId}`, this.doc)
    this.provider = new WebsocketProvider(syncUrl(), boardId, this.doc, {
      params: presence ? { ack: '1' } : { ack: '1', presence: '0' },
      WebSocketPolyfill: this.saving.WebSocketClass,
    })
    if (!presence) this.provider.awareness.setLocalState(null)
    this.saving.attach(this.provider)
    this.provider.messageHandlers[MESSAGE_AUTH] = (_encoder, decoder) => {
      readAuthMessage(decoder, this.doc, () => {
        this.deniedOnSocket = true
        this.update()
      })
    }
    this.provider.messageHandlers[MessageType.Control] = (_encoder, decoder) => {
      const state = decodeControl(decoder)
      if (!state) return
      this.clockOffset = Date.now() - state.serverTime
      this.control = state
      // Writing is allowed again (back to collecting) on a socket whose handshake was dropped:
      // a new socket starts a new ack count and its handshake sends what the server lacks.
      if (state.me.canWrite && this.deniedOnSocket) {
        this.deniedOnSocket = false
        this.provider.disconnect()
        this.provider.connect()
      }
      for (const listener of this.controlListeners) listener()
    }

    const update = () => this.update()
    const onClose = () => {
      this.attemptFailed = true
      this.update()
    }
    const onClosed = (event: { code: number; reason: string }) => {
      this.closedBy = { code: event.code, reason: event.reason }
      // The server refused our change (the board is full, or the change is not ours to make)
      // and stored nothing of it. The offline copy still holds it and would be sent again (and
      // refused again) on every reload, so it is dropped: the next load starts from what the
      // server stored.
      if (
        event.reason === CloseCode.BoardFull.reason ||
        event.reason === CloseCode.UpdateTooCostly.reason ||
        event.reason === CloseCode.ChangeRefused.reason
      ) {
        void this.local.clearData()
      }
      this.update(true)
    }
    const onStatus = (event: { status: string }) => {
      if (event.status === 'connected') this.attemptFailed = false
      if (event.status !== 'connected') this.deniedOnSocket = false
      this.update()
    }
    this.provider.on('status', onStatus)
    this.provider.on('sync', update)
    this.provider.on('connection-close', onClose)
    this.provider.on('connection-error', onClose)
    this.provider.on('closed', onClosed)
    const offTracker = this.saving.tracker.on(update)
    window.addEventListener('online', update)
    window.addEventListener('offline', update)
    this.disposers.push(() => {
      this.provider.off('status', onStatus)
      this.provider.off('sync', update)
      this.provider.off('connection-close', onClose)
      this.provider.off('connection-error', onClose)
      this.provider.off('closed', onClosed)
      offTracker()
      window.removeEventListener('online', update)
      window.removeEventListener('offline', update)
    })

    this.ready = new Promise((resolve) => {
      let localSynced = false
      let timedOut = false
      const tryLocal = () => {
        const { state } = this.snapshot
        if (localSynced && (timedOut || state === 'offline' || state === 'closed')) resolve('local')
      }
      const onSync = (synced: boolean) => {
        if (synced) resolve('remote')
      }
      this.provider.on('sync', onSync)
      this.local.whenSynced.then(() => {
        localSynced = true
        tryLocal()
      })
      const timer = window.setTimeout(() => {
        timedOut = true
        tryLocal()
      }, OFFLINE_FALLBACK_MS)
      this.listeners.add(tryLocal)
      this.disposers.push(() => {
        window.clearTimeout(timer)
        this.provider.off('sync', onSync)
      })
    })
    this.update()
  }

  private computeState(): ConnectionState {
    const p = this.provider
    return connectionState({
      closedForGood: this.closedBy !== null,
      socketOpen: p.wsconnected,
      synced: p.synced,
      attemptFailed: this.attemptFailed,
      browserOffline: typeof navigator !== 'undefined' && navigator.onLine === false,
      shouldConnect: p.shouldConnect,
      readOnly: this.readOnly,
      deniedOnSocket: this.deniedOnSocket,
      saveState: this.saving.tracker.state,
    })
  }

  private update(force = false): void {
    const state = this.computeState()
    if (!force && state === this.snapshot.state) return
    this.snapshot = { state, closed: state === 'closed' ? this.closedBy : null }
    for (const listener of this.listeners) listener()
  }

  /** Viewers (and archived boards) never get acks; their state is "saved" once synced. */
  setReadOnly(readOnly: boolean): void {
    if (this.readOnly === readOnly) return
    this.readOnly = readOnly
    this.update()
  }

  getSnapshot = (): ConnectionSnapshot => this.snapshot

  /** The latest control state (null until the server sent one). For `useSyncExternalStore`. */
  getControl = (): ControlState | null => this.control

  subscribeControl = (listener: () => void): (() => void) => {
    this.controlListeners.add(listener)
    return () => this.controlListeners.delete(listener)
  }

  /** The server's clock now (ms epoch), corrected by the offset seen in control messages. */
  serverNow(): number {
    return Date.now() - this.clockOffset
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  destroy(): void {
    for (const dispose of this.disposers) dispose()
    this.listeners.clear()
    this.controlListeners.clear()
    this.provider.destroy()
    void this.local.destroy()
    this.doc.destroy()
  }
}
