/** Ports of the TLS end-to-end run: the app, nginx's https (the documented 443) and http (80). */
import type { Ports } from './stack.ts'

export function tlsPorts(): Ports {
  const app = Number(process.env.E2E_PORT ?? 3310)
  return {
    app,
    https: Number(process.env.E2E_TLS_PORT ?? 8443),
    http: Number(process.env.E2E_TLS_HTTP_PORT ?? app + 9),
  }
}
