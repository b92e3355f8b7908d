/**
 * The workshop control's state machine on ControlService (PGlite in memory, live connections on the
 * board): phase changes and what they do to the timer and to who may write, the lock, archive,
 * private collection, moderation of held ideas, the voting round through the service, and the
 * refusals with their domain codes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Actor } from './ControlService.ts'
import { type ControlFixture, codeOf, controlFixture } from './controlFixture.ts'

let fx: ControlFixture
beforeAll(async () => {
  fx = await controlFixture()
})
afterAll(async () => {
  await fx?.close()
})

const MARA: Actor = { role: 'facilitator', id: 'f1' }

/** A workshop with a participant, a viewer and a facilitator connected to its board. */
async function workshopWithPeople() {
  const w = await fx.workshop()
  const annaId = await fx.guest(w.id)
  const projectorId = await fx.guest(w.id, 'viewer')
  const anna = fx.connect({ boardId: w.boardId, guestId: annaId, role: 'participant' })
  const projector = fx.connect({
    boardId: w.boardId,
    guestId: projectorId,
    role: 'viewer',
    canWrite: false,
  })
  const mara = fx.connect({
    boardId: w.boardId,
    facilitatorId: fx.facilitatorId,
    role: 'facilitator',
  })
  // Each gets its control state on joining.
  await expect.poll(() => [anna, projector, mara].every((c) => c.controls.length > 0)).toBe(true)
  return { w, annaId, anna, projector, mara }
}

const latest = (c: { controls: { phase: string }[] }) => c.controls.at(-1)

describe('ControlService: phases', () => {
  it('collect → vote → collect: participants lose and regain writing, everyone is told', async () => {
    const { w, anna, projector, mara } = await workshopWithPeople()
    expect(latest(anna)?.phase).toBe('collect')
    expect(await fx.control.participantsMayWrite(w.id)).toBe(true)

    await fx.control.setPhase(w.id, 'vote', MARA)
    expect(anna.conn.context.canWrite).toBe(false)
    expect(mara.conn.context.canWrite).toBe(true)
    expect(projector.conn.context.canWrite).toBe(false)
    expect(await fx.control.participantsMayWrite(w.id)).toBe(false)
    for (const c of [anna, projector, mara]) expect(latest(c)?.phase).toBe('vote')

    await fx.control.setPhase(w.id, 'collect', MARA)
    expect(anna.conn.context.canWrite).toBe(true)
    // A viewer never writes, whatever the phase.
    expect(projector.conn.context.canWrite).toBe(false)
  })

  it('a new phase starts without the last one’s timer; the same phase again changes nothing', async () => {
    const { w } = await workshopWithPeople()
    await fx.control.timer(w.id, 'start', 60_000, MARA)
    expect(
      (await fx.control.stateFor(w.id, { ...MARA, name: null, canWrite: true })).timer,
    ).toMatchObject({
      status: 'running',
      durationMs: 60_000,
    })
    await fx.control.setPhase(w.id, 'cluster', MARA)
    const state = await fx.control.stateFor(w.id, { ...MARA, name: null, canWrite: true })
    expect(state.phase).toBe('cluster')
    expect(state.timer.status).toBe('stopped')
    const logged = async () =>
      (await fx.control.activity(w.id)).filter((a) => a.type === 'phase').length
    expect(await logged()).toBe(1)
    await fx.control.setPhase(w.id, 'cluster', MARA)
    expect(await logged()).toBe(1)
  })

  it('the lock makes participants read-only in any phase, until it is lifted', async () => {
    const { w, anna, mara } = await workshopWithPeople()
    await fx.control.settings(w.id, { locked: true }, MARA)
    expect(anna.conn.context.canWrite).toBe(false)
    expect(mara.conn.context.canWrite).toBe(true)
    await fx.control.settings(w.id, { locked: false }, MARA)
    expect(anna.conn.context.canWrite).toBe(true)
  })

  it('switching private collection on starts unrevealed; switching it on again keeps a reveal given with it', async () => {
    const { w } = await workshopWithPeople()
    const view = () => fx.control.stateFor(w.id, { ...MARA, name: null, canWrite: true })
    await fx.control.settings(w.id, { ideasRevealed: true }, MARA)
    await fx.control.settings(w.id, { privateCollection: true }, MARA)
    expect(await view()).toMatchObject({ privateCollection: true, ideasRevealed: false })
    await fx.control.settings(w.id, { ideasRevealed: true }, MARA)
    await fx.control.settings(w.id, { privateCollection: true }, MARA)
    expect((await view()).ideasRevealed).toBe(true)
  })
})

describe('ControlService: archive and unknown workshops', () => {
  it('an archived workshop refuses every change (workshop_archived) and nobody writes its board', async () => {
    const { w, anna, mara } = await workshopWithPeople()
    await fx.workshops.setArchived(w.id, true)
    await fx.control.refresh(w.id)
    expect(anna.conn.context.canWrite).toBe(false)
    expect(mara.conn.context.canWrite).toBe(false)
    const refused = await Promise.all([
      codeOf(fx.control.setPhase(w.id, 'vote', MARA)),
      codeOf(fx.control.timer(w.id, 'start', 1_000, MARA)),
      codeOf(fx.control.settings(w.id, { locked: true }, MARA)),
      codeOf(
        fx.control.startRound(
          w.id,
          {
            targetKind: 'idea',
            targetIds: null,
            dotsPerPerson: 3,
            maxPerTarget: 1,
            durationMs: null,
          },
          MARA,
        ),
      ),
      codeOf(fx.control.flagIdea(w.id, 'i1', 'hidden', true, MARA)),
    ])
    expect(refused).toEqual(Array(5).fill('workshop_archived'))
    // Brought back: everything works again.
    await fx.workshops.setArchived(w.id, false)
    await fx.control.refresh(w.id)
    expect(anna.conn.context.canWrite).toBe(true)
    await fx.control.setPhase(w.id, 'cluster', MARA)
  })

  it('a workshop that does not exist is workshop_not_found, and is not cached as one', async () => {
    expect(await codeOf(fx.control.participantsMayWrite('no-such-workshop'))).toBe(
      'workshop_not_found',
    )
    expect(await codeOf(fx.control.setPhase('no-such-workshop', 'vote', MARA))).toBe(
      'workshop_not_found',
    )
  })
})

describe('ControlService: held ideas and voting through the service', () => {
  it('hiding an idea takes it off the board and holds it; showing it again puts it back', async () => {
    const { w } = await workshopWithPeople()
    const [idea] = await fx.ideas(w.boardId, ['Skatepark'])
    const onBoard = () => fx.rooms.get(w.boardId)?.doc.getMap('ideas').has(idea!) ?? false
    await fx.rooms.acquire(w.boardId)
    expect(onBoard()).toBe(true)
    await fx.control.flagIdea(w.id, idea!, 'hidden', true, MARA)
    expect(onBoard()).toBe(false)
    const facilitatorView = await fx.control.stateFor(w.id, { ...MARA, name: null, canWrite: true })
    expect(facilitatorView.heldIdeas.map((h) => [h.id, h.text, h.reasons])).toEqual([
      [idea, 'Skatepark', ['hidden']],
    ])
    await fx.control.flagIdea(w.id, idea!, 'hidden', false, MARA)
    expect(onBoard()).toBe(true)
    fx.rooms.release(w.boardId)
  })

  it('only the author or a facilitator deletes a held idea; others get held_idea_not_found', async () => {
    const { w } = await workshopWithPeople()
    const [idea] = await fx.ideas(w.boardId, ['Badestelle'])
    await fx.control.flagIdea(w.id, idea!, 'hidden', true, MARA)
    const ben: Actor = { role: 'participant', id: 'ben' }
    expect(await codeOf(fx.control.deleteHeld(w.id, idea!, ben))).toBe('held_idea_not_found')
    expect(await codeOf(fx.control.deleteHeld(w.id, 'unknown', MARA))).toBe('held_idea_not_found')
    await fx.control.deleteHeld(w.id, idea!, MARA)
    const view = await fx.control.stateFor(w.id, { ...MARA, name: null, canWrite: true })
    expect(view.heldIdeas).toEqual([])
  })

  it('a round started from collecting moves to vote; Anna sees only her dots, Mara the turnout', async () => {
    const { w, annaId, anna, mara } = await workshopWithPeople()
    const [radweg] = await fx.ideas(w.boardId, ['Radweg', 'Kino'])
    await fx.control.startRound(
      w.id,
      { targetKind: 'idea', targetIds: null, dotsPerPerson: 2, maxPerTarget: 1, durationMs: null },
      MARA,
    )
    expect(anna.conn.context.canWrite).toBe(false)
    await fx.control.vote(w.id, radweg!, 1, { role: 'participant', id: annaId })
    await expect.poll(() => anna.controls.at(-1)?.myBallot?.remaining).toBe(1)
    expect(anna.controls.at(-1)?.turnout).toBeNull()
    await expect.poll(() => mara.controls.at(-1)?.turnout).toEqual({ voters: 1, dots: 1 })
    expect(mara.controls.at(-1)?.myBallot).toBeNull()
    await fx.control.reveal(w.id, MARA)
    const after = await fx.control.stateFor(w.id, {
      role: 'participant',
      id: annaId,
      name: null,
      canWrite: false,
    })
    expect(after.round).toBeNull()
    expect(after.history[0]?.results[0]).toMatchObject({ targetId: radweg, dots: 1 })
  })
})
