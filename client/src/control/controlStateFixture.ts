/**
 * Test fixture: a control state as the server sends it (checked against the protocol's schema),
 * with the fields a test is about overridden. A participant collecting ideas, by default.
 */
import { ControlState } from '@ideenwand/protocol'

type Me = ControlState['me']

const NO_TURNS = { room: { count: 0, totalMs: 0 }, home: { count: 0, totalMs: 0 } }

export function controlState(
  overrides: Partial<Omit<ControlState, 'me'>> & { me?: Partial<Me> } = {},
): ControlState {
  const { me, ...rest } = overrides
  const base: ControlState = {
    serverTime: 1_764_000_000_000,
    workshopId: 'w1',
    phase: 'collect',
    phaseStartedAt: 1_764_000_000_000,
    timer: { status: 'stopped', durationMs: 0, endsAt: null, remainingMs: 0 },
    locked: false,
    privateCollection: false,
    ideasRevealed: false,
    premoderation: false,
    anonymousIdeas: false,
    storeAuthors: true,
    collaborativeClustering: true,
    spotlight: null,
    follow: null,
    hiddenIdeaIds: [],
    pendingIdeaIds: [],
    support: {},
    ideaStatus: {},
    heldIdeas: [],
    round: null,
    myBallot: null,
    turnout: null,
    tally: null,
    history: [],
    speaking: { alternate: false, current: null, queue: [], me: null, turns: NO_TURNS },
    me: {
      role: 'participant',
      id: 'guest-1',
      ideaIds: [],
      supportedIdeaIds: [],
      name: 'Ada',
      canWrite: true,
    },
  }
  return ControlState.parse({ ...base, ...rest, me: { ...base.me, ...me } })
}
