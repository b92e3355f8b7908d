import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from './config.ts'
import { effectiveSettings, envExample, SETTINGS } from './settings.ts'

describe('loadConfig', () => {
  it('has working defaults: PGlite in data/ at the repository root on port 3000', () => {
    const config = loadConfig({}, '/srv/ideenwand/server')
    expect(config.port).toBe(3000)
    expect(config.databaseUrl).toBeNull()
    expect(config.dataDir).toBe(fileURLToPath(new URL('../../data', import.meta.url)))
    expect(loadConfig({ DATA_DIR: 'pg' }, '/srv/ideenwand').dataDir).toBe('/srv/ideenwand/pg')
    expect(config.sync.maxPayload).toBe(2 * 1024 * 1024)
  })

  it.each([
    [{ PORT: 'abc' }, /PORT/],
    [{ SYNC_MAX_PAYLOAD: '10' }, /SYNC_MAX_PAYLOAD/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL/],
    [{ DATABASE_SCHEMA: 'Robert"; drop' }, /DATABASE_SCHEMA/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
  ])('refuses %o with a message naming the setting', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError)
    expect(() => loadConfig(env)).toThrow(message)
  })
})

function clientBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ideenwand-client-'))
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Ideenwand</title>')
  return dir
}

describe('production mode (NODE_ENV=production)', () => {
  const safe = () => ({
    NODE_ENV: 'production',
    PUBLIC_URL: 'https://ideenwand.example.org',
    CLIENT_DIR: clientBuild(),
  })

  it('starts with https PUBLIC_URL and a client build; http only for localhost', () => {
    expect(loadConfig(safe()).production).toBe(true)
    for (const url of ['http://localhost:3000', 'http://127.0.0.1:8080']) {
      expect(loadConfig({ ...safe(), PUBLIC_URL: url }).publicUrl).toBe(url)
    }
  })

  it('checks nothing new outside production', () => {
    const config = loadConfig({ CLIENT_DIR: '', DEMO: '1', REDIS_URL: 'redis://127.0.0.1:6379' })
    expect(config.production).toBe(false)
    expect(config.demo).toBe(true)
  })

  it.each([
    ['without PUBLIC_URL', { PUBLIC_URL: '' }, /requires PUBLIC_URL.*PUBLIC_URL=https:\/\//],
    [
      'with an http:// PUBLIC_URL',
      { PUBLIC_URL: 'http://ideenwand.example.org' },
      /PUBLIC_URL must start with https:\/\/ in production/,
    ],
    [
      'without the client build',
      { CLIENT_DIR: '/nonexistent/dist' },
      /\/nonexistent\/dist\/index\.html does not exist: run "pnpm build" or set CLIENT_DIR/,
    ],
    ['with CLIENT_DIR empty', { CLIENT_DIR: '' }, /CLIENT_DIR is empty/],
    ['as the demo', { DEMO: '1' }, /demo \(--demo or DEMO=1\) must not run.*Unset DEMO/],
    [
      'with REDIS_URL on PGlite',
      { REDIS_URL: 'redis://127.0.0.1:6379' },
      /REDIS_URL .* needs DATABASE_URL.*PGlite database serves one process only/,
    ],
  ])('refuses to start %s, naming what to set', (_, override, message) => {
    const env = { ...safe(), ...override }
    expect(() => loadConfig(env)).toThrow(ConfigError)
    expect(() => loadConfig(env)).toThrow(message)
  })

  it('lists every problem at once', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', CLIENT_DIR: '', DEMO: '1' })).toThrow(
      /3 problems:\n {2}- .*PUBLIC_URL.*\n {2}- .*CLIENT_DIR.*\n {2}- .*demo/,
    )
  })

  it('accepts Redis with Postgres', () => {
    const env = { ...safe(), REDIS_URL: 'redis://r:6379', DATABASE_URL: 'postgres://db/x' }
    expect(loadConfig(env).redisUrl).toBe('redis://r:6379')
  })
})

describe('TRUST_PROXY', () => {
  it('takes a comma-separated list of IP addresses, normalised', () => {
    expect(loadConfig({}).trustProxy).toEqual([])
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1, ::1,::FFFF:10.0.0.2' }).trustProxy).toEqual([
      '127.0.0.1',
      '::1',
      '10.0.0.2',
    ])
  })

  it.each(['10.0.0.0/8', 'proxy.local', '127.0.0.1;::1', '999.1.1.1'])(
    'refuses %s (in production too) with a message naming TRUST_PROXY',
    (value) => {
      expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(/TRUST_PROXY must be .*IP addresses/)
      expect(() =>
        loadConfig({
          TRUST_PROXY: value,
          NODE_ENV: 'production',
          PUBLIC_URL: 'https://x.example',
          CLIENT_DIR: clientBuild(),
        }),
      ).toThrow(/TRUST_PROXY/)
    },
  )
})

/** Names of the variables loadConfig reads: watched at run time and found in its source. */
function settingsRead(): Set<string> {
  const names = new Set<string>()
  const recording = (base: Record<string, string>) =>
    new Proxy(base, {
      get(target, key) {
        if (typeof key === 'string') names.add(key)
        return target[key as string]
      },
    })
  loadConfig(recording({}))
  loadConfig(
    recording({
      NODE_ENV: 'production',
      PUBLIC_URL: 'https://x.example',
      CLIENT_DIR: clientBuild(),
    }),
  )
  const source = readFileSync(fileURLToPath(new URL('./config.ts', import.meta.url)), 'utf8')
  for (const pattern of [
    /env\.([A-Z][A-Z0-9_]+)/g,
    /env,\s*'([A-Z][A-Z0-9_]+)'/g,
    /env\['([A-Z0-9_]+)'\]/g,
  ]) {
    for (const match of source.matchAll(pattern)) names.add(match[1]!)
  }
  return names
}

describe('settings are documented', () => {
  const root = fileURLToPath(new URL('../../', import.meta.url))
  const documented = new Set(SETTINGS.map((s) => s.name))

  it('lists each setting once', () => {
    expect(documented.size).toBe(SETTINGS.length)
  })

  it('every variable config.ts reads is in settings.ts', () => {
    const read = settingsRead()
    expect(read.size).toBeGreaterThan(25)
    expect([...read].filter((name) => !documented.has(name))).toEqual([])
  })

  it('.env.example is generated from settings.ts (pnpm --filter @ideenwand/server settings:env)', () => {
    const example = readFileSync(join(root, '.env.example'), 'utf8')
    const missing = SETTINGS.filter((s) => !example.includes(`# ${s.name}=`)).map((s) => s.name)
    expect(missing).toEqual([])
    expect(example).toBe(envExample())
  })

  it('the README settings table lists every setting', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8')
    const missing = SETTINGS.filter((s) => !readme.includes(`| \`${s.name}\``)).map((s) => s.name)
    expect(missing).toEqual([])
  })

  it('the logged configuration hides secrets but shows the rest', () => {
    const logged = effectiveSettings({
      DATABASE_URL: 'postgres://ideenwand:s3cret-pw@db.internal:5432/ideenwand?sslpassword=k3y',
      REDIS_URL: 'redis://:r3dis-pw@cache:6379/0',
      METRICS_TOKEN: 'm3trics-token',
      PORT: '8080',
    })
    const text = JSON.stringify(logged)
    for (const secret of ['s3cret-pw', 'r3dis-pw', 'm3trics-token', 'k3y']) {
      expect(text).not.toContain(secret)
    }
    expect(logged.DATABASE_URL).toBe(
      'postgres://ideenwand:[redacted]@db.internal:5432/ideenwand?sslpassword=[redacted]',
    )
    expect(logged.REDIS_URL).toBe('redis://:[redacted]@cache:6379/0')
    expect(logged.METRICS_TOKEN).toBe('[redacted]')
    expect(logged.PORT).toBe('8080')
    expect(logged.HOST).toBe('(default) 0.0.0.0')
    expect(logged.VITE_TLDRAW_LICENSE_KEY).toBeUndefined()
  })
})
