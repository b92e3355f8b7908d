/**
 * Dot voting's rules, directly on VotingRounds (PGlite in memory): the round's life (start →
 * close → reveal, by hand or by its timer), the dot budget and the per-target maximum, what is a
 * target, who may vote, and the secret ballot — each refusal with its domain code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ControlFixture, codeOf, controlFixture } from './controlFixture.ts'
import { type RoundInput, type VotingHost, VotingRounds } from './VotingRounds.ts'
import type { Actor, CachedControl, Viewer } from './WorkshopControl.ts'

let fx: ControlFixture
beforeAll(async () => {
  fx = await controlFixture()
})
afterAll(async () => {
  await fx?.close()
})

const FACILITATOR: Actor = { role: 'facilitator', id: 'f1' }
const anna: Actor = { role: 'participant', id: 'anna' }
const ben: Actor = { role: 'participant', id: 'ben' }
const asViewer = (actor: Actor): Viewer => ({ ...actor, name: null, canWrite: true })

const IDEAS: RoundInput = {
  targetKind: 'idea',
  targetIds: null,
  dotsPerPerson: 3,
  maxPerTarget: 2,
  durationMs: null,
}

/** A workshop with three ideas, its cached control data and a host that records what it did. */
async function setup(phase: CachedControl['state']['phase'] = 'collect') {
  const w = await fx.workshop()
  const ideas = await fx.ideas(w.boardId, ['Radweg nach Wiesenburg', 'Badesee', 'Kino'])
  const c: CachedControl = {
    workshopId: w.id,
    boardId: w.boardId,
    archived: false,
    state: { ...(await fx.controlStore.state(w.id)), phase },
    round: null,
    flags: { hidden: [], pending: [] },
    held: [],
    heldIds: new Set(),
    authors: new Map(),
    history: [],
    speaking: { alternate: false, open: [], lastChannel: null, turns: [] },
    statuses: new Map(),
    roundTimer: null,
  }
  const calls: string[] = []
  const host: VotingHost = {
    load: async () => c,
    publish: async () => {
      calls.push('publish')
    },
    setPhase: async (_id, next) => {
      c.state = { ...c.state, phase: next }
      calls.push(`phase ${next}`)
    },
    publishVote: async (_c, voterId) => {
      calls.push(`vote ${voterId}`)
    },
    fail: (err) => calls.push(`failed ${String(err)}`),
  }
  const voting = new VotingRounds(fx.roundStore, fx.controlStore, fx.rooms, host)
  return { w, ideas, c, calls, voting }
}

describe('VotingRounds: the round’s life', () => {
  it('starting a round opens it and switches the workshop to the vote phase', async () => {
    const { c, calls, voting } = await setup('cluster')
    const round = await voting.start(c.workshopId, IDEAS, FACILITATOR)
    expect(round).toMatchObject({ number: 1, status: 'open', dotsPerPerson: 3, maxPerTarget: 2 })
    expect(c.round?.id).toBe(round.id)
    expect(c.state.phase).toBe('vote')
    expect(calls).toEqual(['phase vote'])
    // Already voting: no phase change, only a publish.
    await voting.close(c.workshopId, FACILITATOR)
    await voting.start(c.workshopId, IDEAS, FACILITATOR)
    expect(calls.filter((x) => x.startsWith('phase'))).toEqual(['phase vote'])
  })

  it('a target may never take more dots than a person has', async () => {
    const { c, voting } = await setup('vote')
    const round = await voting.start(
      c.workshopId,
      { ...IDEAS, dotsPerPerson: 2, maxPerTarget: 5 },
      FACILITATOR,
    )
    expect(round.maxPerTarget).toBe(2)
  })

  it('refuses a second open round (round_open), and reveals a closed one before the next', async () => {
    const { c, ideas, voting } = await setup('vote')
    await voting.start(c.workshopId, IDEAS, FACILITATOR)
    expect(await codeOf(voting.start(c.workshopId, IDEAS, FACILITATOR))).toBe('round_open')
    await voting.vote(c.workshopId, ideas[1]!, 1, anna)
    await voting.close(c.workshopId, FACILITATOR)
    expect(c.round?.status).toBe('closed')
    const second = await voting.start(c.workshopId, IDEAS, FACILITATOR)
    expect(second.number).toBe(2)
    // The first round was revealed on the way: its ranking is in the history.
    expect(c.history.map((r) => r.number)).toEqual([1])
    expect(c.history[0]?.results[0]).toMatchObject({ targetId: ideas[1], dots: 1 })
  })

  it('closing twice changes nothing; a closed round takes no dots (no_open_round)', async () => {
    const { c, ideas, calls, voting } = await setup('vote')
    await voting.close(c.workshopId, FACILITATOR)
    expect(calls).toEqual([])
    await voting.start(c.workshopId, IDEAS, FACILITATOR)
    await voting.close(c.workshopId, FACILITATOR)
    await voting.close(c.workshopId, FACILITATOR)
    expect(calls).toEqual(['publish', 'publish'])
    expect(await codeOf(voting.vote(c.workshopId, ideas[0]!, 1, anna))).toBe('no_open_round')
  })

  it('reveal without a round is refused (no_round); reveal closes an open round first', async () => {
    const { c, ideas, voting } = await setup('vote')
    expect(await codeOf(voting.reveal(c.workshopId, FACILITATOR))).toBe('no_round')
    await voting.start(c.workshopId, IDEAS, FACILITATOR)
    await voting.vote(c.workshopId, ideas[0]!, 1, anna)
    await voting.vote(c.workshopId, ideas[0]!, 1, ben)
    await voting.vote(c.workshopId, ideas[2]!, 1, ben)
    await voting.reveal(c.workshopId, FACILITATOR)
    expect(c.round).toBeNull()
    const [revealed] = c.history
    expect(revealed).toMatchObject({ number: 1, voters: 2 })
    expect(revealed?.results.map((r) => [r.label, r.dots])).toEqual([
      ['Radweg nach Wiesenburg', 2],
      ['Kino', 1],
      ['Badesee', 0],
    ])
    expect(await codeOf(voting.reveal(c.workshopId, FACILITATOR))).toBe('no_round')
  })

  it('a round with a time limit closes by itself', async () => {
    const { c, ideas, voting } = await setup('vote')
    await voting.start(c.workshopId, { ...IDEAS, durationMs: 50 }, FACILITATOR)
    expect(c.roundTimer).not.toBeNull()
    await expect.poll(() => c.round?.status, { timeout: 5_000 }).toBe('closed')
    expect(await codeOf(voting.vote(c.workshopId, ideas[0]!, 1, anna))).toBe('no_open_round')
  })
})

describe('VotingRounds: who votes on what, and how many dots', () => {
  it('only participants vote (not_a_voter), and only in the vote phase (no_open_round)', async () => {
    const { c, ideas, voting } = await setup('vote')
    await voting.start(c.workshopId, IDEAS, FACILITATOR)
    expect(await codeOf(voting.vote(c.workshopId, ideas[0]!, 1, FACILITATOR))).toBe('not_a_voter')
    const viewer: Actor = { role: 'viewer', id: 'projector' }
    expect(await codeOf(voting.vote(c.workshopId, ideas[0]!, 1, viewer))).toBe('not_a_voter')
    // The facilitator moved on to discuss while the round is still open.
    c.state = { ...c.state, phase: 'discuss' }
    expect(await codeOf(voting.vote(c.workshopId, ideas[0]!, 1, anna))).toBe('no_open_round')
  })

  it('the budget and the per-target maximum hold; a dot taken back can be given again', async () => {
    const { c, ideas, calls, voting } = await setup('vote')
    await voting.start(c.workshopId, IDEAS, FACILITATOR)
    const [a, b, d] = ideas as [string, string, string]
    expect(await voting.vote(c.workshopId, a, 1, anna)).toEqual({ votes: { [a]: 1 }, remaining: 2 })
    await voting.vote(c.workshopId, a, 1, anna)
    expect(await codeOf(voting.vote(c.workshopId, a, 1, anna))).toBe('target-maximum')
    expect(await voting.vote(c.workshopId, b, 1, anna)).toMatchObject({ remaining: 0 })
    expect(await codeOf(voting.vote(c.workshopId, d, 1, anna))).toBe('budget-exhausted')
    expect(await voting.vote(c.workshopId, a, -1, anna)).toEqual({
      votes: { [a]: 1, [b]: 1 },
      remaining: 1,
    })
    expect(await voting.vote(c.workshopId, d, 1, anna)).toMatchObject({ remaining: 0 })
    expect(await codeOf(voting.vote(c.workshopId, a, -1, ben))).toBe('no-dot-to-remove')
    // Each accepted dot updated the voter's and the facilitators' views; refusals did not.
    expect(calls.filter((x) => x.startsWith('vote'))).toHaveLength(5)
  })

  it('only targets take dots: not an unknown id, a hidden idea, or one outside a runoff', async () => {
    const { c, ideas, voting } = await setup('vote')
    const [a, b, d] = ideas as [string, string, string]
    c.flags = { hidden: [b], pending: [] }
    await voting.start(c.workshopId, { ...IDEAS, targetIds: [a, b] }, FACILITATOR)
    expect(await codeOf(voting.vote(c.workshopId, 'no-such-idea', 1, anna))).toBe('invalid-target')
    expect(await codeOf(voting.vote(c.workshopId, b, 1, anna))).toBe('invalid-target')
    expect(await codeOf(voting.vote(c.workshopId, d, 1, anna))).toBe('invalid-target')
    expect(await voting.vote(c.workshopId, a, 1, anna)).toMatchObject({ remaining: 2 })
  })
})

describe('VotingRounds: the secret ballot', () => {
  it('a participant sees only their own ballot; facilitators the turnout, the tally only if shown', async () => {
    const { c, ideas, voting } = await setup('vote')
    await voting.start(c.workshopId, IDEAS, FACILITATOR)
    const [a, b] = ideas as [string, string]
    await voting.vote(c.workshopId, a, 1, anna)
    await voting.vote(c.workshopId, b, 1, ben)
    await voting.vote(c.workshopId, b, 1, ben)
    const ballots = await voting.ballots(c.round)
    const annas = await voting.viewOf(c, c.round, asViewer(anna), ballots)
    expect(annas).toEqual({
      myBallot: { votes: { [a]: 1 }, remaining: 2 },
      turnout: null,
      tally: null,
    })
    const projector = await voting.viewOf(
      c,
      c.round,
      asViewer({ role: 'viewer', id: 'p' }),
      ballots,
    )
    expect(projector).toEqual({ myBallot: null, turnout: null, tally: null })
    const mara = await voting.viewOf(c, c.round, asViewer(FACILITATOR), ballots)
    expect(mara).toEqual({ myBallot: null, turnout: { voters: 2, dots: 3 }, tally: null })
    c.state = { ...c.state, showTally: true }
    const shown = await voting.viewOf(c, c.round, asViewer(FACILITATOR), ballots)
    expect(shown.tally?.slice(0, 2).map((e) => [e.targetId, e.dots])).toEqual([
      [b, 2],
      [a, 1],
    ])
    // Participants never get the tally, even when the facilitator shows it.
    expect((await voting.viewOf(c, c.round, asViewer(anna), ballots)).tally).toBeNull()
  })

  it('after the reveal no ballot is read any more; the ranking is the history’s', async () => {
    const { c, ideas, voting } = await setup('vote')
    await voting.start(c.workshopId, IDEAS, FACILITATOR)
    await voting.vote(c.workshopId, ideas[0]!, 1, anna)
    const round = c.round
    await voting.reveal(c.workshopId, FACILITATOR)
    expect((await voting.ballots(c.round)).size).toBe(0)
    expect(round && (await voting.ballots({ ...round, status: 'revealed' })).size).toBe(0)
    expect(c.history[0]?.voters).toBe(1)
  })
})
