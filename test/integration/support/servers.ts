/**
 * Ideenwand servers for tests: in this process (fast, inspectable) or as a child process (for
 * SIGKILL and SIGTERM), always on a real loopback socket.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { createServer as createNetServer } from 'node:net'
import { fileURLToPath } from 'node:url'
import { createLogger, createServer, type IdeenwandServer, loadConfig } from '@ideenwand/server'
import { type Engine, freshDatabaseEnv } from './engines.ts'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))

export interface RunningServer {
  server: IdeenwandServer
  port: number
  url: string
  wsUrl: string
  stop(): Promise<void>
}

export async function startServer(
  engine: Engine,
  options: { env?: Record<string, string> } = {},
): Promise<RunningServer> {
  const env = { ...(await freshDatabaseEnv(engine)), PORT: '0', CLIENT_DIR: '', ...options.env }
  const config = { ...loadConfig(env), host: '127.0.0.1' }
  const server = await createServer({
    config,
    log: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
  })
  const port = await server.listen()
  return {
    server,
    port,
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/sync`,
    stop: () => server.stop(),
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createNetServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address()
      const port = typeof address === 'object' && address ? address.port : 0
      srv.close(() => resolve(port))
    })
  })
}

/** A server in a child process (`node --import tsx server/src/main.ts`), restartable on one port. */
export class ChildServer {
  private child: ChildProcess | null = null
  output = ''

  private constructor(
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {}

  static async create(engine: Engine, env: Record<string, string> = {}): Promise<ChildServer> {
    const port = await freePort()
    const dbEnv = await freshDatabaseEnv(engine)
    return new ChildServer(port, {
      ...dbEnv,
      PORT: String(port),
      HOST: '127.0.0.1',
      CLIENT_DIR: '',
      LOG_LEVEL: 'info',
      ...env,
    })
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`
  }

  get wsUrl(): string {
    return `ws://127.0.0.1:${this.port}/sync`
  }

  /** Starts the process and resolves once it logs that it listens. */
  async start(): Promise<void> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: `${ROOT}server`,
      env: { ...process.env, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    this.child = child
    // The output of earlier runs stays in `output`: only this run's "listening" counts.
    const from = this.output.length
    await new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        this.output += chunk.toString()
        if (this.output.includes('"msg":"listening"', from)) resolve()
      }
      child.stdout?.on('data', onData)
      child.stderr?.on('data', (chunk: Buffer) => {
        this.output += chunk.toString()
      })
      child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${this.output}`)))
    })
  }

  /** Sends `signal` and resolves with the exit code once the process is gone. */
  async kill(signal: NodeJS.Signals): Promise<number | null> {
    const child = this.child
    if (!child || child.exitCode !== null || child.signalCode !== null)
      return child?.exitCode ?? null
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => resolve(code)),
    )
    child.kill(signal)
    this.child = null
    return exited
  }
}
