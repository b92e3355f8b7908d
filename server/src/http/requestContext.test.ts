import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { forwardedFor, requestContext } from './requestContext.ts'

describe('forwardedFor', () => {
  const proxies = new Set(['127.0.0.1', '10.0.0.2'])

  it('takes the rightmost address that is not a trusted proxy', () => {
    expect(forwardedFor('203.0.113.5', proxies, '127.0.0.1')).toBe('203.0.113.5')
    // The client made up the first entry; the proxy appended what it saw.
    expect(forwardedFor('1.2.3.4, 203.0.113.5', proxies, '127.0.0.1')).toBe('203.0.113.5')
    // Two proxies of ours in a row.
    expect(forwardedFor('1.2.3.4, 203.0.113.5, 10.0.0.2', proxies, '127.0.0.1')).toBe('203.0.113.5')
    expect(forwardedFor('2001:DB8::1', proxies, '127.0.0.1')).toBe('2001:db8::1')
    expect(forwardedFor('::ffff:198.51.100.9', proxies, '127.0.0.1')).toBe('198.51.100.9')
  })

  it('falls back to the peer when the header is missing or a hop is not an address', () => {
    expect(forwardedFor(undefined, proxies, '127.0.0.1')).toBe('127.0.0.1')
    expect(forwardedFor('1.2.3.4, unknown', proxies, '127.0.0.1')).toBe('127.0.0.1')
    expect(forwardedFor('10.0.0.2', proxies, '127.0.0.1')).toBe('10.0.0.2')
  })
})

describe('requestContext without a socket (app.request)', () => {
  it('ignores forwarded headers and generates an id', async () => {
    const app = new Hono()
    app.use('*', requestContext({ trustProxy: ['127.0.0.1'] }))
    app.get('/', (c) => c.json({ ip: c.get('clientIp'), proto: c.get('clientProto') }))
    const res = await app.request('/', {
      headers: {
        'x-forwarded-for': '1.2.3.4',
        'x-forwarded-proto': 'https',
        'x-request-id': 'abcdefgh12',
      },
    })
    expect(await res.json()).toEqual({ ip: 'unknown', proto: 'http' })
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
  })
})
