/**
 * The production stack for the TLS end-to-end test, as docs/deploy.md describes it: the server
 * with NODE_ENV=production behind nginx, configured by the documented example
 * (docs/nginx/ideenwand.conf) with only host name, certificate and ports replaced, and a
 * self-signed certificate for the test host name made with openssl.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { createHash, X509Certificate } from 'node:crypto'
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:https'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import postgres from 'postgres'

export const TLS_HOST = 'ideenwand.test'
/** Production serves metrics only with a token (docs/deploy.md). */
export const METRICS_TOKEN = 'tls-stack-metrics-token'
const repo = fileURLToPath(new URL('../../', import.meta.url))
export const NGINX_EXAMPLE = join(repo, 'docs/nginx/ideenwand.conf')
const NGINX = process.env.NGINX_PATH ?? '/usr/sbin/nginx'

export interface Ports {
  /** The app (127.0.0.1 only). */
  app: number
  /** nginx's https listener (the documented 443). */
  https: number
  /** nginx's http listener that redirects (the documented 80). */
  http: number
}

/** SHA-256 of the certificate's public key, base64: for --ignore-certificate-errors-spki-list. */
export function spkiHash(certPem: string): string {
  const der = new X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'der' })
  return createHash('sha256').update(der).digest('base64')
}

/** A self-signed certificate for TLS_HOST, valid for two days. */
export function makeCertificate(dir: string): { cert: string; key: string } {
  const cert = join(dir, 'cert.pem')
  const key = join(dir, 'key.pem')
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '2',
      '-subj',
      `/CN=${TLS_HOST}`,
      '-addext',
      `subjectAltName=DNS:${TLS_HOST}`,
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'pipe' },
  )
  return { cert, key }
}

/** Replaces `from` by `to`, every occurrence; fails when the example no longer contains `from`. */
function substitute(text: string, from: string, to: string): string {
  if (!text.includes(from)) {
    throw new Error(
      `docs/nginx/ideenwand.conf no longer contains "${from}": update test/e2e-tls/stack.ts`,
    )
  }
  return text.replaceAll(from, to)
}

/** The documented site configuration with this test's host name, certificate and ports. */
export function renderSite(ports: Ports, tls: { cert: string; key: string }): string {
  let site = readFileSync(NGINX_EXAMPLE, 'utf8')
  site = substitute(site, '/etc/letsencrypt/live/ideenwand.example.de/fullchain.pem', tls.cert)
  site = substitute(site, '/etc/letsencrypt/live/ideenwand.example.de/privkey.pem', tls.key)
  site = substitute(site, 'ideenwand.example.de', TLS_HOST)
  site = substitute(
    site,
    'server 127.0.0.1:3000 max_fails=0;',
    `server 127.0.0.1:${ports.app} max_fails=0;`,
  )
  site = substitute(site, 'listen 443 ssl http2;', `listen 127.0.0.1:${ports.https} ssl http2;`)
  site = substitute(site, 'listen [::]:443 ssl http2;', '')
  site = substitute(site, 'listen 80;', `listen 127.0.0.1:${ports.http};`)
  site = substitute(site, 'listen [::]:80;', '')
  return site
}

/**
 * What Debian's /etc/nginx/nginx.conf provides around sites-enabled/, reduced to a foreground
 * nginx whose files all live in `dir`.
 */
function mainConfig(dir: string): string {
  return [
    'daemon off;',
    'worker_processes 1;',
    `pid ${join(dir, 'nginx.pid')};`,
    `error_log ${join(dir, 'error.log')} warn;`,
    'events { worker_connections 256; }',
    'http {',
    `  access_log ${join(dir, 'access.log')};`,
    `  client_body_temp_path ${join(dir, 'body')};`,
    `  proxy_temp_path ${join(dir, 'proxy')};`,
    `  fastcgi_temp_path ${join(dir, 'fastcgi')};`,
    `  uwsgi_temp_path ${join(dir, 'uwsgi')};`,
    `  scgi_temp_path ${join(dir, 'scgi')};`,
    `  include ${join(dir, 'ideenwand.conf')};`,
    '}',
    '',
  ].join('\n')
}

/** Thrown by a readiness check that knows waiting longer cannot help. */
class GaveUp extends Error {}

async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs: number,
  log: () => string,
) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const ok = await check().catch((err: unknown) => {
      if (err instanceof GaveUp) throw err
      return false
    })
    if (ok) return
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`${what} did not come up within ${timeoutMs} ms\n${log()}`)
}

function httpsOk(port: number, path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        servername: TLS_HOST,
        headers: { host: TLS_HOST },
        rejectUnauthorized: false,
      },
      (res) => {
        res.resume()
        resolve(res.statusCode === 200)
      },
    )
    req.on('error', () => resolve(false))
    req.end()
  })
}

export interface Stack {
  dir: string
  spki: string
  baseURL: string
  stop(): Promise<void>
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })
}

/**
 * The database: PostgreSQL, as docs/deploy.md recommends, when DATABASE_URL is set (a fresh
 * schema, dropped afterwards); else PGlite in `dir`.
 */
async function database(
  dir: string,
): Promise<{ env: Record<string, string>; drop(): Promise<void> }> {
  const url = process.env.DATABASE_URL
  if (!url) {
    const dataDir = join(dir, 'data')
    mkdirSync(dataDir)
    return { env: { DATABASE_URL: '', DATA_DIR: dataDir }, drop: async () => {} }
  }
  const schema = `e2e_tls_${Math.random().toString(36).slice(2, 10)}`
  const sql = postgres(url, { max: 1, onnotice: () => {} })
  await sql.unsafe(`create schema ${schema}`)
  await sql.end()
  return {
    env: { DATABASE_URL: url, DATABASE_SCHEMA: schema },
    drop: async () => {
      const admin = postgres(url, { max: 1, onnotice: () => {} })
      await admin.unsafe(`drop schema if exists ${schema} cascade`)
      await admin.end()
    },
  }
}

export async function startStack(ports: Ports): Promise<Stack> {
  const dir = mkdtempSync(join(tmpdir(), 'ideenwand-e2e-tls-'))
  // nginx started as root runs its workers as "nobody": they need to reach the temp paths.
  chmodSync(dir, 0o755)
  for (const sub of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) {
    mkdirSync(join(dir, sub))
    chmodSync(join(dir, sub), 0o777)
  }
  const tls = makeCertificate(dir)

  // The documented configuration first: `nginx -t` names the line when it no longer parses.
  const confPath = join(dir, 'nginx.conf')
  const errorLog = join(dir, 'error.log')
  writeFileSync(join(dir, 'ideenwand.conf'), renderSite(ports, tls))
  writeFileSync(confPath, mainConfig(dir))
  const nginxArgs = ['-p', dir, '-c', confPath, '-e', errorLog]
  try {
    execFileSync(NGINX, ['-t', '-q', ...nginxArgs], { stdio: 'pipe' })
  } catch (err) {
    rmSync(dir, { recursive: true, force: true })
    throw new Error(`nginx -t refused the rendered docs/nginx/ideenwand.conf: ${String(err)}`)
  }

  const db = await database(dir)
  let serverLog = ''
  const server = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: join(repo, 'server'),
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PUBLIC_URL: `https://${TLS_HOST}:${ports.https}`,
      TRUST_PROXY: '127.0.0.1',
      HOST: '127.0.0.1',
      PORT: String(ports.app),
      ...db.env,
      REDIS_URL: '',
      METRICS_TOKEN,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  server.stdout?.on('data', (d) => {
    serverLog += d
  })
  server.stderr?.on('data', (d) => {
    serverLog += d
  })
  let nginxOut = ''
  const nginx = spawn(NGINX, nginxArgs, { stdio: ['ignore', 'pipe', 'pipe'] })
  nginx.stderr?.on('data', (d) => {
    nginxOut += d
  })
  const nginxLog = () => {
    try {
      return nginxOut + readFileSync(errorLog, 'utf8')
    } catch {
      return nginxOut
    }
  }

  const stop = async () => {
    await Promise.all([stopChild(nginx), stopChild(server)])
    await db.drop()
    rmSync(dir, { recursive: true, force: true })
  }
  try {
    await waitFor(
      'the server',
      async () => {
        if (server.exitCode !== null) {
          throw new GaveUp(`the server exited with code ${server.exitCode}\n${serverLog}`)
        }
        return (await fetch(`http://127.0.0.1:${ports.app}/healthz`)).ok
      },
      60_000,
      () => serverLog,
    )
    await waitFor('nginx', () => httpsOk(ports.https, '/healthz'), 15_000, nginxLog)
  } catch (err) {
    await stop()
    throw err
  }
  return {
    dir,
    spki: spkiHash(readFileSync(tls.cert, 'utf8')),
    baseURL: `https://${TLS_HOST}:${ports.https}`,
    stop,
  }
}
