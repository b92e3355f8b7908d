/**
 * (c) Cold load: a board of 2,000 ideas (`@ideenwand/board`) and 5,000 canvas records, written
 * into the database as 7,000 log rows or as one snapshot; the time from opening a socket to the
 * server's first complete sync after a fresh start. The fresh server first serves a small board,
 * so the measured board is cold but the process is not (as in production); the server's CPU time
 * is reported next to the wall time.
 */
import WebSocket from 'ws'
import { coldBoardUpdates, ideenwandBoard, seedBoard } from './board.ts'
import { freshDb, IDEENWAND_ENV, log, rows } from './context.ts'
import { ServerProcess } from './servers.ts'
import { Framer } from './wire.ts'

/** Time from opening the socket to the server's complete sync step 2. */
async function timeToSync(
  url: string,
  headers: Record<string, string>,
): Promise<{ ms: number; bytes: number }> {
  const framer = new Framer('y', '')
  return new Promise((resolve, reject) => {
    const t0 = performance.now()
    const ws = new WebSocket(url, { headers, perMessageDeflate: false })
    ws.on('open', () => ws.send(framer.syncStep1(new Uint8Array([0]))))
    ws.on('message', (data: Buffer) => {
      const { type, sub } = framer.kind(data)
      if (type === 0 && sub === 1) {
        const ms = performance.now() - t0
        ws.close()
        resolve({ ms, bytes: data.length })
      }
    })
    ws.on('error', reject)
    setTimeout(() => reject(new Error('cold load timed out')), 60_000).unref()
  })
}

export async function coldLoad(engines: ('pglite' | 'postgres')[], reps: number) {
  log('(c) building the 2,000-idea / 5,000-record board')
  const updates = coldBoardUpdates()
  for (const engine of engines) {
    const db = await freshDb(engine)
    try {
      let server = await ServerProcess.start('ideenwand', { ...IDEENWAND_ENV, ...db.env })
      const access = await ideenwandBoard(server.httpUrl)
      // A second, small board: the running server has served something before (its database
      // connection, session check and code are warm), as in production; the measured board is cold.
      const warm = await ideenwandBoard(server.httpUrl)
      await server.stop()
      for (const mode of ['snapshot', 'log'] as const) {
        const samples: number[] = []
        const serverMs: number[] = []
        const serverCpuMs: number[] = []
        const loadCpuMs: number[] = []
        let seeded = { rows: 0, bytes: 0 }
        let bytes = 0
        for (let r = 0; r < reps; r++) {
          seeded = await seedBoard(db.target, access.boardId, updates, mode)
          server = await ServerProcess.start('ideenwand', { ...IDEENWAND_ENV, ...db.env })
          try {
            await timeToSync(`${server.wsBase}/${warm.boardId}`, { cookie: warm.cookie })
            await new Promise((r) => setTimeout(r, 300))
            const cpu0 = server.cpuSeconds()
            const res = await timeToSync(`${server.wsBase}/${access.boardId}`, {
              cookie: access.cookie,
            })
            // The server's CPU time for the whole first sync (session check, load, answer): on a
            // busy machine far steadier than the wall time. /proc resolution is 10 ms.
            serverCpuMs.push((server.cpuSeconds() - cpu0) * 1000)
            samples.push(res.ms)
            bytes = res.bytes
            // The server may still be building the doc after answering from the snapshot.
            const loadedLine = () =>
              server.output
                .split('\n')
                .find((l) => l.includes('"msg":"board loaded"') && l.includes(access.boardId))
            const until = Date.now() + 20_000
            while (!loadedLine() && Date.now() < until) await new Promise((r) => setTimeout(r, 20))
            const loaded = loadedLine()
            if (loaded) {
              const entry = JSON.parse(loaded) as { ms?: number; cpuMs?: number }
              if (entry.ms !== undefined) serverMs.push(entry.ms)
              if (entry.cpuMs !== undefined) loadCpuMs.push(entry.cpuMs)
            }
          } finally {
            await server.stop()
          }
        }
        samples.sort((a, b) => a - b)
        rows.push({
          scenario: 'c',
          label: `cold load from ${mode === 'log' ? `a log of ${seeded.rows} updates` : 'a snapshot'} (${engine}, warm server)`,
          server: 'ideenwand',
          n: reps,
          rate: 0,
          delivered: bytes,
          expected: seeded.bytes,
          cpuPerDeliveryUs: Number.NaN,
          cold: {
            samples,
            serverLoadMs: serverMs,
            serverLoadCpuMs: loadCpuMs,
            serverCpuMs,
            engine,
            mode,
            storedBytes: seeded.bytes,
            syncBytes: bytes,
          },
        })
        log(
          `  ${engine} ${mode}: first sync ${samples.map((s) => s.toFixed(0)).join(', ')} ms (server load ${serverMs.join(', ')} ms wall, ${loadCpuMs.join(', ')} ms CPU; server CPU for the whole first sync ${serverCpuMs.map((c) => c.toFixed(0)).join(', ')} ms), ${seeded.rows} rows, ${bytes} bytes`,
        )
      }
    } finally {
      await db.drop()
    }
  }
}
