/**
 * `pnpm backup [--workshop <id>]… [--out <file>|-]` — writes a backup of the given workshops, or
 * of everything, to one file (see backup/format.ts). Uses the server's database settings.
 * On Postgres it may run while the server runs; a PGlite directory must not be in use.
 */
import { writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { BackupError, createBackup } from '../backup/createBackup.ts'
import { encodeBackup } from '../backup/format.ts'
import { ConfigError } from '../config.ts'
import { CliError, openDatabase, runCli, userPath } from './openDatabase.ts'

const USAGE = `Usage: pnpm backup [--workshop <id>]... [--out <file>|-]
  --workshop <id>  back up this workshop (repeatable); default: everything
  --out <file>     where to write (default: ideenwand-backup-<scope>-<time>.jsonl.gz; - = stdout)
Database from DATABASE_URL (+ DATABASE_SCHEMA) or DATA_DIR, as for the server.`

async function main(): Promise<void> {
  let values: { workshop?: string[]; out?: string; help?: boolean }
  try {
    ;({ values } = parseArgs({
      options: {
        workshop: { type: 'string', multiple: true, short: 'w' },
        out: { type: 'string', short: 'o' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: false,
    }))
  } catch (err) {
    throw new CliError(`${(err as Error).message}\n${USAGE}`)
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`)
    return
  }
  const ids = values.workshop ?? []
  const scope = ids.length > 0 ? { kind: 'workshops' as const, ids } : { kind: 'all' as const }
  const db = await openDatabase({ mustExist: true })
  let bytes: Uint8Array
  let summary: string
  try {
    const content = await createBackup(db, scope)
    bytes = encodeBackup(content)
    const skipped = content.header.skippedBoardRows ?? []
    if (skipped.length > 0) {
      process.stderr.write(
        `Warning: ${skipped.length} stored update(s) of board(s) ${[...new Set(skipped)].join(', ')} ` +
          'do not apply (corrupt) and were left out, as the server does when it loads them\n',
      )
    }
    const t = content.header.tables
    summary = `${t.workshops ?? 0} workshop(s), ${t.boards ?? 0} board(s), ${Object.values(t).reduce((a, b) => a + b, 0)} rows`
  } finally {
    await db.close()
  }
  const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19)
  const out =
    values.out ??
    `ideenwand-backup-${ids.length === 1 ? ids[0] : ids.length ? 'workshops' : 'all'}-${stamp}.jsonl.gz`
  if (out === '-') {
    // Wait until the pipe took everything: the process exits right after.
    await new Promise<void>((resolve, reject) =>
      process.stdout.write(bytes, (err) => (err ? reject(err) : resolve())),
    )
    process.stderr.write(`Backed up ${summary} (${bytes.length} bytes)\n`)
    return
  }
  const path = userPath(out)
  writeFileSync(path, bytes, { mode: 0o600 })
  process.stderr.write(`Backed up ${summary} to ${path} (${bytes.length} bytes)\n`)
}

runCli(main, (err) => err instanceof BackupError || err instanceof ConfigError)
