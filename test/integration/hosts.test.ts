/**
 * What a stranger can reach by name or path: the server answers only to its own names (a page
 * on another name that resolves to it — DNS rebinding — gets 421, also on a fresh install
 * without PUBLIC_URL), and `/metrics` only with METRICS_TOKEN in production. Both storage engines.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { hostname, networkInterfaces, tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadConfig } from '@ideenwand/server'
import { afterEach, describe, expect, it } from 'vitest'
import { FACILITATOR, workshopFixture } from './support/api.ts'
import { ENGINES } from './support/engines.ts'
import { RawSync } from './support/rawSync.ts'
import { type RunningServer, startServer } from './support/servers.ts'

let server: RunningServer | null = null

afterEach(async () => {
  await server?.stop()
  server = null
})

/** What production needs to start: a PUBLIC_URL and a client build. */
function productionEnv(): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'ideenwand-client-'))
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Ideenwand</title>')
  return { NODE_ENV: 'production', PUBLIC_URL: 'http://localhost', CLIENT_DIR: dir }
}

describe.each(ENGINES)('metrics (%s)', (engine) => {
  it('in production without METRICS_TOKEN: off (404 with a message naming the setting)', async () => {
    server = await startServer(engine, { env: productionEnv() })
    const res = await fetch(`${server.url}/metrics`)
    expect(res.status).toBe(404)
    const body = await res.json()
    expect(body.error.code).toBe('metrics_off')
    expect(body.error.message).toContain('METRICS_TOKEN')
  })

  it('in production with METRICS_TOKEN: only for its bearer', async () => {
    server = await startServer(engine, {
      env: { ...productionEnv(), METRICS_TOKEN: 'a-long-metrics-token' },
    })
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401)
    const wrong = { authorization: 'Bearer another-metrics-token' }
    expect((await fetch(`${server.url}/metrics`, { headers: wrong })).status).toBe(401)
    const right = { authorization: 'Bearer a-long-metrics-token' }
    const res = await fetch(`${server.url}/metrics`, { headers: right })
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('ideenwand_')
  })

  it('outside production without a token: served (a laptop, development)', async () => {
    server = await startServer(engine)
    expect((await fetch(`${server.url}/metrics`)).status).toBe(200)
  })
})

interface Answer {
  status: number
  // biome-ignore lint/suspicious/noExplicitAny: tests assert the shape of what the API returns
  body: any
}

/** A request to the server's socket naming `host` in the Host header (fetch cannot set it). */
function send(
  s: RunningServer,
  host: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const payload = body === undefined ? undefined : JSON.stringify(body)
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: s.port,
        method,
        path,
        headers: {
          host,
          ...(payload ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
      },
      (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => {
          text += chunk
        })
        res.on('end', () => {
          let parsed: unknown = text
          try {
            parsed = JSON.parse(text)
          } catch {
            // not JSON
          }
          resolve({ status: res.statusCode ?? 0, body: parsed })
        })
      },
    )
    req.on('error', reject)
    req.end(payload)
  })
}

/** The machine's first non-loopback address, as a Host header names it. */
function ownAddress(port: number): string | null {
  for (const addresses of Object.values(networkInterfaces())) {
    for (const a of addresses ?? []) {
      if (a.internal) continue
      return a.family === 'IPv6'
        ? `[${a.address.replace(/%.*$/, '')}]:${port}`
        : `${a.address}:${port}`
    }
  }
  return null
}

describe.each(ENGINES)('Host allow-list (%s)', (engine) => {
  it('a fresh install refuses a rebound name: no setup, no page, no upgrade (421)', async () => {
    server = await startServer(engine)
    const evil = `rebind.attacker.example:${server.port}`
    const origin = `http://${evil}`
    const setup = await send(server, evil, 'POST', '/api/setup', FACILITATOR, { origin })
    expect(setup.status).toBe(421)
    expect(setup.body.error.code).toBe('unknown_host')
    expect(setup.body.error.message).toContain('ALLOWED_HOSTS')
    expect((await send(server, evil, 'GET', '/api/setup')).status).toBe(421)
    expect((await send(server, evil, 'GET', '/')).status).toBe(421)
    const ws = await RawSync.open(`${server.wsUrl}/some-board`, { host: evil, origin })
    expect(ws).toEqual({ ok: false, httpStatus: 421 })
    // Nothing was created: setup is still to be done, from a name of ours.
    const local = await send(server, `127.0.0.1:${server.port}`, 'GET', '/api/setup')
    expect(local).toEqual({ status: 200, body: { needed: true } })
    // Probes are answered by any name.
    expect((await send(server, evil, 'GET', '/healthz')).status).toBe(200)
    expect((await send(server, evil, 'GET', '/readyz')).status).toBe(200)
  })

  it("answers localhost names, the machine's name and addresses", async () => {
    server = await startServer(engine)
    const port = server.port
    const names = [
      `localhost:${port}`,
      `127.0.0.1:${port}`,
      `[::1]:${port}`,
      `tab.localhost:${port}`,
      `${hostname()}:${port}`,
      `${hostname()}.local:${port}`,
      'localhost',
    ]
    const address = ownAddress(port)
    if (address) names.push(address)
    for (const name of names) {
      const res = await send(server, name, 'GET', '/api/setup')
      expect({ name, status: res.status }).toEqual({ name, status: 200 })
    }
  })

  it('answers the names in ALLOWED_HOSTS and PUBLIC_URL, and join links name them', async () => {
    server = await startServer(engine, {
      env: {
        ALLOWED_HOSTS: 'Ideenwand.LAN, 10.9.8.7',
        PUBLIC_URL: 'https://ideenwand.example.org',
      },
    })
    const w = await workshopFixture(server.url)
    for (const name of [`ideenwand.lan:${server.port}`, '10.9.8.7', 'ideenwand.example.org']) {
      expect((await send(server, name, 'GET', '/api/setup')).status).toBe(200)
    }
    expect((await send(server, 'other.example.org', 'GET', '/api/setup')).status).toBe(421)
    const info = await send(
      server,
      `ideenwand.lan:${server.port}`,
      'GET',
      `/api/workshops/${w.workshopId}/join-info`,
      undefined,
      { cookie: w.facilitator.cookie ?? '' },
    )
    expect(info.status).toBe(200)
    expect(info.body.joinUrl).toMatch(/^https:\/\/ideenwand\.example\.org\/join\//)
  })

  it('without PUBLIC_URL, join links name only a name of ours', async () => {
    server = await startServer(engine, { env: { ALLOWED_HOSTS: 'ideenwand.lan' } })
    const w = await workshopFixture(server.url)
    const cookie = w.facilitator.cookie ?? ''
    const path = `/api/workshops/${w.workshopId}/join-info`
    const ours = await send(server, `ideenwand.lan:${server.port}`, 'GET', path, undefined, {
      cookie,
    })
    expect(ours.body.joinUrl).toMatch(new RegExp(`^http://ideenwand\\.lan:${server.port}/join/`))
    const foreign = await send(server, 'evil.example', 'GET', path, undefined, { cookie })
    expect(foreign.status).toBe(421)
    expect(JSON.stringify(foreign.body)).not.toContain('/join/')
  })

  it('ALLOWED_HOSTS with a scheme or port is a configuration error naming the setting', () => {
    for (const bad of ['https://ideenwand.lan', 'ideenwand.lan:3000', 'a b']) {
      expect(() => loadConfig({ ALLOWED_HOSTS: bad })).toThrow(/ALLOWED_HOSTS must be/)
    }
    expect(loadConfig({ ALLOWED_HOSTS: 'A.example., ::FFFF:10.0.0.1' }).allowedHosts).toEqual([
      'a.example',
      '10.0.0.1',
    ])
  })
})
