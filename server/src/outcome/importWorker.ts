/**
 * The import worker's body: for each job it is sent, runs {@link prepareImport} and posts back
 * either the prepared import (the board's updates transferred, not copied) or the refusal. Started
 * by ImportWorkers.ts through importWorker.mjs; one job at a time.
 */
import { readlinkSync } from 'node:fs'
import { setPriority } from 'node:os'
import { parentPort } from 'node:worker_threads'
import { DomainError, type DomainErrorCode } from '../DomainError.ts'
import { type BoardLimits, type PreparedImport, prepareImport } from './prepareImport.ts'

export interface ImportJob {
  bytes: Uint8Array
  limits: BoardLimits
}

export type ImportOutcome =
  | { ok: true; prepared: PreparedImport }
  | { ok: false; refusal: { code: DomainErrorCode; detail: string | undefined } }
  | { ok: false; unexpected: string }

function run(job: ImportJob): { outcome: ImportOutcome; transfer: ArrayBuffer[] } {
  try {
    const prepared = prepareImport(job.bytes, job.limits)
    const buffers = new Set(prepared.board.map((update) => update.buffer as ArrayBuffer))
    return { outcome: { ok: true, prepared }, transfer: [...buffers] }
  } catch (err) {
    if (err instanceof DomainError) {
      const refusal = { code: err.code, detail: err.detail }
      return { outcome: { ok: false, refusal }, transfer: [] }
    }
    return {
      outcome: { ok: false, unexpected: String((err as Error)?.stack ?? err) },
      transfer: [],
    }
  }
}

/**
 * Lowers this thread's CPU priority (Linux: nice is per thread; /proc/thread-self names it), so
 * that on a busy machine the server's event loop wins its core over an import. Elsewhere the
 * worker keeps the normal priority.
 */
function yieldToEventLoop(): void {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').at(-1))
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, 10)
  } catch {
    // Not Linux, or not allowed: run at the normal priority.
  }
}

yieldToEventLoop()
const port = parentPort
port?.on('message', (job: ImportJob) => {
  const { outcome, transfer } = run(job)
  port.postMessage(outcome, transfer)
})
