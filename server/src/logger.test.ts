import { describe, expect, it } from 'vitest'
import { createLogger, logContext } from './logger.ts'

function capture() {
  const lines: Record<string, unknown>[] = []
  const log = createLogger('info', { write: (line: string) => lines.push(JSON.parse(line)) })
  return { log, lines }
}

describe('logger', () => {
  it('redacts secret-looking and personal fields at any depth', () => {
    const { log, lines } = capture()
    log.info(
      {
        password: 'hunter2',
        user: { id: 'f1', passwordHash: '$argon2id$x', session: { token: 'tok-123' } },
        headers: { authorization: 'Bearer abc', cookie: 'iw_session=s3', accept: 'text/html' },
        list: [{ secret: 'shh' }, { apiKey: 'k-9' }],
        ticket: 't-1',
        tokenCount: 3,
        settings: { WS_TICKET_TTL_SECONDS: '60', METRICS_TOKEN: 'm-7', REDIS_PASSWORD: '(unset)' },
        ip: '203.0.113.8',
        guest: { email: 'anna@example.org', displayName: 'Anna' },
      },
      'something happened',
    )
    const text = JSON.stringify(lines[0])
    for (const secret of [
      'hunter2',
      'argon2id',
      'tok-123',
      'Bearer abc',
      'iw_session',
      'shh',
      'k-9',
      't-1',
      '203.0.113.8',
      'anna@',
      'Anna',
      'm-7',
    ]) {
      expect(text).not.toContain(secret)
    }
    expect(lines[0]).toMatchObject({
      password: '[redacted]',
      tokenCount: 3,
      // A setting nobody set says so (there is nothing to hide).
      settings: {
        WS_TICKET_TTL_SECONDS: '60',
        METRICS_TOKEN: '[redacted]',
        REDIS_PASSWORD: '(unset)',
      },
      user: { id: 'f1', passwordHash: '[redacted]', session: { token: '[redacted]' } },
      headers: { accept: 'text/html', authorization: '[redacted]' },
    })
  })

  it('logs errors without the query parameters and details database drivers attach', () => {
    const { log, lines } = capture()
    const err = Object.assign(new Error('duplicate key value violates unique constraint'), {
      code: '23505',
      detail: 'Key (email)=(anna@example.org) already exists.',
      parameters: ['anna@example.org', 'Anna Beispiel'],
      query: 'insert into facilitators (email, name) values ($1, $2)',
    })
    log.error({ err }, 'unhandled error')
    const text = JSON.stringify(lines[0])
    expect(text).not.toContain('anna@example.org')
    expect(text).not.toContain('Anna Beispiel')
    expect(lines[0]?.err).toMatchObject({
      type: 'Error',
      message: 'duplicate key value violates unique constraint',
      code: '23505',
    })
  })

  it('adds the fields of the current log context (the request id) to every line', async () => {
    const { log, lines } = capture()
    await logContext.run({ reqId: 'r-1' }, async () => {
      log.info('first')
      await new Promise((r) => setTimeout(r, 1))
      log.child({ boardId: 'b' }).warn({ extra: 1 }, 'second')
    })
    log.info('outside')
    expect(lines.map((l) => l.reqId)).toEqual(['r-1', 'r-1', undefined])
    expect(lines[1]).toMatchObject({ boardId: 'b', extra: 1 })
  })
})
