/**
 * Several server instances in this process that share one Postgres schema and the machine's
 * Redis, as behind a load balancer. Two servers cannot share one PGlite directory, so tests that
 * use this need DATABASE_URL.
 */
import { createConnection } from 'node:net'
import { createLogger, createServer, type IdeenwandServer, loadConfig } from '@ideenwand/server'
import { facilitatorSession, workshopFixture } from './api.ts'
import { connectClient, type TestClient } from './clients.ts'

export const REDIS_URL = 'redis://127.0.0.1:6379'
export const HAS_POSTGRES = Boolean(process.env.DATABASE_URL)

/** Whether something answers on Redis's port (the machine's Redis is expected to run). */
export async function redisReachable(): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port: 6379 })
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

/**
 * Whether the multi-instance tests can run here (Redis on 127.0.0.1:6379). In CI (`.ci/run`
 * sets CI=true and provides Redis) a missing Redis fails the suite instead of skipping it, so
 * those tests never pass by not running; elsewhere they are skipped with a warning.
 */
export async function redisForTests(file: string): Promise<boolean> {
  if (await redisReachable()) return true
  if (process.env.CI) throw new Error(`${file}: no Redis on 127.0.0.1:6379, which CI provides`)
  console.warn(`${file}: no Redis on 127.0.0.1:6379, its multi-instance tests are skipped`)
  return false
}

export interface Instance {
  server: IdeenwandServer
  url: string
  wsUrl: string
}

/** Starts instances with REDIS_URL set and stops all of them again. */
export class Instances {
  private readonly running: Instance[] = []

  async start(env: Record<string, string>): Promise<Instance> {
    const config = {
      ...loadConfig({ ...env, PORT: '0', CLIENT_DIR: '', REDIS_URL }),
      host: '127.0.0.1',
    }
    const server = await createServer({
      config,
      log: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
    })
    const port = await server.listen()
    const instance = {
      server,
      url: `http://127.0.0.1:${port}`,
      wsUrl: `ws://127.0.0.1:${port}/sync`,
    }
    this.running.push(instance)
    return instance
  }

  /**
   * Two instances with `env` on one new board, and a facilitator's client on each, synced.
   * The clients are added to `clients` (the test destroys them).
   */
  async pair(env: Record<string, string>, clients: TestClient[]) {
    const a = await this.start(env)
    const b = await this.start(env)
    const fixture = await workshopFixture(a.url)
    const cookie = await facilitatorSession(a.url)
    const onA = connectClient(a.wsUrl, fixture.boardId, { cookie })
    const onB = connectClient(b.wsUrl, fixture.boardId, { cookie })
    clients.push(onA, onB)
    await Promise.all([onA.synced(), onB.synced()])
    return { a, b, fixture, cookie, onA, onB }
  }

  async stopAll(): Promise<void> {
    for (const instance of this.running.splice(0)) await instance.server.stop()
  }
}
