/**
 * The load generator's own minimal WebSocket client (RFC 6455, binary messages only) on a plain
 * TCP socket: what a lightweight receiver needs and nothing more. `ws`'s client runs every frame
 * through a Writable stream, an event emitter and its validation; with 1,000 receivers in one
 * process that was most of the generator's CPU. Here a frame is parsed in place and its payload
 * handed on as a view. The same client serves every server under test and both dialects.
 */
import { randomBytes, randomFillSync } from 'node:crypto'
import { connect, type Socket } from 'node:net'

export const CONNECTING = 0
export const OPEN = 1
export const CLOSED = 3

const MASK_POOL = 8 * 1024
let maskPool = Buffer.alloc(0)
let maskAt = MASK_POOL

function nextMask(): Buffer {
  if (maskAt + 4 > maskPool.length) {
    maskPool = randomFillSync(Buffer.alloc(MASK_POOL))
    maskAt = 0
  }
  const mask = maskPool.subarray(maskAt, maskAt + 4)
  maskAt += 4
  return mask
}

export class MiniSocket {
  readyState = CONNECTING
  onopen: (() => void) | null = null
  /** One complete message (a view into the received bytes: copy it to keep it). */
  onmessage: ((data: Buffer) => void) | null = null
  onclose: ((code: number) => void) | null = null
  onerror: ((err: Error) => void) | null = null
  private readonly socket: Socket
  private pending: Buffer | null = null
  private upgraded = false
  /** Parts of a fragmented message (servers under test do not fragment; handled anyway). */
  private fragments: Buffer[] | null = null

  constructor(url: string, headers: Record<string, string> = {}) {
    const u = new URL(url)
    this.socket = connect(Number(u.port || 80), u.hostname)
    this.socket.setNoDelay(true)
    const extra = Object.entries(headers)
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('')
    this.socket.on('connect', () => {
      this.socket.write(
        `GET ${u.pathname}${u.search} HTTP/1.1\r\nHost: ${u.host}\r\nUpgrade: websocket\r\n` +
          `Connection: Upgrade\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\n` +
          `Sec-WebSocket-Version: 13\r\n${extra}\r\n`,
      )
    })
    this.socket.on('data', (chunk: Buffer) => this.onData(chunk))
    this.socket.on('error', (err) => this.onerror?.(err))
    this.socket.on('close', () => this.closed(1006))
  }

  /** Sends one binary message (masked, as a client must). */
  send(payload: Uint8Array): void {
    if (this.readyState !== OPEN) return
    const length = payload.length
    const head = length < 126 ? 6 : length < 65536 ? 8 : 14
    const frame = Buffer.allocUnsafe(head + length)
    frame[0] = 0x82
    if (length < 126) frame[1] = 0x80 | length
    else if (length < 65536) {
      frame[1] = 0x80 | 126
      frame.writeUInt16BE(length, 2)
    } else {
      frame[1] = 0x80 | 127
      frame.writeBigUInt64BE(BigInt(length), 2)
    }
    const mask = nextMask()
    mask.copy(frame, head - 4)
    for (let i = 0; i < length; i++) frame[head + i] = (payload[i] ?? 0) ^ (mask[i & 3] ?? 0)
    this.socket.write(frame)
  }

  terminate(): void {
    this.socket.destroy()
    this.closed(1006)
  }

  private closed(code: number): void {
    if (this.readyState === CLOSED) return
    this.readyState = CLOSED
    this.onclose?.(code)
  }

  private control(opcode: number, payload: Buffer): void {
    if (opcode === 0x8) {
      this.closed(payload.length >= 2 ? payload.readUInt16BE(0) : 1005)
      this.socket.destroy()
    } else if (opcode === 0x9 && this.readyState === OPEN) {
      // Ping: answer with a pong carrying the same data.
      const frame = Buffer.alloc(6 + payload.length)
      frame[0] = 0x8a
      frame[1] = 0x80 | payload.length
      payload.copy(frame, 6)
      this.socket.write(frame)
    }
  }

  private onData(chunk: Buffer): void {
    let buf = this.pending ? Buffer.concat([this.pending, chunk]) : chunk
    this.pending = null
    if (!this.upgraded) {
      const end = buf.indexOf('\r\n\r\n')
      if (end < 0) {
        this.pending = buf
        return
      }
      const status = buf.toString('latin1', 0, Math.min(end, 12))
      if (status !== 'HTTP/1.1 101') {
        this.onerror?.(new Error(`unexpected response ${buf.toString('latin1', 0, end)}`))
        this.terminate()
        return
      }
      this.upgraded = true
      this.readyState = OPEN
      buf = buf.subarray(end + 4)
      this.onopen?.()
    }
    let at = 0
    while (buf.length - at >= 2) {
      const b0 = buf[at] ?? 0
      let length = (buf[at + 1] ?? 0) & 0x7f
      let head = 2
      if (length === 126) {
        if (buf.length - at < 4) break
        length = buf.readUInt16BE(at + 2)
        head = 4
      } else if (length === 127) {
        if (buf.length - at < 10) break
        length = Number(buf.readBigUInt64BE(at + 2))
        head = 10
      }
      if (buf.length - at < head + length) break
      const payload = buf.subarray(at + head, at + head + length)
      at += head + length
      const opcode = b0 & 0x0f
      if (opcode >= 0x8) {
        this.control(opcode, payload)
        if (this.readyState === CLOSED) return
        continue
      }
      const fin = (b0 & 0x80) !== 0
      if (opcode === 0 || !fin) {
        this.fragments ??= []
        this.fragments.push(Buffer.from(payload))
        if (!fin) continue
        const whole = Buffer.concat(this.fragments)
        this.fragments = null
        this.onmessage?.(whole)
      } else this.onmessage?.(payload)
      if (this.readyState === CLOSED) return
    }
    if (at < buf.length) this.pending = Buffer.from(buf.subarray(at))
  }
}
