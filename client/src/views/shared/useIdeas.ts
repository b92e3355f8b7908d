/**
 * The board's ideas as a view may show them to this person, re-read after every change:
 *
 * - hidden ideas (moderation) are never shown to anyone but facilitators;
 * - pending ideas (pre-moderation) only to their author and facilitators;
 * - with private collection, until the facilitator reveals the ideas, participants (and the
 *   projector) see only their own ideas.
 *
 * Until the server's control state arrives nobody is known, so nothing is shown.
 */
import type { Board, Cluster, ClusterGroup, Idea } from '@ideenwand/board'
import { useMemo, useSyncExternalStore } from 'react'
import { isOwnIdea } from './author.ts'
import type { ControlState } from './useControl.ts'

export type { Cluster, ClusterGroup, Idea }

export interface VisibleIdeas {
  /** Unsorted bucket first, then every cluster in order (empty clusters included). */
  readonly groups: readonly ClusterGroup[]
  /** Every visible idea, oldest first. */
  readonly ideas: readonly Idea[]
  readonly clusters: readonly Cluster[]
  /**
   * Ideas this person wrote (visible or not to others), oldest first — also those the server
   * holds outside the board until they are public (pending, hidden, private; see `held`).
   */
  readonly mine: readonly Idea[]
  /** Ids of my ideas that are not public yet: on the server only, withdrawn over HTTP. */
  readonly held: ReadonlySet<string>
  readonly isMine: (idea: Idea) => boolean
}

const EMPTY: VisibleIdeas = {
  groups: [],
  ideas: [],
  clusters: [],
  mine: [],
  held: new Set(),
  isMine: () => false,
}

/** A number that changes after every transaction touching ideas or clusters. */
export function useBoardVersion(board: Board | null): number {
  const store = useMemo(() => {
    let version = 0
    return {
      subscribe: (onChange: () => void) =>
        board
          ? board.observe(() => {
              version += 1
              onChange()
            })
          : () => {},
      get: () => version,
    }
  }, [board])
  return useSyncExternalStore(store.subscribe, store.get)
}

/** Whether `control`'s person may see `idea` (see the module comment). */
export function ideaVisible(idea: Idea, control: ControlState): boolean {
  if (control.me.role === 'facilitator') return true
  const mine = isOwnIdea(idea, control.me)
  if (control.hiddenIdeaIds.includes(idea.id)) return false
  if (!mine && control.pendingIdeaIds.includes(idea.id)) return false
  if (!mine && control.privateCollection && !control.ideasRevealed) return false
  return true
}

export function useIdeas(board: Board | null, control: ControlState | null): VisibleIdeas {
  const version = useBoardVersion(board)
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` re-reads the board
  return useMemo(() => {
    if (!board || !control) return EMPTY
    const meId = control.me.id
    const isMine = (idea: Idea) => isOwnIdea(idea, control.me)
    const groups = board.ideasByCluster().map((group) => ({
      cluster: group.cluster,
      ideas: group.ideas.filter((idea) => ideaVisible(idea, control)),
    }))
    const all = board.ideas()
    const onBoard = new Set(all.map((idea) => idea.id))
    // Released ideas are back on the board a moment before the control state says so.
    const heldMine: Idea[] = control.heldIdeas
      .filter((h) => h.mine && !onBoard.has(h.id))
      .map((h) => ({
        id: h.id,
        text: h.text,
        authorId: meId,
        authorName: h.authorName,
        createdAt: h.createdAt,
        color: h.color as Idea['color'],
        clusterId: h.clusterId,
        // Its source is not shown to its author (facilitators see held ideas in their panel).
        source: 'own' as const,
        table: null,
        carriedFrom: null,
      }))
    return {
      groups,
      ideas: all.filter((idea) => ideaVisible(idea, control)),
      clusters: board.clusters(),
      mine: [...all.filter(isMine), ...heldMine].sort((a, b) => a.createdAt - b.createdAt),
      held: new Set(heldMine.map((idea) => idea.id)),
      isMine,
    }
  }, [board, control, version])
}
