/**
 * A read that is shared through a cache (a workshop's control data, a board being loaded) must
 * not wait forever: after a database outage a query can be left unanswered by the driver
 * (postgres.js, seen in test/integration/outage.test.ts: a read sent as the link broke never
 * settled), and every later caller would wait on the same promise — the workshop or board stuck
 * until a restart. `settleWithin` rejects after `ms`, so the cache drops the entry and the next
 * caller asks the database again; the late answer, if any, is ignored.
 */
export class SlowStorageError extends Error {
  constructor(what: string, ms: number) {
    super(`${what} took longer than ${ms} ms`)
    this.name = 'SlowStorageError'
  }
}

/** How long a shared read may take before its callers give up (see the module comment). */
export const SHARED_READ_TIMEOUT_MS = 10_000

export function settleWithin<T>(
  promise: Promise<T>,
  what: string,
  ms = SHARED_READ_TIMEOUT_MS,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const slow = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SlowStorageError(what, ms)), ms)
  })
  promise.catch(() => {})
  return Promise.race([promise, slow]).finally(() => clearTimeout(timer))
}
