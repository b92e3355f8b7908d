/**
 * One broadcast framed once for many `ws` sockets: the bytes on the wire are well-formed frames
 * with the right payloads, in the order the server sent them, mixed with `ws.send`, on several
 * sockets sharing one frame; and it steps aside (false) wherever `ws.send` has to do the work.
 */
import { connect, type Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket, * as wsModule from 'ws'
import { WebSocketServer } from 'ws'
import { SharedFrame } from '../sync/SharedFrame.ts'
import { binaryFrame, writeShared } from './sharedFrames.ts'

const servers: WebSocketServer[] = []
const cleanup: (() => void)[] = []

afterEach(async () => {
  for (const c of cleanup.splice(0)) c()
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r))
})

/** A server; resolves its port and a promise of each next server-side socket. */
async function server(options: { perMessageDeflate?: boolean } = {}) {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', ...options })
  servers.push(wss)
  await new Promise((r) => wss.once('listening', r))
  const port = (wss.address() as { port: number }).port
  const next = () => new Promise<WebSocket>((resolve) => wss.once('connection', resolve))
  return { port, next }
}

/** ws's frame parser (exported by ws, not in its type definitions). */
interface FrameReceiver {
  write(chunk: Buffer): void
  on(event: 'message', listener: (data: Buffer, isBinary: boolean) => void): void
  on(event: 'error', listener: (err: Error) => void): void
  on(event: 'conclude' | 'ping' | 'pong', listener: () => void): void
}
const Receiver = (wsModule as unknown as { Receiver: new (options: object) => FrameReceiver })
  .Receiver

/**
 * A client on a plain TCP socket whose bytes after the upgrade answer go through ws's own frame
 * parser as a client's (it refuses masked frames, reserved bits and bad opcodes or lengths): every
 * message must be binary, and every byte part of a frame.
 */
class RawClient {
  private head: Buffer | null = Buffer.alloc(0)
  private readonly receiver = new Receiver({ isServer: false, maxPayload: 0 })
  readonly payloads: Buffer[] = []
  readonly errors: string[] = []

  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => this.onData(chunk))
    this.receiver.on('message', (data, isBinary) => {
      if (!isBinary) this.errors.push('text frame')
      this.payloads.push(Buffer.from(data))
    })
    this.receiver.on('error', (err) => this.errors.push(err.message))
    this.receiver.on('conclude', () => {})
  }

  static async open(port: number): Promise<RawClient> {
    const socket = connect(port, '127.0.0.1')
    await new Promise((r) => socket.once('connect', r))
    const client = new RawClient(socket)
    cleanup.push(() => socket.destroy())
    socket.write(
      'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
    )
    return client
  }

  private onData(chunk: Buffer): void {
    if (this.head) {
      this.head = Buffer.concat([this.head, chunk])
      const end = this.head.indexOf('\r\n\r\n')
      if (end < 0) return
      if (!this.head.toString('latin1', 0, end).startsWith('HTTP/1.1 101')) {
        this.errors.push('no upgrade')
      }
      chunk = this.head.subarray(end + 4)
      this.head = null
    }
    if (chunk.length > 0) this.receiver.write(chunk)
  }

  async waitFor(count: number): Promise<void> {
    const until = Date.now() + 10_000
    while (this.payloads.length < count && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 5))
    }
  }
}

/** A payload of `size` bytes that says which message it is. */
function payload(index: number, size: number): Uint8Array {
  const bytes = new Uint8Array(size)
  for (let i = 0; i < size; i++) bytes[i] = (index * 31 + i) & 0xff
  if (size >= 4) new DataView(bytes.buffer).setUint32(0, index)
  return bytes
}

describe('shared frames on ws sockets', () => {
  it('builds the frame ws would send, in one buffer, for every length encoding', () => {
    for (const size of [1, 125, 126, 65535, 65536, 70_000]) {
      const data = payload(size, size)
      const frame = binaryFrame(data)
      expect(frame).not.toBeNull()
      const header = size < 126 ? 2 : size < 65536 ? 4 : 10
      expect(frame?.length).toBe(header + size)
      expect(frame?.[0]).toBe(0x82)
      expect(Buffer.compare(frame?.subarray(header) ?? Buffer.alloc(0), Buffer.from(data))).toBe(0)
    }
  })

  it('several sockets share one frame; mixed with ws.send, every socket gets all, intact, in order', async () => {
    const { port, next } = await server()
    const clients: RawClient[] = []
    const sockets: WebSocket[] = []
    for (let i = 0; i < 3; i++) {
      const accepted = next()
      clients.push(await RawClient.open(port))
      sockets.push(await accepted)
    }
    const sizes = [1, 7, 125, 126, 300, 65535, 65536, 70_000]
    const expected: Uint8Array[] = []
    let direct = 0
    for (let i = 0; i < 400; i++) {
      const data = payload(i, sizes[i % sizes.length] ?? 1)
      expected.push(data)
      if (i % 3 === 2) {
        // A message for one socket at a time (acks, replies), as SyncConnection.send does.
        for (const ws of sockets) ws.send(data)
      } else {
        const frame = new SharedFrame(data)
        for (const ws of sockets) {
          if (writeShared(ws, frame)) direct++
          else ws.send(frame.payload)
        }
        // Built once for all three sockets.
        if (frame.wire) expect(frame.wire.length).toBeGreaterThan(data.length)
      }
    }
    expect(direct).toBeGreaterThan(0)
    for (const c of clients) {
      await c.waitFor(expected.length)
      expect(c.errors).toEqual([])
      expect(c.payloads.length).toBe(expected.length)
      c.payloads.forEach((p, i) => {
        expect(Buffer.compare(p, Buffer.from(expected[i] ?? new Uint8Array()))).toBe(0)
      })
    }
  })

  it('counts what it wrote in bufferedAmount while the reader does not read', async () => {
    const { port, next } = await server()
    const accepted = next()
    const client = await RawClient.open(port)
    const ws = await accepted
    client.socket.pause()
    const frame = new SharedFrame(payload(1, 1 << 20))
    let written = 0
    for (let i = 0; i < 32 && ws.bufferedAmount === 0; i++) {
      expect(writeShared(ws, frame)).toBe(true)
      written++
    }
    expect(ws.bufferedAmount).toBeGreaterThan(0)
    client.socket.resume()
    await client.waitFor(written)
    expect(client.errors).toEqual([])
    expect(client.payloads.length).toBe(written)
  })

  it('leaves the sending to ws.send when the socket is closing, compresses, or is a client', async () => {
    const plain = await server()
    const accepted = plain.next()
    const client = await RawClient.open(plain.port)
    const ws = await accepted
    const frame = new SharedFrame(payload(1, 10))
    expect(writeShared(ws, frame)).toBe(true)
    ws.close(1000, 'bye')
    expect(writeShared(ws, frame)).toBe(false)
    await client.waitFor(1)
    expect(client.payloads.length).toBe(1)
    expect(client.errors).toEqual([])

    // permessage-deflate negotiated: frames must go through ws (compressed, in its queue).
    const deflating = await server({ perMessageDeflate: true })
    const acceptedDeflate = deflating.next()
    const clientSide = new WebSocket(`ws://127.0.0.1:${deflating.port}`, {
      perMessageDeflate: true,
    })
    cleanup.push(() => clientSide.terminate())
    const serverSide = await acceptedDeflate
    await new Promise((r) => clientSide.once('open', r))
    expect(serverSide.extensions).toContain('permessage-deflate')
    expect(writeShared(serverSide, frame)).toBe(false)
    // A client socket (its frames must be masked).
    expect(writeShared(clientSide, frame)).toBe(false)
    expect(writeShared(undefined, frame)).toBe(false)
  })

  it('never overtakes a message ws still holds in its queue', async () => {
    const { port, next } = await server()
    const accepted = next()
    const client = await RawClient.open(port)
    const ws = await accepted
    // A Blob is read asynchronously; ws queues whatever is sent meanwhile behind it.
    const expected: Uint8Array[] = [payload(0, 3000)]
    ws.send(new Blob([expected[0] as Uint8Array<ArrayBuffer>]))
    let direct = 0
    for (let i = 1; i < 50; i++) {
      const data = payload(i, 200)
      expected.push(data)
      const frame = new SharedFrame(data)
      if (writeShared(ws, frame)) direct++
      else ws.send(frame.payload)
    }
    expect(direct).toBe(0)
    await client.waitFor(expected.length)
    expect(client.errors).toEqual([])
    expect(client.payloads.map((b) => b.readUInt32BE(0))).toEqual(expected.map((_, i) => i))
    // Drained: shared frames are written directly again, still after everything before.
    const last = payload(50, 10)
    expect(writeShared(ws, new SharedFrame(last))).toBe(true)
    await client.waitFor(51)
    expect(client.payloads[50]?.readUInt32BE(0)).toBe(50)
  })
})
