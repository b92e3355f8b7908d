/**
 * Runs imports off the event loop: each upload is parsed, checked and turned into a board in a
 * worker thread (importWorker.ts), so a hostile file costs a worker, never the server's
 * responsiveness. Each import gets a wall-clock limit (`IMPORT_TIME_LIMIT_MS`; then its worker
 * is terminated) and the worker a heap limit. One import runs at a time (it takes a core), a few
 * more wait their turn, and beyond that the server answers 429 `import_busy`.
 *
 * The worker is started on the first import and kept for the next ones until it has been idle
 * for {@link IDLE_MS}: starting one (loading the TypeScript modules through tsx) costs more CPU
 * than most imports, and on a small machine that CPU is taken from the event loop's core too.
 * A worker that was stopped or failed is never reused.
 */
import { Worker } from 'node:worker_threads'
import { DomainError, DomainErrorCode } from '../DomainError.ts'
import type { Logger } from '../logger.ts'
import type { ImportJob, ImportOutcome } from './importWorker.ts'
import type { BoardLimits, PreparedImport } from './prepareImport.ts'

export interface ImportWorkersOptions {
  limits: BoardLimits
  /** Wall-clock time one import may take in its worker (start-up of a new worker included). */
  timeLimitMs: number
  /** Imports that may wait for their turn; one more is refused with 429 (default 4). */
  queue?: number
  /** Heap of the worker in MiB (default 512); an import that needs more is refused (413). */
  maxHeapMb?: number
  log?: Logger
}

// From the sources (tsx, Vitest) a bootstrap that registers tsx in the worker; in the production
// build (build.ts) the worker's own bundle next to this one.
const WORKER_URL = import.meta.url.endsWith('.ts')
  ? new URL('./importWorker.mjs', import.meta.url)
  : new URL('./importWorker.js', import.meta.url)

/** An idle worker is ended after this long. */
export const IDLE_MS = 30_000

/** Seconds a client refused with `import_busy` is told to wait (Retry-After). */
export const BUSY_RETRY_SECONDS = 10

type Result = { value: PreparedImport } | { error: Error }

export class ImportWorkers {
  private running = false
  private readonly waiting: (() => void)[] = []
  private idle: Worker | null = null
  private idleTimer: NodeJS.Timeout | null = null
  private busy: Worker | null = null

  constructor(private readonly options: ImportWorkersOptions) {}

  /** Parses, checks and builds the import of `bytes` in a worker; rejects with DomainErrors. */
  async prepare(bytes: Uint8Array): Promise<PreparedImport> {
    await this.turn()
    try {
      return await this.run(bytes)
    } finally {
      // Hand the turn to the next one waiting, if any.
      const next = this.waiting.shift()
      if (next) next()
      else this.running = false
    }
  }

  /** Ends the workers (server shutdown); a running import fails. */
  async close(): Promise<void> {
    const workers = [this.idle, this.busy].filter((w): w is Worker => w !== null)
    this.idle = null
    if (this.idleTimer) clearTimeout(this.idleTimer)
    await Promise.all(workers.map((w) => w.terminate()))
  }

  private async turn(): Promise<void> {
    if (!this.running) {
      this.running = true
      return
    }
    if (this.waiting.length >= (this.options.queue ?? 4)) {
      throw new DomainError(DomainErrorCode.ImportBusy)
    }
    // The finishing import hands its turn over (see `prepare`): `running` stays true.
    await new Promise<void>((resolve) => this.waiting.push(resolve))
  }

  private worker(): Worker {
    if (this.idleTimer) clearTimeout(this.idleTimer)
    const idle = this.idle
    this.idle = null
    if (idle) return idle
    const worker = new Worker(WORKER_URL, {
      // Not the parent's flags: from the sources the bootstrap registers tsx itself (tsx, Vitest).
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeapMb ?? 512 },
    })
    // Never what keeps a stopping server alive.
    worker.unref()
    // An idle worker that dies (it should not) is simply not reused.
    worker.on('exit', () => {
      if (this.idle === worker) this.idle = null
    })
    worker.on('error', () => {})
    return worker
  }

  private keep(worker: Worker): void {
    this.idle = worker
    this.idleTimer = setTimeout(() => {
      if (this.idle !== worker) return
      this.idle = null
      void worker.terminate()
    }, IDLE_MS)
    this.idleTimer.unref()
  }

  private run(bytes: Uint8Array): Promise<PreparedImport> {
    const { limits, timeLimitMs, maxHeapMb = 512, log } = this.options
    const worker = this.worker()
    this.busy = worker
    const started = performance.now()
    return new Promise<PreparedImport>((resolve, reject) => {
      const finish = (result: Result, reuse: boolean) => {
        clearTimeout(timer)
        worker.off('message', onMessage)
        worker.off('error', onError)
        worker.off('exit', onExit)
        this.busy = null
        if (reuse) this.keep(worker)
        else void worker.terminate()
        log?.info(
          { ms: Math.round(performance.now() - started), ok: 'value' in result },
          'import prepared',
        )
        if ('value' in result) resolve(result.value)
        else reject(result.error)
      }
      const onMessage = (outcome: ImportOutcome) => {
        if (outcome.ok) return finish({ value: outcome.prepared }, true)
        if ('refusal' in outcome) {
          const { code, detail } = outcome.refusal
          return finish({ error: new DomainError(code, detail) }, true)
        }
        // The upload broke the import code: the file's fault as far as the caller can tell.
        log?.warn({ err: outcome.unexpected }, 'import failed unexpectedly')
        const error = new DomainError(DomainErrorCode.InvalidImport)
        finish({ error }, false)
      }
      const onError = (err: Error & { code?: string }) => {
        if (err.code !== 'ERR_WORKER_OUT_OF_MEMORY') return finish({ error: err }, false)
        const message = `The import needs more than the ${maxHeapMb} MiB of memory an import may use`
        finish({ error: new DomainError(DomainErrorCode.ImportTooLarge, message) }, false)
      }
      const onExit = (code: number) => {
        finish({ error: new Error(`import worker exited with ${code} before answering`) }, false)
      }
      const timer = setTimeout(() => {
        const message = `The import took longer than ${timeLimitMs} ms and was stopped`
        finish({ error: new DomainError(DomainErrorCode.ImportTimeout, message) }, false)
      }, timeLimitMs)
      worker.on('message', onMessage)
      worker.on('error', onError)
      worker.on('exit', onExit)
      const job: ImportJob = { bytes, limits }
      // Moved, not copied, when the bytes are a whole buffer (as a request body is).
      const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
      worker.postMessage(job, whole ? [bytes.buffer as ArrayBuffer] : [])
    })
  }
}
