/**
 * Backup and restore (`pnpm backup` / `pnpm restore`) on both engines: a workshop with a board,
 * guests, a revealed voting round and an activity log is backed up (one workshop, and
 * everything), restored into an empty database, and then the board syncs to a stock y-websocket
 * client with identical content, the report is identical, guests and votes are there and the
 * facilitator signs in with their password. A backup of the restored database equals the first
 * one. Damaged files and conflicts are refused with nothing written; the commands run as real
 * child processes (also to show that a PGlite directory in use is refused).
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Board, canvasStore } from '@ideenwand/board'
import {
  type BackupContent,
  BackupFileError,
  createBackup,
  decodeBackup,
  encodeBackup,
  loadConfig,
  migrate,
  openDb,
  RestoreError,
  restoreBackup,
} from '@ideenwand/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { ApiClient, FACILITATOR, type WorkshopFixture, workshopFixture } from './support/api.ts'
import { connectClient } from './support/clients.ts'
import { ENGINES, type Engine, freshDatabaseEnv } from './support/engines.ts'
import { type RunningServer, startServer } from './support/servers.ts'

const SERVER_DIR = fileURLToPath(new URL('../../server/', import.meta.url))
const TOP = 'Radweg Bad Belzig – Wiesenburg durchgehend ausbauen'
const files = mkdtempSync(join(tmpdir(), 'ideenwand-backup-'))

/** Runs `pnpm backup`/`pnpm restore`'s script as a child process with a database environment. */
function cli(
  command: 'backup' | 'restore',
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', `src/cli/${command}.ts`, ...args], {
      cwd: SERVER_DIR,
      env: { ...process.env, ...env, INIT_CWD: files },
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    child.once('error', reject)
    child.once('exit', (code) => resolve({ code, stderr }))
  })
}

async function withDb<T>(
  env: Record<string, string>,
  fn: (db: Awaited<ReturnType<typeof openDb>>) => Promise<T>,
) {
  const config = loadConfig(env)
  const db = await openDb(
    config.databaseUrl
      ? { engine: 'postgres', url: config.databaseUrl, schema: config.databaseSchema ?? '', max: 1 }
      : { engine: 'pglite', dataDir: config.dataDir },
  )
  try {
    return await fn(db)
  } finally {
    await db.close()
  }
}

/** What a reader of the board sees: domain data and canvas records. */
function boardContent(doc: Y.Doc) {
  const board = new Board(doc)
  return {
    ideas: board.ideas(),
    clusters: board.clusters(),
    canvas: [...canvasStore<Record<string, unknown>>(doc).map.values()]
      .map((e) => e.val)
      .sort((a, b) => String(a.id).localeCompare(String(b.id))),
  }
}

async function syncedContent(server: RunningServer, boardId: string, cookie: string | null) {
  const client = connectClient(server.wsUrl, boardId, { cookie })
  await client.synced()
  const content = boardContent(client.doc)
  client.destroy()
  return content
}

async function report(server: RunningServer, client: ApiClient, workshopId: string) {
  const res = await fetch(`${server.url}/api/workshops/${workshopId}/report?format=md&names=1`, {
    headers: client.cookie ? { cookie: client.cookie } : {},
  })
  expect(res.status).toBe(200)
  // The report's time of making and the running phase's duration follow the clock.
  return (await res.text())
    .replace(/\*\*Erstellt:\*\* .*/, '**Erstellt:** …')
    .replace(/\| [^|]*\(läuft\) \|/, '| … (läuft) |')
}

async function signIn(server: RunningServer): Promise<ApiClient> {
  const client = new ApiClient(server.url)
  const login = await client.post('/api/auth/login', {
    email: FACILITATOR.email,
    password: FACILITATOR.password,
  })
  expect(login.status).toBe(200)
  return client
}

/** Rows of a backup for comparison: serial ids and the compaction time differ by design. */
function comparable(content: BackupContent) {
  const out: Record<string, unknown[]> = {}
  for (const [table, rows] of content.rows) {
    if (rows.length === 0) continue
    out[table] = rows.map((row) => {
      if (table === 'board_snapshots') {
        const { updated_at: _u, ...rest } = row
        const doc = new Y.Doc()
        Y.applyUpdate(doc, Buffer.from(String(row.data).slice(2), 'hex'))
        return { ...rest, data: boardContent(doc) }
      }
      if (table === 'activity' || table === 'retention_log') {
        const { id: _id, ...withoutId } = row
        return withoutId
      }
      return row
    })
  }
  return out
}

interface Made {
  env: Record<string, string>
  workshopFile: string
  allFile: string
  expected: {
    content: ReturnType<typeof boardContent>
    report: string
    boardId: string
    workshopId: string
  }
}
const made = new Map<Engine, Made>()

describe.each(ENGINES)('backup and restore on %s', (engine) => {
  let source: RunningServer
  let sourceEnv: Record<string, string>
  let w: WorkshopFixture

  beforeAll(async () => {
    sourceEnv = await freshDatabaseEnv(engine)
    source = await startServer(engine, {
      env: { ...sourceEnv, RATE_LIMIT_JOIN_PER_MINUTE: '10000' },
    })
    w = await workshopFixture(source.url, { title: 'Themenlabor Freizeit', place: 'Bad Belzig' })
    await workshopFixture(source.url, { title: 'Zukunftswerkstatt Bahnhof' })
    const fac = connectClient(source.wsUrl, w.boardId, { cookie: w.facilitator.cookie })
    await fac.synced()
    const board = new Board(fac.doc)
    const verkehr = board.addCluster({ title: 'Verkehr', color: 'blue' })
    const top = board.addIdea({ text: TOP, clusterId: verkehr, authorName: 'Paula' })
    const second = board.addIdea({ text: 'Skatepark am Bahnhof', authorName: 'Quentin' })
    board.setIdeaText(second, 'Skatepark am Bahnhof für die Jugend')
    canvasStore<Record<string, unknown>>(fac.doc).set(`shape:cluster-${verkehr}`, {
      id: `shape:cluster-${verkehr}`,
      typeName: 'shape',
      type: 'cluster-frame',
      parentId: 'page:page',
      x: 10,
      y: 20,
      props: { clusterId: verkehr, w: 520, h: 380 },
    })
    await fac.allConfirmed()
    fac.destroy()
    const voters = await Promise.all(['Paula', 'Quentin'].map((n) => w.join('participant', n)))
    const base = `/api/workshops/${w.workshopId}`
    expect((await w.facilitator.post(`${base}/rounds`, { dotsPerPerson: 2 })).status).toBe(201)
    for (const [voter, target] of [
      [0, top],
      [0, second],
      [1, top],
    ] as const) {
      expect(
        (await voters[voter]!.post(`${base}/votes`, { targetId: target, delta: 1 })).status,
      ).toBe(200)
    }
    expect((await w.facilitator.post(`${base}/rounds/current/reveal`)).status).toBe(204)
  })

  afterAll(async () => {
    await source?.stop()
  })

  it('backs up one workshop and everything with the command; a PGlite directory in use is refused', async () => {
    const env = sourceEnv
    const expected = {
      content: await syncedContent(source, w.boardId, w.facilitator.cookie),
      report: await report(source, w.facilitator, w.workshopId),
      boardId: w.boardId,
      workshopId: w.workshopId,
    }
    expect(expected.content.ideas.map((i) => i.text)).toContain(TOP)
    expect(expected.report).toContain(TOP)
    const workshopFile = join(files, `${engine}-workshop.jsonl.gz`)
    const allFile = `${engine}-all.jsonl.gz` // relative: resolved against INIT_CWD
    if (engine === 'pglite') {
      const busy = await cli('backup', ['--out', allFile], env)
      expect(busy.code).toBe(1)
      expect(busy.stderr).toMatch(/in use by process \d+.*stop the server first/s)
      await source.stop()
    }
    // On Postgres the server keeps running: the backup reads one consistent snapshot.
    const one = await cli('backup', ['--workshop', w.workshopId, '--out', workshopFile], env)
    expect(one.stderr).toContain('Backed up 1 workshop(s), 1 board(s)')
    expect(one.code).toBe(0)
    const all = await cli('backup', ['--out', allFile], env)
    expect(all.code).toBe(0)
    expect(all.stderr).toContain('Backed up 2 workshop(s)')
    made.set(engine, { env, workshopFile, allFile: join(files, allFile), expected })

    const header = decodeBackup(readFileSync(workshopFile)).header
    expect(header).toMatchObject({
      format: 'ideenwand-backup',
      version: 1,
      scope: { kind: 'workshops', ids: [w.workshopId] },
    })
    expect(header.tables).toMatchObject({
      workshops: 1,
      boards: 1,
      board_snapshots: 1,
      guests: 2,
      ballots: 3,
    })
    expect(Object.keys(header.excluded)).toEqual(
      expect.arrayContaining(['sessions', 'ws_tickets', 'board_updates']),
    )
    expect(header.tables.facilitators).toBe(1)
  })

  it('restores one workshop into an empty database: board, report, guests, votes and sign-in identical', async () => {
    const m = made.get(engine)!
    const env = await freshDatabaseEnv(engine)
    const content = decodeBackup(readFileSync(m.workshopFile))
    await withDb(env, async (db) => {
      await migrate(db)
      const result = await restoreBackup(db, content)
      expect(result.workshops).toEqual([
        { id: m.expected.workshopId, title: 'Themenlabor Freizeit', replaced: false },
      ])
      // Backup → restore → backup gives the same rows.
      expect(comparable(await createBackup(db, content.header.scope))).toEqual(comparable(content))
    })
    const target = await startServer(engine, { env })
    try {
      const fac = await signIn(target)
      expect(await syncedContent(target, m.expected.boardId, fac.cookie)).toEqual(
        m.expected.content,
      )
      expect(await report(target, fac, m.expected.workshopId)).toBe(m.expected.report)
      const guests = await fac.get(`/api/workshops/${m.expected.workshopId}/participants`)
      expect(guests.body.map((g: { name: string }) => g.name).sort()).toEqual(['Paula', 'Quentin'])
      const rounds = await fac.get(`/api/workshops/${m.expected.workshopId}/rounds`)
      expect(JSON.stringify(rounds.body)).toContain('"voters":2')
    } finally {
      await target.stop()
    }
  })

  it('a damaged or cut-off file and a conflict are refused with nothing written; --replace replaces', async () => {
    const m = made.get(engine)!
    const env = await freshDatabaseEnv(engine)
    const bytes = readFileSync(m.allFile)
    const cut = join(files, `${engine}-cut.jsonl.gz`)
    writeFileSync(cut, bytes.subarray(0, bytes.length - 40))
    const damaged = await cli('restore', [cut], env)
    expect(damaged.code).toBe(1)
    expect(damaged.stderr).toMatch(/^Error: the backup file is damaged or cut off/)
    expect(() => decodeBackup(Buffer.from('hallo'))).toThrow(BackupFileError)

    // A row that breaks a check constraint late in the file: the transaction writes nothing.
    const content = decodeBackup(bytes)
    const guests = content.rows.get('guests')!
    const broken = { ...content, rows: new Map(content.rows) }
    broken.rows.set('guests', [...guests.slice(0, -1), { ...guests.at(-1)!, role: 'admin' }])
    // A backup made by a newer release (its database had a migration this one lacks).
    const newer = {
      ...content,
      header: {
        ...content.header,
        migrations: [...content.header.migrations, { version: 900, name: 'future', checksum: 'x' }],
      },
    }
    await withDb(env, async (db) => {
      await migrate(db)
      await expect(restoreBackup(db, newer)).rejects.toThrow(
        /the backup was made by a newer Ideenwand \(its database has migration 900_future/,
      )
      await expect(restoreBackup(db, decodeBackup(encodeBackup(broken)))).rejects.toThrow(
        RestoreError,
      )
      const counts = await db.query<{ n: number }>(
        'select (select count(*) from workshops)::int + (select count(*) from boards)::int + (select count(*) from facilitators)::int as n',
      )
      expect(counts[0]?.n).toBe(0)

      const first = await restoreBackup(db, content)
      expect(first.workshops.map((x) => x.title).sort()).toEqual([
        'Themenlabor Freizeit',
        'Zukunftswerkstatt Bahnhof',
      ])
      // Someone changes the workshop; restoring it again is a conflict and changes nothing.
      await db.query(`update workshops set title = 'Geändert' where id = $1`, [
        m.expected.workshopId,
      ])
      await expect(restoreBackup(db, decodeBackup(readFileSync(m.workshopFile)))).rejects.toThrow(
        /already has workshop "Geändert" \(.+\); restore with --replace to replace it/,
      )
    })

    const replaced = await cli('restore', [m.workshopFile, '--replace'], env)
    expect(replaced.code).toBe(0)
    expect(replaced.stderr).toContain('Replaced workshop "Themenlabor Freizeit"')
    const target = await startServer(engine, { env })
    try {
      const fac = await signIn(target)
      const list = (await fac.get('/api/workshops')).body as { title: string }[]
      expect(list.map((x) => x.title).sort()).toEqual([
        'Themenlabor Freizeit',
        'Zukunftswerkstatt Bahnhof',
      ])
      expect(await syncedContent(target, m.expected.boardId, fac.cookie)).toEqual(
        m.expected.content,
      )
      expect(await report(target, fac, m.expected.workshopId)).toBe(m.expected.report)
    } finally {
      await target.stop()
    }
  })
})

describe.runIf(ENGINES.length === 2)('across engines', () => {
  it('a PGlite backup restores into Postgres and a Postgres backup into PGlite', async () => {
    for (const [from, to] of [
      ['pglite', 'postgres'],
      ['postgres', 'pglite'],
    ] as const) {
      const m = made.get(from)!
      const env = await freshDatabaseEnv(to)
      await withDb(env, async (db) => {
        await migrate(db)
        await restoreBackup(db, decodeBackup(readFileSync(m.allFile)))
      })
      const target = await startServer(to, { env })
      try {
        const fac = await signIn(target)
        expect(await syncedContent(target, m.expected.boardId, fac.cookie)).toEqual(
          m.expected.content,
        )
        expect(await report(target, fac, m.expected.workshopId)).toBe(m.expected.report)
      } finally {
        await target.stop()
      }
    }
  })
})
