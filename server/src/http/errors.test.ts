/**
 * The one translation of errors into HTTP answers: domain refusals by their code (status, text,
 * headers), the edge's ApiErrors as they are, anything else a logged 500 that tells nothing.
 */
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { DomainError, DomainErrorCode } from '../DomainError.ts'
import { createLogger } from '../logger.ts'
import { ApiError, onError } from './errors.ts'

interface Body {
  error: { code: string; message: string }
}

const body = async (res: Response) => (await res.json()) as Body

function answering(err: Error) {
  const app = new Hono()
  app.onError(onError(createLogger('silent')))
  app.get('/', () => {
    throw err
  })
  return app.request('/')
}

describe('onError', () => {
  it('answers a domain refusal with the status and text of its code', async () => {
    const res = await answering(new DomainError(DomainErrorCode.RoundOpen))
    expect(res.status).toBe(409)
    expect(await res.json()).toEqual({
      error: { code: 'round_open', message: 'Close the open round first' },
    })
    const archived = await answering(new DomainError(DomainErrorCode.WorkshopArchived))
    expect(archived.status).toBe(409)
    const waiting = await answering(new DomainError(DomainErrorCode.WaitingForAdmission))
    expect([waiting.status, (await body(waiting)).error.code]).toEqual([
      403,
      'waiting_for_admission',
    ])
  })

  it('keeps the text a refusal brings (the figures of an import refusal)', async () => {
    const detail = 'The export has 10000 ideas; a board on this server holds at most 5000'
    const res = await answering(new DomainError(DomainErrorCode.ImportTooManyIdeas, detail))
    expect(res.status).toBe(413)
    expect(await res.json()).toEqual({ error: { code: 'import_too_many_ideas', message: detail } })
  })

  it('tells a refused import when to come back (Retry-After)', async () => {
    const res = await answering(new DomainError(DomainErrorCode.ImportBusy))
    expect(res.status).toBe(429)
    expect(res.headers.get('Retry-After')).toBe('10')
    expect((await body(res)).error.code).toBe('import_busy')
  })

  it('answers the edge’s ApiErrors as they are, and hides anything unexpected', async () => {
    const edge = await answering(new ApiError(421, 'misdirected', 'Not this server'))
    expect(edge.status).toBe(421)
    expect(await edge.json()).toEqual({
      error: { code: 'misdirected', message: 'Not this server' },
    })
    const bug = await answering(new Error('secret detail: password=hunter2'))
    expect(bug.status).toBe(500)
    expect(await bug.json()).toEqual({
      error: { code: 'internal_error', message: 'Internal server error' },
    })
  })
})
