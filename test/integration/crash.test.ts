/**
 * Crashes under load: 50 stock y-websocket clients (with the ack extension, `?ack=1`) write to one
 * board while the server process is SIGKILLed at random moments, 20 times per storage engine, and
 * restarted on the same port. The clients reach the server through a TCP proxy that stays cut
 * after each kill until a fresh reader has checked what the restarted server holds: every write a
 * client saw acked before the kill (without the clients' help). Then the clients reconnect by
 * themselves, hand back what they hold, and all converge. At the end a freshly started server is
 * read by a new client: every acked write is there.
 */
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { AckWriter, readBoard } from './support/ackWriter.ts'
import { facilitatorSession, workshopFixture } from './support/api.ts'
import { waitFor } from './support/clients.ts'
import { ENGINES } from './support/engines.ts'
import { ChildServer } from './support/servers.ts'
import { TcpProxy } from './support/tcpProxy.ts'

const WRITERS = 50
/**
 * SIGKILLs per engine: 8 in `pnpm test` (the chaos test adds kills across three instances), 20 or
 * more for a longer run with `CRASH_KILLS=20`.
 */
const KILLS = Number(process.env.CRASH_KILLS ?? 8)
/** Connections per session the server allows (SYNC_CONNECTIONS_PER_SESSION default 8). */
const PER_SESSION = 5
/** Mean pause between two writes of one writer (ms): 50 writers, ~125 writes/s. */
const WRITE_EVERY_MS = 400

const cleanup: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn()
})

// Every stock provider listens for the process's exit.
process.setMaxListeners(4 * WRITERS)

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

// 20 restarts of a child server took ~70 s on a quick host, up to 150 s on a slow one (a CI run of
// 5c3f35e timed out there at 150 s); the budget leaves room for that.
describe.each(ENGINES)('crashes under load (%s)', { timeout: 300_000 }, (engine) => {
  it(`${WRITERS} writers, ${KILLS} SIGKILLs at random moments: nothing acked is lost, all converge`, async () => {
    const started = performance.now()
    const child = await ChildServer.create(engine)
    cleanup.push(() => void child.kill('SIGKILL'))
    await child.start()
    const proxy = await TcpProxy.start({ host: '127.0.0.1', port: child.port })
    cleanup.push(() => proxy.close())
    const fixture = await workshopFixture(child.url)
    const boardId = fixture.boardId
    const readerCookie = fixture.facilitator.cookie!
    const cookies: string[] = []
    for (let s = 0; s < Math.ceil(WRITERS / PER_SESSION); s++) {
      // Writers write a test map: the facilitator may write any shared type (updateRights.ts).
      cookies.push(await facilitatorSession(child.url))
    }
    const wsUrl = `ws://${proxy.address}/sync`
    const writers = Array.from(
      { length: WRITERS },
      (_, i) =>
        new AckWriter(i, wsUrl, boardId, cookies[Math.floor(i / PER_SESSION)]!, {
          map: 'crash',
          maxBackoffTime: 250,
        }),
    )
    cleanup.push(() => {
      for (const w of writers) w.provider.destroy()
    })
    await waitFor(() => writers.every((w) => w.provider.synced), 20_000, 'writers synced')

    // Every writer writes about every WRITE_EVERY_MS, whether the server is up or not (offline edits).
    let writing = true
    const loops = writers.map(async (w) => {
      while (writing) {
        w.write()
        await sleep(WRITE_EVERY_MS * (0.5 + Math.random()))
      }
    })
    const paused = async () => {
      writing = false
      await Promise.all(loops.splice(0))
    }
    const resume = () => {
      writing = true
      for (const w of writers) {
        loops.push(
          (async () => {
            while (writing) {
              w.write()
              await sleep(WRITE_EVERY_MS * (0.5 + Math.random()))
            }
          })(),
        )
      }
    }

    let atRisk = 0
    let recovered = 0
    let lost = 0
    const restartMs: number[] = []
    for (let kill = 1; kill <= KILLS; kill++) {
      await sleep(150 + Math.random() * 500)
      // What each writer saw acked at the moment of the kill.
      const acked = writers.map((w) => w.confirmed)
      expect(await child.kill('SIGKILL')).toBe(null)
      proxy.cut()
      const t0 = performance.now()
      await child.start()
      restartMs.push(performance.now() - t0)
      // Before any writer is back: the restarted server alone must hold every acked write.
      const t1 = performance.now()
      const keys = new Set(
        (await readBoard(child.wsUrl, boardId, readerCookie)).getMap('crash').keys(),
      )
      const readMs = performance.now() - t1
      for (const [i, clock] of acked.entries()) {
        atRisk += clock
        for (let n = 0; n < clock; n++) {
          if (keys.has(`${i}:${n}`)) recovered++
          else lost++
        }
      }
      expect(lost).toBe(0)
      // The writers reconnect by themselves; pause writing and let everyone converge.
      proxy.restore()
      await paused()
      await waitFor(() => writers.every((w) => w.allAcked), 30_000, `writers acked (kill ${kill})`)
      const total = writers.reduce((n, w) => n + w.writes, 0)
      await waitFor(
        () => writers.every((w) => w.doc.getMap('crash').size === total),
        20_000,
        `convergence after kill ${kill}`,
      )
      const convergeMs = performance.now() - t1 - readMs
      const vector = Buffer.from(Y.encodeStateVector(writers[0]!.doc)).toString('hex')
      for (const w of writers) {
        expect(Buffer.from(Y.encodeStateVector(w.doc)).toString('hex')).toBe(vector)
      }
      if (process.env.CRASH_DEBUG) {
        console.log(
          `kill ${kill}: restart ${Math.round(restartMs.at(-1)!)} ms, read ${Math.round(readMs)} ms, converge ${Math.round(convergeMs)} ms, total ${total}, t=${Math.round(performance.now() - started)}`,
        )
      }
      if (kill < KILLS) resume()
    }

    // Final: everything was acked; a fresh server read by a new client has every write.
    const writes = writers.reduce((n, w) => n + w.writes, 0)
    const confirmed = writers.reduce((n, w) => n + w.confirmed, 0)
    expect(confirmed).toBe(writes)
    for (const w of writers) w.provider.destroy()
    expect(await child.kill('SIGKILL')).toBe(null)
    await child.start()
    const finalDoc = await readBoard(child.wsUrl, boardId, readerCookie)
    const final = { doc: finalDoc, keys: new Set(finalDoc.getMap('crash').keys()) }
    let finalRecovered = 0
    for (const w of writers) {
      for (let n = 0; n < w.confirmed; n++) if (final.keys.has(`${w.index}:${n}`)) finalRecovered++
    }
    expect(finalRecovered).toBe(confirmed)
    expect(final.doc.getMap('crash').size).toBe(writes)
    const avg = restartMs.reduce((a, b) => a + b, 0) / restartMs.length
    console.log(
      `[crash ${engine}] kills=${KILLS} writers=${WRITERS} writes=${writes} confirmed=${confirmed} ` +
        `acked-checked-at-restarts=${atRisk} recovered-at-restarts=${recovered} lost=${lost} ` +
        `final-recovered=${finalRecovered} final-lost=${confirmed - finalRecovered} ` +
        `restart-ms avg=${Math.round(avg)} max=${Math.round(Math.max(...restartMs))} ` +
        `total-s=${((performance.now() - started) / 1000).toFixed(1)}`,
    )
  })
})
