/**
 * `/m/:boardId` — the phone view for people in the room on their own phone, over poor Wi-Fi:
 * phase and one-line instruction, the timer, the always-visible "Ihre Idee" field, my ideas with
 * their delivery state, voting with big buttons in the vote phase, and the ranked results after
 * the reveal. Offline-first: ideas go into the Y.Doc at once (kept in IndexedDB, merged by Yjs on
 * reconnect — never re-sent by hand, so never twice).
 */

import { useCallback } from 'react'
import { controlApi } from '../../api/control.ts'
import { useSession } from '../../api/session.ts'
import { useT } from '../../i18n/LangProvider.tsx'
import { EasyReadLink } from '../../ui/EasyReadLink.tsx'
import { newIdeaAuthor } from '../shared/author.ts'
import { BoardViewLinks } from '../shared/BoardViewLinks.tsx'
import { ForgetMe } from '../shared/ForgetMe.tsx'
import { PhaseTitle } from '../shared/PhaseTitle.tsx'
import { viewPermissions } from '../shared/permissions.ts'
import { ResistanceRating } from '../shared/ResistanceRating.tsx'
import { SpeakingRequest } from '../shared/SpeakingRequest.tsx'
import { TableDeviceNote } from '../shared/source.tsx'
import { Timer } from '../shared/Timer.tsx'
import { useAnnouncer } from '../shared/useAnnouncer.ts'
import { type BoardViewProps, useBoardView } from '../shared/useBoardView.ts'
import { useIdeas } from '../shared/useIdeas.ts'
import { useSentIdeas } from '../shared/useSentIdeas.ts'
import { latestResults, useVoting } from '../shared/useVoting.ts'
import { ViewHeader } from '../shared/ViewHeader.tsx'
import { IdeaComposer } from './IdeaComposer.tsx'
import { KeepReceipt } from './KeepReceipt.tsx'
import { MyIdeas } from './MyIdeas.tsx'
import { PhoneResults } from './PhoneResults.tsx'
import { PhoneVoting } from './PhoneVoting.tsx'

export function PhoneView(props: BoardViewProps) {
  const v = useT('views')
  const { boardId } = props
  const session = useSession()
  const { connection, snapshot, control, board, role, phase, title, heading } = useBoardView(
    props,
    (phase) => (phase ? v(`phase.${phase}`) : v('state.connecting')),
  )
  const visible = useIdeas(board, control)
  const can = viewPermissions(control)
  const sent = useSentIdeas(boardId, snapshot.state, visible.mine)
  const voting = useVoting(control, visible)
  const results = latestResults(control)
  const { message, announce } = useAnnouncer()
  const closed = snapshot.state === 'closed'

  const addIdea = useCallback(
    (text: string) => {
      if (!board || !control) throw new Error('not ready')
      const id = board.addIdea({
        text,
        ...newIdeaAuthor(control),
        clusterId: null,
      })
      announce(
        connection?.getSnapshot().state === 'offline'
          ? v('idea.savedOffline')
          : v('idea.sentStatus'),
      )
      return id
    },
    [board, control, connection, announce, v],
  )

  const withdrawHeld = async (ideaId: string) => {
    if (!control) return
    try {
      await controlApi.withdrawHeld(control.workshopId, ideaId)
      announce(v('idea.deleted'))
    } catch {
      announce(v('idea.withdrawFailed'))
    }
  }

  const disabledReason = closed
    ? v('state.closed')
    : !control
      ? v('state.connecting')
      : role === 'viewer'
        ? v('idea.readOnly')
        : can.addIdeas
          ? null
          : v('idea.notNow')
  const votingPhase = phase === 'vote'
  const showResults =
    results !== undefined && (!control?.round || control.round.status === 'revealed')
  const guestTitle =
    session.status === 'ready' && session.me?.kind === 'guest' ? session.me.workshop.title : null

  return (
    <div className="iwv-phone" data-testid="phone-view">
      <ViewHeader snapshot={snapshot} brand={guestTitle ?? 'Ideenwand'} />
      <main className="iwv-phone-main">
        <div className="iwv-phase">
          <p className="iwv-phase-label">{v('phaseLabel')}</p>
          <PhaseTitle heading={heading} title={title} phase={phase} rating={voting.rating} />
          <Timer connection={connection} timer={control?.timer} className="iwv-phone-timer" />
          <EasyReadLink />
        </div>
        {control?.me.table ? <TableDeviceNote table={control.me.table} /> : null}

        {/* After the reveal the results say it all: no "voting has not started" above them. */}
        {votingPhase && role !== 'viewer' && !(showResults && !control?.round) ? (
          voting.rating ? (
            <ResistanceRating voting={voting} />
          ) : (
            <PhoneVoting voting={voting} />
          )
        ) : null}
        {showResults && results ? <PhoneResults round={results} /> : null}

        {role !== 'viewer' ? (
          <IdeaComposer
            disabledReason={disabledReason}
            onAdd={addIdea}
            similar={{ ideas: visible.ideas, control }}
          />
        ) : null}
        <p role="status" className="iwv-live">
          {message}
        </p>

        {control?.me.role === 'participant' ? (
          <SpeakingRequest control={control} defaultChannel="room" announce={announce} />
        ) : null}

        {role !== 'viewer' ? (
          <MyIdeas
            ideas={visible.mine}
            control={control}
            canEdit={can.editOwnIdeas && !closed}
            delivery={sent.delivery}
            held={visible.held}
            onWithdraw={(id) => void withdrawHeld(id)}
            onEdit={(id, text) => {
              board?.setIdeaText(id, text)
              sent.markChanged(id)
            }}
            onDelete={(id) => {
              board?.deleteIdea(id)
              announce(v('idea.deleted'))
            }}
          />
        ) : null}
        {control?.me.role === 'participant' && !control.me.table ? <KeepReceipt /> : null}
      </main>
      <footer className="iwv-phone-footer">
        <BoardViewLinks boardId={boardId} current="phone" />
        {control && control.me.role !== 'facilitator' ? <ForgetMe /> : null}
      </footer>
    </div>
  )
}
