/**
 * What a participant's whiteboard offers (participantCanvasRules.ts), from the server's control
 * state: their own cards while the phase lets them edit own ideas, everyone's cards and frames
 * only while arranging is allowed AND the facilitator lets participants sort (collaborative
 * clustering); nothing on a locked board or without write rights; and a toolbar without drawing.
 */
import { PHASES } from '@ideenwand/board'
import type { TLUiToolsContextType } from 'tldraw'
import { describe, expect, it } from 'vitest'
import { controlState } from '../control/controlStateFixture.ts'
import { participantRights, participantTools } from './participantCanvasRules.ts'

describe('participantRights', () => {
  it('allows nothing before the first control state', () => {
    expect(participantRights(null)).toEqual({ me: null, editOwn: false, arrange: false })
  })

  it('follows the phase: own ideas while collecting and clustering, arranging likewise', () => {
    const rights = Object.fromEntries(
      PHASES.map((phase) => {
        const { editOwn, arrange } = participantRights(controlState({ phase }))
        return [phase, { editOwn, arrange }]
      }),
    )
    expect(rights).toEqual({
      collect: { editOwn: true, arrange: true },
      cluster: { editOwn: true, arrange: true },
      vote: { editOwn: false, arrange: false },
      discuss: { editOwn: false, arrange: false },
    })
  })

  it('keeps own cards but not everyone’s when the facilitator sorts alone', () => {
    const rights = participantRights(
      controlState({ phase: 'cluster', collaborativeClustering: false }),
    )
    expect(rights.editOwn).toBe(true)
    expect(rights.arrange).toBe(false)
  })

  it('allows nothing on a locked board, whatever the phase', () => {
    for (const phase of ['collect', 'cluster'] as const) {
      const rights = participantRights(controlState({ phase, locked: true }))
      expect(rights, phase).toMatchObject({ editOwn: false, arrange: false })
    }
  })

  it('allows nothing when the server drops this person’s writes', () => {
    const rights = participantRights(controlState({ me: { canWrite: false } }))
    expect(rights).toMatchObject({ editOwn: false, arrange: false })
  })

  it('names the person with their own ideas, anonymous ones included', () => {
    const control = controlState({ me: { id: 'guest-7', ideaIds: ['i1', 'i2'] } })
    expect(participantRights(control).me).toMatchObject({ id: 'guest-7', ideaIds: ['i1', 'i2'] })
  })
})

describe('participantTools', () => {
  it('keeps selecting, the hand, the laser and zoom, and drops every drawing tool', () => {
    const tool = (id: string) => ({ id }) as unknown as TLUiToolsContextType[string]
    const all = Object.fromEntries(
      [
        'select',
        'hand',
        'laser',
        'zoom',
        'draw',
        'text',
        'note',
        'arrow',
        'frame',
        'geo',
        'eraser',
      ].map((id) => [id, tool(id)]),
    ) as TLUiToolsContextType
    expect(Object.keys(participantTools(all)).sort()).toEqual(['hand', 'laser', 'select', 'zoom'])
    expect(participantTools(all).laser).toBe(all.laser)
  })
})
