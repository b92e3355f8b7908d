/**
 * Starts the production stack (server + nginx, see stack.ts) once for the TLS run and hands the
 * certificate's key hash to the workers through the environment.
 */

import { tlsPorts } from './ports.ts'
import { startStack } from './stack.ts'

export default async function globalSetup(): Promise<() => Promise<void>> {
  const stack = await startStack(tlsPorts())
  process.env.E2E_TLS_SPKI = stack.spki
  return () => stack.stop()
}
