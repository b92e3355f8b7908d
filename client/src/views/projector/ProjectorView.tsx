/**
 * `/p/:boardId` — the room's projector (viewer role): very large type, high contrast, the join
 * QR and the participant code in huge letters, the timer, the phase instruction, a live idea
 * count, and on reveal the results as a bar chart ("Ergebnisse werden gleich gezeigt" while a
 * round is open or closed but not revealed).
 */
import type { CarriedFrom } from '@ideenwand/board'
import { useEffect, useMemo, useState } from 'react'
import { controlApi } from '../../api/control.ts'
import { useT } from '../../i18n/LangProvider.tsx'
import { boardPath, navigate } from '../../router.ts'
import { usePolling } from '../../ui/usePolling.ts'
import { BoardViewLinks } from '../shared/BoardViewLinks.tsx'
import { ConnectionBadge, ConnectionBanner } from '../shared/ConnectionBadge.tsx'
import { Timer } from '../shared/Timer.tsx'
import { type BoardViewProps, useBoardView } from '../shared/useBoardView.ts'
import { useBoardVersion } from '../shared/useIdeas.ts'
import { latestResults } from '../shared/useVoting.ts'
import { ProjectorSpeaking } from './ProjectorSpeaking.tsx'
import { ResultsChart } from './ResultsChart.tsx'

/** The invite code may be rotated by the facilitator; the projector re-reads it now and then. */
const JOIN_INFO_REFRESH_MS = 30_000

interface JoinInfo {
  code: string
  joinUrl: string
  enabled: boolean
}

export function ProjectorView(props: BoardViewProps) {
  const v = useT('views')
  const { boardId, access } = props
  const { connection, snapshot, control, board, phase, title, heading } = useBoardView(
    props,
    (phase) => (phase ? v(`phase.${phase}`) : v('projector.title')),
  )
  const version = useBoardVersion(board)

  const [join, setJoin] = useState<JoinInfo | null>(null)
  const [joinFailed, setJoinFailed] = useState(false)
  usePolling(
    async () => {
      try {
        setJoin(await controlApi.joinInfo(access.workshopId))
        setJoinFailed(false)
      } catch {
        setJoinFailed(true)
      }
    },
    JOIN_INFO_REFRESH_MS,
    [access.workshopId],
  )

  // A number only, so it may count ideas a private collection hides — but never hidden ones
  // or ideas still waiting for approval.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` re-counts after changes
  const ideaCount = useMemo(
    () =>
      board && control
        ? board
            .ideas()
            .filter(
              (idea) =>
                !control.hiddenIdeaIds.includes(idea.id) &&
                !control.pendingIdeaIds.includes(idea.id),
            ).length
        : null,
    [board, control, version],
  )

  // Ideas carried from another workshop (issue 20 §1): the results chart says where from. Read
  // again with each control state too (the reveal), not only on board changes: the board may
  // have synced before the version counter subscribed.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` and `control` re-read it
  const carried = useMemo(() => {
    const map = new Map<string, CarriedFrom>()
    for (const idea of board?.ideas() ?? [])
      if (idea.carriedFrom) map.set(idea.id, idea.carriedFrom)
    return map
  }, [board, control, version])

  // "Bring everyone to me": the projector switches to the whiteboard, following the facilitator,
  // and comes back here when the facilitator stops (see control/useCanvasControl.ts).
  const follow = control?.follow ?? null
  useEffect(() => {
    if (follow) navigate(`${boardPath(boardId)}?projector=1`, { replace: true })
  }, [follow, boardId])

  const round = control?.round ?? null
  const results = latestResults(control)
  const waitingForResults = round !== null && round.status !== 'revealed'
  const showResults = !waitingForResults && results !== undefined

  return (
    <div className={`iwp ${showResults ? 'iwp-fit' : ''}`} data-testid="projector-view">
      <ConnectionBanner snapshot={snapshot} />
      <main className={`iwp-main ${showResults ? 'iwp-main-results' : ''}`}>
        <section className="iwp-status" aria-labelledby="iwp-phase">
          <p className="iwp-phase-label">{v('phaseLabel')}</p>
          <h1 id="iwp-phase" ref={heading} tabIndex={-1}>
            {title}
          </h1>
          {phase ? (
            <p className="iwp-instruction">
              {v(
                phase === 'vote' && round?.status === 'open' && round.method === 'resistance'
                  ? 'resistance.instruction'
                  : `instruction.${phase}`,
              )}
            </p>
          ) : null}
          <Timer connection={connection} timer={control?.timer} className="iwp-timer" />
          {ideaCount !== null ? (
            <p className="iwp-count" data-testid="projector-idea-count" aria-live="polite">
              <span className="iwp-count-number">{ideaCount}</span>{' '}
              <span className="iwp-count-label">{v('projector.ideaCountLabel')}</span>
            </p>
          ) : null}
          {control ? <ProjectorSpeaking speaking={control.speaking} /> : null}
        </section>

        <section className="iwp-join" aria-labelledby="iwp-join">
          <h2 id="iwp-join">{v('projector.join')}</h2>
          {join?.enabled ? (
            <>
              <img
                className="iwp-qr"
                src={controlApi.joinQrUrl(access.workshopId, join.code)}
                alt={v('projector.qrAlt')}
                data-testid="projector-qr"
              />
              <p className="iwp-url">{join.joinUrl.replace(/^https?:\/\//, '')}</p>
              <p className="iwp-code-label">{v('projector.code')}</p>
              <p className="iwp-code" data-testid="projector-code">
                {join.code}
              </p>
            </>
          ) : join || joinFailed ? (
            <p className="iwp-note">{v('projector.codeUnavailable')}</p>
          ) : null}
        </section>

        {waitingForResults || showResults ? (
          <section className="iwp-results" aria-live="polite">
            {waitingForResults ? (
              <p className="iwp-soon" data-testid="projector-results-soon">
                {v('results.soon')}
              </p>
            ) : results ? (
              <ResultsChart round={results} carried={carried} />
            ) : null}
          </section>
        ) : null}
      </main>
      <footer className="iwp-footer">
        <ConnectionBadge snapshot={snapshot} />
        <BoardViewLinks boardId={boardId} current="projector" show={['canvas', 'list']} />
      </footer>
    </div>
  )
}
