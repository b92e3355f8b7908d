/**
 * End-to-end tests in Debian's Chromium against the real server (built client, compiled server,
 * PGlite in a temporary directory), started once for the run.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { defineConfig } from '@playwright/test'
import { chromiumArgs, chromiumPath } from './chromium.ts'

const PORT = Number(process.env.E2E_PORT ?? 3210)
const dataDir = mkdtempSync(join(tmpdir(), 'ideenwand-e2e-'))

export default defineConfig({
  testDir: './e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // Two test files at a time (each makes its own workshops; E2E_WORKERS=1 for one at a time).
  fullyParallel: false,
  workers: Number(process.env.E2E_WORKERS ?? 2),
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: 'on-first-retry',
    launchOptions: {
      executablePath: chromiumPath,
      args: chromiumArgs,
    },
  },
  // The first-run test creates the first account, so it runs before everything else. The QR
  // path's slow-3G timing runs last, on its own: beside another test file the shared two cores
  // pushed "usable within 5 s" to 5.3 s once (it is 3.7–3.8 s alone).
  projects: [
    { name: 'first-run', testMatch: /access\.spec\.ts/ },
    {
      name: 'app',
      testIgnore: /access\.spec\.ts|qrPath-issue16\.spec\.ts/,
      dependencies: ['first-run'],
    },
    { name: 'alone', testMatch: /qrPath-issue16\.spec\.ts/, dependencies: ['app'] },
  ],
  webServer: {
    // The compiled server, as `pnpm start` runs it in production (build ~2 s).
    command: 'pnpm --filter @ideenwand/server build && pnpm --filter @ideenwand/server start',
    cwd: '..',
    url: `http://127.0.0.1:${PORT}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      PORT: String(PORT),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      LOG_LEVEL: 'warn',
    },
  },
})
