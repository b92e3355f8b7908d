/**
 * `/l/:boardId` — the accessible way to take part (screen reader, keyboard only): the whole board
 * as a semantic outline. One `<h1>` with the phase, each cluster an `<h2>` (unsorted first), ideas
 * as list items with their controls; a form to add an idea; cluster tools for facilitators;
 * changes by others announced in a polite live region.
 */

import { dotsOn } from '@ideenwand/board'
import { useCallback, useRef, useState } from 'react'
import { controlApi } from '../../api/control.ts'
import { useT } from '../../i18n/LangProvider.tsx'
import { EasyReadLink } from '../../ui/EasyReadLink.tsx'
import { FormMessage } from '../../ui/Field.tsx'
import { MyIdeas } from '../phone/MyIdeas.tsx'
import { PhoneResults } from '../phone/PhoneResults.tsx'
import { newIdeaAuthor } from '../shared/author.ts'
import { BoardViewLinks } from '../shared/BoardViewLinks.tsx'
import { ForgetMe } from '../shared/ForgetMe.tsx'
import { PhaseTitle } from '../shared/PhaseTitle.tsx'
import { viewPermissions } from '../shared/permissions.ts'
import { ResistanceRating } from '../shared/ResistanceRating.tsx'
import { SpeakingRequest } from '../shared/SpeakingRequest.tsx'
import { sourceLabel, TableDeviceNote } from '../shared/source.tsx'
import { Timer, useRemainingMs } from '../shared/Timer.tsx'
import { useAnnouncer } from '../shared/useAnnouncer.ts'
import { type BoardViewProps, useBoardView } from '../shared/useBoardView.ts'
import { type Idea, useIdeas } from '../shared/useIdeas.ts'
import { latestResults, useVoting } from '../shared/useVoting.ts'
import { ViewHeader } from '../shared/ViewHeader.tsx'
import { AddIdeaForm } from './AddIdeaForm.tsx'
import { ClusterTools, NewClusterForm } from './ClusterTools.tsx'
import { ListIdea } from './ListIdea.tsx'
import { useListAnnouncements } from './useListAnnouncements.ts'
import type { TargetVote } from './VoteControls.tsx'
import { VoteControls } from './VoteControls.tsx'

/** A move here also moves the idea's card on the whiteboard (one move, one truth). */
const WITH_CARD = { withCard: true } as const

export function ListView(props: BoardViewProps) {
  const v = useT('views')
  const { boardId } = props
  const { open, connection, snapshot, control, board, phase, title, heading } = useBoardView(
    props,
    (phase) => (phase ? v('list.title', { phase: v(`phase.${phase}`) }) : v('state.connecting')),
  )
  const visible = useIdeas(board, control)
  const closed = snapshot.state === 'closed'
  const can = closed ? viewPermissions(null) : viewPermissions(control)
  const voting = useVoting(control, visible)
  const results = latestResults(control)
  const remaining = useRemainingMs(connection, control?.timer)
  const { message, announce } = useAnnouncer()
  useListAnnouncements(visible, control, remaining, !!open?.loadedFrom, v, announce)

  /** After a move the idea's select (in its new section) takes the focus again. */
  const [focus, setFocus] = useState<{ id: string; n: number }>({ id: '', n: 0 })
  const sectionHeadings = useRef(new Map<string, HTMLHeadingElement>())

  const clusterTitle = useCallback(
    (clusterId: string | null) => {
      if (clusterId === null) return v('idea.unsorted')
      const cluster = visible.clusters.find((c) => c.id === clusterId)
      return cluster?.title.trim() || v('idea.untitledCluster')
    },
    [visible.clusters, v],
  )

  const targetVote = (targetId: string): TargetVote | null => {
    if (!voting.open || !voting.ballot) return null
    if (!voting.targets.some((target) => target.id === targetId)) return null
    const mine = dotsOn(voting.ballot.votes, targetId)
    const max = voting.ballot.maxPerTarget ?? voting.round?.maxPerTarget ?? 0
    return {
      mine,
      canMinus: mine > 0,
      canPlus: voting.ballot.remaining > 0 && (max === 0 || mine < max),
      onVote: (delta) => voting.vote(targetId, delta),
      table: voting.table,
    }
  }

  const badgesOf = (idea: Idea): string[] => {
    const badges: string[] = []
    // Where it came from, for facilitators (issue 19 §2); own devices need no badge.
    if (can.facilitator && idea.source !== 'own') badges.push(sourceLabel(v, idea))
    if (control?.hiddenIdeaIds.includes(idea.id)) badges.push(v('idea.hiddenBadge'))
    if (control?.pendingIdeaIds.includes(idea.id)) badges.push(v('idea.pendingBadge'))
    const status = control?.ideaStatus[idea.id]
    if (status) badges.push(v('idea.statusBadge', { status: v(`idea.statuses.${status}`) }))
    return badges
  }

  const roundKind = voting.open ? voting.round?.targetKind : null
  const showResults =
    results !== undefined && (!control?.round || control.round.status === 'revealed')

  return (
    <div className="iwl" data-testid="list-view">
      <ViewHeader snapshot={snapshot} />
      <main className="iwl-main">
        <BoardViewLinks boardId={boardId} current="list" />
        {control && control.me.role !== 'facilitator' && !control.me.table ? <ForgetMe /> : null}
        <PhaseTitle heading={heading} title={title} phase={phase} rating={voting.rating} />
        <Timer connection={connection} timer={control?.timer} />
        <EasyReadLink />
        {control?.me.table ? <TableDeviceNote table={control.me.table} /> : null}
        <p role="status" className="iw-visually-hidden" data-testid="list-announcer">
          {message}
        </p>
        {voting.open && voting.ballot ? (
          <p className="iwv-dots-left" role="status" data-testid="list-dots-left">
            {v('vote.dotsLeft', { count: voting.ballot.remaining })}
          </p>
        ) : null}
        {voting.stranded.length > 0 && voting.ballot ? (
          <section className="iwv-section" aria-labelledby="iwl-stranded">
            <h2 id="iwl-stranded">{v('vote.stranded')}</h2>
            <p className="iw-hint">{v('vote.strandedHint')}</p>
            <ul className="iwl-ideas" data-testid="list-stranded">
              {voting.stranded.map((target) => (
                <li key={target.id}>
                  {target.label}{' '}
                  <VoteControls
                    label={target.label}
                    vote={{
                      mine: dotsOn(voting.ballot?.votes ?? {}, target.id),
                      canMinus: true,
                      canPlus: false,
                      onVote: (delta) => voting.vote(target.id, delta),
                    }}
                  />
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {voting.error && !voting.rating ? (
          <FormMessage kind="error">{voting.error}</FormMessage>
        ) : null}
        {control?.me.role === 'participant' ? <ResistanceRating voting={voting} /> : null}
        {control?.round && control.round.status === 'closed' ? <p>{v('results.soon')}</p> : null}
        {showResults && results ? <PhoneResults round={results} /> : null}

        {control?.me.role === 'participant' ? (
          <SpeakingRequest control={control} defaultChannel={null} announce={announce} />
        ) : null}

        {can.addIdeas ? (
          <AddIdeaForm
            clusters={visible.clusters}
            similar={{ ideas: visible.ideas, control }}
            offerPaper={can.facilitator}
            onAdd={(text, clusterId, fromPaper) => {
              if (!board || !control) return
              board.addIdea({
                text,
                ...newIdeaAuthor(control),
                clusterId,
                // Typed in from a paper card: the facilitator is not its author (issue 19 §2).
                ...(fromPaper ? { source: 'paper' as const, authorName: null } : {}),
              })
              announce(v('idea.sentStatus'))
            }}
          />
        ) : null}

        {visible.held.size > 0 ? (
          <MyIdeas
            ideas={visible.mine.filter((idea) => visible.held.has(idea.id))}
            control={control}
            canEdit={false}
            delivery={() => 'sent'}
            held={visible.held}
            onEdit={() => {}}
            onDelete={() => {}}
            onWithdraw={(id) => {
              if (!control) return
              controlApi.withdrawHeld(control.workshopId, id).then(
                () => announce(v('idea.deleted')),
                () => announce(v('idea.withdrawFailed')),
              )
            }}
          />
        ) : null}

        {visible.groups.map((group) => {
          const key = group.cluster?.id ?? ''
          const groupTitle = clusterTitle(group.cluster?.id ?? null)
          const headingId = `iwl-cluster-${key || 'unsorted'}`
          const clusterVote =
            group.cluster && roundKind === 'cluster' ? targetVote(group.cluster.id) : null
          return (
            <section key={key} className="iwl-cluster" aria-labelledby={headingId}>
              <h2
                id={headingId}
                tabIndex={-1}
                ref={(el) => {
                  if (el) sectionHeadings.current.set(key, el)
                  else sectionHeadings.current.delete(key)
                }}
              >
                {groupTitle}{' '}
                <span className="iwv-count">
                  ({v('list.clusterCount', { count: group.ideas.length })})
                </span>
              </h2>
              {clusterVote ? <VoteControls vote={clusterVote} label={groupTitle} /> : null}
              {group.cluster && can.manageClusters ? (
                <ClusterTools
                  cluster={group.cluster}
                  title={groupTitle}
                  others={visible.clusters
                    .filter((other) => other.id !== key)
                    .map((other) => ({ id: other.id, title: clusterTitle(other.id) }))}
                  onRename={(next) => board?.renameCluster(key, next)}
                  onMerge={(targetId) => {
                    if (!board) return
                    const target = clusterTitle(targetId)
                    board.mergeClusters(key, targetId, WITH_CARD)
                    announce(v('list.merged', { source: groupTitle, target }))
                    sectionHeadings.current.get(targetId)?.focus()
                  }}
                  onDelete={() => {
                    board?.deleteCluster(key)
                    announce(v('idea.deleted'))
                    heading.current?.focus()
                  }}
                />
              ) : null}
              {group.ideas.length === 0 ? (
                <p className="iw-muted">{v('list.empty')}</p>
              ) : (
                <ul className="iwl-ideas">
                  {group.ideas.map((idea) => {
                    const mine = visible.isMine(idea)
                    return (
                      <ListIdea
                        key={idea.id}
                        idea={idea}
                        clusters={visible.clusters}
                        showAuthor={!control?.anonymousIdeas}
                        mine={mine}
                        canEdit={can.editOwnIdeas && (mine || can.facilitator)}
                        canMove={can.arrange}
                        canColor={can.editOwnIdeas && (mine || can.facilitator)}
                        badges={badgesOf(idea)}
                        supports={control?.support[idea.id]}
                        vote={roundKind === 'idea' ? targetVote(idea.id) : null}
                        focusRequest={focus.id === idea.id ? focus.n : 0}
                        onEdit={(text) => board?.setIdeaText(idea.id, text)}
                        onPaper={
                          can.facilitator && idea.source !== 'table'
                            ? (paper) => board?.setIdeaSource(idea.id, paper ? 'paper' : 'own')
                            : undefined
                        }
                        onDelete={() => {
                          board?.deleteIdea(idea.id)
                          announce(v('idea.deleted'))
                          sectionHeadings.current.get(key)?.focus()
                        }}
                        onMove={(clusterId) => {
                          board?.moveIdea(idea.id, clusterId, WITH_CARD)
                          setFocus((f) => ({ id: idea.id, n: f.n + 1 }))
                          announce(v('list.moved', { cluster: clusterTitle(clusterId) }))
                        }}
                        onSplit={(newTitle) => {
                          board?.splitCluster([idea.id], newTitle, WITH_CARD)
                          setFocus((f) => ({ id: idea.id, n: f.n + 1 }))
                          announce(v('list.split', { cluster: newTitle }))
                        }}
                        onColor={(color) => board?.updateIdea(idea.id, { color })}
                      />
                    )
                  })}
                </ul>
              )}
            </section>
          )
        })}

        {can.manageClusters ? (
          <NewClusterForm
            onCreate={(clusterTitleText) => {
              board?.addCluster({ title: clusterTitleText })
              announce(clusterTitleText)
            }}
          />
        ) : null}
      </main>
    </div>
  )
}
