/**
 * A raw y-websocket connection for access tests: sends hand-made frames, then a query-awareness
 * and a sync step 1 as a barrier. The server handles one connection's frames in order and
 * answers a step 1 (and only that) with a step 2, so that answer means everything sent before
 * was processed; the awareness frame just before it is the answer to the query (the server's
 * full presence). Waiting for any awareness frame instead would also take a presence tick that
 * happens to arrive first, before the server has seen the frames.
 */
import {
  encodeAwareness,
  encodeQueryAwareness,
  encodeSyncStep1,
  encodeSyncUpdate,
} from '@ideenwand/protocol'
import * as decoding from 'lib0/decoding'
import WebSocket from 'ws'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'

export type Opened = { ok: true; socket: RawSync } | { ok: false; code: number; reason: string }

/** Message types of the y-websocket protocol (sync, awareness) and sync step 2. */
const SYNC = 0
const AWARENESS = 1
const STEP2 = 1
const EMPTY_STATE_VECTOR = Y.encodeStateVector(new Y.Doc())

export class RawSync {
  private waiters: ((states: Map<number, unknown>) => void)[] = []
  /** The states in the last awareness frame received. */
  private lastStates = new Map<number, unknown>()
  closed: Promise<{ code: number; reason: string }>

  private constructor(readonly ws: WebSocket) {
    this.closed = new Promise((resolve) =>
      ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    )
    ws.on('message', (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data))
      const type = decoding.readVarUint(decoder)
      if (type === AWARENESS) {
        const doc = new Y.Doc()
        const awareness = new awarenessProtocol.Awareness(doc)
        awarenessProtocol.applyAwarenessUpdate(awareness, decoding.readVarUint8Array(decoder), null)
        this.lastStates = awareness.getStates()
        awareness.destroy()
      } else if (type === SYNC && decoding.readVarUint(decoder) === STEP2) {
        this.waiters.shift()?.(this.lastStates)
      }
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
    this.ws.send(encodeSyncStep1(EMPTY_STATE_VECTOR))
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

/**
 * An update adding an anonymous idea with `text`: a change every participant may make while
 * ideas are collected (server/src/sync/updateRights.ts), unlike a free top-level text.
 */
export function ideaUpdateFrame(text: string): Uint8Array {
  const doc = new Y.Doc()
  const idea = new Y.Map<unknown>()
  idea.set('text', new Y.Text(text))
  idea.set('authorId', null)
  idea.set('authorName', null)
  idea.set('createdAt', Date.now())
  idea.set('color', 'yellow')
  idea.set('clusterId', null)
  doc.getMap('ideas').set(`i-${doc.clientID}`, idea)
  return encodeSyncUpdate(Y.encodeStateAsUpdate(doc))
}

/** Every idea's text on a board, joined (what `ideaUpdateFrame`s wrote). */
export function ideaTexts(doc: Y.Doc | undefined): string {
  if (!doc) return ''
  const texts: string[] = []
  for (const entry of doc.getMap('ideas').values()) {
    if (entry instanceof Y.Map) texts.push(String(entry.get('text') ?? ''))
  }
  return texts.join(' ')
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
