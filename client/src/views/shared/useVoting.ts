/**
 * Voting for the views: which targets the open round offers (ideas or clusters, the round's
 * list or everything visible), my dots per target, dots left, and `vote(target, ±1)` through the
 * control API; in a resistance round my ratings (0–10) per option, options not rated yet, and
 * `rate(target, value)`. The server decides (secret ballot, limits); its answer updates the
 * ballot at once, the next control message confirms it.
 */
import type { CarriedFrom } from '@ideenwand/board'
import type { RoundInfo } from '@ideenwand/protocol'
import { useCallback, useEffect, useState } from 'react'
import { controlApi } from '../../api/control.ts'
import { useT } from '../../i18n/LangProvider.tsx'
import type { ControlState } from './useControl.ts'
import type { VisibleIdeas } from './useIdeas.ts'

export interface VoteTarget {
  readonly id: string
  readonly label: string
  /** An idea carried from another workshop (issue 20 §1): where from; else absent. */
  readonly carriedFrom?: CarriedFrom | null
}

export interface Ballot {
  readonly votes: Readonly<Record<string, number>>
  readonly remaining: number
  /** A table device's own cap per target (the round's × its people, issue 19 §2). */
  readonly maxPerTarget?: number
}

export interface Voting {
  readonly round: RoundInfo | null
  /** A dot round is open and the phase allows voting. */
  readonly open: boolean
  /** A resistance round is open and the phase allows rating. */
  readonly rating: boolean
  /** This device is a table's shared device: its dots are the table's (issue 19 §2). */
  readonly table: boolean
  readonly targets: readonly VoteTarget[]
  /**
   * What holds my dots but is no target any more (hidden or deleted during the round): its dots
   * can still be taken back, so the budget is never stuck.
   */
  readonly stranded: readonly VoteTarget[]
  readonly ballot: Ballot | null
  /** Votes sent and not answered yet (they go out in order; the buttons stay usable). */
  readonly busy: number
  readonly error: string | null
  readonly vote: (targetId: string, delta: 1 | -1) => void
  /** Sets my resistance (0–10) to an option of the open resistance round. */
  readonly rate: (targetId: string, resistance: number) => void
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
      : visible.ideas.map((i) => ({
          id: i.id,
          label: i.text.trim() || '…',
          carriedFrom: i.carriedFrom,
        }))
  return wanted ? pool.filter((target) => wanted.has(target.id)) : pool
}

/** Ballot entries outside `targets`, labelled by the idea if still shown, else `gone`. */
export function strandedTargets(
  ballot: Ballot | null,
  targets: readonly VoteTarget[],
  visible: VisibleIdeas,
  gone: string,
): VoteTarget[] {
  if (!ballot) return []
  const live = new Set(targets.map((t) => t.id))
  return Object.keys(ballot.votes)
    .filter((id) => !live.has(id) && (ballot.votes[id] ?? 0) > 0)
    .map((id) => ({ id, label: visible.ideas.find((i) => i.id === id)?.text.trim() || gone }))
}

/** Voting for the views, with their words for an untitled cluster, a failed vote and a hidden idea. */
export function useVoting(control: ControlState | null, visible: VisibleIdeas): Voting {
  const v = useT('views')
  const untitled = v('idea.untitledCluster')
  const round = control?.round ?? null
  const failedMessage = v(round?.method === 'resistance' ? 'resistance.failed' : 'vote.failed')
  const gone = v('vote.hiddenTarget')
  const [local, setLocal] = useState<Ballot | null>(null)
  const [busy, setBusy] = useState(0)
  const [error, setError] = useState<string | null>(null)
  const serverBallot = control?.myBallot ?? null
  // A new control message is the server's word; drop the optimistic copy.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on every new ballot object
  useEffect(() => setLocal(null), [serverBallot])

  const live = !!round && round.status === 'open' && control?.phase === 'vote'
  const open = live && round.method === 'dots'
  const workshopId = control?.workshopId ?? null
  const send = useCallback(
    (request: (workshopId: string) => Promise<Ballot>) => {
      if (!workshopId) return
      setBusy((n) => n + 1)
      setError(null)
      request(workshopId).then(
        (ballot) => {
          setLocal(ballot)
          setBusy((n) => n - 1)
        },
        () => {
          setError(failedMessage)
          setBusy((n) => n - 1)
        },
      )
    },
    [workshopId, failedMessage],
  )
  const vote = useCallback(
    (targetId: string, delta: 1 | -1) => send((id) => controlApi.vote(id, targetId, delta)),
    [send],
  )
  const rate = useCallback(
    (targetId: string, value: number) => send((id) => controlApi.rate(id, targetId, value)),
    [send],
  )

  const targets = round ? voteTargets(round, visible, untitled) : []
  const ballot = local ?? serverBallot
  return {
    round,
    open,
    rating: live && round.method === 'resistance',
    table: control?.me.table != null,
    targets,
    stranded: open ? strandedTargets(ballot, targets, visible, gone) : [],
    ballot,
    busy,
    error,
    vote,
    rate,
  }
}

/** The latest revealed round, if any. */
export function latestResults(control: ControlState | null) {
  const history = control?.history ?? []
  return history.length > 0 ? history[history.length - 1] : undefined
}
