/**
 * Opens the database the server would use, from the same environment (DATABASE_URL and
 * DATABASE_SCHEMA for Postgres, DATA_DIR for PGlite), for the command-line tools.
 */
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { loadConfig } from '../config.ts'
import { type Db, openDb } from '../storage/Db.ts'
import { DataDirInUseError } from '../storage/pgliteLock.ts'

/** A command failed for a reason the user can act on: print the message, no stack trace. */
export class CliError extends Error {
  override name = 'CliError'
}

/**
 * @param mustExist for reading commands: refuse a PGlite directory that holds no database
 * instead of creating an empty one.
 */
export async function openDatabase(options: { mustExist: boolean }): Promise<Db> {
  const config = loadConfig()
  if (config.databaseUrl) {
    return openDb({
      engine: 'postgres',
      url: config.databaseUrl,
      max: 1,
      ...(config.databaseSchema ? { schema: config.databaseSchema } : {}),
    })
  }
  if (options.mustExist && !existsSync(join(config.dataDir, 'PG_VERSION'))) {
    throw new CliError(
      `no database in ${config.dataDir}: set DATA_DIR (PGlite) or DATABASE_URL (Postgres) as for the server`,
    )
  }
  try {
    return await openDb({ engine: 'pglite', dataDir: config.dataDir })
  } catch (err) {
    if (err instanceof DataDirInUseError) throw new CliError(err.message)
    throw err
  }
}

/** Resolves a path the user typed against the directory they ran `pnpm` in. */
export function userPath(path: string): string {
  return resolve(process.env.INIT_CWD ?? process.cwd(), path)
}

/** Runs a command's main function: clear message and exit code 1 on a known failure. */
export function runCli(main: () => Promise<void>, known: (err: unknown) => boolean): void {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      if (err instanceof CliError || known(err)) {
        process.stderr.write(`Error: ${(err as Error).message}\n`)
      } else {
        process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`)
      }
      process.exit(1)
    },
  )
}
