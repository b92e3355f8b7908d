/**
 * Who sees which idea on the canvas, from the control state. This is presentation only: the
 * board document is shared, so a determined participant could read hidden or private ideas from
 * it — the server keeps votes and moderation decisions, not idea texts, secret.
 *
 * - Facilitators see every idea; hidden and pending ones carry a mark.
 * - Everyone else: hidden ideas are not shown; pending ideas (pre-moderation) only to their
 *   author; during private collection (before "Ideen aufdecken") only their own ideas.
 *
 * "Own" means `idea.authorId === control.me.id` (the server identity of the guest or
 * facilitator): new ideas carry it even when they are anonymous.
 */
import type { ControlState } from '@ideenwand/protocol'

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
  const own = idea.authorId !== null && idea.authorId === control.me.id
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
