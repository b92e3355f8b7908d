/**
 * Typed calls to the workshop control routes (phase, timer, settings, ideas, voting, projector
 * invite). The state itself arrives over the WebSocket (`BoardConnection.getControl()`); these
 * calls ask the server to change it.
 */
import { type ControlSettings, ControlState, RevealedRound, RoundInfo } from '@ideenwand/protocol'
import { apiJson, apiVoid, type Schema } from './http.ts'

export type {
  ControlSettings,
  ControlState,
  RankedEntry,
  ResistanceEntry,
  RevealedRound,
  RoundInfo,
} from '@ideenwand/protocol'
export type Phase = ControlState['phase']

const seg = encodeURIComponent

/** The last vote request sent (see `controlApi.vote`). */
let voteTail: Promise<unknown> = Promise.resolve()

/** Sends `request` after the vote requests sent before it have been answered. */
function inOrder<T>(request: () => Promise<T>): Promise<T> {
  const sent = voteTail.then(request)
  voteTail = sent.then(
    () => undefined,
    () => undefined,
  )
  return sent
}

const MyBallot: Schema<{
  votes: Record<string, number>
  remaining: number
  maxPerTarget?: number
}> = {
  safeParse(value) {
    const v = value as { votes?: unknown; remaining?: unknown; maxPerTarget?: unknown } | null
    return v && typeof v.remaining === 'number' && typeof v.votes === 'object' && v.votes !== null
      ? {
          success: true,
          data: {
            votes: v.votes as Record<string, number>,
            remaining: v.remaining,
            // A table device's own cap per target (issue 19 §2).
            ...(typeof v.maxPerTarget === 'number' ? { maxPerTarget: v.maxPerTarget } : {}),
          },
        }
      : { success: false, error: { message: 'expected a ballot' } }
  },
}

const JoinInfo: Schema<{ code: string; joinUrl: string; enabled: boolean }> = {
  safeParse(value) {
    const v = value as { code?: unknown; joinUrl?: unknown; enabled?: unknown } | null
    return v && typeof v.code === 'string' && typeof v.joinUrl === 'string'
      ? { success: true, data: { code: v.code, joinUrl: v.joinUrl, enabled: v.enabled === true } }
      : { success: false, error: { message: 'expected join info' } }
  },
}

const History: Schema<RevealedRound[]> = {
  safeParse(value) {
    const parsed = RevealedRound.array().safeParse(value)
    return parsed.success
      ? { success: true, data: parsed.data }
      : { success: false, error: { message: parsed.error.message } }
  },
}

export interface NewRound {
  /** Dots (default) or resistance 0–10 per option (Systemisches Konsensieren). */
  method?: 'dots' | 'resistance'
  targetKind?: 'idea' | 'cluster'
  targetIds?: string[]
  fromRound?: { number: number; top: number }
  /** Dot rounds only. */
  dotsPerPerson?: number
  maxPerTarget?: number
  durationSeconds?: number
}

export const controlApi = {
  state: (workshopId: string) =>
    apiJson('GET', `/workshops/${seg(workshopId)}/state`, ControlState),
  setPhase: (workshopId: string, phase: Phase) =>
    apiVoid('POST', `/workshops/${seg(workshopId)}/phase`, { phase }),
  timer: (
    workshopId: string,
    action: 'start' | 'pause' | 'resume' | 'reset' | 'add',
    seconds?: number,
  ) =>
    apiVoid('POST', `/workshops/${seg(workshopId)}/timer`, {
      action,
      ...(seconds !== undefined ? { seconds } : {}),
    }),
  settings: (workshopId: string, patch: ControlSettings) =>
    apiVoid('PATCH', `/workshops/${seg(workshopId)}/settings`, patch),
  hideIdea: (workshopId: string, ideaId: string, hidden: boolean) =>
    apiVoid(
      'POST',
      `/workshops/${seg(workshopId)}/ideas/${seg(ideaId)}/${hidden ? 'hide' : 'unhide'}`,
    ),
  /** Withdraws an idea that is not public yet (my own, or any as facilitator). */
  withdrawHeld: (workshopId: string, ideaId: string) =>
    apiVoid('DELETE', `/workshops/${seg(workshopId)}/held-ideas/${seg(ideaId)}`),
  approveIdea: (workshopId: string, ideaId: string) =>
    apiVoid('POST', `/workshops/${seg(workshopId)}/ideas/${seg(ideaId)}/approve`),
  /** Support a public idea ("+1", `on`) or withdraw the support; the server checks the rules. */
  support: (workshopId: string, ideaId: string, on: boolean) =>
    apiVoid(on ? 'POST' : 'DELETE', `/workshops/${seg(workshopId)}/ideas/${seg(ideaId)}/support`),
  startRound: (workshopId: string, round: NewRound) =>
    apiJson('POST', `/workshops/${seg(workshopId)}/rounds`, RoundInfo, round),
  closeRound: (workshopId: string) =>
    apiVoid('POST', `/workshops/${seg(workshopId)}/rounds/current/close`),
  reveal: (workshopId: string) =>
    apiVoid('POST', `/workshops/${seg(workshopId)}/rounds/current/reveal`),
  /**
   * Place (+1) or take back (-1) a dot; resolves with my ballot, or throws ApiError (409). Votes
   * go out one after another in the order pressed: two quick presses are two dots, each checked
   * by the server against the ballot the one before left.
   */
  vote: (workshopId: string, targetId: string, delta: 1 | -1) =>
    inOrder(() =>
      apiJson('POST', `/workshops/${seg(workshopId)}/votes`, MyBallot, { targetId, delta }),
    ),
  /** My resistance (0–10) to an option of the open resistance round; in order like `vote`. */
  rate: (workshopId: string, targetId: string, resistance: number) =>
    inOrder(() =>
      apiJson('POST', `/workshops/${seg(workshopId)}/resistance`, MyBallot, {
        targetId,
        resistance,
      }),
    ),
  history: (workshopId: string) => apiJson('GET', `/workshops/${seg(workshopId)}/rounds`, History),
  /** Ask to speak from the room or from home (again while waiting: switch the channel). */
  requestToSpeak: (workshopId: string, channel: 'room' | 'home') =>
    apiVoid('POST', `/workshops/${seg(workshopId)}/speaking`, { channel }),
  /** Withdraw my request (or, as facilitator, remove anyone's); a current turn ends. */
  withdrawSpeaking: (workshopId: string, requestId: string) =>
    apiVoid('DELETE', `/workshops/${seg(workshopId)}/speaking/${seg(requestId)}`),
  callNextSpeaker: (workshopId: string) =>
    apiVoid('POST', `/workshops/${seg(workshopId)}/speaking/next`),
  callSpeaker: (workshopId: string, requestId: string) =>
    apiVoid('POST', `/workshops/${seg(workshopId)}/speaking/${seg(requestId)}/call`),
  finishSpeaking: (workshopId: string) =>
    apiVoid('POST', `/workshops/${seg(workshopId)}/speaking/finish`),
  moveSpeaker: (workshopId: string, requestId: string, index: number) =>
    apiVoid('POST', `/workshops/${seg(workshopId)}/speaking/${seg(requestId)}/move`, { index }),
  alternateSpeakers: (workshopId: string, alternate: boolean) =>
    apiVoid('PATCH', `/workshops/${seg(workshopId)}/speaking`, { alternate }),
  clearSpeakers: (workshopId: string) =>
    apiVoid('DELETE', `/workshops/${seg(workshopId)}/speaking`),
  joinInfo: (workshopId: string) =>
    apiJson('GET', `/workshops/${seg(workshopId)}/join-info`, JoinInfo),
  joinQrUrl: (workshopId: string, code: string) =>
    `/api/workshops/${seg(workshopId)}/join-qr.svg?v=${seg(code)}`,
}
