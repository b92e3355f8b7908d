/**
 * Entry point: `pnpm start` / `pnpm dev`. Starts the server and stops it gracefully on signals.
 * A configuration that is invalid (or unsafe with NODE_ENV=production) exits with 78 (EX_CONFIG)
 * and a message on stderr that names what to set.
 */
import { ConfigError, loadConfig } from './config.ts'
import { DEMO_ACCOUNT, seedDemo } from './demo/seedDemo.ts'
import { createLogger } from './logger.ts'
import { createServer } from './server.ts'
import { effectiveSettings } from './settings.ts'
import { MigrationError } from './storage/migrate.ts'
import { DataDirInUseError } from './storage/pgliteLock.ts'

const SHUTDOWN_DEADLINE_MS = 15_000

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>
  try {
    const demo = process.argv.includes('--demo')
    config = loadConfig(demo ? { ...process.env, DEMO: '1' } : process.env)
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${err.message}\n`)
      process.exit(78)
    }
    throw err
  }
  const log = createLogger(config.logLevel)
  log.info(
    { settings: effectiveSettings(process.env), production: config.production },
    'configuration',
  )
  const server = await createServer({ config, log })
  const port = await server.listen()
  if (config.demo) {
    const demo = await seedDemo(server)
    const base = config.publicUrl ?? `http://localhost:${port}`
    process.stdout.write(
      [
        '',
        'Demo workshop "Themenlabor Freizeit" is ready:',
        `  sign in at ${base}/login`,
        `  e-mail:   ${DEMO_ACCOUNT.email}`,
        `  password: ${DEMO_ACCOUNT.password}`,
        `  board:    ${base}/b/${demo.boardId}`,
        'Do not run the demo on a public server: its password is published.',
        '',
      ].join('\n'),
    )
  }
  let stopping = false
  const shutdown = (signal: string) => {
    if (stopping) return
    stopping = true
    log.info({ signal }, 'shutting down')
    const deadline = setTimeout(() => {
      log.error('shutdown took too long; exiting with pending writes')
      process.exit(1)
    }, SHUTDOWN_DEADLINE_MS)
    deadline.unref()
    server.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'shutdown failed')
        process.exit(1)
      },
    )
  }
  process.on('SIGTERM', () => shutdown('SIGTERM'))
  process.on('SIGINT', () => shutdown('SIGINT'))
}

main().catch((err: unknown) => {
  // The database does not fit this release, or PGlite is in use: the message says what to do.
  const known = err instanceof MigrationError || err instanceof DataDirInUseError
  process.stderr.write(
    `Ideenwand failed to start: ${err instanceof Error ? (known ? err.message : err.stack) : err}\n`,
  )
  process.exit(1)
})
