/**
 * A raw y-websocket connection for access tests: sends hand-made frames and uses a trailing
 * query-awareness as a barrier (the server handles one connection's frames in order, so its
 * answer means everything sent before was processed).
 */
import { encodeAwareness, encodeQueryAwareness, encodeSyncUpdate } from '@ideenwand/protocol'
import * as decoding from 'lib0/decoding'
import WebSocket from 'ws'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'

export type Opened = { ok: true; socket: RawSync } | { ok: false; code: number; reason: string }

export class RawSync {
  private waiters: ((states: Map<number, unknown>) => void)[] = []
  closed: Promise<{ code: number; reason: string }>

  private constructor(readonly ws: WebSocket) {
    this.closed = new Promise((resolve) =>
      ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    )
    ws.on('message', (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data))
      if (decoding.readVarUint(decoder) !== 1) return
      const doc = new Y.Doc()
      const awareness = new awarenessProtocol.Awareness(doc)
      awarenessProtocol.applyAwarenessUpdate(awareness, decoding.readVarUint8Array(decoder), null)
      const states = awareness.getStates()
      awareness.destroy()
      this.waiters.shift()?.(states)
    })
  }

  /** Opens a connection; resolves once the server sent its first message, or with the close. */
  static open(
    url: string,
    headers: Record<string, string> = {},
  ): Promise<Opened | { ok: false; httpStatus: number }> {
    const ws = new WebSocket(url, { headers })
    return new Promise((resolve) => {
      ws.once('unexpected-response', (_req, res) => {
        resolve({ ok: false, httpStatus: res.statusCode ?? 0 } as never)
        ws.terminate()
      })
      ws.once('message', () => resolve({ ok: true, socket: new RawSync(ws) }))
      ws.once('close', (code, reason) => resolve({ ok: false, code, reason: reason.toString() }))
      ws.once('error', () => undefined)
    })
  }

  /** Sends frames, then waits until the server has processed them; returns awareness states. */
  async sendAndSettle(...frames: Uint8Array[]): Promise<Map<number, unknown>> {
    const settled = new Promise<Map<number, unknown>>((resolve) => this.waiters.push(resolve))
    for (const frame of frames) this.ws.send(frame)
    this.ws.send(encodeQueryAwareness())
    return settled
  }

  close(): void {
    this.ws.terminate()
  }
}

/** A sync update frame that inserts `text` into `getText('t')` of a fresh client. */
export function textUpdateFrame(text: string): Uint8Array {
  const doc = new Y.Doc()
  doc.getText('t').insert(0, text)
  return encodeSyncUpdate(Y.encodeStateAsUpdate(doc))
}

/** An awareness frame announcing a user, and the client id it uses. */
export function awarenessFrame(name: string): { frame: Uint8Array; clientId: number } {
  const doc = new Y.Doc()
  const awareness = new awarenessProtocol.Awareness(doc)
  awareness.setLocalState({ user: { name } })
  const frame = encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]))
  awareness.destroy()
  return { frame, clientId: doc.clientID }
}
