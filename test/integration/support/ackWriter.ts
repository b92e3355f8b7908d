/**
 * A stock y-websocket provider with the ack extension (`?ack=1`) whose socket counts what it
 * sends, so each ack maps to the writes it covers: `confirmed` is the highest own clock the
 * server has stored. Each write is a new key `<index>:<n>` of one map, so write n has clock n + 1.
 * For tests that kill servers under load and check that nothing acked is lost; `readBoard`
 * reads what one server holds.
 */
import { MessageType } from '@ideenwand/protocol'
import * as decoding from 'lib0/decoding'
import WebSocket, { type ClientOptions } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { waitFor } from './clients.ts'

export interface AckWriterOptions {
  /** The shared map written to. */
  map: string
  /** y-websocket's longest pause between reconnect attempts (its default: 2500 ms). */
  maxBackoffTime?: number
  /** Further options for `ws` (TLS, a Host header). */
  ws?: ClientOptions
}

export class AckWriter {
  readonly doc = new Y.Doc()
  readonly provider: WebsocketProvider
  /** Own clock when the k-th sync step 2 / update frame went out on the current socket. */
  private sentClocks: number[] = []
  /** Highest own clock the server has acked (stored). */
  confirmed = 0
  writes = 0

  constructor(
    readonly index: number,
    wsUrl: string,
    boardId: string,
    cookie: string,
    private readonly options: AckWriterOptions,
  ) {
    const writer = this
    class CountingSocket extends WebSocket {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols, {
          ...options.ws,
          headers: { ...options.ws?.headers, cookie },
        })
        writer.sentClocks = []
      }
      override send(data: unknown, ...rest: unknown[]): void {
        if (data instanceof Uint8Array && data[0] === 0 && (data[1] === 1 || data[1] === 2)) {
          writer.sentClocks.push(writer.ownClock())
        }
        // Forwards whichever of ws's overloads the provider used.
        WebSocket.prototype.send.apply(this, [data, ...rest] as Parameters<WebSocket['send']>)
      }
    }
    this.provider = new WebsocketProvider(wsUrl, boardId, this.doc, {
      WebSocketPolyfill: CountingSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      params: { ack: '1' },
      ...(options.maxBackoffTime ? { maxBackoffTime: options.maxBackoffTime } : {}),
    })
    this.provider.messageHandlers[MessageType.Ack] = (_e, decoder) => {
      const seq = decoding.readVarUint(decoder)
      const clock = this.sentClocks[seq - 1]
      if (clock !== undefined) this.confirmed = Math.max(this.confirmed, clock)
    }
    this.provider.messageHandlers[MessageType.SaveStatus] = () => {}
    this.provider.messageHandlers[MessageType.Control] = () => {}
  }

  ownClock(): number {
    return Y.getState(this.doc.store, this.doc.clientID)
  }

  /** One write: a new key, so write n of this client has clock n + 1. */
  write(): void {
    this.doc.getMap<number>(this.options.map).set(`${this.index}:${this.writes}`, this.writes)
    this.writes++
  }

  get allAcked(): boolean {
    return this.provider.synced && this.confirmed >= this.ownClock()
  }
}

/** Connects a plain reader to `wsUrl` and returns its doc once synced (then disconnects). */
export async function readBoard(
  wsUrl: string,
  boardId: string,
  cookie: string,
  timeoutMs = 20_000,
): Promise<Y.Doc> {
  const doc = new Y.Doc()
  class CookieSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie } })
    }
  }
  const provider = new WebsocketProvider(wsUrl, boardId, doc, {
    WebSocketPolyfill: CookieSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  })
  provider.messageHandlers[MessageType.Control] = () => {}
  try {
    await waitFor(() => provider.synced, timeoutMs, `reader sync at ${wsUrl}`)
    return doc
  } finally {
    provider.destroy()
  }
}
