/** Entry point: `pnpm start` / `pnpm dev`. Starts the server and stops it gracefully on signals. */
import { ConfigError, loadConfig } from './config.ts'
import { DEMO_ACCOUNT, seedDemo } from './demo/seedDemo.ts'
import { createLogger } from './logger.ts'
import { createServer } from './server.ts'

const SHUTDOWN_DEADLINE_MS = 15_000

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>
  try {
    config = loadConfig()
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${err.message}\n`)
      process.exit(78)
    }
    throw err
  }
  const log = createLogger(config.logLevel)
  const server = await createServer({ config, log })
  const port = await server.listen()
  if (process.argv.includes('--demo') || process.env.DEMO === '1') {
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
  process.stderr.write(`Ideenwand failed to start: ${err instanceof Error ? err.stack : err}\n`)
  process.exit(1)
})
