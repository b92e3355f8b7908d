/**
 * Dots this participant gave to something that left the open round (an idea hidden meanwhile,
 * whose card is gone from the board): listed beside the dots left, each with a button that takes
 * one back (the server allows it, VotingRounds), so the budget is never stuck. The same words as
 * the phone and list views.
 */
import { dotsOn } from '@ideenwand/board'
import type { ControlState } from '@ideenwand/protocol'
import { controlApi } from '../api/control.ts'
import { useT } from '../i18n/LangProvider.tsx'
import { isVoteTarget } from './CardControls.tsx'
import { useControlContext } from './ControlContext.tsx'
import './stranded.css'

export function StrandedDots({ control }: { control: ControlState }) {
  const v = useT('views')
  const ctx = useControlContext()
  const { round, myBallot } = control
  if (!ctx || !round || !myBallot) return null
  const stranded = Object.keys(myBallot.votes).filter(
    (id) => dotsOn(myBallot.votes, id) > 0 && !isVoteTarget(control, round.targetKind, id),
  )
  if (stranded.length === 0) return null
  const label = v('vote.hiddenTarget')
  return (
    <div className="iw-stranded" data-testid="stranded-dots">
      <span>{v('vote.stranded')}:</span>
      {stranded.map((id) => (
        <button
          key={id}
          type="button"
          className="iw-button"
          aria-label={v('vote.minus', { label })}
          data-target-id={id}
          onClick={() => void ctx.run((workshopId) => controlApi.vote(workshopId, id, -1))}
        >
          − {label} ({dotsOn(myBallot.votes, id)})
        </button>
      ))}
    </div>
  )
}
