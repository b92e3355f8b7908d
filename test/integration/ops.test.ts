/**
 * Operations: Prometheus metrics that move when stock y-websocket clients edit a board, the
 * metrics token, readiness (database, migrations, shutdown), request ids in responses and logs,
 * TRUST_PROXY (forwarded headers believed only from a trusted peer), compression and caching in
 * production mode, and what the process prints at start: the configuration with secrets
 * redacted, or a refusal with exit code 78.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Board } from '@ideenwand/board'
import { createLogger, createServer, type IdeenwandServer, loadConfig } from '@ideenwand/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { type WorkshopFixture, workshopFixture } from './support/api.ts'
import { connectClient, type TestClient, waitFor } from './support/clients.ts'
import { ENGINES, type Engine, freshDatabaseEnv } from './support/engines.ts'
import { parseExposition, total } from './support/prometheus.ts'
import { ChildServer } from './support/servers.ts'

const TOKEN = 'ops-test-metrics-token-4711'

interface Started {
  server: IdeenwandServer
  url: string
  logs: Record<string, unknown>[]
}

/** A server in this process whose JSON log lines are collected. */
async function start(engine: Engine, env: Record<string, string>): Promise<Started> {
  const config = loadConfig({
    ...(await freshDatabaseEnv(engine)),
    PORT: '0',
    CLIENT_DIR: '',
    ...env,
  })
  const logs: Record<string, unknown>[] = []
  const log = createLogger('info', { write: (line: string) => logs.push(JSON.parse(line)) })
  const server = await createServer({ config: { ...config, host: '127.0.0.1' }, log })
  const port = await server.listen()
  return { server, url: `http://127.0.0.1:${port}`, logs }
}

/** A GET from a chosen loopback address (127.0.0.2 is not a trusted proxy in these tests). */
function get(
  url: string,
  headers: Record<string, string> = {},
  localAddress = '127.0.0.1',
): Promise<{ status: number; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers, localAddress }, (res) => {
      res.resume()
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }))
    })
    req.on('error', reject)
    req.end()
  })
}

describe.each(ENGINES)('operations on %s', (engine) => {
  let s: Started
  let fixture: WorkshopFixture
  const clients: TestClient[] = []

  beforeAll(async () => {
    s = await start(engine, {
      METRICS_TOKEN: TOKEN,
      TRUST_PROXY: '127.0.0.1',
      RATE_LIMIT_JOIN_PER_MINUTE: '2',
    })
    fixture = await workshopFixture(s.url)
  })

  afterAll(async () => {
    for (const c of clients) c.destroy()
    await s?.server.stop()
  })

  const scrape = async () => {
    const res = await fetch(`${s.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/)
    return parseExposition(await res.text())
  }

  it('/metrics needs the token when METRICS_TOKEN is set', async () => {
    expect((await fetch(`${s.url}/metrics`)).status).toBe(401)
    const wrong = await fetch(`${s.url}/metrics`, { headers: { authorization: 'Bearer nope' } })
    expect(wrong.status).toBe(401)
    expect(wrong.headers.get('www-authenticate')).toMatch(/^Bearer/)
  })

  it('/metrics is valid exposition format and counts connections and updates of stock clients', async () => {
    const participant = await fixture.join('participant', 'Anna')
    const before = await scrape()
    expect(total(before, 'ideenwand_process_cpu_user_seconds_total')).toBeGreaterThan(0)
    const a = connectClient(`${s.url.replace('http', 'ws')}/sync`, fixture.boardId, {
      cookie: participant.cookie,
    })
    const b = connectClient(`${s.url.replace('http', 'ws')}/sync`, fixture.boardId, {
      cookie: fixture.facilitator.cookie,
    })
    clients.push(a, b)
    await Promise.all([a.synced(), b.synced()])
    for (let i = 0; i < 20; i++) new Board(a.doc).addIdea({ text: `Idee ${i}` })
    await a.allConfirmed()
    await waitFor(() => new Board(b.doc).ideas().length === 20, 5_000, 'b receives the ideas')

    const after = await scrape()
    const received = (m: typeof after) => total(m, 'ideenwand_sync_updates_received_total')
    const delivered = (m: typeof after) => total(m, 'ideenwand_sync_updates_delivered_total')
    expect(received(after) - received(before)).toBeGreaterThanOrEqual(20)
    // Every stored batch goes to both connections.
    expect(delivered(after) - delivered(before)).toBeGreaterThanOrEqual(2)
    expect(total(after, 'ideenwand_ws_connections', { role: 'participant' })).toBe(1)
    expect(total(after, 'ideenwand_ws_connections', { role: 'facilitator' })).toBe(1)
    expect(
      total(after, 'ideenwand_ws_connections_opened_total') -
        total(before, 'ideenwand_ws_connections_opened_total'),
    ).toBe(2)
    expect(total(after, 'ideenwand_boards_active')).toBe(1)
    expect(
      total(after, 'ideenwand_board_loads_total') - total(before, 'ideenwand_board_loads_total'),
    ).toBe(1)
    expect(total(after, 'ideenwand_sync_waiting_connections')).toBe(0)
    expect(after.has('ideenwand_sync_snapshot_answers_total')).toBe(true)
    expect(total(after, 'ideenwand_persistence_queue_updates')).toBe(0)
    expect(total(after, 'ideenwand_persistence_lag_seconds_count')).toBeGreaterThan(0)
    // Route patterns, never raw paths: no id appears in any label.
    const routes = new Set(
      after
        .get('ideenwand_http_request_duration_seconds')
        ?.samples.map((x) => x.labels.route ?? ''),
    )
    expect(routes).toContain('/api/workshops')
    expect(routes).toContain('/sync/:boardId')
    const labels = JSON.stringify(
      [...after.values()].flatMap((f) => f.samples.map((x) => x.labels)),
    )
    expect(labels).not.toContain(fixture.boardId)
    expect(labels).not.toContain(fixture.workshopId)
    expect(labels).not.toContain(fixture.participantCode)

    const closesBefore = total(after, 'ideenwand_ws_closes_total')
    a.destroy()
    let closes = closesBefore
    for (const deadline = Date.now() + 5_000; closes === closesBefore && Date.now() < deadline; ) {
      closes = total(await scrape(), 'ideenwand_ws_closes_total')
    }
    expect(closes).toBe(closesBefore + 1)
  })

  it('keeps idle keep-alive connections longer than nginx reuses them (no 502 on reuse)', async () => {
    // nginx keeps upstream connections for 60 s; a server that closes them after Node's 5 s
    // default races nginx's next request on them. Node announces its timeout in the header.
    const header = await new Promise<string | string[] | undefined>((resolve, reject) => {
      const req = request(`${s.url}/healthz`, { headers: { connection: 'keep-alive' } }, (res) => {
        res.resume()
        resolve(res.headers['keep-alive'])
      })
      req.on('error', reject)
      req.end()
    })
    expect(header).toBe('timeout=65')
  })

  it('/readyz: 200 when migrated, 503 naming the check when a migration is missing', async () => {
    const ready = await fetch(`${s.url}/readyz`)
    expect(ready.status).toBe(200)
    expect(await ready.json()).toMatchObject({ status: 'ready' })
    const [row] = await s.server.db.query<{ version: number; name: string }>(
      'select version, name from schema_migrations order by version desc limit 1',
    )
    await s.server.db.query('delete from schema_migrations where version = $1', [row!.version])
    const missing = await fetch(`${s.url}/readyz`)
    expect(missing.status).toBe(503)
    expect(await missing.json()).toMatchObject({
      status: 'not_ready',
      failing: 'migrations',
      checks: { database: 'ok', migrations: `not applied: ${Number(row!.version)}` },
    })
    await s.server.db.query('insert into schema_migrations (version, name) values ($1, $2)', [
      row!.version,
      row!.name,
    ])
    expect((await fetch(`${s.url}/readyz`)).status).toBe(200)
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200)
  })

  it('request ids: generated, echoed, taken only from a trusted proxy, in every log line of the request', async () => {
    const own = await get(`${s.url}/healthz`)
    expect(own.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/)
    const proxied = { 'x-request-id': 'nginx-0123456789abcdef' }
    expect((await get(`${s.url}/healthz`, proxied)).headers['x-request-id']).toBe(
      'nginx-0123456789abcdef',
    )
    const spoofed = await get(`${s.url}/healthz`, proxied, '127.0.0.2')
    expect(spoofed.headers['x-request-id']).not.toBe('nginx-0123456789abcdef')
    expect(
      (await get(`${s.url}/healthz`, { 'x-request-id': 'bad id; drop table' })).headers[
        'x-request-id'
      ],
    ).toMatch(/^[0-9a-f-]{36}$/)

    const created = await fixture.facilitator.post('/api/workshops', { title: 'Logzeile' })
    expect(created.status).toBe(201)
    const reqId = created.headers.get('x-request-id')
    const line = s.logs.find((l) => l.msg === 'workshop created' && l.workshop === created.body.id)
    expect(line?.reqId).toBe(reqId)

    // WebSocket upgrades get one too.
    const ws = new WebSocket(`${s.url.replace('http', 'ws')}/sync/${fixture.boardId}`)
    const upgradeId = await new Promise<string | undefined>((resolve, reject) => {
      ws.once('upgrade', (res) => resolve(res.headers['x-request-id'] as string | undefined))
      ws.once('error', reject)
    })
    ws.terminate()
    expect(upgradeId).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('TRUST_PROXY: X-Forwarded-For counts only from a trusted peer, rightmost untrusted address', async () => {
    const join = `${s.url}/api/join/ZZZ-ZZZ`
    // From 127.0.0.2 (not a proxy): a made-up X-Forwarded-For changes nothing; 2 per minute.
    const untrusted = []
    for (let i = 1; i <= 3; i++) {
      untrusted.push((await get(join, { 'x-forwarded-for': `203.0.113.${i}` }, '127.0.0.2')).status)
    }
    expect(untrusted.slice(0, 2)).not.toContain(429)
    expect(untrusted[2]).toBe(429)
    // From the proxy: each forwarded client has its own limit…
    for (let i = 1; i <= 3; i++) {
      expect((await get(join, { 'x-forwarded-for': `198.51.100.${i}` })).status).not.toBe(429)
    }
    // …keyed by the address the proxy saw, whatever the client put in front of it.
    const statuses = []
    for (let i = 1; i <= 3; i++) {
      const chain = `10.9.9.${i}, 192.0.2.77, 127.0.0.1`
      statuses.push((await get(join, { 'x-forwarded-for': chain })).status)
    }
    expect(statuses[2]).toBe(429)
  })

  it('/readyz answers 503 (shutdown) once the server is stopping', async () => {
    await s.server.stop()
    const res = await s.server.app.request('/readyz')
    expect(res.status).toBe(503)
    expect(await res.json()).toMatchObject({ failing: 'shutdown' })
  })
})

describe('production mode', () => {
  it('compresses HTML and JavaScript (gzip, Brotli), keeps images as they are, caches hashed assets for a year', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ideenwand-dist-'))
    mkdirSync(join(dir, 'assets'))
    const filler = 'Ideenwand '.repeat(400)
    writeFileSync(
      join(dir, 'index.html'),
      `<!doctype html><title>Ideenwand</title><p>${filler}</p>`,
    )
    writeFileSync(
      join(dir, 'assets', 'index-3f9a1c2b.js'),
      `console.log(${JSON.stringify(filler)})`,
    )
    writeFileSync(join(dir, 'assets', 'logo-77aa.png'), Buffer.alloc(4096, 7))
    const s = await start('pglite', {
      NODE_ENV: 'production',
      PUBLIC_URL: 'http://localhost',
      CLIENT_DIR: dir,
    })
    try {
      const gzip = { 'accept-encoding': 'gzip' }
      const html = await fetch(`${s.url}/b/some-board`, { headers: gzip })
      expect(html.headers.get('content-encoding')).toBe('gzip')
      expect(await html.text()).toContain(filler)
      const js = await fetch(`${s.url}/assets/index-3f9a1c2b.js`, {
        headers: { 'accept-encoding': 'gzip, deflate, br' },
      })
      expect(js.headers.get('content-encoding')).toBe('br')
      expect(js.headers.get('cache-control')).toContain('immutable')
      expect(js.headers.get('vary')).toMatch(/accept-encoding/i)
      expect(await js.text()).toContain(filler)
      const json = await fetch(`${s.url}/api/openapi.json`, { headers: gzip })
      expect(json.status).toBe(200)
      expect(json.headers.get('content-encoding')).toBe('gzip')
      expect((await json.json()).openapi).toMatch(/^3\./)
      const png = await fetch(`${s.url}/assets/logo-77aa.png`, { headers: gzip })
      expect(png.headers.get('content-encoding')).toBeNull()
      expect((await png.arrayBuffer()).byteLength).toBe(4096)
      const identity = await fetch(`${s.url}/assets/index-3f9a1c2b.js`, {
        headers: { 'accept-encoding': 'identity' },
      })
      expect(identity.headers.get('content-encoding')).toBeNull()
    } finally {
      await s.server.stop()
    }
  })
})

describe('start-up output', () => {
  it('logs the configuration with secrets redacted; refuses an unsafe production start with 78', async () => {
    // Both processes at once: most of the time is loading the server's modules.
    const [ok, unsafe] = await Promise.all([
      ChildServer.create('pglite', { METRICS_TOKEN: TOKEN, PUBLIC_URL: 'http://localhost:9999' }),
      ChildServer.create('pglite', { NODE_ENV: 'production' }),
    ])
    const [started, refused] = await Promise.all([
      ok.start().then(() => null),
      unsafe.start().then(
        () => null,
        (err: Error) => err,
      ),
    ])
    await Promise.all([ok.kill('SIGTERM'), unsafe.kill('SIGTERM')])
    expect(started).toBeNull()
    const line = ok.output.split('\n').find((l) => l.includes('"msg":"configuration"'))
    expect(line).toBeDefined()
    const settings = JSON.parse(line!).settings as Record<string, string>
    expect(settings.METRICS_TOKEN).toBe('[redacted]')
    expect(settings.PUBLIC_URL).toBe('http://localhost:9999')
    expect(settings.PORT).toBe(String(ok.port))
    expect(ok.output).not.toContain(TOKEN)

    expect(refused?.message).toMatch(/server exited with 78/)
    expect(unsafe.output).toMatch(/Configuration error:[\s\S]*PUBLIC_URL=https:\/\//)
    expect(unsafe.output).not.toContain('"msg":"listening"')
  })
})
