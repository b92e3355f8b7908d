/**
 * The load generator's raw client: y-websocket frames built and read with lib0, no Y.Doc. Speaks
 * two dialects: plain y-websocket (Ideenwand, the reference server) and Hocuspocus's (every frame
 * starts with the document name; an auth message opens the document).
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'

export type Dialect = 'y' | 'hocuspocus'

/** Marks a timestamp beacon inside an update or a presence state: `~BK` + 16 digits µs + 5 digits sender. */
export const MARK = Buffer.from('~BK')
const MARK_LEN = 3 + 16 + 5

export function nowMicros(): number {
  return Math.round((performance.timeOrigin + performance.now()) * 1000)
}

export function beacon(sender: number, micros = nowMicros()): string {
  return `~BK${String(micros).padStart(16, '0')}${String(sender % 100000).padStart(5, '0')}`
}

/** Calls `fn(sentMicros, sender)` for every beacon in `buf`. */
export function scanBeacons(buf: Buffer, fn: (micros: number, sender: number) => void): number {
  let found = 0
  let at = buf.indexOf(MARK)
  while (at !== -1 && at + MARK_LEN <= buf.length) {
    const micros = Number(buf.toString('latin1', at + 3, at + 19))
    const sender = Number(buf.toString('latin1', at + 19, at + 24))
    if (Number.isFinite(micros)) {
      fn(micros, sender)
      found++
    }
    at = buf.indexOf(MARK, at + MARK_LEN)
  }
  return found
}

export class Framer {
  private readonly prefix: Uint8Array

  constructor(
    readonly dialect: Dialect,
    readonly docName: string,
  ) {
    const e = encoding.createEncoder()
    if (dialect === 'hocuspocus') encoding.writeVarString(e, docName)
    this.prefix = encoding.toUint8Array(e)
  }

  private frame(write: (e: encoding.Encoder) => void): Uint8Array {
    const e = encoding.createEncoder()
    encoding.writeUint8Array(e, this.prefix)
    write(e)
    return encoding.toUint8Array(e)
  }

  /** Hocuspocus: the token message that opens the document. */
  auth(token = 'bench'): Uint8Array {
    return this.frame((e) => {
      encoding.writeVarUint(e, 2)
      encoding.writeVarUint(e, 0)
      encoding.writeVarString(e, token)
    })
  }

  syncStep1(stateVector: Uint8Array): Uint8Array {
    return this.frame((e) => {
      encoding.writeVarUint(e, 0)
      encoding.writeVarUint(e, 0)
      encoding.writeVarUint8Array(e, stateVector)
    })
  }

  syncStep2(update: Uint8Array): Uint8Array {
    return this.frame((e) => {
      encoding.writeVarUint(e, 0)
      encoding.writeVarUint(e, 1)
      encoding.writeVarUint8Array(e, update)
    })
  }

  update(update: Uint8Array): Uint8Array {
    return this.frame((e) => {
      encoding.writeVarUint(e, 0)
      encoding.writeVarUint(e, 2)
      encoding.writeVarUint8Array(e, update)
    })
  }

  /** One awareness state as a complete awareness message. */
  awareness(clientId: number, clock: number, state: string): Uint8Array {
    return this.frame((e) => {
      encoding.writeVarUint(e, 1)
      const inner = encoding.createEncoder()
      encoding.writeVarUint(inner, 1)
      encoding.writeVarUint(inner, clientId)
      encoding.writeVarUint(inner, clock)
      encoding.writeVarString(inner, state)
      encoding.writeVarUint8Array(e, encoding.toUint8Array(inner))
    })
  }

  /** Message type (and sync sub-type) of a received frame. */
  kind(data: Uint8Array): { type: number; sub: number } {
    const d = decoding.createDecoder(data)
    if (this.dialect === 'hocuspocus') decoding.readVarString(d)
    const type = decoding.readVarUint(d)
    const sub = type === 0 ? decoding.readVarUint(d) : -1
    return { type, sub }
  }
}
