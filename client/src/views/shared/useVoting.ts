/**
 * Dot voting for the views: which targets the open round offers (ideas or clusters, the round's
 * list or everything visible), my dots per target, dots left, and `vote(target, ±1)` through the
 * flow API. The server decides (secret ballot, limits); its answer updates the ballot at once,
 * the next control message confirms it.
 */
import type { RoundInfo } from '@ideenwand/protocol'
import { useCallback, useEffect, useState } from 'react'
import { flowApi } from '../../api/flow.ts'
import type { ControlState } from './useControl.ts'
import type { VisibleIdeas } from './useIdeas.ts'

export interface VoteTarget {
  readonly id: string
  readonly label: string
}

export interface Ballot {
  readonly votes: Readonly<Record<string, number>>
  readonly remaining: number
}

export interface Voting {
  readonly round: RoundInfo | null
  /** The round is open and the phase allows voting. */
  readonly open: boolean
  readonly targets: readonly VoteTarget[]
  readonly ballot: Ballot | null
  readonly busy: string | null
  readonly error: string | null
  readonly vote: (targetId: string, delta: 1 | -1) => void
}

export function voteTargets(
  round: RoundInfo,
  visible: VisibleIdeas,
  untitled: string,
): VoteTarget[] {
  const wanted = round.targetIds ? new Set(round.targetIds) : null
  const pool =
    round.targetKind === 'cluster'
      ? visible.clusters.map((c) => ({ id: c.id, label: c.title.trim() || untitled }))
      : visible.ideas.map((i) => ({ id: i.id, label: i.text.trim() || '…' }))
  return wanted ? pool.filter((target) => wanted.has(target.id)) : pool
}

export function useVoting(
  control: ControlState | null,
  visible: VisibleIdeas,
  untitled: string,
  failedMessage: string,
): Voting {
  const [local, setLocal] = useState<Ballot | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const serverBallot = control?.myBallot ?? null
  // A new control message is the server's word; drop the optimistic copy.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on every new ballot object
  useEffect(() => setLocal(null), [serverBallot])

  const round = control?.round ?? null
  const open = !!round && round.status === 'open' && control?.phase === 'vote'
  const workshopId = control?.workshopId ?? null
  const vote = useCallback(
    (targetId: string, delta: 1 | -1) => {
      if (!workshopId) return
      setBusy(targetId)
      setError(null)
      flowApi.vote(workshopId, targetId, delta).then(
        (ballot) => {
          setLocal(ballot)
          setBusy(null)
        },
        () => {
          setError(failedMessage)
          setBusy(null)
        },
      )
    },
    [workshopId, failedMessage],
  )

  return {
    round,
    open,
    targets: round ? voteTargets(round, visible, untitled) : [],
    ballot: local ?? serverBallot,
    busy,
    error,
    vote,
  }
}

/** The latest revealed round, if any. */
export function latestResults(control: ControlState | null) {
  const history = control?.history ?? []
  return history.length > 0 ? history[history.length - 1] : undefined
}
