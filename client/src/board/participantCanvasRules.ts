/**
 * The whiteboard of a participant offers only what the server allows them (server/src/sync/
 * updateRights.ts), so an honest person never has a change refused:
 *
 * - the canvas holds only the domain model's shapes: idea cards and cluster frames. Drawing,
 *   text, notes, arrows, images and frames are offered to nobody (boardUi.ts); a shape of another
 *   kind that anyone creates anyway (paste) is removed at once, in the same store change, so it
 *   never reaches the board (canvasDomainRules.ts);
 * - cards of other people's ideas and cluster frames move or go only while the facilitator lets
 *   participants arrange (`collaborativeClustering` in a phase that allows arranging); their own
 *   cards while they may edit their own ideas;
 * - a copy of a card (duplicate) is removed: an idea has one card.
 */

import type { Board } from '@ideenwand/board'
import { PHASE_RULES } from '@ideenwand/board'
import type { ControlState } from '@ideenwand/protocol'
import type { Editor, TLShape, TLUiToolsContextType } from 'tldraw'
import { isOwnIdea } from '../views/shared/author.ts'
import { clusterFrameId, ideaCardId, isClusterFrame, isIdeaCard } from './shapes/shapeTypes.ts'

/** The tools a participant keeps: selecting, moving around, pointing with the laser. */
const PARTICIPANT_TOOLS = new Set(['select', 'hand', 'laser', 'zoom'])

/** Removes the drawing tools (and their keyboard shortcuts) from a participant's toolbar. */
export function participantTools(tools: TLUiToolsContextType): TLUiToolsContextType {
  const kept: TLUiToolsContextType = {}
  for (const [id, tool] of Object.entries(tools)) if (PARTICIPANT_TOOLS.has(id)) kept[id] = tool
  return kept
}

/** What the participant may do now, from the server's control state. */
export function participantRights(control: ControlState | null): {
  me: { id: string; ideaIds: readonly string[] } | null
  editOwn: boolean
  arrange: boolean
} {
  if (!control) return { me: null, editOwn: false, arrange: false }
  const rules = PHASE_RULES[control.phase]
  const open = !control.locked && control.me.canWrite
  return {
    me: control.me,
    editOwn: open && rules.editOwnIdeas,
    arrange: open && rules.arrange && control.collaborativeClustering,
  }
}

/** Registers the rules; `rights` is read on every change. Returns a function that removes them. */
export function registerParticipantRules(
  editor: Editor,
  board: Board,
  rights: () => ReturnType<typeof participantRights>,
): () => void {
  const mayTouch = (shape: TLShape): boolean => {
    const r = rights()
    if (isIdeaCard(shape)) {
      if (r.arrange) return true
      const idea = board.idea(shape.props.ideaId)
      return r.editOwn && idea !== undefined && r.me !== null && isOwnIdea(idea, r.me)
    }
    if (isClusterFrame(shape)) return r.arrange
    return false
  }
  const isDomainShape = (shape: TLShape): boolean =>
    (isIdeaCard(shape) && shape.id === ideaCardId(shape.props.ideaId)) ||
    (isClusterFrame(shape) && shape.id === clusterFrameId(shape.props.clusterId))

  /** Housekeeping every whiteboard does (canvasDomainRules.ts), which the server allows too. */
  const housekeeping = (prev: TLShape, next: TLShape): boolean => {
    const parent = editor.getShape(prev.parentId)
    if (isIdeaCard(next) && parent && isClusterFrame(parent)) {
      // A card leaves the frame of a cluster that is gone.
      if (!board.cluster(parent.props.clusterId)) return true
    }
    // A frame grows to fit a card placed in it.
    return (
      isClusterFrame(prev) &&
      isClusterFrame(next) &&
      next.x === prev.x &&
      next.y === prev.y &&
      next.props.w === prev.props.w &&
      next.props.h >= prev.props.h
    )
  }
  let removing = false

  const disposers = [
    editor.sideEffects.registerBeforeChangeHandler('shape', (prev, next, source) => {
      if (source !== 'user' || mayTouch(prev) || housekeeping(prev, next)) return next
      return prev
    }),
    editor.sideEffects.registerBeforeDeleteHandler('shape', (shape, source) => {
      if (source !== 'user' || removing || !isDomainShape(shape)) return
      // Cards of ideas that are gone are tidied away by every whiteboard.
      if (isIdeaCard(shape) && !board.idea(shape.props.ideaId)) return
      if (isClusterFrame(shape) && !board.cluster(shape.props.clusterId)) return
      if (!mayTouch(shape)) return false
    }),
    editor.sideEffects.registerAfterCreateHandler('shape', (shape, source) => {
      // Shapes of other kinds are removed for every role (canvasDomainRules.ts); a copy of a card
      // (duplicate) is the participant's case.
      if (source !== 'user' || isDomainShape(shape)) return
      if (!isIdeaCard(shape) && !isClusterFrame(shape)) return
      removing = true
      try {
        editor.deleteShapes([shape.id])
      } finally {
        removing = false
      }
    }),
  ]
  return () => {
    for (const dispose of disposers) dispose()
  }
}
