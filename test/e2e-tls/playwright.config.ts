/**
 * End-to-end tests over HTTPS and WSS through nginx, in Debian's Chromium, against the server in
 * production mode (built client, PGlite in a temporary directory). `globalSetup` starts the
 * stack; Chromium resolves the test host name to 127.0.0.1 and trusts exactly the test
 * certificate (by its key hash), so no certificate error is ignored.
 */
import { defineConfig } from '@playwright/test'
import { chromiumArgs, chromiumPath } from '../chromium.ts'
import { tlsPorts } from './ports.ts'
import { TLS_HOST } from './stack.ts'

const { https } = tlsPorts()

export default defineConfig({
  testDir: '.',
  testMatch: /\.spec\.ts$/,
  globalSetup: './globalSetup.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `https://${TLS_HOST}:${https}`,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        ...chromiumArgs,
        `--host-resolver-rules=MAP ${TLS_HOST} 127.0.0.1`,
        // Set by globalSetup before the workers start.
        `--ignore-certificate-errors-spki-list=${process.env.E2E_TLS_SPKI ?? ''}`,
      ],
    },
  },
})
