/**
 * Stock y-websocket clients for tests, with a tap on what the server sends so a test can tell
 * which of a client's own updates the server has confirmed (echoed back after storing them).
 */
import { type ControlState, decodeControl, MessageType } from '@ideenwand/protocol'
import * as decoding from 'lib0/decoding'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'

export interface TestClient {
  doc: Y.Doc
  provider: WebsocketProvider
  /** Every control state the server pushed to this client, oldest first. */
  controls: ControlState[]
  /** Every raw frame the server sent (for secrecy checks). */
  frames: Uint8Array[]
  /** Highest clock of this client's own updates the server has sent back. */
  confirmedClock(): number
  /** Resolves once everything this client wrote so far is confirmed. */
  allConfirmed(timeoutMs?: number): Promise<void>
  synced(timeoutMs?: number): Promise<void>
  destroy(): void
}

export function connectClient(
  wsUrl: string,
  boardId: string,
  options: {
    doc?: Y.Doc
    params?: Record<string, string>
    /** Session cookie (`name=value`) sent with every (re)connection, as a browser would. */
    cookie?: string | null
    origin?: string
  } = {},
): TestClient {
  const doc = options.doc ?? new Y.Doc()
  let confirmed = 0
  const controls: ControlState[] = []
  const frames: Uint8Array[] = []
  const observe = (data: ArrayBuffer) => {
    frames.push(new Uint8Array(data.slice(0)))
    try {
      const decoder = decoding.createDecoder(new Uint8Array(data))
      if (decoding.readVarUint(decoder) !== 0) return
      const sub = decoding.readVarUint(decoder)
      if (sub !== 1 && sub !== 2) return
      const meta = Y.parseUpdateMeta(decoding.readVarUint8Array(decoder))
      confirmed = Math.max(confirmed, meta.to.get(doc.clientID) ?? 0)
    } catch {
      // not ours to judge here
    }
  }
  const headers: Record<string, string> = {
    ...(options.cookie ? { cookie: options.cookie } : {}),
    ...(options.origin ? { origin: options.origin } : {}),
  }
  class TappedWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers })
      this.addEventListener('message', (event) => {
        if (event.data instanceof ArrayBuffer) observe(event.data)
        else if (Buffer.isBuffer(event.data)) observe(new Uint8Array(event.data).buffer)
      })
    }
  }
  const provider = new WebsocketProvider(wsUrl, boardId, doc, {
    WebSocketPolyfill: TappedWebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    ...(options.params ? { params: options.params } : {}),
  })
  provider.messageHandlers[MessageType.Control] = (_encoder, decoder) => {
    const state = decodeControl(decoder)
    if (state) controls.push(state)
  }
  const ownClock = () => Y.getState(doc.store, doc.clientID)
  return {
    doc,
    provider,
    controls,
    frames,
    confirmedClock: () => confirmed,
    allConfirmed: (timeoutMs = 10_000) => waitFor(() => confirmed >= ownClock(), timeoutMs),
    synced: (timeoutMs = 10_000) => waitFor(() => provider.synced, timeoutMs),
    destroy: () => provider.destroy(),
  }
}

/** Polls `condition` every 10 ms until it holds; rejects after `timeoutMs`. */
export async function waitFor(
  condition: () => boolean,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 10))
  }
}

/** Resolves with the close the server sends `c` (stock clients do not reconnect after 44xx). */
export function closedBy(c: TestClient): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => {
    c.provider.on('connection-close', (event: CloseEvent | null) => {
      if (event) resolve({ code: event.code, reason: event.reason })
    })
  })
}
