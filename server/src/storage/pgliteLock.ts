/**
 * PGlite is a single-process database: two processes on one data directory corrupt it, and
 * PGlite itself does not notice (its `postmaster.pid` holds a fixed fake pid). Whoever opens a
 * PGlite directory therefore writes `ideenwand.lock` with its process id and removes it on close;
 * a lock whose process no longer runs (after a crash) is taken over.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const LOCK_FILE = 'ideenwand.lock'

export class DataDirInUseError extends Error {
  override name = 'DataDirInUseError'
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `The PGlite data directory ${dataDir} is in use by process ${pid} (probably the Ideenwand ` +
        'server). PGlite allows one process at a time: stop the server first, or use Postgres ' +
        '(DATABASE_URL) to work while it runs.',
    )
  }
}

/** The pid holding `dataDir`, or null when it is free (no lock, or its process is gone). */
export function pgliteLockHolder(dataDir: string): number | null {
  let pid: number
  try {
    pid = Number(readFileSync(join(dataDir, LOCK_FILE), 'utf8').trim())
  } catch {
    return null
  }
  if (!Number.isInteger(pid) || pid <= 0) return null
  if (pid === process.pid) return pid
  try {
    process.kill(pid, 0)
    return pid
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM' ? pid : null
  }
}

/**
 * Takes the lock on `dataDir` for this process; returns the release function.
 * @throws DataDirInUseError if another running process holds it (or this process already does).
 */
export function lockPgliteDir(dataDir: string): () => void {
  const holder = pgliteLockHolder(dataDir)
  if (holder !== null) throw new DataDirInUseError(dataDir, holder)
  const file = join(dataDir, LOCK_FILE)
  writeFileSync(file, `${process.pid}\n`)
  return () => {
    if (pgliteLockHolder(dataDir) === process.pid) rmSync(file, { force: true })
  }
}
