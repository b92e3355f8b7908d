/**
 * Facilitator panel, "on the board": bring everyone to my view (follow), spotlight the selected
 * idea or cluster (and clear), hide or show the selected idea, and suggested clusters.
 */
import { MAX_IDEAS, suggestClusters } from '@ideenwand/cluster'
import type { ControlState } from '@ideenwand/protocol'
import { useId, useState } from 'react'
import { useValue } from 'tldraw'
import { controlApi } from '../api/control.ts'
import { isClusterFrame, isIdeaCard } from '../board/shapes/shapeTypes.ts'
import { useControlT } from '../i18n/useControlT.ts'
import { useControlContext } from './ControlContext.tsx'
import { type Proposal, SuggestClustersDialog } from './SuggestClustersDialog.tsx'
import { useControlAction } from './useControlAction.ts'

type Selected = { kind: 'idea' | 'cluster'; id: string } | null

export function CanvasControls({ control }: { control: ControlState }) {
  const ct = useControlT()
  const ctx = useControlContext()
  const editor = ctx?.editor ?? null
  const board = ctx?.board ?? null
  const { busy, act } = useControlAction()
  const hintId = useId()
  const [dialog, setDialog] = useState<{ proposals: Proposal[]; unsorted: number } | null>(null)

  const selected = useValue<Selected>('ctx selection', () => {
    const shape = editor?.getOnlySelectedShape() ?? undefined
    if (isIdeaCard(shape)) return { kind: 'idea', id: shape.props.ideaId }
    if (isClusterFrame(shape)) return { kind: 'cluster', id: shape.props.clusterId }
    return null
  }, [editor])
  const myUserId = editor?.user.getRecordId() ?? null
  const followingMe = control.follow !== null && control.follow === myUserId
  const hiddenSelected = selected?.kind === 'idea' && control.hiddenIdeaIds.includes(selected.id)
  const spotlit = control.spotlight !== null

  const suggest = () => {
    if (!board) return
    const hidden = new Set([...control.hiddenIdeaIds, ...control.pendingIdeaIds])
    const ideas = board.ideas().filter((i) => !hidden.has(i.id) && i.text.trim())
    if (ideas.length > MAX_IDEAS) {
      ctx?.announce(ct('suggest.tooMany'), 'error')
      return
    }
    const texts = new Map(ideas.map((i) => [i.id, i.text]))
    const { clusters, unsorted } = suggestClusters(ideas.map((i) => ({ id: i.id, text: i.text })))
    setDialog({
      proposals: clusters.map((c) => ({
        title: c.title,
        ideas: c.ideaIds.map((id) => ({ id, text: texts.get(id) ?? '' })),
      })),
      unsorted: unsorted.length,
    })
  }

  return (
    <section className="iw-panel-section" aria-labelledby="iw-fp-canvas">
      <h3 id="iw-fp-canvas">{ct('panel.canvasHeading')}</h3>
      <div className="iw-row iw-row-wrap">
        {followingMe ? (
          <button
            type="button"
            className="iw-button iw-button-small"
            aria-pressed="true"
            data-testid="follow-stop"
            disabled={busy}
            onClick={() => void act((id) => controlApi.settings(id, { follow: null }))}
          >
            {ct('panel.stopFollow')}
          </button>
        ) : (
          <button
            type="button"
            className="iw-button iw-button-small"
            data-testid="follow-me"
            disabled={busy || !myUserId}
            onClick={() =>
              myUserId && void act((id) => controlApi.settings(id, { follow: myUserId }))
            }
          >
            {ct('panel.followMe')}
          </button>
        )}
      </div>
      {followingMe ? <p className="iw-hint">{ct('panel.following')}</p> : null}
      <div className="iw-row iw-row-wrap">
        <button
          type="button"
          className="iw-button iw-button-small"
          data-testid="spotlight-selection"
          aria-describedby={selected ? undefined : hintId}
          disabled={busy || !selected}
          onClick={() =>
            selected && void act((id) => controlApi.settings(id, { spotlight: selected }))
          }
        >
          <span aria-hidden="true">★ </span>
          {ct('panel.spotlight')}
        </button>
        <button
          type="button"
          className="iw-button iw-button-small"
          data-testid="spotlight-clear"
          disabled={busy || !spotlit}
          onClick={() => void act((id) => controlApi.settings(id, { spotlight: null }))}
        >
          {ct('panel.clearSpotlight')}
        </button>
      </div>
      <div className="iw-row iw-row-wrap">
        <button
          type="button"
          className="iw-button iw-button-small"
          data-testid={hiddenSelected ? 'unhide-selection' : 'hide-selection'}
          aria-describedby={selected?.kind === 'idea' ? undefined : hintId}
          disabled={busy || selected?.kind !== 'idea'}
          onClick={() =>
            selected?.kind === 'idea' &&
            void act((id) => controlApi.hideIdea(id, selected.id, !hiddenSelected))
          }
        >
          {hiddenSelected ? ct('panel.unhideSelected') : ct('panel.hideSelected')}
        </button>
      </div>
      {selected ? null : (
        <p id={hintId} className="iw-hint">
          {ct('panel.selectFirst')}
        </p>
      )}
      <button
        type="button"
        className="iw-button"
        data-testid="suggest-clusters"
        disabled={!board || !editor}
        onClick={suggest}
      >
        {ct('panel.suggest')}
      </button>
      {dialog && editor && board ? (
        <SuggestClustersDialog
          proposals={dialog.proposals}
          unsortedCount={dialog.unsorted}
          editor={editor}
          board={board}
          onClose={() => setDialog(null)}
          onApplied={() => setDialog(null)}
        />
      ) : null}
    </section>
  )
}
