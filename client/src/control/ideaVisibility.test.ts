/**
 * Who sees which idea on the canvas (ideaVisibility.ts): facilitators every idea, with marks;
 * others not hidden ideas, pending ideas only their own, and during private collection only
 * their own until the reveal. "Own" is the author id or, for anonymous ideas, the server's record.
 */
import { describe, expect, it } from 'vitest'
import { controlState } from './controlStateFixture.ts'
import { ideaView, invisibleIdeaIds } from './ideaVisibility.ts'

const mine = { id: 'i-mine', authorId: 'guest-1' }
const theirs = { id: 'i-theirs', authorId: 'guest-2' }
/** Written by guest-1 with anonymous ideas on: the document names nobody. */
const anonymousMine = { id: 'i-anon', authorId: null }
const anonymousTheirs = { id: 'i-anon-2', authorId: null }

const participant = (overrides: Parameters<typeof controlState>[0] = {}) =>
  controlState({ ...overrides, me: { id: 'guest-1', ideaIds: ['i-anon'], ...overrides.me } })
const facilitator = (overrides: Parameters<typeof controlState>[0] = {}) =>
  controlState({ ...overrides, me: { role: 'facilitator', id: 'fac-1', ...overrides.me } })

describe('ideaView', () => {
  it('shows everything, unmarked, before the first control state', () => {
    expect(ideaView(theirs, null)).toEqual({ shown: true, marks: [] })
  })

  it('shows a public idea to everyone, unmarked', () => {
    expect(ideaView(theirs, participant())).toEqual({ shown: true, marks: [] })
    expect(ideaView(theirs, facilitator())).toEqual({ shown: true, marks: [] })
  })

  it('hides a hidden idea from everyone but facilitators, its author included', () => {
    const control = { hiddenIdeaIds: ['i-mine', 'i-theirs'] }
    expect(ideaView(mine, participant(control))).toEqual({ shown: false, marks: [] })
    expect(ideaView(theirs, participant(control))).toEqual({ shown: false, marks: [] })
    expect(ideaView(theirs, facilitator(control))).toEqual({ shown: true, marks: ['hidden'] })
  })

  it('shows a pending idea only to its author (marked) and to facilitators', () => {
    const control = { pendingIdeaIds: ['i-mine', 'i-theirs', 'i-anon'] }
    expect(ideaView(mine, participant(control))).toEqual({ shown: true, marks: ['pending'] })
    expect(ideaView(anonymousMine, participant(control))).toEqual({
      shown: true,
      marks: ['pending'],
    })
    expect(ideaView(theirs, participant(control))).toEqual({ shown: false, marks: [] })
    expect(ideaView(theirs, facilitator(control))).toEqual({ shown: true, marks: ['pending'] })
  })

  it('marks an idea both hidden and pending for facilitators', () => {
    const control = facilitator({ hiddenIdeaIds: ['i-theirs'], pendingIdeaIds: ['i-theirs'] })
    expect(ideaView(theirs, control).marks).toEqual(['hidden', 'pending'])
  })

  it('shows only own ideas (marked private) during private collection', () => {
    const control = participant({ privateCollection: true, ideasRevealed: false })
    expect(ideaView(mine, control)).toEqual({ shown: true, marks: ['private'] })
    expect(ideaView(anonymousMine, control)).toEqual({ shown: true, marks: ['private'] })
    expect(ideaView(theirs, control)).toEqual({ shown: false, marks: [] })
    expect(ideaView(anonymousTheirs, control)).toEqual({ shown: false, marks: [] })
  })

  it('shows everyone’s ideas again, unmarked, once they are revealed', () => {
    const control = participant({ privateCollection: true, ideasRevealed: true })
    expect(ideaView(theirs, control)).toEqual({ shown: true, marks: [] })
    expect(ideaView(mine, control)).toEqual({ shown: true, marks: [] })
  })

  it('gives facilitators no private mark: they see every idea as it is', () => {
    const control = facilitator({ privateCollection: true, ideasRevealed: false })
    expect(ideaView(theirs, control)).toEqual({ shown: true, marks: [] })
  })

  it('marks an own idea pending and private together during private collection', () => {
    const control = participant({ privateCollection: true, pendingIdeaIds: ['i-mine'] })
    expect(ideaView(mine, control)).toEqual({ shown: true, marks: ['pending', 'private'] })
  })

  it('does not take an anonymous idea for anyone’s own without the server’s record', () => {
    const control = participant({ pendingIdeaIds: ['i-anon-2'] })
    expect(ideaView(anonymousTheirs, control).shown).toBe(false)
  })
})

describe('invisibleIdeaIds', () => {
  const ideas = [mine, theirs, anonymousMine, anonymousTheirs]

  it('is empty before the first control state and for facilitators', () => {
    expect(invisibleIdeaIds(ideas, null).size).toBe(0)
    const control = facilitator({ hiddenIdeaIds: ['i-theirs'], privateCollection: true })
    expect(invisibleIdeaIds(ideas, control).size).toBe(0)
  })

  it('names exactly the ideas a participant does not see', () => {
    const control = participant({ hiddenIdeaIds: ['i-mine'], privateCollection: true })
    expect([...invisibleIdeaIds(ideas, control)].sort()).toEqual(['i-anon-2', 'i-mine', 'i-theirs'])
  })
})
