/**
 * (g) The workshop mix, coordinator side: sets up the workshop (a participant session the crowd
 * shares, one guest session per dot, the facilitator's), runs the generator's `mix` command
 * (mix.ts) and turns its histograms into a row per server. Hocuspocus gets the same sync and
 * presence load without phases and dots (it has neither).
 */
import { ApiClient } from '../../integration/support/api.ts'
import { Histogram, type HistogramData, type LatencySummary } from './histogram.ts'
import type { MixCommand, MixRates } from './mix.ts'
import { type Load, type Measured, measure } from './run.ts'
import { baseKind, DIALECT, type ServerProcess } from './servers.ts'

export interface MixSettings extends MixRates {
  n: number
  votesPerSecond: number
  phaseEveryMs: number
}

export const MIX_DEFAULT: MixSettings = {
  n: 300,
  typers: 100,
  movers: 30,
  typeHz: 4,
  moveHz: 10,
  cursorHz: 20,
  cursorClients: 300,
  votesPerSecond: 10,
  phaseEveryMs: 30_000,
}

export interface MixKind {
  sent: number
  delivered: number
  latency: LatencySummary
}

export interface MixResult {
  kinds: Record<string, MixKind>
  /** Clients the server closed during the run (must be 0). */
  closed: number
  /** KiB per second each measured client received over the window (mean per kind of device). */
  viewerKBps: { phone: number; whiteboard: number }
  errors: string[]
}

interface Target {
  server: ServerProcess
  docName: string
  headers: Record<string, string>
  writerHeaders: Record<string, string>
  workshopId?: string
}

/** Joins `count` guests (one session each) and returns their cookies. */
async function guests(httpUrl: string, code: string, count: number): Promise<string[]> {
  const cookies: string[] = []
  for (let i = 0; i < count; i += 20) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(20, count - i) }, async () => {
        const guest = new ApiClient(httpUrl)
        const res = await guest.post('/api/join', { code })
        if (res.status !== 200 || !guest.cookie) throw new Error(`join: ${res.status}`)
        return guest.cookie
      }),
    )
    cookies.push(...batch)
  }
  return cookies
}

/**
 * Sizing (scenario h): a town meeting of `n` spread over instances. A third follow on the
 * whiteboard and move a cursor — modelled as 5 Hz each (a cursor that moves at 20 Hz a quarter of
 * the time) —, the rest are phones that want no cursors (`?presence=0`); a tenth type, 3 % drag,
 * but at most 100 and 30 at once: every viewer receives every keystroke and move of the board,
 * so what one board's viewers must download grows with how many type at once, not with the crowd
 * (100 typing and 30 dragging: ~45 KiB/s to each phone, measured; 500 typing five times that, to
 * every phone on a town hall's Wi-Fi — such an event wants several boards).
 */
export function sizingMix(n: number): MixSettings {
  return {
    n,
    typers: Math.min(100, Math.round(n / 10)),
    movers: Math.min(30, Math.round(n * 0.03)),
    typeHz: 4,
    moveHz: 10,
    cursorHz: 5,
    cursorClients: Math.round(n / 3),
    votesPerSecond: 10,
    phaseEveryMs: 30_000,
  }
}

export async function runMixOn(
  kind: string,
  t: Target & { participantCode?: string },
  s: MixSettings,
  window: { warmupMs: number; measureMs: number },
  /** Several instances: every one of them (the first serves the API), clients round robin. */
  instances: ServerProcess[] = [t.server],
  /**
   * Sizing `N/K`: the first instance gets its full share and is the one measured (latency, CPU,
   * memory); the others only the clients that send (GeneratorConfig.feeders).
   */
  oneMeasured = false,
): Promise<{ m: Measured; mix: MixResult }> {
  let control: MixCommand['control'] = null
  if (baseKind(kind) === 'ideenwand') {
    if (!t.workshopId || !t.participantCode) throw new Error('the Ideenwand target has no workshop')
    const me = new ApiClient(t.server.httpUrl)
    me.cookie = t.headers.cookie ?? null
    const authorId = (await me.get('/api/me')).body.guest.id as string
    const votePhaseMs = Math.max(0, window.measureMs - 2 * s.phaseEveryMs)
    control = {
      httpUrl: t.server.httpUrl,
      workshopId: t.workshopId,
      authorId,
      facilitatorCookie: t.writerHeaders.cookie ?? '',
      voterCookies: await guests(
        t.server.httpUrl,
        t.participantCode,
        Math.ceil((s.votesPerSecond * votePhaseMs) / 1000) + 5,
      ),
      phaseEveryMs: s.phaseEveryMs,
      votesPerSecond: s.votesPerSecond,
    }
  }
  const load: Load = {
    url: t.server.wsBase,
    docName: t.docName,
    dialect: DIALECT[baseKind(kind)],
    headers: t.headers,
    writerHeaders: t.writerHeaders,
    receivers: s.n,
    writers: 0,
    probes: 20,
    fullClients: 0,
    keepInitial: s.typers + s.movers,
    urls: instances.map((i) => i.wsBase),
    quietFrom: s.cursorClients,
    ...(oneMeasured
      ? {
          feeders: {
            senders: Math.max(s.cursorClients, s.typers + s.movers),
            writers: s.typers + s.movers,
          },
        }
      : {}),
  }
  const command: MixCommand = {
    cmd: 'mix',
    ...window,
    typers: s.typers,
    movers: s.movers,
    typeHz: s.typeHz,
    moveHz: s.moveHz,
    cursorHz: s.cursorHz,
    cursorClients: s.cursorClients,
    control,
  }
  const { m, replies } = await measureWithReplies(
    oneMeasured ? [t.server] : instances,
    load,
    command,
    window,
  )
  const kinds: Record<string, MixKind> = {}
  let closed = 0
  let viewerKBps = { phone: 0, whiteboard: 0 }
  const errors: string[] = []
  for (const r of replies) {
    const mix = r.mix as Record<string, { hist: HistogramData; sent: number; delivered: number }>
    for (const [k, v] of Object.entries(mix)) {
      const h = new Histogram()
      h.merge(v.hist)
      const prev = kinds[k]
      kinds[k] = {
        sent: (prev?.sent ?? 0) + v.sent,
        delivered: (prev?.delivered ?? 0) + v.delivered,
        latency: h.summary(),
      }
    }
    closed += Number(r.closed ?? 0)
    if (r.viewerKBps) viewerKBps = r.viewerKBps as MixResult['viewerKBps']
    errors.push(...((r.errors as string[]) ?? []))
  }
  return { m, mix: { kinds, closed, viewerKBps, errors } }
}

/** `measure` with one generator, keeping its raw reply (the per-kind histograms). */
async function measureWithReplies(
  servers: ServerProcess[],
  load: Load,
  command: MixCommand,
  window: { warmupMs: number; measureMs: number },
): Promise<{ m: Measured; replies: Record<string, unknown>[] }> {
  const replies: Record<string, unknown>[] = []
  const m = await measure(servers, load, command, window, (r) => replies.push(r))
  return { m, replies }
}
