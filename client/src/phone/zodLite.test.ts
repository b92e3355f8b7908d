/**
 * The phone build's zod stand-in (zodLite.ts) gives the same verdict and the same data as zod
 * for what the phone parses: the control state pushed over the WebSocket (valid, with unknown
 * keys, and broken in ways a buggy or hostile server frame could be) and API answers.
 */
import { fileURLToPath } from 'node:url'
import * as realProtocol from '@ideenwand/protocol'
import { describe, expect, it, vi } from 'vitest'

/** zod as the protocol package resolves it (the id a mock must name). */
const ZOD = fileURLToPath(import.meta.resolve('zod', import.meta.resolve('@ideenwand/protocol')))

async function lite() {
  vi.resetModules()
  vi.doMock(ZOD, () => import('./zodLite.ts'))
  const protocol = await import('@ideenwand/protocol')
  vi.doUnmock(ZOD)
  return { control: protocol, api: protocol }
}

const round = {
  id: 'r1',
  number: 1,
  status: 'open',
  method: 'dots',
  targetKind: 'idea',
  targetIds: null,
  dotsPerPerson: 5,
  maxPerTarget: 3,
  endsAt: null,
}

const state = {
  serverTime: 1_764_000_000_000,
  workshopId: 'w1',
  phase: 'vote',
  phaseStartedAt: 1_764_000_000_000,
  timer: { status: 'running', durationMs: 300_000, endsAt: 1_764_000_300_000, remainingMs: 0 },
  locked: false,
  privateCollection: false,
  ideasRevealed: true,
  premoderation: false,
  anonymousIdeas: false,
  storeAuthors: true,
  collaborativeClustering: true,
  spotlight: { kind: 'idea', id: 'i1' },
  follow: null,
  hiddenIdeaIds: ['i9'],
  pendingIdeaIds: [],
  support: { i1: 2, constructor: 1 },
  ideaStatus: { i1: 'in_review' },
  heldIdeas: [
    {
      id: 'i9',
      text: 'Werbung',
      color: 'yellow',
      clusterId: null,
      authorName: null,
      createdAt: 1,
      reasons: ['hidden'],
      mine: true,
    },
  ],
  round,
  myBallot: { votes: { i1: 2, constructor: 1 }, remaining: 2 },
  turnout: null,
  tally: null,
  history: [
    {
      ...round,
      status: 'revealed',
      revealedAt: 2,
      voters: 3,
      results: [{ targetId: 'i1', label: 'Radweg', dots: 4, rank: 1, tied: false }],
      resistance: null,
    },
    {
      ...round,
      id: 'r2',
      number: 2,
      method: 'resistance',
      status: 'revealed',
      revealedAt: 3,
      voters: 0,
      results: [],
      resistance: [
        {
          targetId: '::passive',
          label: '',
          passive: true,
          raters: 0,
          total: 0,
          mean: null,
          acceptance: null,
          rank: 1,
          tied: false,
        },
      ],
    },
  ],
  speaking: {
    alternate: false,
    current: null,
    queue: [],
    me: null,
    turns: { room: { count: 0, totalMs: 0 }, home: { count: 0, totalMs: 0 } },
  },
  me: {
    role: 'participant',
    id: 'g1',
    ideaIds: ['i1'],
    supportedIdeaIds: ['i1'],
    name: 'Erika',
    canWrite: false,
  },
}

const broken: [string, unknown][] = [
  ['not an object', 'vote'],
  ['null', null],
  ['a missing field', { ...state, me: undefined }],
  ['an unknown phase', { ...state, phase: 'party' }],
  ['a string for a number', { ...state, serverTime: '1' }],
  ['NaN', { ...state, phaseStartedAt: Number.NaN }],
  ['Infinity', { ...state, phaseStartedAt: Number.POSITIVE_INFINITY }],
  ['a bad array element', { ...state, hiddenIdeaIds: ['i1', 2] }],
  ['a bad record value', { ...state, myBallot: { votes: { i1: 'x' }, remaining: 1 } }],
  ['an array for an object', { ...state, timer: [] }],
  ['an unknown round method', { ...state, round: { ...round, method: 'veto' } }],
  ['a bad nested enum', { ...state, heldIdeas: [{ ...state.heldIdeas[0], reasons: ['x'] }] }],
]

describe('zodLite', () => {
  it('parses a control state like zod, unknown keys stripped', async () => {
    const { control } = await lite()
    // The schemas really are the stand-in's (zod's carry `_zod`).
    expect('_zod' in realProtocol.ControlState).toBe(true)
    expect('_zod' in control.ControlState).toBe(false)
    const input = { ...state, extra: 'dropped', me: { ...state.me, secret: 1 } }
    const real = realProtocol.ControlState.safeParse(input)
    const mine = control.ControlState.safeParse(input)
    expect(real.success, JSON.stringify(real.error?.issues)).toBe(true)
    expect(mine.success).toBe(true)
    expect(mine.data).toEqual(real.data)
    expect(mine.data).not.toHaveProperty('extra')
    expect(mine.data?.me).not.toHaveProperty('secret')
  })

  it.each(broken)('refuses %s like zod', async (_what, input) => {
    const { control } = await lite()
    expect(realProtocol.ControlState.safeParse(input).success).toBe(false)
    expect(control.ControlState.safeParse(input).success).toBe(false)
  })

  it('parses API answers and inputs like zod (strict objects, limits, trimming, optional keys)', async () => {
    const { api } = await lite()
    const samples: [string, unknown][] = [
      ['ApiErrorBody', { error: { code: 'x', message: 'y' } }],
      ['ApiErrorBody', { error: { code: 1 } }],
      ['WorkshopInput', { title: '  Themenlabor  ', place: null }],
      ['WorkshopInput', { title: '' }],
      ['WorkshopInput', { title: 'x', date: '2026-13' }],
      ['WorkshopPatch', {}],
      ['SetupRequest', { email: ' A@B.DE ', password: 'geheim-geheim-123', name: 'Maria' }],
      ['SetupRequest', { email: 'a@b.de', password: 'kurz', name: 'Maria' }],
      ['IdeaStatusRequest', { status: 'merged', mergedInto: 'i-abc12345' }],
      ['IdeaStatusRequest', { status: 'not_implemented', reason: '  kein Geld  ' }],
      ['IdeaStatusRequest', { status: 'open', reason: null, mergedInto: undefined }],
      ['IdeaStatusRequest', { status: 'gone' }],
    ]
    type Parser = { safeParse(v: unknown): { success: boolean; data?: unknown } }
    const pick = (m: typeof realProtocol): Record<string, Parser> => ({
      ApiErrorBody: m.ApiErrorBody,
      WorkshopInput: m.WorkshopInput,
      WorkshopPatch: m.WorkshopPatch,
      SetupRequest: m.SetupRequest,
      IdeaStatusRequest: m.IdeaStatusRequest,
    })
    const real = pick(realProtocol)
    const mine = pick(api as typeof realProtocol)
    for (const [name, input] of samples) {
      const a = real[name]?.safeParse(input)
      const b = mine[name]?.safeParse(input)
      expect(b?.success, `${name} ${JSON.stringify(input)}`).toBe(a?.success)
      if (a?.success) expect(b?.data).toEqual(a.data)
    }
  })
})
