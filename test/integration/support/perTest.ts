/**
 * The server and stock clients one test starts, closed after each test (`afterEach` is
 * registered by `perTest()`, so call it at the top level of a test file).
 */
import { afterEach } from 'vitest'
import type { TestClient } from './clients.ts'
import type { RunningServer } from './servers.ts'

export interface PerTest {
  /** The test's server, once it has started one. */
  server: RunningServer | null
  /** Clients to destroy after the test. */
  readonly clients: TestClient[]
  /** Raw sockets (`RawSync`) and anything else to close after the test. */
  readonly sockets: { close(): void }[]
}

export function perTest(): PerTest {
  const t: PerTest = { server: null, clients: [], sockets: [] }
  afterEach(async () => {
    for (const c of t.clients.splice(0)) c.destroy()
    for (const s of t.sockets.splice(0)) s.close()
    await t.server?.stop()
    t.server = null
  })
  return t
}
