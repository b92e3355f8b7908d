/**
 * Publishes raw bytes on a Redis channel with one RESP command over a plain socket, as another
 * (possibly broken) instance would: for tests that forge or garble messages between instances.
 */
import { createConnection } from 'node:net'

export async function redisPublish(
  port: number,
  channel: string,
  message: Uint8Array | string,
): Promise<number> {
  const parts = [Buffer.from('PUBLISH'), Buffer.from(channel), Buffer.from(message)]
  const command = Buffer.concat([
    Buffer.from(`*${parts.length}\r\n`),
    ...parts.flatMap((p) => [Buffer.from(`$${p.length}\r\n`), p, Buffer.from('\r\n')]),
  ])
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: '127.0.0.1', port })
    let reply = ''
    socket.on('data', (data) => {
      reply += data.toString()
      const match = /^:(\d+)\r\n/.exec(reply)
      if (match) {
        socket.end()
        resolve(Number(match[1]))
      } else if (reply.startsWith('-')) {
        socket.destroy()
        reject(new Error(`redis: ${reply.trim()}`))
      }
    })
    socket.once('error', reject)
    socket.write(command)
  })
}
