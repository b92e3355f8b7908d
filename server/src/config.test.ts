import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from './config.ts'

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
