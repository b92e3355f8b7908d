/**
 * The servers under test, each in its own process pinned to the server core: Ideenwand
 * (server/src/main.ts through tsx), the y-websocket reference server and Hocuspocus. Reads their
 * CPU time and RSS from /proc and their event-loop delay from the preloaded probe.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'
import type { Dialect } from './wire.ts'

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
/** Where the Ideenwand server under test lives (another checkout, for before/after runs). */
const IDEENWAND_ROOT = process.env.BENCH_IDEENWAND_ROOT ?? ROOT
const BENCH = fileURLToPath(new URL('../', import.meta.url))
const PROBE = new URL('./probe.mjs', import.meta.url).href

export type ServerKind = 'ideenwand' | 'reference' | 'hocuspocus'
export const DIALECT: Record<ServerKind, Dialect> = {
  ideenwand: 'y',
  reference: 'y',
  hocuspocus: 'hocuspocus',
}

/** The server program behind a name of `--servers`. */
export function baseKind(name: string): ServerKind {
  if (name === 'ideenwand' || name === 'reference' || name === 'hocuspocus') return name
  if (/^ideenwand(-[tcp]\d+)+$/.test(name)) return 'ideenwand'
  throw new Error(
    `unknown server ${name} (ideenwand, ideenwand-t<update tick ms>-p<presence tick ms>-c<presence cap>, reference, hocuspocus)`,
  )
}

/**
 * Settings of a variant: `ideenwand-t50` → SYNC_UPDATE_TICK_MS=50, `-p30` → SYNC_AWARENESS_TICK_MS=30,
 * `-c128` → SYNC_PRESENCE_CAP=128 (combinable: `ideenwand-p30-c96`).
 */
export function variantEnv(name: string): Record<string, string> {
  const env: Record<string, string> = {}
  const keys = { t: 'SYNC_UPDATE_TICK_MS', p: 'SYNC_AWARENESS_TICK_MS', c: 'SYNC_PRESENCE_CAP' }
  for (const [, k, v] of name.matchAll(/-([tcp])(\d+)/g)) env[keys[k as keyof typeof keys]] = v!
  return env
}

export const HAS_TASKSET = (() => {
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
})()

/** Runs `args` pinned to `core` when taskset exists. */
export function pinned(core: number, command: string, args: string[]): [string, string[]] {
  return HAS_TASKSET ? ['taskset', ['-c', String(core), command, ...args]] : [command, args]
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address()
      const port = typeof a === 'object' && a ? a.port : 0
      srv.close(() => resolve(port))
    })
  })
}

const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100
  } catch {
    return 100
  }
})()

export interface EventLoopSample {
  p50: number
  p99: number
  max: number
}

/** What the probe reports after a forced garbage collection (bytes). */
export interface MemorySample {
  rss: number
  heapUsed: number
  heapTotal: number
  external: number
  arrayBuffers: number
  /** False when the server was not started with --expose-gc. */
  gc: boolean
}

export class ServerProcess {
  private child: ChildProcess | null = null
  output = ''
  readonly eld: { at: number; sample: EventLoopSample }[] = []
  private memoryWaiters: ((m: MemorySample) => void)[] = []
  private partialLine = ''
  /** Called with every complete line the server writes on stdout (its JSON log). */
  readonly lineListeners: ((line: string) => void)[] = []

  constructor(
    readonly kind: ServerKind,
    readonly port: number,
    private readonly env: Record<string, string>,
    /** Extra Node flags (e.g. --expose-gc). */
    private readonly nodeArgs: string[] = [],
    /** The core it is pinned to (servers under test: 0). */
    private readonly core = 0,
  ) {}

  static async start(
    kind: ServerKind,
    env: Record<string, string> = {},
    nodeArgs: string[] = [],
    core = 0,
  ): Promise<ServerProcess> {
    const s = new ServerProcess(kind, await freePort(), env, nodeArgs, core)
    await s.start()
    return s
  }

  /** Asks the probe to collect garbage (with --expose-gc) and report the process's memory. */
  memory(): Promise<MemorySample> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no memory report from the probe')), 10_000)
      this.memoryWaiters.push((m) => {
        clearTimeout(timer)
        resolve(m)
      })
      this.child?.kill('SIGUSR2')
    })
  }

  get pid(): number {
    return this.child?.pid ?? 0
  }

  get httpUrl(): string {
    return `http://127.0.0.1:${this.port}`
  }

  /** Where clients connect: `${wsBase}/${docName}`. */
  get wsBase(): string {
    return this.kind === 'ideenwand'
      ? `ws://127.0.0.1:${this.port}/sync`
      : `ws://127.0.0.1:${this.port}`
  }

  async start(): Promise<void> {
    const node = process.execPath
    // BENCH_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' profiles the servers under test.
    const nodeArgs = [
      ...this.nodeArgs,
      ...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
    ]
    const [cmd, args] =
      this.kind === 'ideenwand'
        ? pinned(this.core, node, [
            ...nodeArgs,
            '--import',
            'tsx',
            '--import',
            PROBE,
            'src/main.ts',
          ])
        : pinned(this.core, node, [...nodeArgs, '--import', PROBE, `src/peers/${this.kind}.mjs`])
    const child = spawn(cmd, args, {
      cwd: this.kind === 'ideenwand' ? `${IDEENWAND_ROOT}/server` : BENCH,
      env: {
        ...process.env,
        PORT: String(this.port),
        HOST: '127.0.0.1',
        CLIENT_DIR: '',
        LOG_LEVEL: 'info',
        ...this.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    this.child = child
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${this.kind} did not start:\n${this.output}`)),
        30_000,
      )
      child.stdout?.on('data', (chunk: Buffer) => {
        const text = chunk.toString()
        this.output = (this.output + text).slice(-200_000)
        if (this.lineListeners.length > 0) {
          const lines = (this.partialLine + text).split('\n')
          this.partialLine = lines.pop() ?? ''
          for (const line of lines) for (const listener of this.lineListeners) listener(line)
        }
        if (this.output.includes('"msg":"listening"')) {
          clearTimeout(timer)
          resolve()
        }
      })
      child.stderr?.on('data', (chunk: Buffer) => {
        for (const line of chunk.toString().split('\n')) {
          if (line.startsWith('BENCHPROBE ')) {
            this.eld.push({ at: performance.now(), sample: JSON.parse(line.slice(11)) })
          } else if (line.startsWith('BENCHMEM ')) {
            this.memoryWaiters.shift()?.(JSON.parse(line.slice(9)))
          } else if (line.trim()) this.output = `${this.output}${line}\n`.slice(-200_000)
        }
      })
      child.once('exit', (code) => {
        clearTimeout(timer)
        reject(new Error(`${this.kind} exited with ${code}:\n${this.output}`))
      })
    })
  }

  /** CPU seconds (user + system) the process has used so far. */
  cpuSeconds(): number {
    const stat = readFileSync(`/proc/${this.pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) / CLK_TCK
  }

  /** CPU seconds spent in the kernel so far (system time: socket writes, on loopback also the receiving side's TCP work). */
  systemCpuSeconds(): number {
    const stat = readFileSync(`/proc/${this.pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return Number(fields[12]) / CLK_TCK
  }

  rssMiB(): number {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8')
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0)
    return kb / 1024
  }

  /** Worst event-loop delay p99 and max seen between two `performance.now()` times. */
  eventLoop(from: number, to: number): { p99: number; max: number } {
    const inWindow = this.eld.filter((e) => e.at >= from && e.at <= to + 600)
    return {
      p99: Math.max(0, ...inWindow.map((e) => e.sample.p99)),
      max: Math.max(0, ...inWindow.map((e) => e.sample.max)),
    }
  }

  async stop(): Promise<void> {
    const child = this.child
    if (!child || child.exitCode !== null) return
    child.removeAllListeners('exit')
    const exited = new Promise((r) => child.once('exit', r))
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
    await exited
    clearTimeout(timer)
    this.child = null
  }
}

export function procExists(pid: number): boolean {
  return existsSync(`/proc/${pid}`)
}
