/**
 * `pnpm restore <file>|- [--replace]` — restores a backup into the server's database (empty or
 * not) in one transaction. Existing workshops in the file are a conflict unless --replace.
 */
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { BackupFileError, decodeBackup } from '../backup/format.ts'
import { checkBackupSchema, RestoreError, restoreBackup } from '../backup/restoreBackup.ts'
import { ConfigError } from '../config.ts'
import { MigrationError, migrate } from '../storage/migrate.ts'
import { CliError, openDatabase, runCli, userPath } from './openDatabase.ts'

const USAGE = `Usage: pnpm restore <file>|- [--replace]
  --replace   replace workshops that exist in the database already (default: refuse)
Database from DATABASE_URL (+ DATABASE_SCHEMA) or DATA_DIR, as for the server.`

async function main(): Promise<void> {
  let parsed: { values: { replace?: boolean; help?: boolean }; positionals: string[] }
  try {
    parsed = parseArgs({
      options: { replace: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
    })
  } catch (err) {
    throw new CliError(`${(err as Error).message}\n${USAGE}`)
  }
  if (parsed.values.help) {
    process.stdout.write(`${USAGE}\n`)
    return
  }
  const [file, ...rest] = parsed.positionals
  if (!file || rest.length > 0) throw new CliError(USAGE)
  let bytes: Uint8Array
  try {
    bytes = file === '-' ? readFileSync(0) : readFileSync(userPath(file))
  } catch (err) {
    throw new CliError(`cannot read ${file}: ${(err as Error).message}`)
  }
  // Everything is checked before the database is opened.
  const content = decodeBackup(bytes)
  checkBackupSchema(content)
  const db = await openDatabase({ mustExist: false })
  try {
    await migrate(db)
    const result = await restoreBackup(db, content, { replace: parsed.values.replace === true })
    for (const w of result.workshops) {
      process.stderr.write(
        `${w.replaced ? 'Replaced' : 'Restored'} workshop "${w.title}" (${w.id})\n`,
      )
    }
    process.stderr.write(`Restored ${result.rows} rows from ${file}\n`)
  } finally {
    await db.close()
  }
}

runCli(
  main,
  (err) =>
    err instanceof BackupFileError ||
    err instanceof RestoreError ||
    err instanceof MigrationError ||
    err instanceof ConfigError,
)
