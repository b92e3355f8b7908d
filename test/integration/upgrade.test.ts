/**
 * Upgrades on both engines. A database as the first release left it (only 001_boards.sql, its
 * schema_migrations table without checksums, a board stored as a snapshot plus an update log
 * written by an older client: test/fixtures/boards/old-board.json) is opened by the current
 * server: the migrations run, the board's data is intact and it syncs to a stock y-websocket
 * client. The same database is also upgraded one migration at a time, with data written after
 * each step the way that release's code wrote it; every earlier row survives every step.
 * Changed migrations, migrations from a newer release and misnumbered files are refused.
 *
 * Released migrations are frozen: RELEASED holds each file's SHA-256 at the commit that added it.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Board, canvasStore } from '@ideenwand/board'
import {
  type Db,
  loadConfig,
  loadMigrations,
  MigrationError,
  migrate,
  openDb,
} from '@ideenwand/server'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { ApiClient } from './support/api.ts'
import { connectClient } from './support/clients.ts'
import { ENGINES, type Engine, freshDatabaseEnv } from './support/engines.ts'
import { ChildServer, startServer } from './support/servers.ts'

/** SHA-256 of each released migration file, from `git log --diff-filter=A -- server/migrations`. */
const RELEASED: Record<number, string> = {
  1: '6b824098e356160bdbc8c377e6cbb9357305998e5c7f80150e29c410d2d9c696', // d956d17, first release
  2: '7967c87ec3e6292271fdb5a30b3718b333af9af01982479f46037e3ceb95dcf6', // 7dfc2e3
  3: 'ffa21dedf458f95e822108563e026c4fe2d037ae01773ee107de1158372f568c', // c39612f
  4: '9e18a55ac333d29fa81bfe2f418ed6caccd2db759fcac70e664a1cfde3d80019', // df6ac23
}

interface OldBoardFixture {
  updates: string[]
  expected: {
    ideas: { id: string; text: string; clusterId: string | null; authorName: string | null }[]
    clusters: { id: string; title: string }[]
    records: { id: string }[]
  }
}
const OLD_BOARD = JSON.parse(
  readFileSync(
    fileURLToPath(new URL('../fixtures/boards/old-board.json', import.meta.url)),
    'utf8',
  ),
) as OldBoardFixture
const RELEASE_1_BOARD = 'themenlabor-2025'
const SESSION = { id: 'upgradesessionid00000001', secret: 'upgradesessionsecret0001' }
const COOKIE = `ideenwand_session=${SESSION.id}.${SESSION.secret}`

let emptyPglite: Promise<string> | undefined

/** An empty database of `engine` (PGlite: a copy of one never-migrated directory). */
async function emptyDatabaseEnv(engine: Engine): Promise<Record<string, string>> {
  if (engine === 'postgres') return freshDatabaseEnv('postgres')
  emptyPglite ??= (async () => {
    const template = join(mkdtempSync(join(tmpdir(), 'ideenwand-empty-')), 'data')
    await (await openDb({ engine: 'pglite', dataDir: template })).close()
    return template
  })()
  const dir = join(mkdtempSync(join(tmpdir(), 'ideenwand-upgrade-')), 'data')
  cpSync(await emptyPglite, dir, { recursive: true })
  return { DATA_DIR: dir, DATABASE_URL: '' }
}

async function open(env: Record<string, string>): Promise<Db> {
  const config = loadConfig(env)
  return openDb(
    config.databaseUrl
      ? { engine: 'postgres', url: config.databaseUrl, schema: config.databaseSchema ?? '', max: 1 }
      : { engine: 'pglite', dataDir: config.dataDir },
  )
}

/** What the first release did: its schema_migrations table (no checksums) and 001 only. */
async function firstRelease(db: Db): Promise<void> {
  const first = loadMigrations()[0]!
  expect(first.version).toBe(1)
  await db.exec(`create table schema_migrations (
    version integer primary key,
    name text not null,
    applied_at timestamptz not null default now()
  )`)
  await db.exec(first.sql)
  await db.query('insert into schema_migrations (version, name) values (1, $1)', [first.name])
  // The first release's board: the older client's updates, compacted once (its compaction
  // deleted the rows it folded in), then more updates — written as that release wrote them.
  await db.query('insert into boards (id) values ($1)', [RELEASE_1_BOARD])
  const updates = OLD_BOARD.updates.map((u) => new Uint8Array(Buffer.from(u, 'base64')))
  let last = 0
  for (const u of updates.slice(0, 4)) last = await appendAsBefore(db, RELEASE_1_BOARD, u)
  await db.query(
    'insert into board_snapshots (board_id, data, covers_update_id) values ($1, $2::bytea, $3)',
    [RELEASE_1_BOARD, Y.mergeUpdates(updates.slice(0, 4)), last],
  )
  await db.query('delete from board_updates where board_id = $1 and id <= $2', [
    RELEASE_1_BOARD,
    last,
  ])
  for (const u of updates.slice(4)) await appendAsBefore(db, RELEASE_1_BOARD, u)
  const [count] = await db.query<{ n: string | number }>(
    'select count(*) as n from board_updates where board_id = $1',
    [RELEASE_1_BOARD],
  )
  expect(Number(count?.n)).toBe(updates.length - 4)
}

/** A log row as releases before migration 007 stored it (no sender). */
async function appendAsBefore(db: Db, boardId: string, data: Uint8Array): Promise<number> {
  const [row] = await db.query<{ id: string | number }>(
    'insert into board_updates (board_id, data) values ($1, $2::bytea) returning id',
    [boardId, data],
  )
  return Number(row?.id)
}

/** Every row of every table, as JSON, for "nothing lost" comparisons. */
async function dump(db: Db): Promise<Record<string, Record<string, unknown>[]>> {
  const tables = await db.query<{ name: string }>(
    `select table_name as name from information_schema.tables
     where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1`,
  )
  const out: Record<string, Record<string, unknown>[]> = {}
  for (const { name } of tables) {
    const rows = await db.query<{ j: string }>(`select row_to_json(t)::text as j from "${name}" t`)
    out[name] = rows
      .map((r) => JSON.parse(r.j) as Record<string, unknown>)
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))
  }
  return out
}

/** Every row of `before` is still there, with the same values (new columns may be added). */
function expectKept(
  before: Record<string, Record<string, unknown>[]>,
  after: Record<string, Record<string, unknown>[]>,
) {
  for (const [table, rows] of Object.entries(before)) {
    if (table === 'schema_migrations') continue
    expect(after[table], table).toHaveLength(rows.length)
    for (const row of rows) {
      expect(
        after[table]!.some((r) =>
          Object.entries(row).every(
            ([k, v]) => r[k] === v || JSON.stringify(r[k]) === JSON.stringify(v),
          ),
        ),
        `${table} keeps ${JSON.stringify(row)}`,
      ).toBe(true)
    }
  }
}

/**
 * Data as the release that shipped migration `version` wrote it, with that release's columns
 * only. Release 2 brought workshops and accounts; an operator attaches the first release's board
 * (which had no workshop) to a workshop, as docs/backup.md describes.
 */
const WRITE_AT: Record<number, (db: Db) => Promise<void>> = {
  2: async (db) => {
    await db.query(
      `insert into facilitators (id, email, name, password_hash)
       values ('fac-upgrade', 'moderation@ok-lab-flaeming.de', 'Frau Moderatorin', '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA')`,
    )
    await db.query(`insert into boards (id) values ('board-release-2')`)
    const doc = new Y.Doc()
    new Board(doc).addIdea({ id: 'idea-release-2', text: 'Sitzbänke im Kurpark' })
    await appendAsBefore(db, 'board-release-2', Y.encodeStateAsUpdate(doc))
    for (const [id, board, title] of [
      ['ws-release-1', RELEASE_1_BOARD, 'Themenlabor 2025'],
      ['ws-release-2', 'board-release-2', 'Zukunftswerkstatt'],
    ] as const) {
      await db.query(
        `insert into workshops (id, board_id, title, date, place) values ($1, $2, $3, '2025-09-22', 'Bad Belzig')`,
        [id, board, title],
      )
      await db.query(
        `insert into workshop_facilitators (workshop_id, facilitator_id, role) values ($1, 'fac-upgrade', 'owner')`,
        [id],
      )
      for (const role of ['participant', 'viewer']) {
        await db.query('insert into invite_codes (workshop_id, role, code) values ($1, $2, $3)', [
          id,
          role,
          `${id}-${role}`,
        ])
      }
    }
    await db.query(
      `insert into guests (id, workshop_id, display_name, role, status)
       values ('guest-paula', 'ws-release-2', 'Paula', 'participant', 'admitted')`,
    )
    await db.query(
      `insert into sessions (id, secret_hash, facilitator_id) values ($1, sha256(convert_to($2, 'UTF8')), 'fac-upgrade')`,
      [SESSION.id, SESSION.secret],
    )
  },
  3: async (db) => {
    await db.query(
      `insert into workshop_state (workshop_id, phase) values ('ws-release-2', 'discuss')`,
    )
    await db.query(
      `insert into voting_rounds (id, workshop_id, number, status, target_kind, dots_per_person, max_per_target, revealed_at, voters, results)
       values ('round-1', 'ws-release-2', 1, 'revealed', 'idea', 3, 3, now(), 1, $1)`,
      [JSON.stringify([{ targetId: 'idea-release-2', dots: 2, rank: 1, tied: false }])],
    )
    await db.query(
      `insert into ballots (round_id, voter_id, target_id, dots) values ('round-1', 'guest-paula', 'idea-release-2', 2)`,
    )
    await db.query(
      `insert into activity (workshop_id, actor_role, type, data) values ('ws-release-2', 'facilitator', 'phase', '{"phase":"discuss"}')`,
    )
  },
  4: async (db) => {
    await db.query(
      `update workshops set data_licence = 'dl-by-de-2.0', publisher = 'Stadt Bad Belzig' where id = 'ws-release-2'`,
    )
  },
}

async function expectServesBoards(env: Record<string, string>, engine: Engine): Promise<void> {
  const server = await startServer(engine, { env })
  try {
    const client = connectClient(server.wsUrl, RELEASE_1_BOARD, { cookie: COOKIE })
    await client.synced()
    const board = new Board(client.doc)
    expect(
      board.ideas().map((i) => ({
        id: i.id,
        text: i.text,
        clusterId: i.clusterId,
        authorName: i.authorName,
      })),
    ).toEqual(OLD_BOARD.expected.ideas)
    expect(board.clusters().map((c) => ({ id: c.id, title: c.title }))).toEqual(
      OLD_BOARD.expected.clusters,
    )
    expect([...canvasStore(client.doc).map.keys()].sort()).toEqual(
      OLD_BOARD.expected.records.map((r) => r.id).sort(),
    )
    client.destroy()
    const second = connectClient(server.wsUrl, 'board-release-2', { cookie: COOKIE })
    await second.synced()
    expect(new Board(second.doc).ideas().map((i) => i.text)).toEqual(['Sitzbänke im Kurpark'])
    second.destroy()
    const api = new ApiClient(server.url)
    api.cookie = COOKIE
    const rounds = await api.get('/api/workshops/ws-release-2/rounds')
    expect(rounds.status).toBe(200)
    expect(JSON.stringify(rounds.body)).toContain('idea-release-2')
  } finally {
    await server.stop()
  }
}

describe('released migrations', () => {
  it('are unchanged since their release', () => {
    const files = new Map(loadMigrations().map((m) => [m.version, m.checksum]))
    for (const [version, checksum] of Object.entries(RELEASED)) {
      expect(files.get(Number(version)), `migration ${version}`).toBe(checksum)
    }
  })
})

describe.each(ENGINES)('upgrade on %s', (engine) => {
  it('a first-release database (001 only) opens on the current server with its board intact', async () => {
    const env = await emptyDatabaseEnv(engine)
    const db = await open(env)
    let before: Awaited<ReturnType<typeof dump>>
    try {
      await firstRelease(db)
      before = await dump(db)
      // Straight to the current schema, then the data of releases 2–4 (for the sign-in).
      await migrate(db)
      expectKept(before, await dump(db))
      // Migration 007: the snapshot the board had is its first restore point.
      const points = await db.query<{ board_id: string }>(
        'select board_id from board_restore_points',
      )
      expect(points).toEqual([{ board_id: RELEASE_1_BOARD }])
      for (const write of Object.values(WRITE_AT)) await write(db)
      const recorded = await db.query<{ version: number; checksum: string | null }>(
        'select version, checksum from schema_migrations order by version',
      )
      expect(recorded.map((r) => r.version)).toEqual(loadMigrations().map((m) => m.version))
      // The first release's row got its checksum filled in.
      expect(recorded[0]?.checksum).toBe(RELEASED[1])
    } finally {
      await db.close()
    }
    await expectServesBoards(env, engine)
  })

  it('step by step: each migration applied alone, with data written after each; nothing lost', async () => {
    const env = await emptyDatabaseEnv(engine)
    const migrations = loadMigrations()
    const db = await open(env)
    try {
      await firstRelease(db)
      for (const m of migrations.slice(1)) {
        const before = await dump(db)
        expect(
          await migrate(
            db,
            migrations.filter((x) => x.version <= m.version),
          ),
        ).toEqual([m.version])
        expectKept(before, await dump(db))
        await WRITE_AT[m.version]?.(db)
      }
      expect(await migrate(db)).toEqual([])
    } finally {
      await db.close()
    }
    await expectServesBoards(env, engine)
  })

  it('refuses a changed migration, a database from a newer release and out-of-order files', async () => {
    const env = await freshDatabaseEnv(engine)
    const db = await open(env)
    try {
      const migrations = loadMigrations()
      await migrate(db) // Postgres test schemas start empty
      await db.query(`update schema_migrations set checksum = 'f00' where version = 2`)
      await expect(migrate(db)).rejects.toThrow(
        /Migration 002_access\.sql was changed after it was applied to this database/,
      )
      await db.query('update schema_migrations set checksum = $1 where version = 2', [
        migrations[1]!.checksum,
      ])
      await db.query(
        `insert into schema_migrations (version, name, checksum) values (900, 'future', 'x')`,
      )
      await expect(migrate(db)).rejects.toThrow(MigrationError)
      await expect(migrate(db)).rejects.toThrow(
        /has migration 900_future, which this release does not know .*downgrades are not supported/,
      )
      await db.query('delete from schema_migrations where version = 900')
      const late = { version: 0, name: 'late', sql: 'select 1', checksum: 'x' }
      await expect(migrate(db, [late, ...migrations])).rejects.toThrow(/would run out of order/)
      expect(await migrate(db)).toEqual([])
    } finally {
      await db.close()
    }
    // The server refuses to start on a database a newer release upgraded.
    const newer = await open(env)
    await newer.query(
      `insert into schema_migrations (version, name, checksum) values (900, 'future', 'x')`,
    )
    await newer.close()
    await expect(startServer(engine, { env })).rejects.toThrow(/downgrades are not supported/)
    // `pnpm start` says so in one line and exits 1 (the refused start released the database).
    const child = await ChildServer.create(engine, env)
    const failed = await child.start().then(
      () => null,
      (err: Error) => err.message,
    )
    await child.kill('SIGTERM')
    expect(failed).toMatch(
      /Ideenwand failed to start: The database has migration 900_future, which this release does not know/,
    )

    const dir = mkdtempSync(join(tmpdir(), 'ideenwand-migrations-'))
    mkdirSync(join(dir, 'm'))
    writeFileSync(join(dir, 'm', '005_a.sql'), 'select 1;\n')
    writeFileSync(join(dir, 'm', '005_b.sql'), 'select 2;\n')
    expect(() => loadMigrations(`${join(dir, 'm')}/`)).toThrow(
      /Two migrations share number 5: 005_a\.sql and 005_b\.sql/,
    )
  })
})
