/**
 * Vote controls on the canvas keep a usable size on screen (WCAG 2.5.8, issue 16): at a zoom
 * where their 32-page-pixel buttons would be smaller than 26 CSS pixels they are scaled up by
 * `--iw-vote-scale` (styles.css), and an idea card makes room for them under its text.
 */
import { useEditor, useValue } from 'tldraw'
import { isVoteTarget, type TargetKind } from '../../control/CardControls.tsx'
import { useControlContext } from '../../control/ControlContext.tsx'

/** The vote buttons' height in page pixels at scale 1, and the smallest on screen (CSS px). */
const VOTE_BUTTON_H = 32
const VOTE_MIN_SCREEN = 26

/** How much the vote controls are scaled up at this zoom (1 when zoomed in far enough). */
export function voteScale(zoom: number): number {
  const scale = VOTE_MIN_SCREEN / (VOTE_BUTTON_H * zoom)
  // Steps of 1/8, so zooming does not re-fit every card's text on every frame.
  return Math.max(1, Math.ceil(scale * 8) / 8)
}

/** Whether this person sees vote controls on the target now, and their scale. */
export function useVoteScale(kind: TargetKind, id: string): { votes: boolean; scale: number } {
  const editor = useEditor()
  const control = useControlContext()?.control ?? null
  const votes =
    control?.me.role === 'participant' &&
    control.myBallot !== null &&
    isVoteTarget(control, kind, id)
  const scale = useValue('vote scale', () => (votes ? voteScale(editor.getZoomLevel()) : 1), [
    editor,
    votes,
  ])
  return { votes, scale }
}
