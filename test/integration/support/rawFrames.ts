/**
 * A y-websocket client on a plain TCP socket that checks every byte the server sends: each
 * WebSocket frame final, binary, unmasked, with a minimal length encoding; each message one of
 * the protocol's, decoded to its last byte; updates applied in the order they came with nothing
 * left pending (a reordered or corrupted frame leaves structs pending or fails to decode); and
 * every `Ack` only after the echo of the update it confirms. Problems are collected in `errors`.
 */
import { randomBytes } from 'node:crypto'
import { connect, type Socket } from 'node:net'
import { encodeSyncStep1, encodeSyncUpdate, MessageType } from '@ideenwand/protocol'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'

const FROM_SERVER = Symbol('server')

export class RawFrames {
  readonly doc = new Y.Doc()
  readonly errors: string[] = []
  /** Messages by type (sync sub-types as 0.0, 0.1, 0.2). */
  readonly counts = new Map<string, number>()
  synced = false
  frames = 0
  private readonly awareness = new awarenessProtocol.Awareness(new Y.Doc())
  private buffer: Buffer = Buffer.alloc(0)
  private upgraded = false
  /** Own clock after each sync message sent (index = ack seq - 1). */
  private readonly sentClocks: number[] = []
  private echoedClock = 0
  private lastAck = 0

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => this.onData(chunk))
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== FROM_SERVER) this.sendSync(encodeSyncUpdate(update))
    })
  }

  /** Opens `/sync/<boardId>?<query>` with a cookie and sends sync step 1. */
  static async open(
    wsUrl: string,
    boardId: string,
    cookie: string,
    query = '',
  ): Promise<RawFrames> {
    const url = new URL(`${wsUrl}/${boardId}${query}`)
    const socket = connect(Number(url.port), url.hostname)
    await new Promise((resolve, reject) => {
      socket.once('connect', resolve)
      socket.once('error', reject)
    })
    const client = new RawFrames(socket)
    socket.write(
      `GET ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\nUpgrade: websocket\r\n` +
        `Connection: Upgrade\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\n` +
        `Sec-WebSocket-Version: 13\r\nCookie: ${cookie}\r\n\r\n`,
    )
    client.send(encodeSyncStep1(Y.encodeStateVector(client.doc)))
    return client
  }

  /** Sends one masked binary frame (queued by the socket until the upgrade answer is read). */
  send(payload: Uint8Array): void {
    const length = payload.length
    const header =
      length < 126
        ? Buffer.from([0x82, 0x80 | length])
        : length < 65536
          ? Buffer.from([0x82, 0x80 | 126, length >> 8, length & 0xff])
          : Buffer.concat([Buffer.from([0x82, 0x80 | 127]), bigEndian64(length)])
    const mask = randomBytes(4)
    const body = Buffer.from(payload)
    for (let i = 0; i < body.length; i++) body[i] = (body[i] ?? 0) ^ (mask[i & 3] ?? 0)
    this.socket.write(Buffer.concat([header, mask, body]))
  }

  private sendSync(frame: Uint8Array): void {
    this.sentClocks.push(Y.getState(this.doc.store, this.doc.clientID))
    this.send(frame)
  }

  close(): void {
    this.socket.destroy()
    this.awareness.destroy()
  }

  private onData(chunk: Buffer): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk
    if (!this.upgraded) {
      const end = this.buffer.indexOf('\r\n\r\n')
      if (end < 0) return
      const head = this.buffer.subarray(0, end).toString()
      if (!head.startsWith('HTTP/1.1 101')) this.errors.push(`no upgrade: ${head.split('\r\n')[0]}`)
      this.upgraded = true
      this.buffer = this.buffer.subarray(end + 4)
    }
    while (this.buffer.length >= 2) {
      const b0 = this.buffer[0] ?? 0
      const b1 = this.buffer[1] ?? 0
      let length = b1 & 0x7f
      let offset = 2
      if (length === 126) {
        if (this.buffer.length < 4) return
        length = this.buffer.readUInt16BE(2)
        offset = 4
        if (length < 126) this.errors.push(`non-minimal 16-bit length ${length}`)
      } else if (length === 127) {
        if (this.buffer.length < 10) return
        length = Number(this.buffer.readBigUInt64BE(2))
        offset = 10
        if (length < 65536) this.errors.push(`non-minimal 64-bit length ${length}`)
      }
      if (this.buffer.length < offset + length) return
      const payload = this.buffer.subarray(offset, offset + length)
      this.buffer = this.buffer.subarray(offset + length)
      if (b1 & 0x80) this.errors.push('masked frame from the server')
      if (b0 === 0x89) {
        // A heartbeat ping: answer with a pong carrying the same data.
        this.socket.write(
          Buffer.concat([Buffer.from([0x8a, 0x80 | length]), Buffer.alloc(4), payload]),
        )
        continue
      }
      if (b0 === 0x88) continue
      if (b0 !== 0x82) {
        this.errors.push(`unexpected frame header byte 0x${b0.toString(16)}`)
        continue
      }
      this.frames++
      try {
        this.onMessage(new Uint8Array(payload))
      } catch (err) {
        this.errors.push(`message ${this.frames} does not decode: ${(err as Error).message}`)
      }
    }
  }

  private count(kind: string): void {
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1)
  }

  private onMessage(message: Uint8Array): void {
    const decoder = decoding.createDecoder(message)
    const type = decoding.readVarUint(decoder)
    switch (type) {
      case MessageType.Sync: {
        const sub = decoding.readVarUint(decoder)
        const payload = decoding.readVarUint8Array(decoder)
        this.count(`0.${sub}`)
        if (sub === 0) {
          const answer = encoding.createEncoder()
          encoding.writeVarUint(answer, MessageType.Sync)
          encoding.writeVarUint(answer, 1)
          encoding.writeVarUint8Array(answer, Y.encodeStateAsUpdate(this.doc, payload))
          this.sendSync(encoding.toUint8Array(answer))
        } else if (sub === 1 || sub === 2) {
          Y.applyUpdate(this.doc, payload, FROM_SERVER)
          if (sub === 1) this.synced = true
          const own = Y.parseUpdateMeta(payload).to.get(this.doc.clientID) ?? 0
          this.echoedClock = Math.max(this.echoedClock, own)
          if (this.synced && (this.doc.store.pendingStructs || this.doc.store.pendingDs)) {
            this.errors.push(`message ${this.frames}: update left structs pending (out of order)`)
          }
        } else this.errors.push(`unknown sync message ${sub}`)
        break
      }
      case MessageType.Awareness:
        this.count('awareness')
        awarenessProtocol.applyAwarenessUpdate(
          this.awareness,
          decoding.readVarUint8Array(decoder),
          null,
        )
        break
      case MessageType.Ack: {
        this.count('ack')
        const seq = decoding.readVarUint(decoder)
        if (seq < this.lastAck) this.errors.push(`ack ${seq} after ack ${this.lastAck}`)
        this.lastAck = seq
        const needed = this.sentClocks[seq - 1]
        if (needed === undefined) this.errors.push(`ack ${seq} for a message never sent`)
        else if (this.echoedClock < needed) {
          this.errors.push(`ack ${seq} before the echo of clock ${needed} (${this.echoedClock})`)
        }
        break
      }
      case MessageType.Control:
      case MessageType.SaveStatus:
      case MessageType.Auth:
        this.count(String(type))
        decoder.pos = message.length
        break
      default:
        this.errors.push(`unknown message type ${type}`)
        decoder.pos = message.length
    }
    if (decoder.pos !== message.length) {
      this.errors.push(`message ${this.frames}: ${message.length - decoder.pos} bytes left over`)
    }
  }

  /** Own updates the server has echoed and acknowledged: all of them. */
  get allAcked(): boolean {
    return this.lastAck === this.sentClocks.length
  }
}

function bigEndian64(n: number): Buffer {
  const b = Buffer.alloc(8)
  b.writeBigUInt64BE(BigInt(n))
  return b
}
