/**
 * Who sees which idea on the canvas, from the control state. Hidden, pending and private ideas
 * are not in the shared document at all (the server holds them, issue 14 §2); this covers the
 * moment between a change of the control state and the server's update of the board.
 *
 * - Facilitators see every idea; hidden and pending ones carry a mark.
 * - Everyone else: hidden ideas are not shown; pending ideas (pre-moderation) only to their
 *   author; during private collection (before "Ideen aufdecken") only their own ideas.
 *
 * "Own" means `idea.authorId === control.me.id` (the server identity of the guest or
 * facilitator), or, for anonymous ideas that name nobody, the server's record (`me.ideaIds`).
 */
import type { ControlState } from '@ideenwand/protocol'
import { isOwnIdea } from '../views/shared/author.ts'

export type IdeaMark = 'hidden' | 'pending' | 'private'

export interface IdeaView {
  /** Whether the card is rendered at all for this person. */
  shown: boolean
  /** Marks shown on the card (to facilitators, and "private" to the author). */
  marks: IdeaMark[]
}

type ControlForVisibility = Pick<
  ControlState,
  'hiddenIdeaIds' | 'pendingIdeaIds' | 'privateCollection' | 'ideasRevealed' | 'me'
>

export function ideaView(
  idea: { id: string; authorId: string | null },
  control: ControlForVisibility | null,
): IdeaView {
  if (!control) return { shown: true, marks: [] }
  const hidden = control.hiddenIdeaIds.includes(idea.id)
  const pending = control.pendingIdeaIds.includes(idea.id)
  const own = isOwnIdea(idea, control.me)
  const isPrivate = control.privateCollection && !control.ideasRevealed
  if (control.me.role === 'facilitator') {
    const marks: IdeaMark[] = []
    if (hidden) marks.push('hidden')
    if (pending) marks.push('pending')
    return { shown: true, marks }
  }
  if (hidden) return { shown: false, marks: [] }
  if (pending && !own) return { shown: false, marks: [] }
  if (isPrivate && !own) return { shown: false, marks: [] }
  const marks: IdeaMark[] = []
  if (pending) marks.push('pending')
  if (isPrivate) marks.push('private')
  return { shown: true, marks }
}

/** Ids of the ideas this person does not see. */
export function invisibleIdeaIds(
  ideas: readonly { id: string; authorId: string | null }[],
  control: ControlForVisibility | null,
): Set<string> {
  const result = new Set<string>()
  if (!control || control.me.role === 'facilitator') return result
  for (const idea of ideas) if (!ideaView(idea, control).shown) result.add(idea.id)
  return result
}
