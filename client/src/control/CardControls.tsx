/**
 * What the workshop control adds to an idea card or a cluster frame on the canvas: marks
 * ("verborgen", "wartet auf Freigabe", "nur für Sie sichtbar", "Im Fokus"), and in an open
 * voting round the participant's dots with real +/- buttons. tldraw shapes ignore pointer
 * events, so the buttons opt in (`pointerEvents: 'all'`) and keep their pointer and key events
 * from the canvas. Optimistic UI is not needed: the server pushes the new ballot.
 */
import { dotsOn } from '@ideenwand/board'
import type { ControlState } from '@ideenwand/protocol'
import { type KeyboardEvent, type PointerEvent, useState } from 'react'
import { controlApi } from '../api/control.ts'
import { useControlT } from '../i18n/useControlT.ts'
import { useControlContext } from './ControlContext.tsx'
import { type IdeaMark, ideaView } from './ideaVisibility.ts'

export type TargetKind = 'idea' | 'cluster'

const stop = (event: PointerEvent | KeyboardEvent) => event.stopPropagation()

/** Whether `id` can get dots in the open dot round (server rules: not hidden, not pending). */
export function isVoteTarget(control: ControlState | null, kind: TargetKind, id: string): boolean {
  const round = control?.round
  if (control?.phase !== 'vote' || round?.status !== 'open') return false
  // A resistance round is rated in its own form (ResistancePanel), not with dots on the cards.
  if (round.method !== 'dots' || round.targetKind !== kind) return false
  if (round.targetIds) return round.targetIds.includes(id)
  if (kind === 'idea') {
    return !control.hiddenIdeaIds.includes(id) && !control.pendingIdeaIds.includes(id)
  }
  return true
}

/** Classes and author visibility for a card, from the ctx state. */
export function useCardControl(
  kind: TargetKind,
  id: string,
  authorId: string | null = null,
): { className: string; showAuthor: boolean; marks: IdeaMark[]; spotlit: boolean } {
  const control = useControlContext()?.control ?? null
  const marks = kind === 'idea' ? ideaView({ id, authorId }, control).marks : []
  const spotlit = control?.spotlight?.kind === kind && control.spotlight.id === id
  const classes = []
  if (marks.includes('hidden')) classes.push('iw-control-dimmed')
  if (spotlit) classes.push('iw-control-spotlit')
  if (isVoteTarget(control, kind, id)) classes.push('iw-control-votable')
  return {
    className: classes.join(' '),
    showAuthor: !control?.anonymousIdeas,
    marks,
    spotlit,
  }
}

export function CardMarks({ marks, spotlit }: { marks: IdeaMark[]; spotlit: boolean }) {
  const ct = useControlT()
  if (marks.length === 0 && !spotlit) return null
  const text: Record<IdeaMark, string> = {
    hidden: ct('marks.hidden'),
    pending: ct('marks.pending'),
    private: ct('marks.privateOwn'),
  }
  return (
    <span className="iw-card-marks" data-testid="card-marks">
      {spotlit ? (
        <span className="iw-card-mark iw-card-mark-spotlight">
          <span aria-hidden="true">★ </span>
          {ct('marks.spotlight')}
        </span>
      ) : null}
      {marks.map((mark) => (
        <span key={mark} className={`iw-card-mark iw-card-mark-${mark}`} data-mark={mark}>
          {text[mark]}
        </span>
      ))}
    </span>
  )
}

/** Dots and +/- for one target, for participants in an open round it belongs to. */
export function VoteControls({ kind, id, label }: { kind: TargetKind; id: string; label: string }) {
  const ct = useControlT()
  const ctx = useControlContext()
  // Votes in flight: they go out in order (controlApi.vote), so every press counts.
  const [busy, setBusy] = useState(0)
  const control = ctx?.control ?? null
  if (!ctx || !control || control.me.role !== 'participant') return null
  if (!isVoteTarget(control, kind, id) || !control.myBallot || !control.round) return null
  const mine = dotsOn(control.myBallot.votes, id)
  const { remaining } = control.myBallot
  const max = control.round.maxPerTarget
  const name = label.trim() || ct('results.untitled')
  const short = name.length > 60 ? `${name.slice(0, 57)}…` : name

  // aria-disabled instead of disabled: the button keeps the focus and says why it cannot.
  const plusBlocked = remaining === 0 ? 'budget-exhausted' : mine >= max ? 'target-maximum' : null
  const vote = async (delta: 1 | -1) => {
    if (delta === 1 && plusBlocked) return ctx.announce(ct(`voteErrors.${plusBlocked}`), 'error')
    if (delta === -1 && mine === 0) return
    setBusy((n) => n + 1)
    await ctx.run((workshopId) => controlApi.vote(workshopId, id, delta))
    setBusy((n) => n - 1)
  }
  const noRepeat = (event: KeyboardEvent) => {
    stop(event)
    if (event.repeat) event.preventDefault()
  }

  return (
    <fieldset
      className="iw-vote"
      aria-label={ct('vote.group', { label: short })}
      data-testid="vote-controls"
      data-mine={mine}
      onPointerDown={stop}
      onPointerUp={stop}
      onKeyDown={noRepeat}
      onDoubleClick={(event) => event.stopPropagation()}
    >
      <button
        type="button"
        className="iw-vote-button"
        style={{ pointerEvents: 'all' }}
        aria-label={ct('vote.minus', { label: short })}
        data-testid="vote-minus"
        aria-disabled={mine === 0}
        onClick={() => void vote(-1)}
      >
        −
      </button>
      <span className="iw-vote-mine" data-testid="vote-mine">
        <span className="iw-dots-row" aria-hidden="true">
          {Array.from({ length: Math.min(mine, 5) }, (_, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: identical dots
            <span key={i} className="iw-dot" />
          ))}
        </span>
        <span aria-hidden="true">{mine}</span>
        <span className="iw-visually-hidden">{ct('vote.mine', { count: mine })}</span>
      </span>
      <button
        type="button"
        className="iw-vote-button"
        style={{ pointerEvents: 'all' }}
        aria-label={ct('vote.plus', { label: short })}
        data-testid="vote-plus"
        aria-disabled={plusBlocked !== null}
        aria-busy={busy > 0 || undefined}
        onClick={() => void vote(1)}
      >
        +
      </button>
    </fieldset>
  )
}
