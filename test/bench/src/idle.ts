/**
 * (f) Idle connections and idle boards: many stock y-websocket clients (each with a presence
 * state, as a browser tab has) sit on a few boards doing nothing. The server runs with
 * --expose-gc; the preloaded probe collects garbage and reports memory on request, so the figure
 * per connection is what stays reachable, not what the collector has not got to yet. Then every
 * client leaves and the time until each board is unloaded (`ROOM_IDLE_MS` after the last one
 * left) and the memory given back are measured. `idle` runs it for main.ts and records the row.
 */
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { type BoardAccess, ideenwandBoard } from './board.ts'
import { freshDb, IDEENWAND_ENV, log, rows } from './context.ts'
import { type MemorySample, ServerProcess } from './servers.ts'

export interface IdleResult {
  connections: number
  boards: number
  failed: number
  /** Memory after GC: before any sync connection, with one per board, with all, after unload. */
  before: MemorySample
  oneEach: MemorySample
  all: MemorySample
  unloaded: MemorySample
  /** (heapUsed + external) added per connection beyond the first on each board, KB. */
  heapKbPerConnection: number
  /** RSS added per connection beyond the first on each board, KB. */
  rssKbPerConnection: number
  /** From the last client leaving until every board was unloaded (includes ROOM_IDLE_MS). */
  unloadMs: number
  roomIdleMs: number
  /** Canvas-like records each board holds (so that unloading has something to give back). */
  recordsPerBoard: number
  /** (heapUsed + external) of a loaded board with one connection, KB. */
  boardKb: number
  /** (heapUsed + external) still held after every board unloaded, compared with before, KB. */
  leftAfterUnloadKb: number
}

const heap = (m: MemorySample) => m.heapUsed + m.external

function connect(wsBase: string, access: BoardAccess, name: string): WebsocketProvider {
  const headers = { cookie: access.cookie }
  class WithCookie extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers, perMessageDeflate: false })
    }
  }
  const provider = new WebsocketProvider(wsBase, access.boardId, new Y.Doc(), {
    WebSocketPolyfill: WithCookie as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  })
  // Ideenwand's extension messages 100 (ack) and 101 (control state): stock clients ignore them,
  // here without logging each one.
  for (const type of [100, 101]) provider.messageHandlers[type] = () => {}
  provider.awareness.setLocalStateField('user', { name, color: '#2a7f62' })
  return provider
}

async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

/** Opens `count` clients `batch` at a time, each batch synced before the next starts. */
async function openAll(
  server: ServerProcess,
  boards: BoardAccess[],
  count: number,
  offset: number,
  out: WebsocketProvider[],
): Promise<number> {
  let failed = 0
  const batch = 100
  for (let i = 0; i < count; i += batch) {
    const opened: WebsocketProvider[] = []
    for (let j = i; j < Math.min(count, i + batch); j++) {
      const k = offset + j
      opened.push(connect(server.wsBase, boards[k % boards.length]!, `Person ${k}`))
    }
    out.push(...opened)
    try {
      await waitFor(() => opened.every((p) => p.synced), 30_000, 'clients to sync')
    } catch {
      failed += opened.filter((p) => !p.synced).length
    }
  }
  return failed
}

export async function idleScenario(
  server: ServerProcess,
  options: { connections: number; boards: number; roomIdleMs: number; recordsPerBoard: number },
  log: (msg: string) => void,
): Promise<IdleResult> {
  // Every stock provider adds a process 'exit' listener.
  process.setMaxListeners(options.connections + 50)
  const boards: BoardAccess[] = []
  for (let i = 0; i < options.boards; i++) boards.push(await ideenwandBoard(server.httpUrl))
  const providers: WebsocketProvider[] = []
  let unloads = 0
  server.lineListeners.push((line) => {
    if (line.includes('"msg":"board unloaded"')) unloads++
  })
  const before = await server.memory()
  if (!before.gc) log('  warning: the server was started without --expose-gc')
  let failed = await openAll(server, boards, options.boards, 0, providers)
  // The first client on each board fills it, like a board after a workshop.
  for (const p of providers) {
    p.doc.transact(() => {
      const records = p.doc.getMap('records')
      for (let i = 0; i < options.recordsPerBoard; i++) {
        records.set(`shape:${i}`, {
          type: 'geo',
          x: i * 10,
          y: i * 7,
          props: { w: 200, h: 140, text: `Notiz ${i}` },
        })
      }
    })
  }
  // Let the writes be stored, the first presence states and control messages settle.
  await new Promise((r) => setTimeout(r, 2000))
  const oneEach = await server.memory()
  const rest = options.connections - options.boards
  failed += await openAll(server, boards, rest, options.boards, providers)
  await new Promise((r) => setTimeout(r, 2000))
  const all = await server.memory()
  const unloadsBefore = unloads
  for (const p of providers) p.destroy()
  const left = performance.now()
  await waitFor(
    () => unloads - unloadsBefore >= options.boards,
    options.roomIdleMs + 60_000,
    'every board to unload',
  )
  const unloadMs = performance.now() - left
  const unloaded = await server.memory()
  const measured = rest - failed
  return {
    connections: options.connections,
    boards: options.boards,
    failed,
    before,
    oneEach,
    all,
    unloaded,
    heapKbPerConnection: (heap(all) - heap(oneEach)) / 1024 / Math.max(1, measured),
    rssKbPerConnection: (all.rss - oneEach.rss) / 1024 / Math.max(1, measured),
    unloadMs,
    roomIdleMs: options.roomIdleMs,
    recordsPerBoard: options.recordsPerBoard,
    boardKb: (heap(oneEach) - heap(before)) / 1024 / options.boards,
    leftAfterUnloadKb: (heap(unloaded) - heap(before)) / 1024,
  }
}

/** (f) as the benchmark runs it: a fresh server (--expose-gc), a row, the figures logged. */
export async function idle(connections: number, boards: number) {
  log(`(f) ${connections} idle connections on ${boards} boards, then unload`)
  const db = await freshDb('pglite')
  const roomIdleMs = 2000
  const server = await ServerProcess.start(
    'ideenwand',
    { ...IDEENWAND_ENV, ...db.env, ROOM_IDLE_MS: String(roomIdleMs), LOG_LEVEL: 'info' },
    ['--expose-gc'],
  )
  try {
    const r = await idleScenario(
      server,
      { connections, boards, roomIdleMs, recordsPerBoard: 1000 },
      log,
    )
    rows.push({
      scenario: 'f',
      label: `${connections} idle connections on ${boards} boards`,
      server: 'ideenwand',
      n: connections,
      rate: 0,
      delivered: connections - r.failed,
      expected: connections,
      cpuPerDeliveryUs: Number.NaN,
      idle: r,
    })
    const mib = (b: number) => (b / 1024 / 1024).toFixed(1)
    log(
      `  per idle connection: ${r.heapKbPerConnection.toFixed(1)} KB heap+external, ${r.rssKbPerConnection.toFixed(1)} KB RSS (after GC; ${r.failed} failed to sync); heap+external MiB before/one each/all/unloaded ${[r.before, r.oneEach, r.all, r.unloaded].map((m) => mib(m.heapUsed + m.external)).join(' / ')}, RSS ${[r.before, r.oneEach, r.all, r.unloaded].map((m) => mib(m.rss)).join(' / ')}; a loaded board of ${r.recordsPerBoard} records ${r.boardKb.toFixed(0)} KB; all ${boards} boards unloaded ${r.unloadMs.toFixed(0)} ms after the last client left (ROOM_IDLE_MS ${roomIdleMs}), ${r.leftAfterUnloadKb.toFixed(0)} KB left compared with before`,
    )
  } finally {
    await server.stop()
    await db.drop()
  }
}
