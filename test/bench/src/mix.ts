/**
 * (g) A real workshop mix, generator side: one board, N participants. Of them `typers` type into
 * their own idea character by character and `movers` drag their own idea's card, everyone's cursor
 * moves, and — against Ideenwand — the facilitator changes the phase every `phaseEveryMs`
 * (collect → cluster → a voting round, which opens the vote phase) and participants cast
 * `votesPerSecond` dots while voting is open. As in a real workshop the phase decides what people
 * do: typing and dragging while collecting and clustering, dots while voting; cursors always.
 *
 * Measured per kind of change, at every viewer that decodes it: typing and dragging at the
 * `probes` clients (each received update decoded; a struct's client and clock name the keystroke
 * or move, whose send time the sender noted), cursors by their beacons (the age of every delivered
 * position, as in (b)), a phase change at every client (the Control message naming the new phase),
 * a dot at the facilitator (the turnout in the facilitator's Control message).
 */
import { Board, canvasStore } from '@ideenwand/board'
import { decodeControl, MessageType } from '@ideenwand/protocol'
import * as decoding from 'lib0/decoding'
import * as Y from 'yjs'
import { Histogram, type HistogramData } from './histogram.ts'
import { beacon, type Framer, nowMicros, scanBeacons } from './wire.ts'

/** How many people type, move cards and cursors in the mix, and how often. */
export interface MixRates {
  typers: number
  movers: number
  /** Keystrokes per second and typer, card moves per second and mover, cursor states per second. */
  typeHz: number
  moveHz: number
  cursorHz: number
  /** Clients that move a cursor (the first this many; the others are phones). */
  cursorClients: number
}

export interface MixCommand extends MixRates {
  cmd: 'mix'
  warmupMs: number
  measureMs: number
  /** Ideenwand only: the workshop, the facilitator's API base and the guests' ids. */
  control: {
    httpUrl: string
    workshopId: string
    /** The guest id of the participant session the clients share (their ideas' author). */
    authorId: string
    facilitatorCookie: string
    /** One session per dot: `votesPerSecond` × the vote phase's length of them. */
    voterCookies: string[]
    phaseEveryMs: number
    votesPerSecond: number
  } | null
}

/** What the generator hands to the mix: its clients and how to schedule. */
export interface MixClient {
  readonly index: number
  readonly clientId: number
  clock: number
  onFrame: ((data: Buffer) => void) | null
  /** The board as the server sent it in the sync step 2 of the handshake. */
  initialUpdate: Uint8Array | null
  closedWith: number | null
  /** False for a feeder of a sizing `N/K` run (it sends; its latencies do not count). */
  readonly measured: boolean
  /** Sizing `N/K`: the client whose socket sends this one's cursor. */
  readonly carrier: MixClient | null
  send(frame: Uint8Array): void
}

type Kind = 'type' | 'move' | 'cursor' | 'phase' | 'vote'
const KINDS: Kind[] = ['type', 'move', 'cursor', 'phase', 'vote']

/** The payload of a sync message (step 2 or update) in `data`, or null for any other message. */
export function syncPayload(framer: Framer, data: Uint8Array): Uint8Array | null {
  const d = decoding.createDecoder(data)
  if (framer.dialect === 'hocuspocus') decoding.readVarString(d)
  if (decoding.readVarUint(d) !== 0) return null
  const sub = decoding.readVarUint(d)
  return sub === 1 || sub === 2 ? decoding.readVarUint8Array(d) : null
}

export async function runMix(
  msg: MixCommand,
  clients: MixClient[],
  probes: number,
  framer: Framer,
  schedule: (hz: number, phase: number, endAt: number, fn: () => void) => Promise<void>,
  connectFacilitator: () => Promise<MixClient>,
): Promise<Record<string, unknown>> {
  const hist = Object.fromEntries(KINDS.map((k) => [k, new Histogram()])) as Record<Kind, Histogram>
  const count = Object.fromEntries(KINDS.map((k) => [k, { sent: 0, delivered: 0 }])) as Record<
    Kind,
    { sent: number; delivered: number }
  >
  const started = performance.now()
  const from = (performance.timeOrigin + started + msg.warmupMs) * 1000
  const to = from + msg.measureMs * 1000
  const endAt = started + msg.warmupMs + msg.measureMs
  const countUntil = to + 1_000_000
  const inWindow = (micros: number) => micros >= from && micros <= to
  // Keystrokes and moves by `client:clock` of the struct they create.
  const sends = new Map<string, { micros: number; kind: 'type' | 'move' }>()
  // Typing and dragging stop a second before voting opens, as a facilitator announces it: an edit
  // that reaches the server after the vote phase began is refused (4403) like any other.
  const voteAt = msg.control
    ? msg.warmupMs + 2 * msg.control.phaseEveryMs
    : Number.POSITIVE_INFINITY
  const editUntil = started + Math.min(msg.warmupMs + msg.measureMs, voteAt - 1000)

  // Writers: a doc each, started from the board the server sent, with an idea (and its card).
  const writers: { client: MixClient; doc: Y.Doc; ideaId: string; cardKey: string }[] = []
  for (const [i, client] of clients.slice(0, msg.typers + msg.movers).entries()) {
    const doc = new Y.Doc()
    if (client.initialUpdate) Y.applyUpdate(doc, client.initialUpdate)
    doc.on('update', (update: Uint8Array) => client.send(framer.update(update)))
    const board = new Board(doc)
    const ideaId = board.addIdea({
      text: i < msg.typers ? 'Idee: ' : `Karte ${i}`,
      authorId: msg.control?.authorId ?? null,
      authorName: null,
    })
    const cardKey = `shape:idea-${ideaId}`
    doc.transact(() =>
      canvasStore(doc).set(cardKey, {
        id: cardKey,
        typeName: 'shape',
        type: 'idea-card',
        parentId: 'page:page',
        x: (i % 20) * 240,
        y: Math.floor(i / 20) * 180,
        props: { ideaId, w: 200, h: 140 },
      }),
    )
    writers.push({ client, doc, ideaId, cardKey })
  }

  // Viewers: updates decoded at the probes (the first `probes` measured clients),
  // Control messages at every measured client. A writer's own updates (a server may echo them)
  // are not deliveries.
  const own = new Map<MixClient, number>(writers.map((w) => [w.client, w.doc.clientID]))
  const lastPhase = new Map<MixClient, string>()
  const phaseSentAt = new Map<string, number>()
  const viewers = clients.filter((c) => c.measured)
  const probeSet = new Set(viewers.slice(0, probes))
  /** How many probes see a change sent by `sender` (not the sender itself). */
  const seenBy = (sender: MixClient) => probeSet.size - (probeSet.has(sender) ? 1 : 0)
  // What each measured viewer downloads (every frame, in the window): phones and the whiteboard.
  const bytes = { phone: 0, whiteboard: 0 }
  const heads = { phone: 0, whiteboard: 0 }
  for (const client of viewers) {
    const probe = probeSet.has(client)
    const device = client.index < msg.cursorClients ? 'whiteboard' : 'phone'
    heads[device]++
    client.onFrame = (data) => {
      const now = nowMicros()
      if (inWindow(now)) bytes[device] += data.length
      if (data[0] === MessageType.Control && msg.control) {
        const state = decodeControl(decoding.createDecoder(data.subarray(1)))
        if (!state || state.phase === lastPhase.get(client)) return
        lastPhase.set(client, state.phase)
        const sentAt = phaseSentAt.get(state.phase)
        if (sentAt !== undefined && inWindow(sentAt)) {
          hist.phase.record((now - sentAt) / 1000)
          count.phase.delivered++
        }
        return
      }
      if (!probe || now > countUntil) return
      const payload = syncPayload(framer, data)
      if (payload) {
        for (const struct of Y.decodeUpdate(payload).structs) {
          if (struct instanceof Y.Skip || struct.id.client === own.get(client)) continue
          for (let c = 0; c < struct.length; c++) {
            const sent = sends.get(`${struct.id.client}:${struct.id.clock + c}`)
            if (!sent || !inWindow(sent.micros)) continue
            hist[sent.kind].record((now - sent.micros) / 1000)
            count[sent.kind].delivered++
          }
        }
        return
      }
      scanBeacons(data, (micros, sender) => {
        if (!inWindow(micros) || sender === client.index % 100000) return
        hist.cursor.record((now - micros) / 1000)
        count.cursor.delivered++
      })
    }
  }

  // The facilitator: sees the turnout of the open round.
  const control = msg.control
  const voteSentAt: number[] = []
  let facilitator: MixClient | null = null
  if (control) {
    facilitator = await connectFacilitator()
    let seenDots = 0
    facilitator.onFrame = (data) => {
      if (data[0] !== MessageType.Control) return
      const now = nowMicros()
      const state = decodeControl(decoding.createDecoder(data.subarray(1)))
      const dots = state?.turnout?.dots ?? 0
      for (; seenDots < dots; seenDots++) {
        const sentAt = voteSentAt[seenDots]
        if (sentAt === undefined || !inWindow(sentAt)) continue
        hist.vote.record((now - sentAt) / 1000)
        count.vote.delivered++
      }
    }
  }

  const cpuAtStart = { v: process.cpuUsage() }
  let cpu = process.cpuUsage()
  const timers = [
    setTimeout(() => {
      cpuAtStart.v = process.cpuUsage()
    }, msg.warmupMs),
    setTimeout(() => {
      cpu = process.cpuUsage(cpuAtStart.v)
    }, msg.warmupMs + msg.measureMs),
  ]
  const api = async (path: string, body: unknown, cookie: string) => {
    const res = await fetch(`${control?.httpUrl}/api${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify(body),
    })
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`)
  }
  const errors: string[] = []
  const steps: Promise<void>[] = []
  if (control) {
    // Phase changes inside the window: cluster, then a voting round (the vote phase).
    const changes: { phase: string; run: () => Promise<void> }[] = [
      {
        phase: 'cluster',
        run: () =>
          api(
            `/workshops/${control.workshopId}/phase`,
            { phase: 'cluster' },
            control.facilitatorCookie,
          ),
      },
      {
        phase: 'vote',
        run: () =>
          api(
            `/workshops/${control.workshopId}/rounds`,
            { targetKind: 'idea', dotsPerPerson: 3 },
            control.facilitatorCookie,
          ),
      },
    ]
    for (const [k, change] of changes.entries()) {
      const at = msg.warmupMs + (k + 1) * control.phaseEveryMs
      if (at >= msg.warmupMs + msg.measureMs) break
      steps.push(
        new Promise<void>((resolve) => {
          setTimeout(() => {
            phaseSentAt.set(change.phase, nowMicros())
            count.phase.sent += viewers.length
            change
              .run()
              .then(() => {
                if (change.phase === 'vote') startVoting()
              })
              .catch((err: Error) => errors.push(err.message))
              .finally(resolve)
          }, at)
        }),
      )
    }
  }
  let votesDone: Promise<void> = Promise.resolve()
  const startVoting = () => {
    if (!control) return
    let next = 0
    const ideaIds = writers.map((w) => w.ideaId)
    votesDone = schedule(control.votesPerSecond, 0, endAt, () => {
      const cookie = control.voterCookies[next]
      if (!cookie) return
      const targetId = ideaIds[next % ideaIds.length]
      next++
      voteSentAt.push(nowMicros())
      if (inWindow(voteSentAt.at(-1)!)) count.vote.sent++
      void api(`/workshops/${control.workshopId}/votes`, { targetId, delta: 1 }, cookie).catch(
        (err: Error) => errors.push(err.message),
      )
    })
  }

  const letters = 'abcdefghijklmnopqrstuvwxyz äöüß'
  await Promise.all([
    ...clients.slice(0, msg.cursorClients).map((c, i) =>
      schedule(msg.cursorHz, (i * 0.618) % 1, endAt, () => {
        const micros = nowMicros()
        const x = Math.round(Math.random() * 4000)
        const y = Math.round(Math.random() * 2400)
        const state = `{"user":{"name":"Bench ${c.index}","color":"#30a0c0"},"cursor":{"x":${x},"y":${y}},"b":"${beacon(c.index, micros)}"}`
        ;(c.carrier ?? c).send(framer.awareness(c.clientId, ++c.clock, state))
        if (inWindow(micros)) count.cursor.sent += seenBy(c)
      }),
    ),
    ...writers.map((w, i) => {
      const typer = i < msg.typers
      const expected = seenBy(w.client)
      return schedule(typer ? msg.typeHz : msg.moveHz, (i * 0.382) % 1, endAt, () => {
        if (performance.now() >= editUntil) return
        const micros = nowMicros()
        const next = () => `${w.doc.clientID}:${Y.getState(w.doc.store, w.doc.clientID)}`
        if (typer) {
          const text = new Board(w.doc).ideaText(w.ideaId)
          if (!text) return
          // A long idea starts over (one deletion, not measured), as people rewrite.
          if (text.length > 1500) text.delete(6, text.length - 6)
          sends.set(next(), { micros, kind: 'type' })
          text.insert(text.length, letters[Math.floor(Math.random() * letters.length)]!)
        } else {
          const store = canvasStore<Record<string, unknown>>(w.doc)
          const card = store.get(w.cardKey)
          if (!card) return
          sends.set(next(), { micros, kind: 'move' })
          store.set(w.cardKey, {
            ...card,
            x: Math.round(Math.random() * 4000),
            y: Math.round(Math.random() * 2400),
          })
        }
        if (inWindow(micros)) count[typer ? 'type' : 'move'].sent += expected
      })
    }),
    ...steps,
  ])
  await votesDone
  await new Promise((r) => setTimeout(r, 1500))
  for (const t of timers) clearTimeout(t)
  for (const c of clients) c.onFrame = null
  if (facilitator) facilitator.onFrame = null
  // Every kind together, for the generic summary (the row shows each kind on its own).
  const all = new Histogram()
  for (const k of KINDS) all.merge(hist[k].toJSON())
  return {
    latency: all.toJSON(),
    mix: Object.fromEntries(
      KINDS.map((k) => [k, { hist: hist[k].toJSON() as HistogramData, ...count[k] }]),
    ),
    closed: clients.filter((c) => c.closedWith !== null).length,
    viewerKBps: {
      phone: bytes.phone / 1024 / Math.max(1, heads.phone) / (msg.measureMs / 1000),
      whiteboard: bytes.whiteboard / 1024 / Math.max(1, heads.whiteboard) / (msg.measureMs / 1000),
    },
    errors: [...errors.slice(0, 5), ...closeCodes(clients)],
    generatorCpuMs: (cpu.user + cpu.system) / 1000,
  }
}

/** "closed with 4408: 12 clients" per close code, for the run's errors. */
function closeCodes(clients: MixClient[]): string[] {
  const byCode = new Map<number, number>()
  for (const c of clients) {
    if (c.closedWith !== null) byCode.set(c.closedWith, (byCode.get(c.closedWith) ?? 0) + 1)
  }
  return [...byCode].map(([code, n]) => `closed with ${code}: ${n} clients`)
}
