/**
 * What a person may write on the canvas now (writeRules.ts): "Idee hinzufügen" is offered to a
 * participant only while the board is open, the phase collects ideas and the server lets them
 * write; facilitators always; viewers never.
 */
import { PHASES } from '@ideenwand/board'
import { describe, expect, it } from 'vitest'
import { controlState } from './controlStateFixture.ts'
import { addIdeaBlock, controlAllowsWrite, explainsBlock } from './writeRules.ts'

describe('addIdeaBlock', () => {
  it('offers adding before the first control state arrives', () => {
    expect(addIdeaBlock(null)).toBeNull()
  })

  it('offers adding to a participant who may write while collecting', () => {
    expect(addIdeaBlock(controlState())).toBeNull()
  })

  it('offers adding to facilitators in every phase, locked or not, even without write rights', () => {
    for (const phase of PHASES) {
      const control = controlState({
        phase,
        locked: true,
        me: { role: 'facilitator', canWrite: false },
      })
      expect(addIdeaBlock(control), phase).toBeNull()
    }
  })

  it('says "phase" for a participant in every phase that collects no ideas', () => {
    expect(addIdeaBlock(controlState({ phase: 'cluster' }))).toBe('phase')
    expect(addIdeaBlock(controlState({ phase: 'vote' }))).toBe('phase')
    expect(addIdeaBlock(controlState({ phase: 'discuss' }))).toBe('phase')
  })

  it('says "locked" before "phase": a locked board is the reason, whatever the phase', () => {
    expect(addIdeaBlock(controlState({ locked: true }))).toBe('locked')
    expect(addIdeaBlock(controlState({ locked: true, phase: 'vote' }))).toBe('locked')
  })

  it('says "readonly" when the server refuses writes for another reason (archived)', () => {
    expect(addIdeaBlock(controlState({ me: { canWrite: false } }))).toBe('readonly')
  })

  it('says "readonly" for a viewer, even while collecting on an open board', () => {
    expect(addIdeaBlock(controlState({ me: { role: 'viewer', canWrite: false } }))).toBe('readonly')
    expect(addIdeaBlock(controlState({ me: { role: 'viewer', canWrite: true } }))).toBe('readonly')
  })
})

describe('explainsBlock', () => {
  it('keeps the toolbar (disabled, explained) for a locked board and a phase without ideas', () => {
    expect(explainsBlock('locked')).toBe(true)
    expect(explainsBlock('phase')).toBe(true)
  })

  it('hides it when nothing is blocked or the person cannot write at all', () => {
    expect(explainsBlock(null)).toBe(false)
    expect(explainsBlock('readonly')).toBe(false)
  })
})

describe('controlAllowsWrite', () => {
  it('keeps the canvas editable until the first control state', () => {
    expect(controlAllowsWrite(null)).toBe(true)
  })

  it('follows the server’s canWrite, whatever the role', () => {
    expect(controlAllowsWrite(controlState({ me: { canWrite: false } }))).toBe(false)
    expect(controlAllowsWrite(controlState({ me: { canWrite: true } }))).toBe(true)
    const facilitator = controlState({ me: { role: 'facilitator', canWrite: false } })
    expect(controlAllowsWrite(facilitator)).toBe(false)
  })
})
