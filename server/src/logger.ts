/** Structured JSON logs (pino). Never log document content, tokens or personal data. */
import { pino } from 'pino'

export type Logger = pino.Logger

export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'ideenwand' } })
}
