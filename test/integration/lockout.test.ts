/**
 * The failed-login limit holds under parallel guessing: a slot is taken before each password
 * check, so 300 wrong passwords sent at once (over fresh or over 100 kept-alive connections)
 * get at most RATE_LIMIT_LOGIN_FAILURES (5) password checks — a 401 is a check, a 429 is none —
 * and the right password is refused while the block lasts.
 */
import { Agent, request } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import { ApiClient, FACILITATOR, workshopFixture } from './support/api.ts'
import { ENGINES } from './support/engines.ts'
import { type RunningServer, startServer } from './support/servers.ts'

const GUESSES = 300
const LIMIT = 5

let server: RunningServer | null = null

afterEach(async () => {
  await server?.stop()
  server = null
})

/** POSTs a login over `agent` (keep-alive) and resolves with the status and Retry-After. */
function login(
  url: string,
  agent: Agent,
  email: string,
  password: string,
): Promise<{ status: number; retryAfter: string | undefined }> {
  const body = JSON.stringify({ email, password })
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}/api/auth/login`,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume()
        res.on('end', () => {
          const retry = res.headers['retry-after']
          resolve({ status: res.statusCode ?? 0, retryAfter: retry })
        })
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

function tally(statuses: number[]): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const s of statuses) counts[s] = (counts[s] ?? 0) + 1
  return counts
}

describe.each(ENGINES)('login lockout (%s)', (engine) => {
  it('300 parallel wrong passwords: at most 5 checked, the rest 429; then the right one is refused too', async () => {
    server = await startServer(engine)
    await workshopFixture(server.url)
    // One connection per request, all at once (what the report's attacker did).
    const agent = new Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY })
    const started = performance.now()
    const results = await Promise.all(
      Array.from({ length: GUESSES }, (_, i) =>
        login(server!.url, agent, FACILITATOR.email, `wrong password ${i}`),
      ),
    )
    const ms = performance.now() - started
    const counts = tally(results.map((r) => r.status))
    console.log(`[lockout ${engine}] ${GUESSES} parallel guesses in ${ms.toFixed(0)} ms:`, counts)
    expect(counts['401'] ?? 0).toBeLessThanOrEqual(LIMIT)
    expect((counts['401'] ?? 0) + (counts['429'] ?? 0)).toBe(GUESSES)
    for (const r of results.filter((r) => r.status === 429)) {
      expect(Number(r.retryAfter)).toBeGreaterThan(0)
    }
    agent.destroy()

    const right = await new ApiClient(server.url).post('/api/auth/login', {
      email: FACILITATOR.email,
      password: FACILITATOR.password,
    })
    expect(right.status).toBe(429)
    expect(right.body.error.code).toBe('rate_limited')
  })

  it('over 100 kept-alive connections, for an unknown e-mail as well: at most 5 checked', async () => {
    server = await startServer(engine)
    await workshopFixture(server.url)
    const agent = new Agent({ keepAlive: true, maxSockets: 100 })
    for (const email of ['nobody@example.org', FACILITATOR.email]) {
      const results = await Promise.all(
        Array.from({ length: GUESSES }, (_, i) =>
          login(server!.url, agent, email, `wrong password ${i}`),
        ),
      )
      const counts = tally(results.map((r) => r.status))
      console.log(`[lockout ${engine}] ${email}, 100 kept-alive connections:`, counts)
      expect(counts['401'] ?? 0).toBeLessThanOrEqual(LIMIT)
      expect((counts['401'] ?? 0) + (counts['429'] ?? 0)).toBe(GUESSES)
    }
    const right = await login(server.url, agent, FACILITATOR.email, FACILITATOR.password)
    expect(right.status).toBe(429)
    agent.destroy()
  })

  it('a success gives its slot back: four wrong guesses, the right password, four more still checked', async () => {
    server = await startServer(engine)
    await workshopFixture(server.url)
    const client = new ApiClient(server.url)
    const attempt = (password: string) =>
      client.post('/api/auth/login', { email: FACILITATOR.email, password })
    for (let i = 0; i < LIMIT - 1; i++) expect((await attempt('wrong password')).status).toBe(401)
    expect((await attempt(FACILITATOR.password)).status).toBe(200)
    for (let i = 0; i < LIMIT; i++) expect((await attempt('wrong password')).status).toBe(401)
    expect((await attempt(FACILITATOR.password)).status).toBe(429)
  })

  it('changing the password: parallel wrong current passwords get at most 5 checks', async () => {
    server = await startServer(engine)
    const w = await workshopFixture(server.url)
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        w.facilitator.post('/api/auth/password', {
          currentPassword: `wrong password ${i}`,
          newPassword: 'a brand new password',
        }),
      ),
    )
    const counts = tally(results.map((r) => r.status))
    console.log(`[lockout ${engine}] 40 parallel password changes:`, counts)
    expect(counts['403'] ?? 0).toBeLessThanOrEqual(LIMIT)
    expect((counts['403'] ?? 0) + (counts['429'] ?? 0)).toBe(40)
  })
})
